"""Orders placed as the payment flow places them (Oscar's OrderCreator), with a delivery address and charge."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.shipping.methods import Delivery
from tests.orders import SNEAKER, configure, new_basket, sneaker_version
from tests.orders import place as place_order

Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")


def place(basket, user=None, country="BE", status="Paid", billing=True):
    """The basket's order, delivered to Ada in Gent (or another `country`), billed to her unless `billing=False`."""
    belgium = Country.objects.get(iso_3166_1_a2=country)
    shipping_address = ShippingAddress.objects.create(first_name="Ada", last_name="Lovelace", line1="Kanaalstraat 12",
                                                      line4="Gent", postcode="9000", country=belgium)
    billing_address = BillingAddress.objects.create(first_name="Ada", last_name="Lovelace", line1="Veldstraat 1",
                                                    line4="Gent", postcode="9000", country=belgium) if billing else None
    return place_order(basket, user=user, status=None if status == "Pending" else status,
                       shipping_method=Delivery(country), shipping_address=shipping_address,
                       billing_address=billing_address, guest_email="" if user else "ada@example.com")


@pytest.fixture
def sneaker_order(db):
    """sneaker_order(user=..., quantity=2, status="Pending") → a placed order of the configured sneaker (167.00)."""

    def make(user=None, quantity=1, status="Paid"):
        basket = new_basket(user)
        configure(basket, sneaker_version(), SNEAKER, quantity)
        return place(basket, user, status=status)

    return make


@pytest.fixture
def laces_basket(db):
    """A basket of three pairs of laces (9.00 each, VAT included): the stock item whose VAT rounds differently per
    line (3 × 1.56 = 4.68) than on the total (27.00 contains 4.69)."""

    def make(user=None, quantity=3):
        basket = new_basket(user)
        basket.add_product(Product.objects.get(upc="ATL-ACC-LACE"), quantity=quantity)
        return basket

    return make


def order_page(order):
    """A member's order page (Oscar's orders have no get_absolute_url)."""
    return reverse("customer:order", kwargs={"order_number": order.number})
