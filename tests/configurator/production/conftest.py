"""Placed orders of the demo sneaker (seeded routing and workshop), without going through Stripe."""

import pytest

from tests.orders import SNEAKER, paid_order
from tests.orders import sneaker_version as current_sneaker


@pytest.fixture
def sneaker_version(db):
    return current_sneaker()


@pytest.fixture
def place_order(db, sneaker_version):
    """place_order(options=..., quantity=2, texts={"monogram": "ADA"}, user=...) → a paid order with work orders."""

    def place(options=SNEAKER, quantity=1, texts=None, user=None, version=None, measurements=None):
        return paid_order(version or sneaker_version, options, quantity, user=user, texts=texts,
                          measurements=measurements)

    return place
