"""Staff: refund part or all of an order's payment from the dashboard's order page (support agents); the payments list.

Mounted by the payments dashboard app (apps.py), whose permissions_map Oscar checks before these views run.
"""

import uuid
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.payments import gateway, services
from shop.payments.models import StripePayment

Order = get_model("order", "Order")


class RefundForm(forms.Form):
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"), label="Amount to refund")
    reason = forms.CharField(max_length=255, label="Why (the customer's record shows it)")
    refund_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["refund_key"] = uuid.uuid4()  # a new refund action each time the form is shown


@require_POST
@transaction.non_atomic_requests  # Stripe is called between the refund's own database writes
def refund_order(request, number):
    order = get_object_or_404(Order, number=number)
    form = RefundForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(errors)}")
    else:
        data = form.cleaned_data
        try:
            refund = services.refund_order_payment(
                order=order, amount=data["amount"], reason=data["reason"], requested_by=request.user,
                idempotency_key=f"staff-{data['refund_key']}")
        except services.RefundRefused as refused:
            messages.error(request, str(refused))
        except (gateway.GatewayError, gateway.PaymentDeclined) as failed:
            if gateway.stripe_answered_no(failed):
                messages.error(request, f"Stripe refused the refund: {failed}. Nothing was refunded.")
            else:
                messages.warning(request, f"Stripe did not answer, so the refund of "
                                 f"{currency(data['amount'], order.currency)} is waiting. It is asked again "
                                 "automatically, with the same key, so it is never made twice.")
        else:
            messages.success(request, f"Refunded {currency(refund.amount, order.currency)} on order {order.number}.")
    return redirect(reverse("dashboard:order-detail", kwargs={"number": order.number}) + "#payment")


class PaymentListView(ListView):
    """Stripe payments, disputed ones first to answer: Fulfilment → Payments in the dashboard."""

    template_name = "payments/dashboard/payment_list.html"
    context_object_name = "payments"
    paginate_by = 50
    FILTERS = {"disputed": "Disputed", "paid": "Paid", "waiting": "Waiting", "failed": "Declined or cancelled"}

    def get_queryset(self):
        payments = StripePayment.objects.select_related("order", "user").order_by(
            F("disputed_at").desc(nulls_last=True), "-created_at")
        shown = self.request.GET.get("show")
        if shown == "disputed":
            payments = payments.filter(disputed_at__isnull=False)
        elif shown == "paid":
            payments = payments.filter(status=StripePayment.Status.SUCCEEDED)
        elif shown == "waiting":
            payments = payments.filter(status__in=StripePayment.OPEN_STATUSES)
        elif shown == "failed":
            payments = payments.filter(status__in=[StripePayment.Status.FAILED, StripePayment.Status.CANCELLED])
        return payments

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filters=self.FILTERS, shown=self.request.GET.get("show", ""),
                       disputed_count=StripePayment.objects.filter(disputed_at__isnull=False).count())
        return context

