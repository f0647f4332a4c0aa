"""Staff: refund part or all of an order's payment from the dashboard's order page (support agents)."""

import uuid
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.payments import gateway, services

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
@permission_required("payments.add_paymentrefund", raise_exception=True)
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
            messages.error(request, f"Stripe refused the refund: {failed}. Nothing was refunded.")
        else:
            messages.success(request, f"Refunded {currency(refund.amount, order.currency)} on order {order.number}.")
    return redirect(reverse("dashboard:order-detail", kwargs={"number": order.number}) + "#payment")
