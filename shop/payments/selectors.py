"""Reads of payments: what a customer or staff member is told about an order's payment."""

from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_model

from shop.payments.models import STRIPE_SOURCE_TYPE, StripePayment

Source = get_model("payment", "Source")


@dataclass(frozen=True)
class PaymentSummary:
    state: str  # "Paid", "Partly refunded", "Refunded", "Disputed", "Not paid"
    paid: Decimal
    refunded: Decimal
    currency: str
    card: str
    disputed: bool
    by_stripe: bool = True  # only a Stripe payment can be refunded from the dashboard

    @property
    def left_to_refund(self):
        return self.paid - self.refunded


def payment_summaries(orders):
    """{order pk: PaymentSummary} for a page of orders, in two queries whatever the page size."""
    pks = [order.pk for order in orders]
    sources = {}
    for source in Source.objects.filter(order_id__in=pks).select_related("source_type"):
        sources.setdefault(source.order_id, []).append(source)
    disputed = set(StripePayment.objects.filter(order_id__in=pks, disputed_at__isnull=False)
                   .values_list("order_id", flat=True))
    summaries = {}
    for order in orders:
        mine = sources.get(order.pk, [])
        paid = sum((s.amount_debited for s in mine), Decimal("0.00"))
        refunded = sum((s.amount_refunded for s in mine), Decimal("0.00"))
        if order.pk in disputed:
            state = "Disputed"
        elif not paid:
            state = "Not paid"
        elif refunded >= paid:
            state = "Refunded"
        elif refunded:
            state = "Partly refunded"
        else:
            state = "Paid"
        card = next((s.label for s in mine if s.label), "")
        summaries[order.pk] = PaymentSummary(state=state, paid=paid, refunded=refunded, currency=order.currency,
                                             card=card, disputed=order.pk in disputed,
                                             by_stripe=any(s.source_type.name == STRIPE_SOURCE_TYPE for s in mine))
    return summaries


def payment_summary(order):
    return payment_summaries([order])[order.pk]
