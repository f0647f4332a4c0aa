"""Atelier's pricing strategy: made-to-order products are bought only as configurations, at their quote.

- A made-to-order product on its own is not for sale (its price shows as "from"): shoppers configure it.
- A basket line carrying a configuration code is priced from that saved quote, never from the client.
- A quote that expired, or whose model version was retired, stops the line until the shopper re-confirms it.
- Every price includes Belgian VAT: quotes and stock records are gross prices, and Oscar is told how much VAT
  each contains (shop/apps/partner/tax.py), so totals carry it and the amount charged is the gross price.
"""

from django.utils import timezone
from oscar.apps.partner import availability, prices
from oscar.apps.partner import strategy as oscar_strategy

from configurator.selectors import saved_configuration
from shop.apps.partner.tax import VATIncluded, gross_unit_price

MADE_TO_ORDER = "made-to-order"


class ConfigureFirst(availability.Unavailable):
    code = "configure"
    message = "Made to order: choose your options first"
    short_message = "Made to order"


class QuoteNeedsReview(availability.Unavailable):
    code = "quote-review"

    def __init__(self, message):
        self._message = message

    @property
    def message(self):
        return self._message

    @property
    def short_message(self):
        return self._message

    def is_purchase_permitted(self, quantity):
        return False, self._message  # checkout names the reason ("...has expired: please confirm it again")


class Selector(oscar_strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Atelier(request)


class Atelier(oscar_strategy.UseFirstStockRecord, oscar_strategy.StockRequired, VATIncluded,
              oscar_strategy.Structured):
    def availability_policy(self, product, stockrecord):
        if product.get_product_class().slug == MADE_TO_ORDER:
            return ConfigureFirst()
        return super().availability_policy(product, stockrecord)

    def fetch_for_line(self, line, stockrecord=None):
        """A line is priced with the stock record it was added with (loaded with the basket's lines, so a basket
        costs the same queries whatever its number of lines), or the product's first one if that went away."""
        stockrecord = stockrecord or line.stockrecord or self.select_stockrecord(line.product)
        quotes = line.basket.configuration_quotes
        if line.pk not in quotes:
            return self.fetch_for_product(line.product, stockrecord)
        code, quote = quotes[line.pk]
        return self.fetch_for_configuration(line.product, code, quote=quote, stockrecord=stockrecord)

    def fetch_for_configuration(self, product, code, quote=None, stockrecord=None):
        stockrecord = stockrecord or self.select_stockrecord(product)
        quote = quote or saved_configuration(code)
        if quote is None or quote.version.configurable.product_id != product.pk:
            return oscar_strategy.PurchaseInfo(prices.Unavailable(), QuoteNeedsReview(
                "This configuration no longer exists"), stockrecord)
        price = gross_unit_price(quote.currency, quote.total)
        return oscar_strategy.PurchaseInfo(price, quote_availability(quote), stockrecord)


def quote_availability(quote):
    """Quotes are honoured until they expire, also after a new version is published, unless it was retired."""
    if not quote.is_complete:
        return QuoteNeedsReview("Some steps of this configuration are not finished")
    if quote.version.retired_at is not None:
        return QuoteNeedsReview("We have updated this product since you configured it: please check your choices")
    if quote.expires_at <= timezone.now():
        return QuoteNeedsReview("The price of this configuration has expired: please confirm it again")
    return availability.Available()
