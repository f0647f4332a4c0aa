"""Fork of Oscar's basket: a configured line is priced from its saved quote when it is added."""

from oscar.apps.basket.abstract_models import AbstractBasket

from shop.apps.partner.configuration import configuration_code_of_options


class Basket(AbstractBasket):
    def get_stock_info(self, product, options):
        """The price stored on the line is the quote's, exactly as the strategy prices the line later."""
        code = configuration_code_of_options(options)
        if code is not None:
            return self.strategy.fetch_for_configuration(product, code)
        return super().get_stock_info(product, options)


from oscar.apps.basket.models import *  # noqa: E402, F403
