"""Fork of Oscar's shipping repository: delivery by zone and product, or free collection at the workshop."""

from oscar.apps.shipping import repository

from shop.apps.shipping.methods import CollectFromWorkshop, Delivery


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        country = getattr(shipping_addr, "country_id", None) if shipping_addr is not None else None
        return [Delivery(country), CollectFromWorkshop()]
