"""A shopper's paid (Stripe, localstripe) sneaker order, made and shipped, ready to be returned; a return of it
settled as an exchange."""

import pytest
from oscar.core.loading import get_model

from configurator.production.models import Status
from configurator.production.services import move_work_orders
from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from support.returns import services
from support.returns.models import Outcome, Reason
from tests.shop.payments.conftest import SNEAKER_OPTIONS, at_payment, pay, sneaker_quote  # noqa: F401  (fixtures)

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


def start_return(order, customer, **overrides):
    """The customer starts a return of the order's one item (one unit; by default for size or fit, a refund)."""
    values = {"order": order, "line": order.lines.get(), "quantity": 1, "reason": Reason.FIT,
              "wanted": Outcome.REFUND, "message": "Too tight across the toes.", "customer": customer,
              "email": customer.email, "name": customer.get_full_name(), **overrides}
    return services.start_return(**values)


def sneaker(*changes):
    """A saved sneaker configuration: the one ordered (155.00) with ``changes`` ("old→new" option codes)."""
    options = list(SNEAKER_OPTIONS)
    for change in changes:
        old, new = change.split("→")
        options[options.index(old)] = new
    return save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=options)


@pytest.fixture
def exchange(shipped_order, shopper, agent):
    """Sam's sneakers sent back for a change of mind, received, and settled as an exchange."""
    ret = start_return(shipped_order, shopper, reason=Reason.CHANGED_MIND, wanted=Outcome.EXCHANGE)
    services.approve_return(ret, agent=agent)
    services.mark_received(ret, agent=agent)
    services.inspect_return(ret, agent=agent, outcome="as_described")
    ret = services.resolve_return(ret, agent=agent, resolution=Outcome.EXCHANGE)
    return ret.exchange
