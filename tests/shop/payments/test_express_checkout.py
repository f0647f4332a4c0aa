"""A Gold customer's free express slot at checkout: the payment page gives the earlier date their order then gets."""

import re

from configurator.production.models import Workstation
from shop.loyalty.models import Tier
from shop.loyalty.services import raise_tier
from tests.orders import paid_order
from tests.shop.payments.conftest import Order, go_to_payment, pay


def shown_ship_date(page):
    return re.search(r"data-checkout-ship-date>.*?<time datetime=\"([0-9-]+)\"", page, re.S).group(1)


def test_a_gold_customer_pays_for_the_express_date_the_payment_page_shows(
        client_as, demo_user, sneaker_quote, stripe_server, django_capture_on_commit_callbacks):
    sewing = Workstation.objects.get(code="sewing")
    sewing.daily_capacity_minutes = 105  # one sneaker's sewing a day (60 + 45 minutes)
    sewing.save()
    ordinary = [paid_order(sneaker_quote.version, quantity=4) for _ in range(3)]  # twelve units paid before
    last_ordinary = max(unit.estimated_ship_date for order in ordinary for unit in order.work_orders.all())
    shopper = demo_user("shopper")
    client = client_as("shopper")
    go_to_payment(client, shopper, sneaker_quote)
    as_member = shown_ship_date(client.get("/shop/checkout/payment-details/").content.decode())
    assert as_member > last_ordinary.isoformat()  # behind the queue

    raise_tier(shopper, tier=Tier.objects.get(name="Gold"), by=demo_user("lead"), reason="Our best customer")
    page = client.get("/shop/checkout/payment-details/").content.decode()
    as_gold = shown_ship_date(page)
    assert as_gold < last_ordinary.isoformat() and "with your free express slot" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(client)
    unit = Order.objects.get(number=response.json()["order"]).work_orders.get()
    assert unit.express and unit.promised_ship_date.isoformat() == as_gold
    unit.refresh_from_db()  # the queue placed again after the order (the ordinary units moved back) keeps it
    assert unit.estimated_ship_date.isoformat() == as_gold
