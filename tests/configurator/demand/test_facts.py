"""Facts are written at order placement from the frozen snapshot, and reversed when the store takes units back."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from configurator.demand.facts import reconcile_reversals
from configurator.demand.models import LineReversal, OptionFact, PriceRuleFact
from support.models import SupportRequest
from support.returns.models import Return

PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


def facts_of(order):
    return {(f.option, f.quantity, f.revenue, f.source) for f in OptionFact.objects.filter(order_id=order.pk)}


def test_each_ordered_option_is_a_fact_with_its_revenue_channel_and_tier(place, bike_version, demo_user):
    shopper = demo_user("shopper")
    order = place(bike_version, ["carbon", "disc", "lights"], quantity=2, user=shopper, texts={"monogram": "ADA"})
    assert facts_of(order) == {
        ("carbon", 2, Decimal("800.00"), "order"), ("disc", 2, Decimal("240.00"), "order"),
        ("lights", 2, Decimal("178.00"), "order"), ("size_m", 2, Decimal("0.00"), "order"),
    }
    fact = OptionFact.objects.filter(order_id=order.pk).first()
    assert (fact.channel, fact.version, fact.configurable_id) == ("member", bike_version.number,
                                                                  bike_version.configurable_id)
    assert fact.tier  # the shopper's loyalty tier when they ordered
    assert not PriceRuleFact.objects.filter(order_id=order.pk).exists()


def test_a_price_rule_is_shared_by_the_options_it_names_and_recorded_on_its_own(place, bike_version):
    order = place(bike_version, ["alu", "rim", "rack", "basket"], quantity=3)
    facts = {f.option: f for f in OptionFact.objects.filter(order_id=order.pk)}
    # rack 45 and basket 35, less the 10 of "Rack and basket together", shared 5 + 5, for 3 units
    assert (facts["rack"].revenue, facts["rack"].rule_revenue) == (Decimal("120.00"), Decimal("-15.00"))
    assert (facts["basket"].revenue, facts["basket"].rule_revenue) == (Decimal("90.00"), Decimal("-15.00"))
    assert facts["alu"].channel == "guest"
    rule = PriceRuleFact.objects.get(order_id=order.pk)
    assert (rule.rule, rule.quantity, rule.amount) == ("Rack and basket together", 3, Decimal("-30.00"))


def refund_units(order, line, quantity):
    event_type, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    event = PaymentEvent.objects.create(order=order, event_type=event_type, amount=Decimal("1.00"))
    return PaymentEventQuantity.objects.create(event=event, line=line, quantity=quantity)


def test_a_refund_reverses_the_refunded_units_once(place, bike_version, django_capture_on_commit_callbacks):
    order = place(bike_version, ["alu", "rim", "rack", "basket"], quantity=3)
    line = order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        refund_units(order, line, 1)
    reversed_rows = OptionFact.objects.filter(order_id=order.pk, quantity__lt=0)
    assert {(f.option, f.quantity, f.revenue) for f in reversed_rows} == {
        ("alu", -1, Decimal("0.00")), ("rim", -1, Decimal("0.00")), ("rack", -1, Decimal("-40.00")),
        ("basket", -1, Decimal("-30.00")), ("size_m", -1, Decimal("0.00"))}
    assert PriceRuleFact.objects.get(order_id=order.pk, quantity=-1).amount == Decimal("10.00")  # the discount back
    # reported again (a retried webhook, a nightly reconcile): nothing more is reversed
    assert reconcile_reversals(line_ids=[line.pk]) == 0
    assert LineReversal.objects.get(line_id=line.pk).units == 1
    net = sum(f.quantity for f in OptionFact.objects.filter(order_id=order.pk, option="rack"))
    assert net == 2


def test_cancelling_the_order_reverses_what_is_left_and_never_more(place, bike_version,
                                                                   django_capture_on_commit_callbacks):
    order = place(bike_version, ["alu", "rim"], quantity=2)
    line = order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        refund_units(order, line, 1)
    with django_capture_on_commit_callbacks(execute=True):
        order.set_status("Cancelled")
    assert sum(f.quantity for f in OptionFact.objects.filter(order_id=order.pk, option="alu")) == 0
    assert reconcile_reversals(line_ids=[line.pk]) == 0
    assert {f.source for f in OptionFact.objects.filter(order_id=order.pk)} == {"order", "taken back", "cancelled"}


@pytest.mark.parametrize("resolution,reversed_units", [("credit", 1), ("remake", 0)])
def test_a_return_for_store_credit_reverses_its_units_and_a_remake_does_not(
        place, bike_version, resolution, reversed_units, django_capture_on_commit_callbacks, demo_user):
    order = place(bike_version, ["alu", "rim"], quantity=2, user=demo_user("shopper"))
    line = order.lines.get()
    request = SupportRequest.objects.create(kind="return", subject="Return", email="x@example.com",
                                                    order=order, line=line)
    with django_capture_on_commit_callbacks(execute=True):
        Return.objects.create(request=request, order=order, line=line, quantity=1, reason="fit", wanted=resolution,
                              policy_eligible=True, policy_why="", delivered_on=order.date_placed.date(),
                              status="resolved", resolution=resolution)
    assert -sum(f.quantity for f in OptionFact.objects.filter(order_id=order.pk, option="alu", quantity__lt=0)) \
        == reversed_units
