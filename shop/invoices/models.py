"""A paid order's VAT invoice: its number, taken once from one unbroken sequence, and the day it was issued."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class InvoiceSequence(models.Model):
    """The last invoice number given. Its one row is locked while the next number is taken (shop/invoices/services.py),
    so numbers follow each other without a gap or a repeat, whatever runs at the same time."""

    name = models.CharField(max_length=20, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.last_number}"


class Invoice(models.Model):
    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="invoice")
    number = models.PositiveIntegerField(unique=True)
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """What the invoice is called on paper: "INV-000042"."""
        return f"{settings.INVOICE_NUMBER_PREFIX}{self.number:06d}"
