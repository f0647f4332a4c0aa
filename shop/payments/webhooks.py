"""Stripe's webhook: signature checked on the raw body, every event recorded by id before it is acted on.

Handlers read the current state from Stripe rather than trusting the event's snapshot, so events may
arrive in any order (a refund before the success, a success after the browser already placed the order).
"""

import logging

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.json_errors import json_error
from shop.payments import gateway, services
from shop.payments.models import StripeEvent, StripePayment

logger = logging.getLogger("shop.payments")


def intent_succeeded(obj):
    order = services.place_order_for_intent(intent_id=obj["id"])
    return f"order {order.number}" if order else "no order for this intent"


def intent_failed(obj):
    payment = StripePayment.objects.filter(intent_id=obj["id"]).first()
    if payment is None:
        return "unknown intent"
    payment = services.settle_payment(payment=payment)
    if payment.is_open:
        error = obj.get("last_payment_error") or {}
        services.release_payment(payment=payment, message=error.get("message") or "The card was declined.")
    return f"payment {payment.get_status_display().lower()}"


def unknown_charge(charge_id):
    """Stripe does not know the charge (another account's, or a test event): retrying would never help."""
    logger.warning("Stripe webhook: Stripe knows no charge %r; the event is acknowledged and ignored", charge_id)
    return "unknown charge"


def charge_refunded(obj):
    try:
        return services.sync_charge_refunds(charge_id=obj["id"])
    except gateway.NotFound:
        return unknown_charge(obj["id"])


def dispute_created(obj):
    charge_id = obj.get("charge")
    if not isinstance(charge_id, str) or not charge_id:
        return unknown_charge(charge_id)
    try:
        return services.flag_dispute(charge_id=charge_id, reason=obj.get("reason"), amount=obj.get("amount"))
    except gateway.NotFound:
        return unknown_charge(charge_id)


HANDLERS = {
    "payment_intent.succeeded": intent_succeeded,
    "payment_intent.payment_failed": intent_failed,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": dispute_created,
}


def handle_event(event):
    """Record the event and act on it in one transaction: a failure leaves no record, so Stripe's retry acts."""
    obj = (event.get("data") or {}).get("object")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise ValueError("The event has no data.object with an id")
    try:
        with transaction.atomic():
            record, created = StripeEvent.objects.get_or_create(
                event_id=event["id"], defaults={"type": event["type"], "payload": event})
            if not created:
                return "already handled"
            handler = HANDLERS.get(event["type"])
            record.outcome = handler(obj) if handler else "not handled here"
            record.save(update_fields=["outcome"])
            return record.outcome
    except IntegrityError:  # the same event delivered twice at once: the other delivery handles it
        return "already handled"


@csrf_exempt  # Stripe cannot send a CSRF token; the signature on the raw body authenticates it instead
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request):
    try:
        event = gateway.verified_event(request.body, request.headers.get("Stripe-Signature"))
        outcome = handle_event(event)
    except gateway.InvalidSignature as error:
        return json_error(400, "invalid_signature", str(error))
    except ValueError as error:
        return json_error(400, "invalid_event", str(error))
    except gateway.GatewayError as error:
        logger.warning("Stripe webhook %s: Stripe unreachable (%s); Stripe will retry", event.get("id"), error)
        return json_error(503, "stripe_unavailable", str(error))
    return JsonResponse({"received": event["id"], "outcome": outcome})
