"""Loyalty: the tiers (configurable in the dashboard), each customer's standing, and the history of their tier.

A customer's tier comes from their paid, not-refunded orders over a rolling 12 months (spend or number of orders:
reaching either threshold is enough). A tier is held for 12 months from the day it was reached (or renewed): it
never drops before then; on that day it is renewed if the last 12 months still earn it, else it becomes what they
earn. A support lead may raise a customer's tier by hand, with a reason; nobody lowers one by hand.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class Tier(models.Model):
    name = models.CharField(max_length=40, unique=True)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="0 is everybody's tier; higher ranks are better.")
    min_spend = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0.00"))],
        help_text="Reached by spending this much on paid orders (refunds deducted) over the last 12 months …")
    min_orders = models.PositiveIntegerField(default=0, help_text="… or by placing this many paid orders in them "
                                                                  "(0: spend only).")
    # perks
    priority_handling = models.BooleanField(
        default=False, help_text="Their support requests are handled at high priority, with its shorter targets.")
    express_production = models.BooleanField(
        default=False, help_text="Their items are scheduled ahead of the production queue (a free express slot).")
    early_access = models.BooleanField(
        default=False, help_text="They can order new options before everybody else.")

    class Meta:
        ordering = ["rank"]

    def __str__(self):
        return self.name

    @property
    def is_base(self):
        return self.rank == 0

    def perks(self):
        """What the tier gives, in the customer's words."""
        given = []
        if self.priority_handling:
            given.append("Your questions are answered first, at high priority.")
        if self.express_production:
            given.append("A free express slot in our workshop: your orders are made ahead of the queue.")
        if self.early_access:
            given.append("Early access to new options, before everybody else.")
        return given

    def threshold(self, currency="EUR"):
        """"€500 or 2 orders in 12 months" (empty for everybody's tier)."""
        parts = []
        if self.min_spend:
            parts.append(f"€{self.min_spend:,.0f}" if currency == "EUR" else f"{self.min_spend} {currency}")
        if self.min_orders:
            parts.append(f"{self.min_orders} order{'s' if self.min_orders != 1 else ''}")
        return f"{' or '.join(parts)} in 12 months" if parts else ""


class Standing(models.Model):
    """A customer's loyalty standing, kept up to date when their orders are paid, refunded or cancelled (and every
    night, as orders leave the 12-month window and held tiers come up for renewal)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="loyalty")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="standings")
    held_until = models.DateField(null=True, blank=True, help_text="The tier does not drop before this day.")
    customer_since = models.DateField(null=True, blank=True, help_text="The day of their first paid order.")
    lifetime_orders = models.PositiveIntegerField(default=0)
    lifetime_value = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    year_orders = models.PositiveIntegerField(default=0, help_text="Paid orders of the last 12 months.")
    year_spend = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"),
                                     help_text="Spent on them, refunds deducted.")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} · {self.tier}"


class TierChange(models.Model):
    """One change of a customer's tier: reached, raised by hand (with the lead's reason), renewed or dropped."""

    class Cause(models.TextChoices):
        REACHED = "reached", "Reached"
        RAISED = "raised", "Raised by hand"
        DROPPED = "dropped", "Dropped after its 12 months"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tier_changes")
    from_tier = models.ForeignKey(Tier, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="+")
    cause = models.CharField(max_length=10, choices=Cause.choices)
    reason = models.TextField(blank=True, help_text="Why a lead raised it (required for a raise).")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        permissions = [("raise_tier", "Can raise a customer's loyalty tier by hand")]

    def __str__(self):
        return f"{self.user}: {self.from_tier or '—'} → {self.to_tier} ({self.get_cause_display()})"


class Anniversary(models.Model):
    """A thank-you for a year with us (or two, or more), sent once, with the offer it carried."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="anniversaries")
    years = models.PositiveSmallIntegerField()
    voucher = models.ForeignKey("voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "years"], name="one_anniversary_a_year")]

    def __str__(self):
        return f"{self.user}: {self.years} year{'s' if self.years != 1 else ''}"
