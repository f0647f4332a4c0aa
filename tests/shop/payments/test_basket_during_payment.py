"""Paid means ordered, and charged means the order total: the basket cannot change under a payment.

The served tests run real requests in parallel against the store (SQLite in `make run`, PostgreSQL in production):
a basket edited while a payment was in flight used to give an order worth more than the charge.
"""

import threading
import time

import pytest
from django.core import mail
from django.db import OperationalError
from django.db import connection as db_connection
from oscar.core.loading import get_class

from configurator.selectors import current_version_for_slug
from configurator.services import add_configuration_to_basket, save_configuration
from shop.apps.basket.models import BasketNotEditable
from shop.payments import gateway
from shop.payments.models import StripePayment
from shop.payments.placement import PaymentOrderPlacement
from tests.served import in_parallel
from tests.shop.payments.conftest import SNEAKER_TOTAL, Basket, Order, event, pay, pay_request, post_event
from tests.shop.payments.test_checkout import authenticate

BOOT_OPTIONS = ["size_42", "upper_suede", "colour_terracotta", "toe_same", "sole_white", "laces_chalk", "lining_calf"]


def test_a_basket_loaded_before_the_payment_froze_it_cannot_gain_a_line(at_payment, demo_user, sneaker_quote):
    stale = Basket.open.get(owner=demo_user("shopper"))  # what a slow add-to-basket request loaded
    pay(at_payment, "4000002760003184")  # 3-D Secure: the basket is frozen while the shopper authenticates
    assert Basket.objects.get(pk=stale.pk).status == "Frozen" and stale.status == "Open"
    with pytest.raises(BasketNotEditable, match="being paid for"):
        fill_basket_line(stale, sneaker_quote)
    with pytest.raises(BasketNotEditable):
        stale.all_lines()[0].delete()
    assert Basket.objects.get(pk=stale.pk).lines.count() == 1


def fill_basket_line(basket, quote):
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=basket.owner)
    return add_configuration_to_basket(basket=basket, configuration=quote)


def test_an_order_is_never_placed_for_more_than_was_charged(at_payment, django_capture_on_commit_callbacks):
    response = pay(at_payment, "4000002760003184")
    payment = StripePayment.objects.get()
    # The basket changes behind the payment's back (a write that slipped past every guard).
    Basket.objects.get(pk=payment.basket_id).lines.update(quantity=2)
    authenticate(payment, response.json()["client_secret"], success=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = at_payment.post("/shop/checkout/pay/complete/")
    assert response.status_code == 402
    message = response.json()["detail"]["message"]
    assert "Your basket changed while you were paying" in message and "refunded the 155.00 EUR in full" in message
    assert not Order.objects.exists()
    payment.refresh_from_db()
    assert payment.status == StripePayment.Status.CANCELLED and payment.basket.status == "Open"
    refunds = gateway.charge_refunds(gateway.retrieve_intent(payment.intent_id).charge_id)
    assert [refund.amount for refund in refunds] == [SNEAKER_TOTAL]
    assert len(mail.outbox) == 1  # told by e-mail too, in case the payment page was closed
    assert mail.outbox[0].to == ["shopper@atelier.example"] and "refunded" in mail.outbox[0].subject
    assert mail.outbox[0].body.startswith("Hello Sam,") and "refunded the 155.00 EUR in full" in mail.outbox[0].body


def test_a_failure_after_the_charge_is_settled_by_the_pages_retry_not_a_500(at_payment, monkeypatch,
                                                                            django_capture_on_commit_callbacks):
    place = PaymentOrderPlacement.place

    def busy_database(self, intent):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PaymentOrderPlacement, "place", busy_database)
    response = pay(at_payment)
    assert response.status_code == 202 and response.json()["status"] == "pending"
    payment = StripePayment.objects.get()
    assert gateway.retrieve_intent(payment.intent_id).status == "succeeded" and payment.order is None
    monkeypatch.setattr(PaymentOrderPlacement, "place", place)
    with django_capture_on_commit_callbacks(execute=True):
        response = at_payment.post(response.json()["complete"])  # what the payment page does a second later
    assert response.status_code == 200 and response.json()["redirect"] == "/shop/checkout/thank-you/"
    order = Order.objects.get(number=response.json()["order"])
    assert order.total_incl_tax == SNEAKER_TOTAL and order.status == "Paid"


def test_the_webhook_settles_a_charged_payment_without_waiting_for_beat(at_payment, monkeypatch, client):
    monkeypatch.setattr(PaymentOrderPlacement, "place", lambda self, intent: (_ for _ in ()).throw(
        OperationalError("database is locked")))
    assert pay(at_payment).status_code == 202
    monkeypatch.undo()
    payment = StripePayment.objects.get()
    response = post_event(client, event("payment_intent.succeeded", {"id": payment.intent_id}))
    assert response.status_code == 200 and response.json()["outcome"].startswith("order ")
    assert Order.objects.get().total_incl_tax == SNEAKER_TOTAL


# --- Served: parallel requests ----------------------------------------------------------------------

def test_a_line_added_while_paying_is_charged_or_refused_never_slipped_in(served_checkout, monkeypatch):
    boot = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=BOOT_OPTIONS)
    add_started = threading.Event()
    slow_pricing, slow_confirm = Basket.get_stock_info, gateway.confirm_intent

    def pricing_of_a_slow_add(self, product, options):  # the add has loaded its basket and is pricing the line
        add_started.set()
        time.sleep(0.4)
        return slow_pricing(self, product, options)

    def confirm_slowly(intent_id):
        time.sleep(0.4)
        return slow_confirm(intent_id)

    monkeypatch.setattr(Basket, "get_stock_info", pricing_of_a_slow_add)
    monkeypatch.setattr(gateway, "confirm_intent", confirm_slowly)
    visitor = served_checkout
    paying = pay_request(visitor)

    def add():
        return visitor.post(f"/shop/configure/the-atelier-sneaker/{boot.code}/", data={"action": "basket"})

    def pay_once_the_add_started():
        add_started.wait(timeout=30)
        return paying()

    added, paid = in_parallel(add, pay_once_the_add_started)
    assert not isinstance(added, Exception) and added.status_code == 302, added
    assert not isinstance(paid, Exception) and paid.status_code < 500, paid
    for payment in StripePayment.objects.exclude(intent_id=None):
        intent = gateway.retrieve_intent(payment.intent_id)
        if payment.order_id:
            assert payment.order.total_incl_tax == intent.amount == payment.amount
    if paid.status_code == 200:  # the add got in first: it was charged for
        assert Order.objects.get().lines.count() == 2
    else:  # or the payment saw the new total before charging anything
        assert paid.status_code == 409 and paid.json()["error"] == "total_changed", paid.content
        assert not StripePayment.objects.exists() and not Order.objects.exists()


def test_five_parallel_payments_of_one_basket_charge_once_and_place_one_order(served_checkout):
    calls = [pay_request(served_checkout) for _ in range(5)]
    answers = in_parallel(*calls)
    assert [a for a in answers if isinstance(a, Exception) or a.status_code >= 500] == []
    assert sorted(a.status_code for a in answers).count(200) == 1, [a.content for a in answers]
    order = Order.objects.get()
    assert order.total_incl_tax == SNEAKER_TOTAL
    charged = [gateway.retrieve_intent(p.intent_id) for p in StripePayment.objects.exclude(intent_id=None)]
    assert [intent.amount for intent in charged if intent.status == "succeeded"] == [SNEAKER_TOTAL]
    assert db_connection.vendor in ("sqlite", "postgresql")


def test_paying_and_editing_the_basket_together_never_answers_500(served_checkout):
    """A second tab removes the line while the first pays: one of them wins, cleanly."""
    basket = Basket.objects.get(status="Open", owner__email="shopper@atelier.example")
    line = basket.lines.get()
    visitor = served_checkout
    paying = pay_request(visitor)
    formset = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0",
               "form-MAX_NUM_FORMS": "1000", "form-0-id": str(line.pk), "form-0-quantity": "3"}
    paid, edited = in_parallel(paying, lambda: visitor.post("/shop/basket/", data=formset))
    assert paid.status_code < 500 and edited.status_code < 500
    for payment in StripePayment.objects.exclude(order=None):
        assert payment.order.total_incl_tax == payment.amount == gateway.retrieve_intent(payment.intent_id).amount
    if paid.status_code == 200:  # paid first: the edit came too late and changed nothing
        assert Order.objects.get().lines.get().quantity == 1
    else:  # edited first: the payment saw the new total before charging anything
        assert paid.json()["error"] == "total_changed" and not StripePayment.objects.exists()
