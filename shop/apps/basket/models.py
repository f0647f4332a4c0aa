"""Fork of Oscar's basket.

- A configured line is priced from its saved quote when it is added.
- The basket knows when its made-to-order lines would ship if paid now (the configurator's ship-date planner), for
  its owner: a customer whose loyalty tier gives a free express slot is planned ahead of the ordinary queue.
- Once a payment has started, nothing in the basket may change. Oscar's `Line.save` checks the status of the
  basket object the request loaded, which may be minutes old: a line added while another request froze the
  basket for payment slipped through, and the order then cost more than the charge. Every write here re-reads
  the basket's status under a row lock, held until the write's transaction ends, so it either happens before
  the payment reads the basket (and is charged) or is refused.
- One line per configuration: a configured line's reference is its configuration's content (model version, options,
  measurements, texts), not its quote's code, so the same configuration added twice (two quotes) is one line with
  quantity 2, and the line then carries the newer quote.
- A line holds at most ``ATELIER_MAX_LINE_QUANTITY`` items; an addition or an update beyond it is refused whole. The
  check runs under the basket's row lock, so two additions at once cannot pass it together.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.functional import cached_property
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from configurator.basket_lines import (
    CONFIGURATION_OPTION_CODE,
    configuration_code_of_options,
    configuration_fingerprint,
    load_configuration_quotes,
)
from configurator.selectors import quote_selection, saved_configuration
from configurator.ship_dates import estimate_basket_ship_date
from configurator.shoppers import Shopper


class BasketNotEditable(PermissionDenied):
    """The basket is being paid for, or was ordered: it cannot change any more."""

    def __init__(self, status):
        self.status = status
        super().__init__(
            "Your basket is being paid for, so it cannot change now. Once the payment is finished (or given up), "
            "add this again." if status == AbstractBasket.FROZEN else
            f"This basket is {status.lower()} and cannot change any more.")


class LineQuantityTooHigh(ValueError):
    """More of one item than one basket line may hold (``ATELIER_MAX_LINE_QUANTITY``)."""

    def __init__(self, quantity):
        self.quantity = quantity
        super().__init__(too_many_message(quantity))


def too_many_message(quantity):
    cap = settings.ATELIER_MAX_LINE_QUANTITY
    return (f"You can have at most {cap} of the same item in your basket (this would make {quantity}); "
            f"nothing was changed.")


def lock_editable_basket(basket_id):
    """Lock the basket's row until the current transaction ends; refuse unless the basket can still be edited."""
    status = (Basket._default_manager.select_for_update().filter(pk=basket_id)
              .values_list("status", flat=True).first())
    if status is not None and status not in AbstractBasket.editable_statuses:
        raise BasketNotEditable(status)


class Basket(AbstractBasket):
    def get_stock_info(self, product, options):
        """The price stored on the line is the quote's, exactly as the strategy prices the line later."""
        code = configuration_code_of_options(options)
        if code is not None:
            return self.strategy.fetch_for_configuration(product, code, quote=self.saved_configuration(code))
        return super().get_stock_info(product, options)

    def saved_configuration(self, code):
        """The quote of a configuration code. While a configuration is being added, it is read once: the price, the
        line's reference and the cap per line all ask for it."""
        adding = self.__dict__.get("_quotes_being_added")
        if adding is None:
            return saved_configuration(code)
        if code not in adding:
            adding[code] = saved_configuration(code)
        return adding[code]

    @cached_property
    def configuration_quotes(self):
        """{line pk: (configuration code, saved quote or None)} of the configured lines, loaded once; the pricing
        strategy, the basket page and the basket's ship date all read it."""
        return load_configuration_quotes(self)

    @cached_property
    def shopper(self):
        """Whose basket it is, as the configurator sees them (their tier is read once, when first needed)."""
        return Shopper(self.owner_id)

    def estimated_ship_date(self, day=None):
        """When the made-to-order lines would ship if paid now (None when nothing in the basket is made to order).

        Each configured line counts with the selection its order line's spec will hold, and its quantity; the
        owner's express slot, if their tier gives one, counts too (production plans their order the same way).
        """
        lines = []
        for line in self.all_lines():
            quote = self.configuration_quotes.get(line.pk, (None, None))[1]
            if quote is not None:
                selection = quote_selection(quote)
                lines.append((quote.version, sorted(selection.options), line.quantity, dict(selection.texts)))
        if not lines:
            return None
        return estimate_basket_ship_date(lines, day, express=self.shopper.express_production)

    def forget_configuration_quotes(self):
        """Lines or quotes changed: the next read loads the lines and their quotes again."""
        self.__dict__.pop("configuration_quotes", None)
        self._lines = None

    def reset_offer_applications(self):  # Oscar calls this after every change of lines
        super().reset_offer_applications()
        self.forget_configuration_quotes()

    def _create_line_reference(self, product, stockrecord, options):
        """A configured line is known by its configuration's content, so equal configurations share one line."""
        code = configuration_code_of_options(options)
        quote = self.saved_configuration(code) if code is not None else None
        if quote is None:
            return super()._create_line_reference(product, stockrecord, options)
        return f"{product.id}_{stockrecord.id}_c{configuration_fingerprint(quote)}"

    def is_quantity_allowed(self, qty, line=None):
        """Oscar's checks, and the cap per line (a line's update form passes the change of its quantity)."""
        if line is not None and line.quantity + qty > settings.ATELIER_MAX_LINE_QUANTITY:
            return False, too_many_message(line.quantity + qty)
        return super().is_quantity_allowed(qty, line=line)

    def add_product(self, product, quantity=1, options=None):
        self._quotes_being_added = {}  # pylint: disable=attribute-defined-outside-init
        try:
            return self._add_product(product, quantity, options)
        finally:
            del self._quotes_being_added

    def _add_product(self, product, quantity, options):
        with transaction.atomic():  # the new line and its attributes, or nothing
            if self.pk:
                lock_editable_basket(self.pk)
                stockrecord = self.get_stock_info(product, options or []).stockrecord
                if stockrecord is not None:
                    held = self.line_quantity(product, stockrecord, options or [])
                    if held + quantity > settings.ATELIER_MAX_LINE_QUANTITY:
                        raise LineQuantityTooHigh(held + quantity)
            elif quantity > settings.ATELIER_MAX_LINE_QUANTITY:
                raise LineQuantityTooHigh(quantity)
            line, created = super().add_product(product, quantity, options)
            code = configuration_code_of_options(options)
            if not created and code is not None:  # the same configuration again: the line takes the newer quote
                line.attributes.filter(option__code=CONFIGURATION_OPTION_CODE).exclude(value=code).update(value=code)
                self.forget_configuration_quotes()
            return line, created

    add_product.alters_data = True
    add = add_product

    def merge_line(self, line, add_quantities=True):
        """Oscar's (signing in merges the visitor's basket into the customer's), never past the cap per line."""
        super().merge_line(line, add_quantities)
        self.lines.filter(line_reference=line.line_reference,
                          quantity__gt=settings.ATELIER_MAX_LINE_QUANTITY).update(
            quantity=settings.ATELIER_MAX_LINE_QUANTITY)

    merge_line.alters_data = True

    def flush(self):
        with transaction.atomic():
            if self.pk:
                lock_editable_basket(self.pk)
            super().flush()

    flush.alters_data = True


class Line(AbstractLine):
    def save(self, *args, **kwargs):
        with transaction.atomic():
            lock_editable_basket(self.basket_id)
            return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            lock_editable_basket(self.basket_id)
            return super().delete(*args, **kwargs)


from oscar.apps.basket.models import *  # noqa: E402, F403


def refuse_vouchers_while_paying(sender, instance, action, reverse, **kwargs):
    """A voucher changes the total: adding one to a basket being paid for is refused like any other change."""
    if action == "pre_add" and not reverse and isinstance(instance, AbstractBasket) and instance.pk:
        lock_editable_basket(instance.pk)
