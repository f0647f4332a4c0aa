"""What the checkout adds to an order: the buyer's company and VAT number, and the terms they accepted.

Recorded by whichever path places the order (the browser's return or Stripe's webhook), from what was stored with
the payment when the shopper clicked Pay (``shop.payments``): see ``OrderCheckoutDetails.record``.
"""

from django.db import models
from django.utils.dateparse import parse_datetime


class OrderCheckoutDetails(models.Model):
    """One per order placed through the checkout. The PDF invoice reads ``company_name`` and ``vat_number``."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="checkout_details")
    company_name = models.CharField(max_length=128, blank=True)
    vat_number = models.CharField(max_length=32, blank=True, help_text="As given, normalised: BE0123456789.")
    terms_version = models.CharField(max_length=64, help_text="The version of the terms of sale the buyer accepted.")
    terms_accepted_at = models.DateTimeField()
    personal_spec_lines = models.JSONField(default=list, blank=True, help_text=(
        'The lines made to the buyer\'s personal specification, excluded from the right of withdrawal: '
        '[{"title": ..., "configuration": code, "details": ["Rider height", ...]}].'))

    class Meta:
        verbose_name = "order checkout details"
        verbose_name_plural = "order checkout details"

    def __str__(self):
        return f"Order {self.order_id}: terms {self.terms_version}"

    @classmethod
    def record(cls, *, order, details):
        """The details of ``order`` from what the payment stored (``acceptance_record``'s dict); none without it."""
        if not details:
            return None
        return cls.objects.create(
            order=order, company_name=details.get("company_name", ""), vat_number=details.get("vat_number", ""),
            terms_version=details["terms_version"], terms_accepted_at=parse_datetime(details["terms_accepted_at"]),
            personal_spec_lines=details.get("personal_spec_lines", []))
