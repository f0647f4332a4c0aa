"""Stripe's webhook: only correctly signed, fresh events act; each acts once; order of arrival doesn't matter."""

import json
import time

import pytest
from django.conf import settings
from django.test import Client

from shop.payments import gateway
from shop.payments.models import StripeEvent, StripePayment
from tests.shop.payments.conftest import SNEAKER_TOTAL, Order, event, pay, post_event, sign
from tests.shop.payments.test_checkout import authenticate

WEBHOOK = "/shop/payments/stripe/webhook/"


@pytest.fixture
def waiting_payment(at_payment):
    """A payment whose 3-D Secure the shopper completed, with the browser gone before it came back."""
    response = pay(at_payment, "4000002760003184")
    payment = StripePayment.objects.get()
    authenticate(payment, response.json()["client_secret"], success=True)
    return payment


def intent_object(payment):
    return {"id": payment.intent_id, "object": "payment_intent", "status": "succeeded"}


@pytest.mark.parametrize("signature", [
    None, "garbage", "t=1,v1=00", "wrong-secret", "stale", "future",
])
def test_missing_wrong_or_stale_signatures_are_refused_and_change_nothing(client, waiting_payment, signature):
    body = json.dumps(event("payment_intent.succeeded", intent_object(waiting_payment)))
    headers = {}
    if signature == "wrong-secret":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body, secret="whsec_someone_else")
    elif signature == "stale":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body, timestamp=int(time.time()) - 301)
    elif signature == "future":  # would stay replayable until the day after its date
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body, timestamp=int(time.time()) + 86400)
    elif signature is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature
    response = client.post(WEBHOOK, body, content_type="application/json", **headers)
    assert response.status_code == 400 and response.json()["error"] == "invalid_signature"
    assert not StripeEvent.objects.exists()
    waiting_payment.refresh_from_db()
    assert waiting_payment.order is None


def test_the_signature_covers_the_raw_body(client, waiting_payment):
    body = json.dumps(event("payment_intent.succeeded", intent_object(waiting_payment)))
    header = sign(body)
    tampered = body.replace('"status": "succeeded"', '"status":  "succeeded"')
    response = client.post(WEBHOOK, tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400


def test_success_places_the_order_once_and_a_replay_changes_nothing(client, waiting_payment, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    succeeded = event("payment_intent.succeeded", intent_object(waiting_payment))
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(client, succeeded)
    assert response.status_code == 200
    order = Order.objects.get(stripe_payment=waiting_payment)
    assert order.total_incl_tax == SNEAKER_TOTAL and order.guest_email == "" and order.user.first_name == "Sam"
    assert response.json()["outcome"] == f"order {order.number}"
    with django_capture_on_commit_callbacks(execute=True):
        replay = post_event(client, succeeded)
    assert replay.json()["outcome"] == "already handled"
    assert Order.objects.filter(stripe_payment=waiting_payment).count() == 1
    assert len(mailoutbox) == 1
    assert StripeEvent.objects.get(event_id=succeeded["id"]).outcome == f"order {order.number}"


def test_the_browser_returning_after_the_webhook_finds_the_same_order(at_payment, waiting_payment):
    post_event(at_payment, event("payment_intent.succeeded", intent_object(waiting_payment)))
    response = at_payment.post("/shop/checkout/pay/complete/", "{}", content_type="application/json")
    assert response.status_code == 200
    assert Order.objects.get(number=response.json()["order"]).stripe_payment == waiting_payment
    assert Order.objects.filter(stripe_payment__isnull=False).count() == 1


def test_the_webhook_after_the_browser_changes_nothing(at_payment, waiting_payment):
    first = at_payment.post("/shop/checkout/pay/complete/", "{}", content_type="application/json").json()
    response = post_event(at_payment, event("payment_intent.succeeded", intent_object(waiting_payment)))
    assert response.json()["outcome"] == f"order {first['order']}"
    assert Order.objects.filter(stripe_payment__isnull=False).count() == 1


def test_a_success_event_is_checked_against_stripe(client, at_payment):
    """A correctly signed event whose intent has not succeeded (still waiting for 3-D Secure) places nothing."""
    pay(at_payment, "4000002760003184")
    payment = StripePayment.objects.get()
    response = post_event(client, event("payment_intent.succeeded", intent_object(payment)))
    assert response.json()["outcome"] == "no order for this intent"
    assert not Order.objects.filter(stripe_payment=payment).exists()


def test_a_failed_payment_event_gives_the_basket_back(at_payment):
    response = pay(at_payment, "4000000000003220")
    payment = StripePayment.objects.get()
    authenticate(payment, response.json()["client_secret"], success=False)
    failed = event("payment_intent.payment_failed", {"id": payment.intent_id, "last_payment_error": {
        "message": "The provided PaymentMethod has failed authentication."}})
    assert post_event(at_payment, failed).json()["outcome"] == "payment declined"
    payment.refresh_from_db()
    assert payment.status == StripePayment.Status.FAILED and payment.basket.status == "Open"


def test_a_late_failure_event_never_undoes_a_placed_order(at_payment):
    paid = pay(at_payment).json()
    payment = StripePayment.objects.get(order__number=paid["order"])
    post_event(at_payment, event("payment_intent.payment_failed", {"id": payment.intent_id}))
    payment.refresh_from_db()
    assert payment.status == StripePayment.Status.SUCCEEDED and payment.order.number == paid["order"]


def test_a_refund_event_arriving_first_places_the_order_then_records_the_refund(client, waiting_payment):
    intent = gateway.retrieve_intent(waiting_payment.intent_id)
    refunded = gateway.refund(intent_id=intent.id, amount=SNEAKER_TOTAL - 100, idempotency_key="dash-1",
                              metadata={})  # made in Stripe's dashboard
    response = post_event(client, event("charge.refunded", {"id": intent.charge_id, "object": "charge"}))
    assert response.json()["outcome"] == "1 refund(s) recorded"
    order = Order.objects.get(stripe_payment=waiting_payment)
    source = order.sources.get()
    assert source.amount_refunded == refunded.amount == SNEAKER_TOTAL - 100
    assert waiting_payment.refunds.get().reason == "Refunded in Stripe"
    # the success event that was overtaken arrives at last: still one order
    post_event(client, event("payment_intent.succeeded", intent_object(waiting_payment)))
    assert Order.objects.filter(stripe_payment=waiting_payment).count() == 1
    post_event(client, event("charge.refunded", {"id": intent.charge_id, "object": "charge"}))
    assert order.sources.get().amount_refunded == SNEAKER_TOTAL - 100


def test_a_dispute_flags_the_order_for_support(client, at_payment):
    paid = pay(at_payment).json()
    payment = StripePayment.objects.get(order__number=paid["order"])
    charge = gateway.retrieve_intent(payment.intent_id).charge_id
    dispute = event("charge.dispute.created", {"id": "dp_test_1", "object": "dispute", "charge": charge,
                                               "amount": 15500, "reason": "product_not_received"})
    assert post_event(client, dispute).json()["outcome"] == f"order {paid['order']} flagged as disputed"
    payment.refresh_from_db()
    assert payment.disputed_at and payment.dispute_reason == "product_not_received"
    note = payment.order.notes.get(note_type="Warning")
    assert "disputed" in note.message and "product not received" in note.message and "€" not in note.message
    assert "155.00 EUR" in note.message
    page = at_payment.get(f"/shop/accounts/orders/{paid['order']}/").content.decode()
    assert "Disputed" in page


@pytest.mark.parametrize("event_type", ["charge.refunded", "charge.dispute.created"])
def test_an_event_for_a_charge_stripe_does_not_know_is_acknowledged_not_retried(client, db, stripe_server, caplog,
                                                                                 event_type):
    obj = {"id": "ch_nobody_knows", "object": "charge"} if event_type == "charge.refunded" else \
        {"id": "dp_nobody_knows", "object": "dispute", "charge": "ch_nobody_knows", "amount": 100}
    response = post_event(client, event(event_type, obj))
    assert response.status_code == 200 and response.json()["outcome"] == "unknown charge"
    assert StripeEvent.objects.get().outcome == "unknown charge"
    assert "ch_nobody_knows" in caplog.text


def test_stripe_being_unreachable_still_answers_503_so_stripe_retries(client, db, stripe_server, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = post_event(client, event("charge.refunded", {"id": "ch_1", "object": "charge"}))
    assert response.status_code == 503 and response.json()["error"] == "stripe_unavailable"
    assert not StripeEvent.objects.exists()


def test_unknown_events_and_intents_are_recorded_and_ignored(client, db, stripe_server):
    other = post_event(client, event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert other.status_code == 200 and other.json()["outcome"] == "not handled here"
    stranger = post_event(client, event("payment_intent.succeeded", {"id": "pi_not_ours"}))
    assert stranger.json()["outcome"] == "no order for this intent"
    assert StripeEvent.objects.count() == 2


def test_a_signed_body_that_is_not_an_event_is_refused(client, db, stripe_server):
    payload = json.dumps({"id": "evt_1", "type": "payment_intent.succeeded"})
    response = client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload))
    assert response.status_code == 400 and response.json()["error"] == "invalid_event"
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize(("payload", "message"), [
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"id": "evt_\\ud800", "type": "charge.refunded", "data": {"object": {"id": "ch_1"}}}',
     "half of a surrogate pair"),
])
def test_a_signed_body_json_cannot_carry_safely_is_refused(client, db, stripe_server, payload, message):
    response = client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload))
    assert response.status_code == 400 and message in response.json()["detail"]["message"]
    assert not StripeEvent.objects.exists()


def test_only_post_and_no_csrf_token_needed(db, stripe_server):
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(WEBHOOK).status_code == 405
    response = post_event(strict, event("customer.created", {"id": "cus_2"}))
    assert response.status_code == 200


def test_an_event_signed_with_the_once_published_development_secret_is_refused(client, db):
    """A default install's webhook secret is its own (generated into the data directory), not a constant."""
    assert settings.STRIPE_WEBHOOK_SECRET != "whsec_localstripe_development"
    body = event("charge.dispute.created", {"id": "dp_forged", "object": "dispute", "payment_intent": "pi_any"})
    response = post_event(client, body, secret="whsec_localstripe_development")
    assert response.status_code == 400 and response.json()["error"] == "invalid_signature"
    assert not StripeEvent.objects.exists()
