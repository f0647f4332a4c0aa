"""Download an order's invoice: its signed-in owner, a guest through the order's private link, or staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from oscar.apps.customer.mixins import AnonymousOrderMixin
from oscar.core.loading import get_model

from shop.invoices.documents import invoice_pdf
from shop.invoices.services import NotInvoiceable, issue_invoice

Order = get_model("order", "Order")
ORDER_RELATIONS = ("billing_address", "shipping_address", "user")


def invoice_response(request, order, back_url):
    """The PDF, numbered on first request; an order not yet paid goes back to its page, which says why."""
    try:
        invoice = issue_invoice(order=order)
    except NotInvoiceable as refusal:
        messages.error(request, str(refusal))
        return redirect(back_url)
    invoice.order = order
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="atelier-invoice-{invoice.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def member_invoice(request, order_number):
    order = get_object_or_404(Order.objects.select_related(*ORDER_RELATIONS), number=order_number, user=request.user)
    return invoice_response(request, order, reverse("customer:order", kwargs={"order_number": order.number}))


class GuestInvoiceView(AnonymousOrderMixin, View):
    """The same check as Oscar's guest order page: the order's hash, and the e-mail address the guest confirmed."""

    def get(self, request, *args, **kwargs):
        order = self.get_object()
        if order is None:
            raise Http404("No such order")
        return invoice_response(request, order, reverse("customer:anon-order",
                                                        kwargs={"order_number": order.number, "hash": self.hash}))


def staff_invoice(request, number):
    order = get_object_or_404(Order.objects.select_related(*ORDER_RELATIONS), number=number)
    return invoice_response(request, order, reverse("dashboard:order-detail", kwargs={"number": order.number}))
