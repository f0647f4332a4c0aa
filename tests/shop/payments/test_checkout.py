"""Paying by card at checkout: the order exists once, only when Stripe says the money is secured."""

import json
import urllib.request
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import get_resolver
from django.utils import timezone

from shop.payments import gateway, services
from shop.payments.models import StripePayment
from tests.shop.payments.conftest import ADDRESS, SNEAKER_TOTAL, Order, accepted_terms, card_token, pay


def test_paying_with_a_good_card_places_the_order(at_payment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(at_payment)
    assert response.status_code == 200, response.content
    assert response.json()["redirect"] == "/shop/checkout/thank-you/"
    order = Order.objects.get(number=response.json()["order"])
    assert order.total_incl_tax == SNEAKER_TOTAL
    assert order.status == "Paid" and {line.status for line in order.lines.all()} == {"Paid"}
    assert [(c.old_status, c.new_status) for c in order.status_changes.all()] == [("Pending", "Paid")]
    payment = StripePayment.objects.get(order=order)
    intent = gateway.retrieve_intent(payment.intent_id)
    assert intent.status == "succeeded" and intent.amount == SNEAKER_TOTAL
    source = order.sources.get()
    assert (source.amount_debited, source.reference, source.label) == (SNEAKER_TOTAL, intent.id, "Visa ending 4242")
    assert [e.event_type.name for e in order.payment_events.all()] == ["Paid"]

    thank_you = at_payment.get("/shop/checkout/thank-you/").content.decode()
    assert order.number in thank_you and "Spare pair of laces" in thank_you and "€155.00" in thank_you
    assert "Visa ending 4242" in thank_you
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.startswith("Hello Sam,") and "Spare pair of laces" in mail.outbox[0].body
    assert at_payment.get("/shop/basket/").context["basket"].num_items == 0


def test_a_declined_card_is_refused_with_a_message_and_the_basket_is_kept(at_payment):
    response = pay(at_payment, "4000000000000002")
    assert response.status_code == 402
    assert "declined" in response.json()["detail"]["message"]
    response = pay(at_payment, "4000000000000341")  # attaches, then the bank declines the payment
    assert response.status_code == 402 and "declined" in response.json()["detail"]["message"]
    assert not Order.objects.filter(user__email="shopper@atelier.example").exists()
    basket = at_payment.get("/shop/checkout/payment-details/").context["basket"]
    assert basket.num_items == 1 and basket.total_incl_tax == SNEAKER_TOTAL
    assert pay(at_payment).status_code == 200  # another card still pays for the same basket


def test_an_amount_sent_by_the_browser_is_ignored(at_payment):
    response = pay(at_payment, amount="1.00", total="1.00")
    assert response.status_code == 200
    payment = StripePayment.objects.get(order__number=response.json()["order"])
    assert payment.amount == SNEAKER_TOTAL
    assert gateway.retrieve_intent(payment.intent_id).amount == SNEAKER_TOTAL


def test_a_changed_total_is_shown_before_paying(at_payment):
    response = pay(at_payment, expected_total=Decimal("149.00"))
    assert response.status_code == 409
    assert response.json()["detail"]["message"].startswith("Your total is now €155.00 (the page showed €149.00)")
    assert not StripePayment.objects.exists()
    page = at_payment.get(response.json()["detail"]["redirect"]).content.decode()
    assert "Your total is now €155.00" in page and 'data-expected-total="155.00"' in page


@pytest.mark.parametrize(("body", "field", "error"), [
    ("not json", "body", "invalid_json"),
    ("", "body", "invalid_json"),
    ("[]", "body", "invalid_json"),
    ('"tok_visa"', "body", "invalid_json"),
    ({"token": 12, "expected_total": "155.00"}, "token", "invalid_request"),
    ({"token": "card_x", "expected_total": "155.00"}, "token", "invalid_request"),
    ({"token": "tok_x", "expected_total": "lots"}, "expected_total", "invalid_request"),
    ({"token": "tok_x", "expected_total": ["155.00"]}, "expected_total", "invalid_request"),
    ({"token": "tok_x", "expected_total": "155.00", "cardholder": ["Sam"]}, "cardholder", "invalid_request"),
    ({"token": "tok_x", "expected_total": "155.00", "cardholder": "S" * 101}, "cardholder", "invalid_request"),
    ({"expected_total": "155.00", "cardholder": "Sam Shopper"}, "token", "invalid_request"),
    ({"token": "tok_x", "cardholder": "Sam Shopper"}, "expected_total", "invalid_request"),
])
def test_bad_bodies_answer_the_one_400_and_change_nothing(at_payment, monkeypatch, body, field, error):
    def never(**kwargs):
        raise AssertionError("Stripe was asked")

    monkeypatch.setattr(gateway, "save_card", never)
    monkeypatch.setattr(gateway, "create_intent", never)
    basket = at_payment.get("/shop/checkout/payment-details/").context["basket"]
    lines = list(basket.lines.values_list("pk", "quantity"))
    data = body if isinstance(body, str) else json.dumps(body)
    response = at_payment.post("/shop/checkout/pay/", data, content_type="application/json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["error"] == error and set(answer) == {"error", "detail"}
    assert set(answer["detail"]) == {"message", "field", "fields"} and answer["detail"]["field"] == field
    assert answer["detail"]["fields"][field] == [answer["detail"]["message"]]
    assert not StripePayment.objects.exists()
    basket.refresh_from_db()
    assert basket.status == "Open" and list(basket.lines.values_list("pk", "quantity")) == lines


def test_a_bad_body_names_every_problem_in_the_shoppers_words(at_payment):
    response = at_payment.post("/shop/checkout/pay/", json.dumps({"token": 12, "cardholder": "S" * 101}),
                               content_type="application/json")
    assert response.json() == {"error": "invalid_request", "detail": {
        "message": "The card details did not reach us. Please enter them again.", "field": "token", "fields": {
            "token": ["The card details did not reach us. Please enter them again."],
            "expected_total": ["expected_total must be the total the page showed."],
            "cardholder": ["The name on the card is at most 100 characters."],
            "accept_terms": ["Please tick the box to accept the terms of sale before you pay. Nothing has been "
                             "charged."],
        }}}


@pytest.mark.parametrize(("body", "message"), [
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"token": "tok_x", "expected_total": "155.00", "cardholder": "Sam \\ud800"}', "half of a surrogate pair"),
])
def test_bodies_json_cannot_carry_safely_are_refused_with_a_message(at_payment, body, message):
    response = at_payment.post("/shop/checkout/pay/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"] == "invalid_json"
    assert message in response.json()["detail"]["message"]
    assert not StripePayment.objects.exists()


def test_three_d_secure_completes_in_the_browser_then_the_order_is_placed(at_payment):
    response = pay(at_payment, "4000002760003184")
    assert response.status_code == 200 and response.json()["status"] == "requires_action"
    assert not Order.objects.filter(user__email="shopper@atelier.example").exists()
    payment = StripePayment.objects.get()
    authenticate(payment, response.json()["client_secret"], success=True)
    response = at_payment.post("/shop/checkout/pay/complete/", "{}", content_type="application/json")
    assert response.status_code == 200
    assert Order.objects.get(number=response.json()["order"]).stripe_payment == payment


def test_failed_three_d_secure_keeps_the_basket(at_payment):
    response = pay(at_payment, "4000000000003220")
    payment = StripePayment.objects.get()
    authenticate(payment, response.json()["client_secret"], success=False)
    response = at_payment.post("/shop/checkout/pay/complete/", "{}", content_type="application/json")
    assert response.status_code == 402 and "authenticated" in response.json()["detail"]["message"]
    assert at_payment.get("/shop/basket/").context["basket"].num_items == 1


def test_oscar_preview_cannot_place_an_unpaid_order(at_payment):
    response = at_payment.post("/shop/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 405
    assert not Order.objects.filter(user__email="shopper@atelier.example").exists()


def authenticate(payment, client_secret, *, success):
    """What localstripe's Stripe.js does when the shopper answers the 3-D Secure dialog."""
    url = (f"{settings.STRIPE_API_BASE}/v1/payment_intents/{payment.intent_id}/_authenticate"
           f"?success={'true' if success else 'false'}")
    body = json.dumps({"key": "pk_test_localstripe", "client_secret": client_secret}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST")) as answer:
        assert answer.status == 200


SNEAKER_FORM = {"size": "size_40", "upper_material": "upper_leather", "upper_colour": "colour_terracotta",
                "toe_cap": "toe_same", "sole": "sole_white", "laces": "laces_chalk", "lining": "lining_calf",
                "extras": "extra_spare_laces"}


def test_a_guest_pays_and_follows_the_order_from_the_email_link(db, client, stripe_server, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    assert client.post("/shop/configure/the-atelier-sneaker/", {**SNEAKER_FORM, "action": "basket"}).status_code == 302
    response = client.post("/shop/checkout/", {"username": "ada@example.com", "options": "anonymous"})
    assert response.status_code == 302 and response["Location"].endswith("/shop/checkout/shipping-address/")
    assert client.post("/shop/checkout/shipping-address/", {**ADDRESS, "first_name": "Ada"}).status_code == 302
    client.post("/shop/checkout/shipping-method/", {"method_code": "delivery"})
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(client)
    order = Order.objects.get(number=response.json()["order"])
    assert order.guest_email == "ada@example.com" and order.user is None and order.total_incl_tax == SNEAKER_TOTAL
    email = mailoutbox[0]
    assert email.to == ["ada@example.com"] and "Spare pair of laces" in email.body
    assert email.body.startswith("Hello Ada,")
    link = next(word for word in email.body.split() if word.startswith("http://127.0.0.1:8000/shop/"))
    response = client.get(link.replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 302  # Oscar asks a guest for the order's e-mail address first
    page = client.post(response["Location"], {"email": "ada@example.com"}, follow=True).content.decode()
    assert "Spare pair of laces" in page and "Visa ending 4242" in page and ">Paid</span>" in page


def test_when_stripe_is_unreachable_nothing_is_charged_and_the_basket_is_kept(at_payment, settings):
    token = card_token()
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    body = {"token": token, "expected_total": str(SNEAKER_TOTAL), "cardholder": "Sam", **accepted_terms()}
    response = at_payment.post("/shop/checkout/pay/", json.dumps(body), content_type="application/json")
    assert response.status_code == 502 and "Nothing has been charged" in response.json()["detail"]["message"]
    assert StripePayment.objects.get().status == StripePayment.Status.FAILED
    assert at_payment.get("/shop/basket/").context["basket"].num_items == 1


def test_a_payment_left_in_three_d_secure_is_released_after_an_hour(at_payment):
    pay(at_payment, "4000002760003184")
    payment = StripePayment.objects.get()
    assert payment.basket.status == "Frozen"
    assert services.release_abandoned_payments(older_than=timedelta(hours=1)) == 0  # still fresh
    StripePayment.objects.filter(pk=payment.pk).update(updated_at=payment.updated_at - timedelta(hours=2))
    assert services.release_abandoned_payments(older_than=timedelta(hours=1)) == 1
    payment.refresh_from_db()
    assert payment.status == StripePayment.Status.FAILED and payment.basket.status == "Open"
    assert gateway.retrieve_intent(payment.intent_id).status == "canceled"


def test_a_second_payment_for_a_basket_being_paid_is_refused(at_payment):
    first = pay(at_payment, "4000002760003184")  # waiting for 3-D Secure: the basket is frozen
    assert first.json()["status"] == "requires_action"
    basket = StripePayment.objects.get().basket
    with pytest.raises(services.PaymentInProgress):
        services.start_card_payment(basket=basket, user=basket.owner, guest_email="", shipping_address=None,
                                    shipping_method=None, order_total=None, order_number="x", token="tok_x",
                                    cardholder="")
    assert StripePayment.objects.count() == 1


def test_only_the_webhook_is_exempt_from_csrf():
    def callbacks(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from callbacks(pattern, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    exempt = sorted(route for route, view in callbacks(get_resolver())
                    if getattr(view, "csrf_exempt", False) and view.__module__.startswith(("shop", "configurator")))
    assert exempt == ["shop/payments/stripe/webhook/"]


def test_stripe_going_silent_after_the_intent_exists_never_charges_twice(at_payment, monkeypatch):
    """The confirmation's answer is lost: the basket stays frozen until Stripe's state is known."""
    def lost(intent_id):
        raise gateway.GatewayError("timed out")

    monkeypatch.setattr(gateway, "confirm_intent", lost)
    monkeypatch.setattr(gateway, "retrieve_intent", lost)
    response = pay(at_payment)
    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert "being confirmed" in response.json()["detail"]["message"]
    payment = StripePayment.objects.get()
    assert payment.is_open and payment.basket.status == "Frozen"
    # The page asks again while Stripe is still silent: still pending, still frozen, never a 500.
    response = at_payment.post(response.json()["complete"])
    assert response.status_code == 202 and response.json()["status"] == "pending"
    monkeypatch.undo()
    response = at_payment.post("/shop/checkout/pay/complete/")  # Stripe answers: never confirmed, so cancelled
    assert response.status_code == 402 and "Nothing has been charged" in response.json()["detail"]["message"]
    payment.refresh_from_db()
    assert payment.basket.status == "Open" and gateway.retrieve_intent(payment.intent_id).status == "canceled"


def test_an_expired_quote_is_caught_before_any_payment(at_payment, sneaker_quote):
    sneaker_quote.expires_at = timezone.now() - timedelta(minutes=1)
    sneaker_quote.save()
    response = pay(at_payment)
    assert response.status_code == 409 and response.json()["error"] == "checkout_incomplete"
    assert "The price of this configuration has expired" in response.json()["detail"]["message"]
    assert response.json()["detail"]["redirect"] == "/shop/basket/"
    assert not StripePayment.objects.exists()
    assert "has expired" in at_payment.get("/shop/basket/").content.decode()
