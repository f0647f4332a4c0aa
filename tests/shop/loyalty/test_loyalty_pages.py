"""The customer's loyalty page (tier, perks, what the next tier or keeping this one takes) and the staff pages:
tiers edited by merchandisers with thresholds that make sense, a customer's standing and history, a raise by a
lead only."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from freezegun import freeze_time
from oscar.core.loading import get_model

from shop.loyalty.models import Tier, TierChange
from shop.loyalty.services import refresh_standing
from shop.payments.tasks import send_order_confirmation
from tests.shop.loyalty.test_tiers import START, customer, paid  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@freeze_time(START)
def test_the_customer_sees_their_tier_its_perks_and_what_the_next_one_takes(customer, django_assert_max_num_queries):  # noqa: F811
    paid(customer, "620.00", days_ago=40)
    refresh_standing(customer.pk)
    client = signed_in(customer)
    with django_assert_max_num_queries(20):  # the standing and the tiers; the rest is the account page's layout
        page = client.get("/shop/accounts/loyalty/").content.decode()
    assert 'data-loyalty-tier="Silver"' in page and "You are <strong>Silver</strong>" in page
    assert "A customer since Monday 1 December 2025: 1 order with us." in page
    assert "€880.00 more (or 3 more orders) within 12 months of your orders makes you <strong>Gold</strong>" in page
    assert "Your questions are answered first, at high priority." in page  # what Gold gives
    assert 'aria-current="true"><td>Silver</td><td>€500 or 2 orders in 12 months</td>' in page


def test_a_held_tier_says_what_keeps_it(customer):  # noqa: F811
    with freeze_time(START):
        paid(customer, "1500.00", days_ago=30)  # Gold today, until 10 January 2027; by then a year old
        refresh_standing(customer.pk)
    with freeze_time("2026-10-01 12:00:00"):
        paid(customer, "400.00")  # counts towards keeping Gold after 10 January 2027
        refresh_standing(customer.pk)
        page = signed_in(customer).get("/shop/accounts/loyalty/").content.decode()
    assert "Your Gold tier is yours until Sunday 10 January 2027." in page
    assert "€1,100.00 more (or 3 more orders) by Sunday 10 January 2027 keeps you Gold." in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    answer = client.get("/shop/accounts/loyalty/")
    assert answer.status_code == 302 and "/shop/accounts/login/" in answer["Location"]


def test_merchandisers_edit_tiers_and_nonsense_thresholds_are_refused(client_as):
    client = client_as("merch")
    silver, gold = Tier.objects.get(name="Silver"), Tier.objects.get(name="Gold")
    listing = client.get("/shop/dashboard/loyalty/tiers/").content.decode()
    assert 'data-tier="Gold"' in listing and f'href="/shop/dashboard/loyalty/tiers/{gold.pk}/"' in listing
    base = {"name": "Silver", "min_spend": "400.00", "min_orders": "2", "early_access": "on"}
    answer = client.post(f"/shop/dashboard/loyalty/tiers/{silver.pk}/", base)
    assert answer.status_code == 302
    silver.refresh_from_db()
    assert (silver.min_spend, silver.early_access) == (Decimal("400.00"), True)
    answer = client.post(f"/shop/dashboard/loyalty/tiers/{silver.pk}/", {**base, "min_spend": "2000.00"})
    assert answer.status_code == 200 and "Gold needs a spend of 1500.00: Silver must need less." in \
        answer.content.decode()
    answer = client.post(f"/shop/dashboard/loyalty/tiers/{silver.pk}/", {"name": "Silver", "min_spend": "0",
                                                                          "min_orders": "0"})
    assert "Give a spend or a number of orders" in answer.content.decode()
    member = Tier.objects.get(rank=0)
    answer = client.post(f"/shop/dashboard/loyalty/tiers/{member.pk}/", {"name": "Member", "min_spend": "10",
                                                                          "min_orders": "0"})
    assert "Member is everybody&#x27;s tier: it has no threshold." in answer.content.decode()
    silver.refresh_from_db()
    assert silver.min_spend == Decimal("400.00")
    assert client_as("support").get(f"/shop/dashboard/loyalty/tiers/{silver.pk}/").status_code == 403


def test_a_lead_raises_a_customers_tier_from_their_loyalty_page_and_an_agent_cannot(customer, client_as):  # noqa: F811
    page = client_as("support").get(f"/shop/dashboard/loyalty/customers/{customer.pk}/").content.decode()
    assert 'data-loyalty-badge="Member"' in page and "data-raise-tier" not in page
    gold = Tier.objects.get(name="Gold")
    refused = client_as("support").post(f"/shop/dashboard/loyalty/customers/{customer.pk}/raise/",
                                        {"tier": gold.pk, "reason": "A friend"})
    assert refused.status_code == 403
    lead = client_as("lead")
    assert "data-raise-tier" in lead.get(f"/shop/dashboard/loyalty/customers/{customer.pk}/").content.decode()
    answer = lead.post(f"/shop/dashboard/loyalty/customers/{customer.pk}/raise/", {"tier": gold.pk, "reason": ""})
    assert answer.status_code == 400 and not TierChange.objects.exists()
    answer = lead.post(f"/shop/dashboard/loyalty/customers/{customer.pk}/raise/",
                       {"tier": gold.pk, "reason": "Ordered for the whole office by phone"})
    assert answer.status_code == 302
    page = lead.get(f"/shop/dashboard/loyalty/customers/{customer.pk}/").content.decode()
    assert 'data-loyalty-badge="Gold"' in page and "Ordered for the whole office by phone" in page
    assert "data-raise-tier" not in page  # nothing above Gold


def test_a_regulars_order_confirmation_thanks_them_for_coming_back(customer):  # noqa: F811
    first = paid(customer, "155.00", days_ago=90)
    send_order_confirmation(first.pk)
    assert "order from us" not in mail.outbox[-1].body  # a first order: nothing to thank for yet
    for days_ago in (60, 30):
        paid(customer, "155.00", days_ago=days_ago)
    fourth = paid(customer, "155.00")
    send_order_confirmation(fourth.pk)
    email = mail.outbox[-1]
    assert "This is your fourth order from us: thank you for coming back." in email.body
    assert "This is your fourth order from us" in email.alternatives[0][0]
