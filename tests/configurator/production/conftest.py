"""Placed orders of the demo sneaker (seeded routing and workshop), without going through Stripe."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from configurator.models import ConfigurableProduct
from configurator.services import add_configuration_to_basket, save_configuration

OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
FreeShipping = get_class("shipping.methods", "Free")

# EU 40, leather with a contrast toe cap (adds cutting and stitching minutes), spare laces
SNEAKER = ["size_40", "upper_leather", "colour_terracotta", "toe_contrast_leather", "sole_white", "laces_chalk",
           "lining_calf", "extra_spare_laces"]
_numbers = itertools.count(700001)


@pytest.fixture
def sneaker_version(db):
    return ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version


def paid_order(rf, version, options=SNEAKER, quantity=1, texts=None, user=None, measurements=None):
    """A paid order of one configured line (Oscar's OrderCreator, as the payment flow uses it), with work orders."""
    request = rf.get("/")
    request.user = user or AnonymousUser()
    basket = get_model("basket", "Basket").objects.create(owner=user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(request)
    quote = save_configuration(version=version, options=options, texts=texts, measurements=measurements)
    assert quote.is_complete
    add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
    shipping = FreeShipping()
    charge = shipping.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    order = OrderCreator().place_order(basket=basket, total=total, shipping_method=shipping,
                                       shipping_charge=charge, user=user, order_number=str(next(_numbers)),
                                       guest_email="" if user else "guest@example.com")
    order.set_status("Paid")
    return order


@pytest.fixture
def place_order(db, rf, sneaker_version):
    """place_order(options=..., quantity=2, texts={"monogram": "ADA"}, user=...) → a paid order with work orders."""

    def place(options=SNEAKER, quantity=1, texts=None, user=None, version=None, measurements=None):
        return paid_order(rf, version or sneaker_version, options, quantity, texts, user, measurements)

    return place
