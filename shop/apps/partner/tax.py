"""Belgian VAT contained in the store's prices.

Every price the store shows and charges (a quote, a stock record's price, a delivery charge) already includes VAT
at ``settings.VAT_RATE`` percent (21 by default). Oscar is told so: each unit price is a tax-inclusive price whose
part without VAT is the gross price divided by (1 + rate), rounded half up to the cent, and whose VAT is the rest.
So the amount charged is the gross price exactly as before, and Oscar's own sums (line, basket and order totals,
``total_tax``) carry the VAT: a line's VAT is its quantity times its unit's VAT, a total's VAT the sum of its lines'.
Offers and vouchers work on the gross prices (``OSCAR_OFFERS_INCL_TAX``), so a discount takes off what it says.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from oscar.apps.partner import prices
from oscar.core import prices as core_prices

CENT = Decimal("0.01")


def vat_rate_percent():
    """The VAT rate in percent, as the pages print it (``Decimal("21")``)."""
    return Decimal(settings.VAT_RATE)


def split_gross(gross):
    """(part without VAT, VAT) of a price that includes VAT, each to the cent; the two add up to ``gross``."""
    gross = Decimal(gross)
    excl = (gross * 100 / (100 + vat_rate_percent())).quantize(CENT, rounding=ROUND_HALF_UP)
    return excl, gross - excl


def gross_unit_price(currency, gross):
    """An Oscar unit price of ``gross`` VAT included (offers are computed on the gross price)."""
    excl, tax = split_gross(gross)
    return prices.TaxInclusiveFixedPrice(currency=currency, excl_tax=excl, tax=tax)


def gross_charge(currency, gross):
    """An Oscar charge (shipping) of ``gross`` VAT included."""
    excl, _ = split_gross(gross)
    return core_prices.Price(currency=currency, excl_tax=excl, incl_tax=Decimal(gross))


class VATIncluded:
    """Pricing policy mixin for Oscar's ``Structured`` strategy: a stock record's price includes VAT."""

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return prices.Unavailable()
        return gross_unit_price(stockrecord.price_currency, stockrecord.price)

    def parent_pricing_policy(self, product, children_stock):
        stockrecords = [stockrecord for _, stockrecord in children_stock if stockrecord is not None]
        if not stockrecords:
            return prices.Unavailable()
        stockrecord = stockrecords[0]  # Oscar's rule: the first child's price stands for the parent's
        return gross_unit_price(stockrecord.price_currency, stockrecord.price)
