"""A small, hand-countable demand fixture on the test bike (tests/configurator/conftest.py's BIKE)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from configurator.services import add_configuration_to_basket, save_configuration

OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
FreeShipping = get_class("shipping.methods", "Free")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

# (options, quantity): 5 units in all; every unit is 170 cm (Frame M)
ORDERS = [
    (["alu", "rim", "rack", "basket"], 1),
    (["alu", "disc", "rack"], 1),
    (["carbon", "disc", "lights"], 2),
    (["alu", "rim"], 1),
]


@pytest.fixture
def order_basket(db, rf):
    """order_basket(basket, user=None) -> the Oscar order of the basket, placed as checkout places it."""
    numbers = iter(range(900100, 900200))

    def place_basket(basket, user=None):
        request = rf.get("/")
        request.user = user or AnonymousUser()
        basket.strategy = Selector().strategy(request)
        shipping = FreeShipping()
        charge = shipping.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, charge)
        return OrderCreator().place_order(basket=basket, total=total, shipping_method=shipping, user=user,
                                          shipping_charge=charge, order_number=str(next(numbers)))

    return place_basket


@pytest.fixture
def place(order_basket):
    """place(version, options, quantity=1, user=None) -> the Oscar order of one configured line."""

    def place_order(version, options, quantity=1, user=None, texts=None):
        basket = Basket.objects.create(owner=user)
        basket.strategy = Selector().strategy(None)
        quote = save_configuration(version=version, options=options, measurements={"height": 170}, texts=texts)
        add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
        return order_basket(basket, user)

    return place_order


@pytest.fixture
def small_demand(place, bike_version):
    return [place(bike_version, options, quantity) for options, quantity in ORDERS]
