from django import template
from django.db.models import Sum
from oscar.core.loading import get_model

from shop.payments.dashboard.views import RefundForm
from shop.payments.models import PaymentRefund
from shop.payments.selectors import payment_summaries, payment_summary

Line = get_model("order", "Line")

register = template.Library()


@register.simple_tag
def order_payment(order):
    """{% order_payment order as payment %}: the order's payment state, paid and refunded amounts, card."""
    return payment_summary(order)


@register.simple_tag
def order_refunds(order):
    """{% order_refunds order as refunds %}: each refund with who asked and why, oldest first."""
    return list(PaymentRefund.objects.filter(payment__order=order).select_related("requested_by"))


@register.simple_tag
def refund_form():
    return RefundForm()


@register.simple_tag
def order_payments(orders):
    """{% order_payments orders as payments %} then {% with payment=payments|for_order:order %}: one load a page."""
    return payment_summaries(list(orders))


@register.simple_tag
def order_item_counts(orders):
    """{% order_item_counts orders as counts %}: items per order in one query (Oscar's num_items loads lines)."""
    rows = Line.objects.filter(order__in=list(orders)).values("order_id").annotate(items=Sum("quantity"))
    return {row["order_id"]: row["items"] for row in rows}


@register.filter
def for_order(payments, order):
    """The entry of a per-order mapping ({% order_payments %}, {% order_item_counts %}) for this order."""
    return payments.get(order.pk)
