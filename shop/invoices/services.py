"""Issuing an order's invoice: once it is paid, numbered once, from one sequence without gaps or repeats."""

from django.conf import settings
from django.db import transaction
from oscar.core.loading import get_model

from shop.invoices.models import Invoice, InvoiceSequence

Order = get_model("order", "Order")

SEQUENCE = "invoices"
PAID = "Paid"  # the status an order takes when its payment is received (shop/payments/placement.py)
CANCELLED = "Cancelled"


def paid_statuses():
    """The statuses of a paid order: "Paid" and every status Oscar's order pipeline
    (``settings.OSCAR_ORDER_STATUS_PIPELINE``) can reach from it, but "Cancelled". A step added to the pipeline
    after "Paid" counts as paid."""
    pipeline = settings.OSCAR_ORDER_STATUS_PIPELINE
    reached, waiting = set(), [PAID]
    while waiting:
        status = waiting.pop()
        if status not in reached:
            reached.add(status)
            waiting.extend(pipeline.get(status, ()))
    return frozenset(reached - {CANCELLED})


class NotInvoiceable(Exception):
    """The order is not paid (or was cancelled unpaid): there is no invoice, and the message says why."""


def invoice_refusal(order):
    """Why the order has no invoice, in the customer's words; None once it is paid (or was invoiced before)."""
    if order.status in paid_statuses():
        return None
    if order.status == CANCELLED:
        if Invoice.objects.filter(order=order).exists():  # paid, invoiced, then cancelled: the invoice stands
            return None
        return "This order was cancelled before it was invoiced, so it has no invoice."
    return "The invoice can be downloaded here once the payment has been received."


def issue_invoice(*, order):
    """The order's invoice, numbered the first time anyone asks for it (the customer or staff).

    The sequence's row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions hold the
    database's write lock) before the order's invoice is looked for again, so two requests for one order get the
    same invoice, and two for different orders get the next two numbers. The number is taken in the same
    transaction as the invoice is written: a failure takes both back, leaving no gap.
    """
    existing = Invoice.objects.filter(order=order).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        sequence, _ = InvoiceSequence.objects.select_for_update().get_or_create(name=SEQUENCE)
        existing = Invoice.objects.filter(order=order).first()
        if existing is not None:
            return existing
        refusal = invoice_refusal(Order._default_manager.only("status").get(pk=order.pk))  # as it is now
        if refusal is not None:
            raise NotInvoiceable(refusal)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        return Invoice.objects.create(order=order, number=sequence.last_number)
