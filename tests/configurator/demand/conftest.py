"""A small, hand-countable demand fixture on the test bike (tests/configurator/conftest.py's BIKE)."""

import pytest

from tests.orders import configure, new_basket
from tests.orders import place as place_basket

# (options, quantity): 5 units in all; every unit is 170 cm (Frame M)
ORDERS = [
    (["alu", "rim", "rack", "basket"], 1),
    (["alu", "disc", "rack"], 1),
    (["carbon", "disc", "lights"], 2),
    (["alu", "rim"], 1),
]


@pytest.fixture
def place(db):
    """place(version, options, quantity=1, user=None) -> the Oscar order of one configured line."""

    def place_order(version, options, quantity=1, user=None, texts=None):
        basket = new_basket(user)
        configure(basket, version, options, quantity, measurements={"height": 170}, texts=texts)
        return place_basket(basket, user=user)

    return place_order


@pytest.fixture
def small_demand(place, bike_version):
    return [place(bike_version, options, quantity) for options, quantity in ORDERS]
