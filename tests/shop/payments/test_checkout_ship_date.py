"""The date the payment page gives is the date the paid order is promised, and it holds once the queue is placed
again (a minute later, and the next morning)."""

import re

import pytest
from django.core import mail
from django.test import Client
from freezegun import freeze_time

from configurator.production.models import WorkOrder, Workstation
from configurator.production.planning import reschedule
from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from tests.served import Visitor, in_parallel
from tests.shop.payments.conftest import SNEAKER_OPTIONS, Order, go_to_payment, pay, pay_request


def shown_ship_date(page):
    return re.search(r"data-checkout-ship-date>.*?<time datetime=\"([0-9-]+)\"", page, re.S).group(1)


def test_the_order_is_promised_the_date_the_checkout_showed_moments_before(
        client_as, demo_user, stripe_server, django_capture_on_commit_callbacks):
    with freeze_time("2027-02-01 16:50", tick=True):  # late on a Monday: today's capacity is nearly gone
        client = client_as("shopper")
        go_to_payment(client, demo_user("shopper"), save_configuration(
            version=current_version_for_slug("the-atelier-sneaker"), options=SNEAKER_OPTIONS))
        shown = shown_ship_date(client.get("/shop/checkout/payment-details/").content.decode())
        with django_capture_on_commit_callbacks(execute=True):
            response = pay(client)
        order = Order.objects.get(number=response.json()["order"])
        thank_you = client.get("/shop/checkout/thank-you/").content.decode()
    unit = order.work_orders.get()
    assert shown == "2027-02-03"  # Wednesday: not "tomorrow"
    assert unit.promised_ship_date.isoformat() == unit.estimated_ship_date.isoformat() == shown
    assert "Wednesday 3 February 2027" in thank_you
    assert any("Wednesday 3 February 2027" in message.body for message in mail.outbox if order.number in message.body)
    for moment in ("2027-02-01 16:54", "2027-02-02 05:30"):  # a minute later, and the next morning's rescheduling
        with freeze_time(moment):
            reschedule()
        unit.refresh_from_db()
        assert unit.estimated_ship_date.isoformat() == shown


@pytest.mark.django_db(transaction=True)
def test_two_shoppers_paying_at_once_are_promised_dates_the_queue_keeps(seeded_store, live_server, stripe_server,
                                                                        django_user_model):
    Workstation.objects.filter(code="sewing").update(daily_capacity_minutes=105)  # one sneaker's sewing a day
    version = current_version_for_slug("the-atelier-sneaker")
    payments = []
    for name in ("ada", "bob"):
        shopper = django_user_model.objects.create_user(username=name, email=f"{name}@example.com", password="x" * 12)
        client = Client()
        client.force_login(shopper)
        go_to_payment(client, shopper, save_configuration(version=version, options=SNEAKER_OPTIONS))
        payments.append(pay_request(Visitor(live_server, client)))
    answers = in_parallel(*payments)
    assert [answer.status_code for answer in answers] == [200, 200], [answer.text[:300] for answer in answers]
    promised = sorted(WorkOrder.objects.values_list("promised_ship_date", flat=True))
    assert len(promised) == 2 and promised[0] < promised[1]  # one day's sewing is never promised twice
    reschedule()  # the queue placed again keeps both promises
    assert sorted(WorkOrder.objects.values_list("estimated_ship_date", flat=True)) == promised
