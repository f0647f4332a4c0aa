"""Orders placed as the payment flow places them (Oscar's OrderCreator), with a delivery address and charge."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from configurator.models import ConfigurableProduct
from configurator.services import add_configuration_to_basket, save_configuration
from shop.apps.shipping.methods import Delivery

OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")

# EU 40, leather with a contrast toe cap, spare laces: 167.00, VAT included
SNEAKER = ["size_40", "upper_leather", "colour_terracotta", "toe_contrast_leather", "sole_white", "laces_chalk",
           "lining_calf", "extra_spare_laces"]
_numbers = itertools.count(810001)


def priced_basket(rf, user=None):
    request = rf.get("/")
    request.user = user or AnonymousUser()
    basket = Basket.objects.create(owner=user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(request)
    return basket


def place(basket, user=None, country="BE", status="Paid", billing=True):
    belgium = Country.objects.get(iso_3166_1_a2=country)
    shipping_address = ShippingAddress.objects.create(first_name="Ada", last_name="Lovelace", line1="Kanaalstraat 12",
                                                      line4="Gent", postcode="9000", country=belgium)
    billing_address = BillingAddress.objects.create(first_name="Ada", last_name="Lovelace", line1="Veldstraat 1",
                                                    line4="Gent", postcode="9000", country=belgium) if billing else None
    method = Delivery(country)
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    order = OrderCreator().place_order(basket=basket, total=total, shipping_method=method, shipping_charge=charge,
                                       user=user, order_number=str(next(_numbers)),
                                       shipping_address=shipping_address, billing_address=billing_address,
                                       guest_email="" if user else "ada@example.com")
    if status != "Pending":
        order.set_status(status)
    return order


@pytest.fixture
def sneaker_order(db, rf):
    """sneaker_order(user=..., quantity=2, status="Pending") → a placed order of the configured sneaker."""

    def make(user=None, quantity=1, status="Paid"):
        basket = priced_basket(rf, user)
        version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
        add_configuration_to_basket(basket=basket, configuration=save_configuration(version=version, options=SNEAKER),
                                    quantity=quantity)
        return place(basket, user, status=status)

    return make


@pytest.fixture
def laces_basket(db, rf):
    """A basket of three pairs of laces (9.00 each, VAT included): the stock item whose VAT rounds differently per
    line (3 × 1.56 = 4.68) than on the total (27.00 contains 4.69)."""

    def make(user=None, quantity=3):
        basket = priced_basket(rf, user)
        basket.add_product(Product.objects.get(upc="ATL-ACC-LACE"), quantity=quantity)
        return basket

    return make


def order_page(order):
    """A member's order page (Oscar's orders have no get_absolute_url)."""
    return reverse("customer:order", kwargs={"order_number": order.number})
