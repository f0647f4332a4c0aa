"""Atelier's shipping methods: delivery priced by zone and product (see rates.py), or collection in Ghent.

The rates include Belgian VAT like every price of the store (shop/apps/partner/tax.py).
"""

from decimal import Decimal

from oscar.apps.shipping.methods import *  # noqa: F403  Oscar's methods stay available
from oscar.apps.shipping.methods import Base
from oscar.core.loading import get_model

from shop.apps.partner.tax import gross_charge
from shop.apps.shipping import rates


class Delivery(Base):
    code = "delivery"
    description = "Parcels with DHL Parcel; bikes and desks with our freight partner, who agrees a slot with you."

    def __init__(self, country_code=None):
        self.zone = rates.zone_of(country_code)
        self.name = {rates.BENELUX: "Delivery to your door (Benelux)", rates.EU: "Delivery to your door (EU)",
                     rates.FAR: "Delivery to your door (UK, Switzerland, Norway)"}[self.zone]
        if country_code is None:
            self.name = "Delivery to your door (Benelux; other countries at checkout)"

    def calculate(self, basket):
        lines = basket.all_lines()
        products = [line.product for line in lines]
        slugs = category_slugs(products)
        charge = rates.delivery_charge([(slugs.get(line.product_id, ()), line.quantity) for line in lines], self.zone)
        return gross_charge(basket.currency, charge)


class CollectFromWorkshop(Base):
    code = "collect"
    name = "Collect from our workshop in Ghent"
    description = "Free. We e-mail you when it is ready; bikes and desks are handed over fully assembled."

    def calculate(self, basket):
        return gross_charge(basket.currency, Decimal("0.00"))


def category_slugs(products):
    """{product id: category slugs} for the basket's products (and their parents), in one query."""
    ProductCategory = get_model("catalogue", "ProductCategory")
    ids = {p.pk for p in products} | {p.parent_id for p in products if p.parent_id}
    found = {}
    for product_id, slug in ProductCategory.objects.filter(product_id__in=ids).values_list("product_id",
                                                                                              "category__slug"):
        found.setdefault(product_id, []).append(slug)
    return {p.pk: tuple(found.get(p.pk, ()) or found.get(p.parent_id, ())) for p in products}
