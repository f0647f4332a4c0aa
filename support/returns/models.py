"""A return (a support request of kind "return" with its own fields) and the goodwill ledger.

A return follows requested → approved (ship back, or keep the item) → received → inspected → resolved; it may be
declined instead of approved. Its resolution is a refund to the card, a remake from the same production spec, an
exchange or store credit. Every gesture of goodwill (credit, a refund or free remake made as amends, shipping
refunded) is one row of the ledger, whether a return led to it or not.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from configurator.return_policy import OUTCOME_LABELS, REASON_LABELS


class Reason(models.TextChoices):
    """Why the customer returns it (configurator.return_policy.Reason, with its labels)."""

    FIT = "fit", REASON_LABELS["fit"]
    NOT_AS_EXPECTED = "not_as_expected", REASON_LABELS["not_as_expected"]
    FAULTY = "faulty", REASON_LABELS["faulty"]
    LATE = "late", REASON_LABELS["late"]
    CHANGED_MIND = "changed_mind", REASON_LABELS["changed_mind"]
    OTHER = "other", REASON_LABELS["other"]


class Outcome(models.TextChoices):
    """What the customer would like, and what the return is resolved as."""

    REFUND = "refund", OUTCOME_LABELS["refund"]
    REMAKE = "remake", OUTCOME_LABELS["remake"]
    EXCHANGE = "exchange", OUTCOME_LABELS["exchange"]
    CREDIT = "credit", OUTCOME_LABELS["credit"]


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    RECEIVED = "received", "Received"
    INSPECTED = "inspected", "Inspected"
    RESOLVED = "resolved", "Resolved"


# Which steps may follow each; an approval that lets the customer keep the item skips receiving and inspecting.
RETURN_TRANSITIONS = {
    ReturnStatus.REQUESTED: (ReturnStatus.APPROVED, ReturnStatus.DECLINED),
    ReturnStatus.APPROVED: (ReturnStatus.RECEIVED, ReturnStatus.RESOLVED),
    ReturnStatus.RECEIVED: (ReturnStatus.INSPECTED,),
    ReturnStatus.INSPECTED: (ReturnStatus.RESOLVED,),
    ReturnStatus.DECLINED: (),
    ReturnStatus.RESOLVED: (),
}


class Inspection(models.TextChoices):
    AS_DESCRIBED = "as_described", "As the customer described"
    FAULTY = "faulty", "Faulty"
    DAMAGED = "damaged", "Damaged in transit"
    NO_FAULT = "no_fault", "No fault found"


class Return(models.Model):
    """The return fields of a support request: which item, how many, why, what the customer would like, and
    each step with its date. Its number is its request's reference (R-10042): one number for the customer."""

    request = models.OneToOneField("support.SupportRequest", on_delete=models.CASCADE, related_name="return_details")
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="returns")
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="returns")
    quantity = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    wanted = models.CharField(max_length=10, choices=Outcome.choices, help_text="What the customer would like.")
    status = models.CharField(max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED,
                              db_index=True)
    # what the policy said when the customer asked (configurator.return_policy.decide)
    policy_eligible = models.BooleanField()
    policy_why = models.TextField()
    delivered_on = models.DateField()
    window_ends = models.DateField(null=True, blank=True)
    personalised = models.BooleanField(default=False)
    # the agent's decisions
    ship_back = models.BooleanField(null=True, blank=True, help_text="Empty until approved; False: keep the item.")
    decline_reason = models.TextField(blank=True, help_text="Shown to the customer.")
    inspection = models.CharField(max_length=12, choices=Inspection.choices, blank=True)
    inspection_note = models.TextField(blank=True)
    resolution = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    resolution_note = models.TextField(blank=True, help_text="Shown to the customer.")
    refund_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    refund = models.ForeignKey("payments.PaymentRefund", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    remake = models.ForeignKey("production.WorkOrder", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="remake_returns")
    voucher = models.ForeignKey("voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    # the timeline
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    inspected_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Return {self.request.reference}"

    @property
    def number(self):
        return self.request.reference


class GoodwillKind(models.TextChoices):
    CREDIT = "credit", "Store credit"
    REFUND = "refund", "Refund to the card"
    SHIPPING = "shipping", "Shipping refunded"
    REMAKE = "remake", "Free remake"


class GoodwillReason(models.TextChoices):
    LATE = "late", "Late delivery"
    QUALITY = "quality", "Quality or defect"
    FIT = "fit", "Fit"
    WRONG_CONFIGURATION = "wrong_configuration", "Not as configured"
    DAMAGED = "damaged", "Damaged in transit"
    SERVICE = "service", "Service we gave"
    LOYALTY = "loyalty", "Thanks to a loyal customer"
    OTHER = "other", "Other"


class GoodwillStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting", "Waiting for a lead's approval"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class Gesture(models.Model):
    """One row of the goodwill ledger: what was given, how much it cost, why, who granted it, on which request.

    Above an agent's limit (settings.GOODWILL_AGENT_LIMIT per request) it waits for a lead's approval and moves no
    money until then. A free remake is valued at the line's unit price paid.
    """

    request = models.ForeignKey("support.SupportRequest", on_delete=models.PROTECT, related_name="gestures")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="goodwill_gestures")
    email = models.EmailField()
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey("order.Line", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=GoodwillKind.choices)
    reason = models.CharField(max_length=20, choices=GoodwillReason.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12, default="EUR")
    note = models.TextField(help_text="Why, in a sentence (internal).")
    status = models.CharField(max_length=10, choices=GoodwillStatus.choices, default=GoodwillStatus.GRANTED)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", help_text="The lead who approved or refused it.")
    decided_at = models.DateTimeField(null=True, blank=True)
    refund = models.ForeignKey("payments.PaymentRefund", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    remake = models.ForeignKey("production.WorkOrder", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    voucher = models.ForeignKey("voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("approve_goodwill", "Can grant goodwill above an agent's limit and approve it")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} {self.currency} ({self.get_reason_display()})"


class StoreCredit(models.Model):
    """Store credit given to a customer: an Oscar voucher (one code per grant, single use) they spend at checkout.

    ``remaining_of``: a credit spent only in part comes back as a new code for what is left.
    """

    voucher = models.OneToOneField("voucher.Voucher", on_delete=models.PROTECT, related_name="store_credit")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="store_credits")
    email = models.EmailField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12, default="EUR")
    request = models.ForeignKey("support.SupportRequest", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="store_credits")
    remaining_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="remainders")
    spent_on = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    spent_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.amount} {self.currency} store credit ({self.voucher.code})"


class ExchangeStatus(models.TextChoices):
    CHOOSING = "choosing", "Waiting for the customer's new configuration"
    PLACED = "placed", "Replacement ordered"


class Exchange(models.Model):
    """A return settled as an exchange: the returned units count for ``credit`` towards a configuration the
    customer chooses. They pay the difference by card when it costs more, and get the difference back on their card
    when it costs less; the replacement is an order of its own (so it goes to production, ships and can be followed
    like any other), with the credit applied as an Oscar voucher (its discount, free delivery) that only this
    exchange knows."""

    ret = models.OneToOneField(Return, on_delete=models.CASCADE, related_name="exchange")
    credit = models.DecimalField(max_digits=12, decimal_places=2,
                                 help_text="What the returned units count for towards the replacement.")
    currency = models.CharField(max_length=12, default="EUR")
    voucher = models.OneToOneField("voucher.Voucher", on_delete=models.PROTECT, related_name="exchange")
    valid_until = models.DateField()
    status = models.CharField(max_length=10, choices=ExchangeStatus.choices, default=ExchangeStatus.CHOOSING)
    configuration = models.ForeignKey("configurator.SavedConfiguration", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+",
                                      help_text="The replacement the customer chose last.")
    basket = models.OneToOneField("basket.Basket", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="exchange")
    order = models.OneToOneField("order.Order", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="exchange_of")
    paid = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                               help_text="The difference the customer paid by card.")
    refund = models.ForeignKey("payments.PaymentRefund", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", help_text="The difference given back to the card.")
    created_at = models.DateTimeField(default=timezone.now)
    placed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Exchange for return {self.ret.number}"
