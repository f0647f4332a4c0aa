"""A signed-in shopper at the payment page with a configured sneaker, cards from localstripe, signed webhooks."""

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model

from configurator.selectors import current_version_for_slug
from configurator.services import add_configuration_to_basket, save_configuration
from shop.cms.models import TermsOfSalePage
from shop.payments import gateway
from tests.served import Visitor

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

ADDRESS = {"first_name": "Sam", "last_name": "Shopper", "line1": "Veldstraat 12", "line4": "Ghent",
           "postcode": "9000", "country": "BE", "phone_number": ""}
SNEAKER_OPTIONS = ["size_40", "upper_leather", "colour_terracotta", "toe_same", "sole_white", "laces_chalk",
                   "lining_calf", "extra_spare_laces"]
SNEAKER_TOTAL = Decimal("155.00")  # EU 40 with defaults (149.00) and a spare pair of laces (6.00)


@pytest.fixture
def sneaker_quote(db):
    version = current_version_for_slug("the-atelier-sneaker")
    return save_configuration(version=version, options=SNEAKER_OPTIONS)


def card_token(number="4242424242424242"):
    """What Stripe.js's createToken gives the browser for a card."""
    return gateway.client().v1.tokens.create(
        {"card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}}).id


def fill_basket(owner, quote, quantity=1):
    basket = Basket.open.filter(owner=owner).first() or Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy(user=owner)
    add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
    return basket


@pytest.fixture
def at_payment(client_as, demo_user, sneaker_quote, stripe_server):
    """The shopper's client on the payment page: basket filled, address and shipping method chosen."""
    client = client_as("shopper")
    go_to_payment(client, demo_user("shopper"), sneaker_quote)
    return client


def go_to_payment(client, owner, quote):
    fill_basket(owner, quote)
    response = client.post("/shop/checkout/shipping-address/", ADDRESS)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post("/shop/checkout/shipping-method/", {"method_code": "delivery"})
    assert response.status_code == 302 and response["Location"].endswith("/payment-method/")  # → payment-details


def accepted_terms():
    """What the payment page sends once the shopper ticked to accept the terms of sale in force."""
    return {"accept_terms": True, "terms_version": TermsOfSalePage.current().version}


def pay(client, number="4242424242424242", expected_total=SNEAKER_TOTAL, token=None, terms=None, **extra):
    """POST pay/ as the payment page does; ``terms``: the acceptance sent (read before, to count no query for it)."""
    body = {"token": token or card_token(number), "expected_total": str(expected_total), "cardholder": "Sam Shopper",
            **(terms or accepted_terms()), **extra}
    return client.post("/shop/checkout/pay/", json.dumps(body), content_type="application/json")


def sign(payload, secret="whsec_test_secret", timestamp=None):
    """A Stripe-Signature header, computed exactly as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


_counter = iter(range(10**6))


def event(event_type, obj):
    return {"id": f"evt_test_{next(_counter)}_{int(time.time() * 1000)}", "object": "event", "type": event_type,
            "created": int(time.time()), "data": {"object": obj}}


def post_event(client, body, **sign_kwargs):
    payload = json.dumps(body)
    return client.post("/shop/payments/stripe/webhook/", payload, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=sign(payload, **sign_kwargs))


@pytest.fixture
def served_checkout(transactional_db, seeded_store, live_server, client_as, demo_user, stripe_server):
    """The shopper's browser at the payment page of the served store, with a configured sneaker in the basket."""
    client = client_as("shopper")
    quote = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=SNEAKER_OPTIONS)
    go_to_payment(client, demo_user("shopper"), quote)
    return Visitor(live_server, client)


def pay_request(visitor, expected_total=SNEAKER_TOTAL):
    token = card_token()
    visitor.csrf_token("/shop/checkout/payment-details/")
    body = {"token": token, "expected_total": str(expected_total), "cardholder": "Sam Shopper", **accepted_terms()}
    return lambda: visitor.post("/shop/checkout/pay/", json=body)
