"""Loyalty tiers from paid orders over a rolling 12 months: spend or order count, refunds deducted, a tier held for
12 months once reached, raised by hand by a lead with a reason and never lowered; one e-mail per tier reached."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from freezegun import freeze_time
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from shop.loyalty.models import Standing, TierChange
from shop.loyalty.services import TierRefused, ensure_tiers, raise_tier, refresh_standing

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db
START = "2026-01-10 12:00:00"


@pytest.fixture
def customer():
    return get_user_model().objects.create_user(username="ada", email="ada@example.com", first_name="Ada",
                                                password="pw")


def paid(user, amount, *, days_ago=0, status="Paid", refunded="0.00"):
    """A paid order of ``amount`` placed ``days_ago`` days before now, refunded by ``refunded``."""
    order = create_order(user=user)
    Order.objects.filter(pk=order.pk).update(total_incl_tax=Decimal(amount), status=status,
                                             date_placed=timezone.now() - timedelta(days=days_ago))
    source_type, _ = SourceType.objects.get_or_create(name="Stripe")
    Source.objects.create(order=order, source_type=source_type, amount_allocated=Decimal(amount),
                          amount_debited=Decimal(amount), amount_refunded=Decimal(refunded))
    return order


def tier_of(user, **kwargs):
    return refresh_standing(user.pk, **kwargs).tier.name


@freeze_time(START)
@pytest.mark.parametrize("orders, tier", [
    ([], "Member"),
    ([("499.99", 0)], "Member"),
    ([("500.00", 0)], "Silver"),  # €500 …
    ([("40.00", 0), ("60.00", 30)], "Silver"),  # … or 2 orders
    ([("1499.99", 0)], "Silver"),
    ([("1500.00", 0)], "Gold"),
    ([("20.00", d) for d in (0, 10, 20, 30)], "Gold"),  # 4 orders
    ([("900.00", 0), ("900.00", 366)], "Silver"),  # a year and a day ago: outside the rolling 12 months
    ([("900.00", 0), ("900.00", 364)], "Gold"),
    ([("600.00", 0, "Cancelled")], "Member"),  # cancelled orders never count
    ([("600.00", 0, "Pending")], "Member"),  # nor unpaid ones
])
def test_the_tier_earned_by_twelve_months_of_paid_orders(customer, orders, tier):
    for amount, days_ago, *status in orders:
        paid(customer, amount, days_ago=days_ago, status=status[0] if status else "Paid")
    assert tier_of(customer) == tier


@freeze_time(START)
def test_refunds_lower_the_spend_and_an_order_refunded_in_full_does_not_count(customer):
    paid(customer, "600.00", refunded="200.00")
    standing = refresh_standing(customer.pk)
    assert (standing.tier.name, standing.year_spend, standing.year_orders) == ("Member", Decimal("400.00"), 1)
    paid(customer, "80.00", refunded="80.00")  # given back in full: not an order that counts
    standing = refresh_standing(customer.pk)
    assert (standing.tier.name, standing.year_orders, standing.lifetime_value) == ("Member", 1, Decimal("400.00"))


def test_a_tier_is_held_for_twelve_months_then_renewed_or_dropped(customer):
    with freeze_time(START):
        paid(customer, "1500.00")
        standing = refresh_standing(customer.pk)
        assert standing.tier.name == "Gold" and standing.held_until == timezone.localdate() + timedelta(days=365)
    with freeze_time("2026-12-01 12:00:00"):  # the order is 325 days old: still Gold either way
        assert tier_of(customer) == "Gold"
    with freeze_time("2027-01-10 13:00:00"):  # out of the window, but held until today: today it drops
        assert tier_of(customer) == "Member"
    assert list(TierChange.objects.filter(user=customer).values_list("cause", "to_tier__name")) == [
        ("dropped", "Member"), ("reached", "Gold")]


def test_a_tier_still_earned_when_its_twelve_months_are_up_is_renewed(customer):
    with freeze_time(START):
        paid(customer, "1500.00")
        refresh_standing(customer.pk)
    with freeze_time("2026-09-01 12:00:00"):
        paid(customer, "1600.00")
    with freeze_time("2027-01-11 12:00:00"):
        standing = refresh_standing(customer.pk)
        assert standing.tier.name == "Gold" and standing.held_until == timezone.localdate() + timedelta(days=365)
    assert TierChange.objects.filter(user=customer).count() == 1  # reached once, renewed since


def test_while_a_tier_is_held_a_smaller_year_does_not_lower_it(customer):
    with freeze_time(START):
        paid(customer, "1500.00", refunded="0.00")
        refresh_standing(customer.pk)
        Source.objects.filter(order__user=customer).update(amount_refunded=Decimal("1200.00"))  # a refund later
        standing = refresh_standing(customer.pk)
    assert standing.tier.name == "Gold" and standing.year_spend == Decimal("300.00")


def test_reaching_a_tier_sends_one_email_by_name(customer, django_capture_on_commit_callbacks):
    with freeze_time(START):
        paid(customer, "700.00")
        with django_capture_on_commit_callbacks(execute=True):
            refresh_standing(customer.pk)
        with django_capture_on_commit_callbacks(execute=True):
            refresh_standing(customer.pk)  # nothing new: no e-mail
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "You are now Silver at Atelier" and email.to == ["ada@example.com"]
    assert email.body.startswith("Hello Ada,") and "/shop/accounts/loyalty/" in email.body


def test_a_lead_raises_a_tier_with_a_reason_and_nobody_lowers_one(customer, demo_user):
    lead, agent = demo_user("lead"), demo_user("support")
    with pytest.raises(PermissionDenied):
        raise_tier(customer, tier=tier_named("Gold"), by=agent, reason="Lovely customer")
    with pytest.raises(TierRefused, match="Say why"):
        raise_tier(customer, tier=tier_named("Gold"), by=lead, reason=" ")
    standing = raise_tier(customer, tier=tier_named("Silver"), by=lead, reason="Three years of repairs with us")
    assert standing.tier.name == "Silver"
    change = TierChange.objects.get(user=customer)
    assert (change.cause, change.by, change.reason) == ("raised", lead, "Three years of repairs with us")
    with pytest.raises(TierRefused, match="never lowered"):
        raise_tier(customer, tier=tier_named("Member"), by=lead, reason="Oops")
    with pytest.raises(TierRefused, match="never lowered"):
        raise_tier(customer, tier=tier_named("Silver"), by=lead, reason="Again")
    assert tier_of(customer) == "Silver"  # held for 12 months although no order earns it


def test_a_paid_order_and_a_refund_update_the_standing(customer, django_capture_on_commit_callbacks):
    order = create_order(user=customer)
    Order.objects.filter(pk=order.pk).update(total_incl_tax=Decimal("520.00"), status="Pending")
    order.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        order.set_status("Paid")
    assert Standing.objects.get(user=customer).tier.name == "Silver"
    source_type, _ = SourceType.objects.get_or_create(name="Stripe")
    source = Source.objects.create(order=order, source_type=source_type, amount_allocated=Decimal("520.00"),
                                   amount_debited=Decimal("520.00"))
    with django_capture_on_commit_callbacks(execute=True):
        source.refund(Decimal("100.00"))
    assert Standing.objects.get(user=customer).year_spend == Decimal("420.00")


def tier_named(name):
    return get_model("loyalty", "Tier").objects.get(name=name)


def test_an_emptied_store_gets_its_default_tiers_back_from_the_seed(customer):
    Tier = get_model("loyalty", "Tier")
    Tier.objects.all().delete()
    assert refresh_standing(customer.pk) is None  # no tiers: nothing to stand in, and no error
    assert ensure_tiers() == 3 and ensure_tiers() == 0
    assert list(Tier.objects.values_list("name", "min_spend", "min_orders")) == [
        ("Member", Decimal("0.00"), 0), ("Silver", Decimal("500.00"), 2), ("Gold", Decimal("1500.00"), 4)]
