"""Payments' personal data: each attempt to pay (the card's brand and last digits, the e-mail and address it was
for), refunds, and the webhook events Stripe sent about the customer's payments."""

from django.db.models import Q

from shop.payments.models import PaymentRefund, StripeEvent, StripePayment
from shop.privacy.records import owned, records
from shop.privacy.registry import Export, register


def _events_of(payments):
    events = Q(pk__in=[])
    for intent in [p.intent_id for p in payments if p.intent_id]:
        events |= Q(payload__data__object__id=intent) | Q(payload__data__object__payment_intent=intent)
    return StripeEvent.objects.filter(events)


def export_payments(subject):
    payments = StripePayment.objects.filter(owned(subject, email_field="guest_email")).select_related("order")
    intents = [p.intent_id for p in payments if p.intent_id]
    return Export(records={
        "payments": records(payments, ["reference", ("order", "order.number"), "amount", "currency", "status",
                                       "card_label", "guest_email", "shipping_address", "created_at"]),
        "refunds": records(PaymentRefund.objects.filter(payment__in=payments).select_related("payment"), [
            ("payment", "payment.reference"), "amount", "reason", "status", "created_at"]),
        "stripe_events": records(_events_of(payments) if intents else [],
                                 ["event_id", "type", "received_at"]),
    })


def erase_payments(subject):
    """Payments and refunds stay (amounts, Stripe's ids: the accounts need them) without the guest's e-mail and the
    address they were for; Stripe's webhook events about them keep only their id and type."""
    payments = StripePayment.objects.filter(owned(subject, email_field="guest_email"))
    erased = _events_of(list(payments)).update(payload={"erased": True})
    return erased + payments.update(guest_email="", shipping_address={})


register("Payments", models=["payments.StripePayment", "payments.PaymentRefund", "payments.StripeEvent"],
         export=export_payments, erase=erase_payments)
