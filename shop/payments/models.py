"""Stripe payments: one row per attempt to pay for a basket, the webhook event log, and refunds."""

import secrets

from django.conf import settings
from django.db import models


def new_reference():
    return secrets.token_urlsafe(18)


STRIPE_SOURCE_TYPE = "Stripe"  # the name of Oscar's payment source type an order paid through Stripe gets


class StripePayment(models.Model):
    """An attempt to pay for a frozen basket with a PaymentIntent. It places at most one order."""

    class Status(models.TextChoices):
        STARTED = "started", "Started"
        REQUIRES_ACTION = "requires_action", "Waiting for 3-D Secure"
        SUCCEEDED = "succeeded", "Paid"
        FAILED = "failed", "Declined"
        CANCELLED = "cancelled", "Cancelled"

    OPEN_STATUSES = (Status.STARTED, Status.REQUIRES_ACTION)  # still waiting for Stripe's answer

    reference = models.CharField(max_length=32, unique=True, default=new_reference, editable=False)
    intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    basket = models.ForeignKey("basket.Basket", on_delete=models.PROTECT, related_name="stripe_payments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    guest_email = models.EmailField(blank=True)
    order_number = models.CharField(max_length=128, db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12)
    shipping_address = models.JSONField(default=dict, blank=True)
    shipping_method_code = models.CharField(max_length=128)
    checkout_details = models.JSONField(default=dict, blank=True, help_text=(
        "What the shopper gave and accepted at checkout (company, VAT number, the terms' version and when they were "
        "accepted, the lines excluded from withdrawal): recorded with the order by whichever path places it."))
    card_label = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.STARTED)
    failure_message = models.CharField(max_length=255, blank=True)
    order = models.OneToOneField("order.Order", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="stripe_payment")
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_reason = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.intent_id or self.reference} ({self.get_status_display()})"

    @property
    def dispute_reason_text(self):
        """Stripe's dispute reason as words: "product_not_received" → "product not received"."""
        return self.dispute_reason.replace("_", " ")

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class StripeEvent(models.Model):
    """Every webhook event, recorded by its id before it is acted on: a replay finds it and changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=128)
    payload = models.JSONField()
    outcome = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class PaymentRefund(models.Model):
    """Money given back on a Stripe payment: who asked, why, and the Oscar payment event it became.

    A refund made from the store is stored as *pending*, with its idempotency key, before Stripe is asked; it
    holds its amount against what is left to refund until Stripe's answer makes it *refunded* (or *failed*, when
    Stripe refused). A pending refund whose answer was lost is asked again with the same key, so Stripe makes it
    at most once. Refunds made in Stripe's own dashboard arrive by webhook, already refunded, without a key.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for Stripe"
        SUCCEEDED = "succeeded", "Refunded"
        FAILED = "failed", "Refused by Stripe"

    payment = models.ForeignKey(StripePayment, on_delete=models.PROTECT, related_name="refunds")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUCCEEDED)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    failure_message = models.CharField(max_length=255, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    reason = models.CharField(max_length=255)
    line_quantities = models.JSONField(default=dict, blank=True, help_text=(
        '{"<order line id>": quantity} the refund is for (empty: not for particular lines); recorded on Oscar\'s '
        'payment event as its line quantities.'))
    includes_shipping = models.BooleanField(default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    payment_event = models.OneToOneField("order.PaymentEvent", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="stripe_refund")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.amount} {self.payment.currency} ({self.reason})"
