"""A shopper's paid (Stripe, localstripe) sneaker order, made and shipped, ready to be returned."""

import pytest
from oscar.core.loading import get_model

from configurator.production.models import Status
from configurator.production.services import move_work_orders
from tests.shop.payments.conftest import at_payment, pay, sneaker_quote  # noqa: F401  (fixtures used here)

Order = get_model("order", "Order")


def ship(order, *, by=None):
    """Every unit of the order through the workshop and into a parcel."""
    numbers = list(order.work_orders.values_list("number", flat=True))
    for status in (Status.IN_PRODUCTION, Status.QUALITY_CHECK, Status.DONE):
        move_work_orders(numbers=numbers, to_status=status, by=by)
    result = move_work_orders(numbers=numbers, to_status=Status.SHIPPED, by=by, carrier="bpost",
                              tracking_number="323299900012")
    assert not result.refused
    return order


@pytest.fixture
def shipped_order(at_payment):  # noqa: F811
    """Sam Shopper's order of one sneaker (155.00 EUR with delivery), paid by card and shipped today."""
    return ship(Order.objects.get(number=pay(at_payment).json()["order"]))
