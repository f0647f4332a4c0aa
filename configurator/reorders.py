"""Buying a configuration again: from a past order's line (its frozen snapshot) or from a saved design.

A past configuration is never bought at its old price: it is quoted again on the product's published model
(``requote_configuration``), and the shopper is told what changed (options no longer offered and dropped, the price
then and now, when it would ship), or why it cannot be bought again. Each function returns an ``Outcome``; the views
only turn it into messages.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from oscar.templatetags.currency_filters import currency

from configurator.basket_lines import CONFIGURATION_OPTION_CODE
from configurator.models import SavedConfiguration
from configurator.selectors import current_version_for_slug, quote_selection
from configurator.services import add_configuration_to_basket, requote_configuration
from configurator.ship_dates import estimate_ship_date
from shop.apps.basket.models import BasketNotEditable, LineQuantityTooHigh
from shop.dates import long_date


@dataclass
class Outcome:
    """What happened to one item: ``added`` to the basket (with ``quantity``) or not, and the sentences saying why
    or what changed."""

    title: str
    added: bool = False
    quantity: int = 0
    changes: list = field(default_factory=list)

    @property
    def message(self):
        if not self.added:
            return f"{self.title} cannot be bought again: {' '.join(self.changes)}"
        what = f"{self.quantity} × {self.title}" if self.quantity > 1 else self.title
        return f"{what} is in your basket. {' '.join(self.changes)}".strip()


def ordered_quote(line):
    """The quote an order line was bought at, rebuilt (unsaved) from its frozen snapshot: its version, choices,
    price and making time are what the order says, whatever happened to the saved configuration since."""
    snapshot = line.configuration.snapshot
    return SavedConfiguration(code=line.configuration.code, version=line.configuration.version,
                              choices=snapshot["choices"], price_breakdown=snapshot["price"],
                              total=Decimal(snapshot["price"]["total"]), currency=line.order.currency,
                              lead_time_days=snapshot["lead_time_days"], is_complete=True)


def buy_again(*, basket, quote, quantity, owner, shopper, title):
    """Quote ``quote`` again on today's published model and put it in ``basket``; say what changed."""
    new, changes = requote_configuration(quote=quote, owner=owner, shopper=shopper)
    if new is None:
        return Outcome(title, changes=changes)
    if new.total == quote.total:
        changes.append(f"The price is {currency(new.total, new.currency)}, as it was.")
    return _add(basket, new, quantity, title, changes, shopper)


def add_design(*, basket, quote, owner, shopper):
    """A saved design into the basket: as it is while its quote holds, quoted again once expired or outdated."""
    title = quote.version.configurable.product.get_title()
    current = current_version_for_slug(quote.version.configurable.product.slug)
    if quote.is_expired or current is None or current.pk != quote.version_id:
        return buy_again(basket=basket, quote=quote, quantity=1, owner=owner, shopper=shopper, title=title)
    if not quote.is_complete:
        return Outcome(title, changes=["some of its steps are not finished: reopen it to finish them."])
    return _add(basket, quote, 1, title, [], shopper)


def reorder_line(*, basket, line, owner, shopper):
    """One line of a past order into the basket: a configured line quoted again, any other as Oscar re-orders it."""
    if not hasattr(line, "configuration"):
        return _reorder_stock_line(basket, line)
    return buy_again(basket=basket, quote=ordered_quote(line), quantity=line.quantity, owner=owner, shopper=shopper,
                     title=line.title)


def _add(basket, quote, quantity, title, changes, shopper):
    try:
        add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
    except (BasketNotEditable, LineQuantityTooHigh) as refused:
        return Outcome(title, changes=[str(refused)])
    selection = quote_selection(quote)
    ships = estimate_ship_date(quote.version, sorted(selection.options), quantity=quantity,
                               texts=dict(selection.texts), express=shopper.express_production)
    return Outcome(title, added=True, quantity=quantity,
                   changes=[*changes, f"If you pay today it ships by {long_date(ships)}."])


def _reorder_stock_line(basket, line):
    available, reason = line.is_available_to_reorder(basket, basket.strategy)
    if not available:
        return Outcome(line.title, changes=[str(reason)])
    options = [{"option": attribute.option, "value": attribute.value} for attribute in line.attributes.all()
               if attribute.option and attribute.option.code != CONFIGURATION_OPTION_CODE]
    try:
        basket.add_product(line.product, line.quantity, options)
    except (BasketNotEditable, LineQuantityTooHigh) as refused:
        return Outcome(line.title, changes=[str(refused)])
    return Outcome(line.title, added=True, quantity=line.quantity)
