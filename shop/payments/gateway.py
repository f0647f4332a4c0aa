"""The one module that talks to Stripe (stripe-python's StripeClient). Nothing else imports stripe.

It hides the differences between real Stripe and localstripe, the fake server used in development and
tests: intents are created without `confirm=True` and confirmed in a second call without a payment
method, cards arrive as tokens and become a Customer's card source, `latest_charge` may come expanded,
and a decline is recognised by its code or HTTP status, not by the error's class.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings

from shop.jsonbody import BadJSON, parse_json

DECLINE_CODES = {"card_declined", "expired_card", "incorrect_cvc", "incorrect_number", "processing_error",
                 "insufficient_funds", "incorrect_zip", "invalid_expiry_year", "invalid_expiry_month",
                 "invalid_cvc", "invalid_number"}


class PaymentDeclined(Exception):
    """The card or its bank refused: the shopper can try another card."""


class GatewayError(Exception):
    """Stripe could not be reached or answered something unexpected: no money has moved."""


class NotFound(GatewayError):
    """Stripe answered that the object asked for does not exist (404, resource_missing): retrying won't help."""


class InvalidSignature(Exception):
    """A webhook's Stripe-Signature header is missing, wrong or stale."""


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    amount: Decimal
    currency: str
    client_secret: str
    charge_id: str | None
    metadata: dict


@dataclass(frozen=True)
class Card:
    customer_id: str
    card_id: str
    label: str  # "Visa ending 4242"


@dataclass(frozen=True)
class StripeRefund:
    id: str
    amount: Decimal
    charge_id: str
    key: str = ""  # the store's idempotency key, carried in the refund's metadata (empty: made outside the store)


def client():
    """A Stripe client that gives up on a silent Stripe: each call waits STRIPE_TIMEOUT_SECONDS (10 s), retried once
    (POSTs carry an idempotency key, so a retry never charges twice); then GatewayError, never a hung request."""
    options = {"max_network_retries": settings.STRIPE_MAX_NETWORK_RETRIES,
               "http_client": stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS)}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def to_minor_units(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def from_minor_units(amount: int) -> Decimal:
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.StripeError as error:
        code = getattr(error, "code", None) or ""
        if isinstance(error, stripe.CardError) or code in DECLINE_CODES or error.http_status == 402:
            raise PaymentDeclined(decline_message(code, error)) from error
        if isinstance(error, stripe.InvalidRequestError) and (error.http_status == 404 or code == "resource_missing"):
            raise NotFound(str(error.user_message or error)) from error
        raise GatewayError(str(error.user_message or error)) from error


def decline_message(code, error):
    messages = {
        "card_declined": "Your card was declined. Please try another card; nothing has been charged.",
        "expired_card": "Your card has expired. Please use another card; nothing has been charged.",
        "incorrect_cvc": "The security code of your card is wrong. Please check it; nothing has been charged.",
        "insufficient_funds": "Your card has insufficient funds. Please try another card; nothing has been charged.",
    }
    return messages.get(code) or (f"{error.user_message or 'Your card was refused.'} Nothing has been charged.")


def _plain(obj) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def _intent(obj) -> Intent:
    obj = _plain(obj)
    charge = obj.get("latest_charge")
    if charge is not None and not isinstance(charge, str):
        charge = charge["id"]
    return Intent(id=obj["id"], status=obj["status"], amount=from_minor_units(obj["amount"]),
                  currency=obj["currency"].upper(), client_secret=obj["client_secret"] or "",
                  charge_id=charge, metadata=dict(obj["metadata"] or {}))


def save_card(*, token: str, email: str, name: str) -> Card:
    """A Customer holding the card that Stripe.js turned into a token (declines may already happen here)."""
    customer = _plain(_call(client().v1.customers.create, {"source": token, "email": email, "name": name}))
    card_id = customer["default_source"]
    card = next((source for source in customer["sources"]["data"] if source["id"] == card_id), None)
    label = f"{card['brand']} ending {card['last4']}" if card else "Card"
    return Card(customer_id=customer["id"], card_id=card_id, label=label)


def create_intent(*, amount: Decimal, currency: str, card: Card, metadata: dict, idempotency_key: str) -> Intent:
    """An unconfirmed PaymentIntent for the amount the server computed."""
    params = {"amount": to_minor_units(amount), "currency": currency.lower(), "customer": card.customer_id,
              "payment_method": card.card_id, "payment_method_types": ["card"], "metadata": metadata}
    return _intent(_call(client().v1.payment_intents.create, params, {"idempotency_key": idempotency_key}))


def confirm_intent(intent_id: str) -> Intent:
    """Succeeded, requires_action (3-D Secure in the browser) or PaymentDeclined."""
    return _intent(_call(client().v1.payment_intents.confirm, intent_id))


def retrieve_intent(intent_id: str) -> Intent:
    return _intent(_call(client().v1.payment_intents.retrieve, intent_id))


def cancel_intent(intent_id: str) -> Intent:
    """Cancel an intent that has not succeeded; Stripe refuses once it has, so read it again then."""
    try:
        return _intent(client().v1.payment_intents.cancel(intent_id))
    except stripe.StripeError:
        return retrieve_intent(intent_id)


def _refund(obj) -> StripeRefund:
    return StripeRefund(id=obj["id"], amount=from_minor_units(obj["amount"]), charge_id=obj["charge"],
                        key=(obj.get("metadata") or {}).get("refund_key", ""))


def refund(*, intent_id: str, amount: Decimal, idempotency_key: str, metadata: dict) -> StripeRefund:
    params = {"payment_intent": intent_id, "amount": to_minor_units(amount),
              "metadata": {**metadata, "refund_key": idempotency_key}}
    return _refund(_plain(_call(client().v1.refunds.create, params, {"idempotency_key": idempotency_key})))


def charge_refunds(charge_id: str) -> list[StripeRefund]:
    """Every refund of a charge, as Stripe knows it now."""
    listing = _plain(_call(client().v1.refunds.list, {"charge": charge_id, "limit": 100}))
    return [_refund(r) for r in listing["data"]]


def stripe_answered_no(error: Exception) -> bool:
    """Whether an error is Stripe's definite refusal (a decline or another 4xx answer), not a lost or failed
    connection after which Stripe may or may not have acted."""
    if isinstance(error, PaymentDeclined):
        return True
    status = getattr(error.__cause__, "http_status", None)
    return status is not None and 400 <= status < 500


def charge_intent_id(charge_id: str) -> str | None:
    return _plain(_call(client().v1.charges.retrieve, charge_id))["payment_intent"]


def signature_time(signature: str) -> int:
    """The timestamp ``t=`` of a Stripe-Signature header that stripe-python has already verified."""
    items = [item.split("=", 2) for item in signature.split(",")]  # read exactly as stripe-python reads it
    return int(next(item[1] for item in items if item[0] == "t"))


def verified_event(payload: bytes, signature: str | None) -> dict:
    """The event in a webhook body, after checking its signature (and age) against the raw bytes."""
    if not signature:
        raise InvalidSignature("Missing Stripe-Signature header")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(text, signature, settings.STRIPE_WEBHOOK_SECRET,
                                              tolerance=settings.STRIPE_WEBHOOK_TOLERANCE)
    except (stripe.SignatureVerificationError, UnicodeDecodeError) as error:
        raise InvalidSignature(str(error)) from error
    if signature_time(signature) > time.time() + settings.STRIPE_WEBHOOK_TOLERANCE:
        # stripe-python only refuses old signatures; one dated ahead would stay replayable until its date
        raise InvalidSignature("The signature is dated in the future")
    try:
        event = parse_json(payload)
    except BadJSON as error:
        raise InvalidSignature(f"The body {error}") from error
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
        raise InvalidSignature("The body is not a Stripe event")
    return event
