"""Refunds: part or all of a payment, once per idempotency key, never more than is left."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.test import Client

from shop.payments import gateway, services
from shop.payments.models import PaymentRefund, StripePayment
from shop.payments.selectors import payment_summary
from tests.served import Visitor, in_parallel
from tests.shop.payments.conftest import SNEAKER_TOTAL, Order, event, pay, pay_request, post_event


@pytest.fixture
def paid_order(at_payment):
    return Order.objects.get(number=pay(at_payment).json()["order"])


def stripe_refunds(order):
    return gateway.charge_refunds(gateway.retrieve_intent(order.stripe_payment.intent_id).charge_id)


def test_a_partial_then_the_rest(paid_order, demo_user):
    agent = demo_user("support")
    first = services.refund_order_payment(order=paid_order, amount="20.00", reason="Scuffed toe cap",
                                          requested_by=agent, idempotency_key="goodwill-1")
    assert first.amount == Decimal("20.00") and first.requested_by == agent
    source = paid_order.sources.get()
    assert source.amount_refunded == Decimal("20.00")
    rest = services.refund_order_payment(order=paid_order, amount=SNEAKER_TOTAL - 20, reason="Returned",
                                         requested_by=agent, idempotency_key="return-1")
    assert rest.amount == Decimal("135.00")
    assert sum(r.amount for r in stripe_refunds(paid_order)) == SNEAKER_TOTAL
    events = paid_order.payment_events.filter(event_type__name="Refunded").order_by("pk")
    assert [(e.amount, e.reference) for e in events] == [(Decimal("20.00"), first.stripe_refund_id),
                                                         (Decimal("135.00"), rest.stripe_refund_id)]
    notes = [n.message for n in paid_order.notes.all()]
    assert any("Sofia Support" in n and "Scuffed toe cap" in n for n in notes)
    page_state = services_state(paid_order)
    assert page_state == "Refunded"


def services_state(order):
    return payment_summary(order).state


def test_refunding_more_than_is_left_is_refused_before_stripe_hears_of_it(paid_order, demo_user):
    services.refund_order_payment(order=paid_order, amount="150.00", reason="Remake refused", requested_by=None,
                                  idempotency_key="r-1")
    with pytest.raises(services.RefundRefused, match="Only 5.00 EUR is left to refund"):
        services.refund_order_payment(order=paid_order, amount="5.01", reason="Too much", requested_by=None,
                                      idempotency_key="r-2")
    assert len(stripe_refunds(paid_order)) == 1 and PaymentRefund.objects.count() == 1
    assert services_state(paid_order) == "Partly refunded"


def test_the_same_idempotency_key_twice_refunds_once(paid_order):
    first = services.refund_order_payment(order=paid_order, amount="10.00", reason="Late", requested_by=None,
                                          idempotency_key="goodwill-7")
    again = services.refund_order_payment(order=paid_order, amount="10.00", reason="Late", requested_by=None,
                                          idempotency_key="goodwill-7")
    assert again.pk == first.pk
    assert len(stripe_refunds(paid_order)) == 1 and paid_order.sources.get().amount_refunded == Decimal("10.00")
    with pytest.raises(services.RefundRefused, match="already made"):
        services.refund_order_payment(order=paid_order, amount="12.00", reason="Late", requested_by=None,
                                      idempotency_key="goodwill-7")


@pytest.mark.parametrize("amount, message", [
    ("0", "more than nothing"), ("-5", "more than nothing"), ("abc", "not an amount"), ("1.234", "whole cents"),
    ("NaN", "more than nothing"),
])
def test_bad_amounts_are_refused(paid_order, amount, message):
    with pytest.raises(services.RefundRefused, match=message):
        services.refund_order_payment(order=paid_order, amount=amount, reason="x", requested_by=None,
                                      idempotency_key="bad")
    assert not PaymentRefund.objects.exists()


def test_a_refund_needs_a_reason_and_a_stripe_payment(paid_order, at_payment):
    with pytest.raises(services.RefundRefused, match="Say why"):
        services.refund_order_payment(order=paid_order, amount="1", reason=" ", requested_by=None,
                                      idempotency_key="k")
    StripePayment.objects.filter(order=paid_order).update(order=None)
    with pytest.raises(services.RefundRefused, match="was not paid with Stripe"):
        services.refund_order_payment(order=paid_order, amount="1", reason="x", requested_by=None,
                                      idempotency_key="k")


def test_a_support_agent_refunds_from_the_order_page(paid_order, client_as):
    agent = client_as("support")
    page = agent.get(f"/shop/dashboard/orders/{paid_order.number}/").content.decode()
    assert "left to refund €155.00" in page and 'name="refund_key"' in page
    key = page.split('name="refund_key" value="')[1].split('"')[0]
    url = f"/shop/dashboard/orders/{paid_order.number}/refund/"
    response = agent.post(url, {"amount": "30.00", "reason": "Laces arrived late", "refund_key": key}, follow=True)
    page = response.content.decode()
    assert "Refunded €30.00 on order" in page and "Laces arrived late" in page and "Sofia Support" in page
    agent.post(url, {"amount": "30.00", "reason": "Laces arrived late", "refund_key": key})  # double submit
    assert paid_order.sources.get().amount_refunded == Decimal("30.00")
    assert len(stripe_refunds(paid_order)) == 1

    response = agent.post(url, {"amount": "500", "reason": "Too much", "refund_key": str(uuid.uuid4())}, follow=True)
    assert "Only 125.00 EUR is left to refund" in response.content.decode()
    response = agent.post(url, {"amount": "-1", "reason": "", "refund_key": "nope"}, follow=True)
    assert "Amount to refund:" in response.content.decode()
    assert paid_order.sources.get().amount_refunded == Decimal("30.00")


def test_only_staff_with_the_refund_permission_may_refund(paid_order, client_as):
    url = f"/shop/dashboard/orders/{paid_order.number}/refund/"
    body = {"amount": "1.00", "reason": "x", "refund_key": str(uuid.uuid4())}
    assert client_as("production").post(url, body).status_code == 403
    assert client_as("shopper").post(url, body).status_code == 403
    assert client_as(None).post(url, body).status_code in (302, 403)
    assert not PaymentRefund.objects.exists()
    page = client_as("production").get(f"/shop/dashboard/orders/{paid_order.number}/").content.decode()
    assert 'name="refund_key"' not in page


def refund_whose_answer_is_lost(order, amount, reason, key):
    """Stripe makes the refund, but its answer never comes back to the store."""
    real_refund = gateway.refund

    def answer_lost(**kwargs):
        real_refund(**kwargs)
        raise gateway.GatewayError("Read timed out")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gateway, "refund", answer_lost)
        with pytest.raises(gateway.GatewayError):
            services.refund_order_payment(order=order, amount=amount, reason=reason, requested_by=None,
                                          idempotency_key=key)


def test_a_refund_whose_answer_was_lost_holds_its_amount_and_is_made_once(paid_order):
    refund_whose_answer_is_lost(paid_order, "150.00", "Returned", "lost-1")
    pending = PaymentRefund.objects.get()
    assert (pending.status, pending.idempotency_key, pending.amount) == ("pending", "lost-1", Decimal("150.00"))
    with pytest.raises(services.RefundRefused, match=r"Only 5.00 EUR is left .*150.00 EUR is waiting for Stripe"):
        services.refund_order_payment(order=paid_order, amount="10.00", reason="Late", requested_by=None,
                                      idempotency_key="other")
    assert services.retry_pending_refunds(older_than=timedelta(0)) == 1  # asked again with the same key
    assert services.retry_pending_refunds(older_than=timedelta(0)) == 0
    pending.refresh_from_db()
    assert pending.status == "succeeded" and pending.stripe_refund_id
    assert paid_order.sources.get().amount_refunded == Decimal("150.00")
    assert paid_order.payment_events.filter(event_type__name="Refunded").count() == 1


def test_stripes_webhook_completes_a_pending_refund_instead_of_counting_it_twice(paid_order, client):
    refund_whose_answer_is_lost(paid_order, "40.00", "Goodwill", "lost-2")
    charge_id = gateway.retrieve_intent(paid_order.stripe_payment.intent_id).charge_id
    assert post_event(client, event("charge.refunded", {"id": charge_id})).status_code == 200
    refund = PaymentRefund.objects.get()
    assert (refund.status, refund.reason) == ("succeeded", "Goodwill")
    assert paid_order.sources.get().amount_refunded == Decimal("40.00")


def test_a_refund_stripe_refuses_is_marked_failed_and_frees_its_amount(paid_order, monkeypatch):
    def refused(**kwargs):
        try:
            raise stripe.InvalidRequestError("Charge has been disputed", param="charge", http_status=400)
        except stripe.InvalidRequestError as error:
            raise gateway.GatewayError(str(error)) from error

    monkeypatch.setattr(gateway, "refund", refused)
    with pytest.raises(gateway.GatewayError):
        services.refund_order_payment(order=paid_order, amount="155.00", reason="Returned", requested_by=None,
                                      idempotency_key="refused-1")
    monkeypatch.undo()
    assert PaymentRefund.objects.get().status == "failed"
    refund = services.refund_order_payment(order=paid_order, amount="155.00", reason="Returned", requested_by=None,
                                           idempotency_key="refused-2")
    assert refund.status == "succeeded"


def test_five_parallel_refunds_never_refund_more_than_is_left(served_checkout, live_server, demo_user):
    """Five agents press Refund (€5 each) at once with €13.90 left: Stripe makes two, the store records two."""
    order = Order.objects.get(number=pay_request(served_checkout)().json()["order"])
    services.refund_order_payment(order=order, amount="141.10", reason="Returned", requested_by=None,
                                  idempotency_key="first")
    agent = Client()
    agent.force_login(demo_user("support"))
    visitor = Visitor(live_server, agent)
    url = f"/shop/dashboard/orders/{order.number}/refund/"
    visitor.csrf_token(f"/shop/dashboard/orders/{order.number}/")

    def refund():
        return visitor.post(url, data={"amount": "5.00", "reason": "Goodwill", "refund_key": str(uuid.uuid4())})

    answers = in_parallel(*[refund for _ in range(5)])
    assert [a for a in answers if isinstance(a, Exception) or a.status_code != 302] == []
    made = stripe_refunds(order)
    assert sorted(r.amount for r in made) == [Decimal("5.00"), Decimal("5.00"), Decimal("141.10")]
    assert PaymentRefund.objects.filter(status="succeeded").count() == 3
    assert order.sources.get().amount_refunded == Decimal("151.10")
    assert not PaymentRefund.objects.filter(status="pending").exists()
    page = visitor.get(f"/shop/dashboard/orders/{order.number}/").text
    assert "left to refund €3.90" in page
