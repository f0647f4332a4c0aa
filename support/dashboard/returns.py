"""Returns in the staff dashboard: Support → Returns (the list, by status, with filters) and each step of a
return from its request screen (approve, decline, mark received, inspect, resolve), every one a POST form.

Oscar checks each URL's permissions_map entry (apps.py) before these views run. A step the return may not take,
or that its service refuses, shows on the request screen (400) and changes nothing. A refund or store credit is
made only after a confirmation page that names the exact amount.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import ListView
from oscar.templatetags.currency_filters import currency

from shop.dates import long_date
from shop.payments import gateway
from support.dashboard.confirmation import confirmation_page, hidden_fields, stripe_failure
from support.dashboard.return_forms import (
    ApproveReturnForm,
    DeclineReturnForm,
    InspectReturnForm,
    ReceiveReturnForm,
    ResolveReturnForm,
)
from support.dashboard.return_selectors import RETURN_VIEWS, ordered_measurements, return_counts, returns_list
from support.dashboard.views import find_request, request_screen_with_errors
from support.returns import services
from support.returns.models import Outcome, Reason, Return
from support.selectors import service_level_state


class ReturnFilterForm(forms.Form):
    view = forms.ChoiceField(choices=RETURN_VIEWS, required=False)
    reason = forms.ChoiceField(choices=[("", "Any reason"), *Reason.choices], required=False)
    wanted = forms.ChoiceField(choices=[("", "Any wish"), *Outcome.choices], required=False, label="Wants")
    breaching = forms.BooleanField(required=False, label="Due soon or overdue")
    q = forms.CharField(required=False, max_length=100, label="Find")


class ReturnListView(ListView):
    """Support → Returns: open returns soonest due first, or one status; by reason, wish, service level, search."""

    template_name = "support/dashboard/return_list.html"
    context_object_name = "returns"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.filters = ReturnFilterForm(request.GET)
        self.filters.is_valid()  # every field is optional: an unknown value is dropped, never an error page
        self.choice = {name: self.filters.cleaned_data.get(name) for name in self.filters.fields}
        self.choice["view"] = self.choice["view"] or "open"
        self.choice["q"] = (self.choice["q"] or "").strip()
        self.now = timezone.now()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        choice = self.choice
        return returns_list(view=choice["view"], reason=choice["reason"] or "", wanted=choice["wanted"] or "",
                            breaching=bool(choice["breaching"]), search=choice["q"], now=self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for ret in context["returns"]:
            ret.sla_state = service_level_state(ret.request, now=self.now)
        counts = return_counts()
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("view", None)
        context.update(views=[(key, label, counts.get(key, 0)) for key, label in RETURN_VIEWS],
                       view_name=self.choice["view"], filter_form=self.filters, filter_query=query.urlencode(),
                       now=self.now)
        return context


class ReturnStepView(View):
    """POST one step of the request's return: the form checked, the step's ``carry_out`` (each subclass's) calls
    the service, and errors show on the screen (400)."""

    form_class = None
    step = ""

    def post(self, request, reference):
        support_request = find_request(reference)
        ret = get_object_or_404(Return.objects.select_related("line", "order"), request=support_request)
        ret.request = support_request
        form = self.make_form(request.POST, ret)
        if form.is_valid():
            try:
                answer = self.carry_out(ret, form, request)
            except services.ReturnRefused as refused:
                form.add_error(None, refused)
            except (gateway.GatewayError, gateway.PaymentDeclined) as failed:
                form.add_error(None, stripe_failure(failed))
            else:
                if answer is not None:
                    return answer
                return redirect(reverse("dashboard:support-request", kwargs={"reference": reference}) + "#return")
        return request_screen_with_errors(request, reference, **{f"{self.step}_form": form})

    def make_form(self, data, ret):
        return self.form_class(data)


class ApproveReturnView(ReturnStepView):
    form_class, step = ApproveReturnForm, "approve"

    def carry_out(self, ret, form, request):
        ship_back = form.cleaned_data["handling"] == ApproveReturnForm.SHIP_BACK
        services.approve_return(ret, agent=request.user, ship_back=ship_back, note=form.cleaned_data["note"])
        messages.success(request, f"Return {ret.number} approved: " + (
            "the customer has the ship-back instructions." if ship_back else "the customer keeps the item."))


class DeclineReturnView(ReturnStepView):
    form_class, step = DeclineReturnForm, "decline"

    def carry_out(self, ret, form, request):
        services.decline_return(ret, agent=request.user, reason=form.cleaned_data["reason"],
                                internal_note=form.cleaned_data["internal_note"])
        messages.success(request, f"Return {ret.number} declined; the customer has the reason.")


class ReceiveReturnView(ReturnStepView):
    form_class, step = ReceiveReturnForm, "receive"

    def carry_out(self, ret, form, request):
        services.mark_received(ret, agent=request.user, note=form.cleaned_data["note"])
        messages.success(request, f"Return {ret.number} marked received.")


class InspectReturnView(ReturnStepView):
    form_class, step = InspectReturnForm, "inspect"

    def carry_out(self, ret, form, request):
        services.inspect_return(ret, agent=request.user, outcome=form.cleaned_data["outcome"],
                                note=form.cleaned_data["note"])
        messages.success(request, f"Return {ret.number} inspected.")


class ResolveReturnView(ReturnStepView):
    """Settle the return. A refund or credit first shows the confirmation page with the exact amount."""

    form_class, step = ResolveReturnForm, "resolve"

    def make_form(self, data, ret):
        return ResolveReturnForm(data, ret=ret, measurements=ordered_measurements(ret.line))

    def carry_out(self, ret, form, request):
        data = form.cleaned_data
        resolution = data["resolution"]
        if form.moves_money and not data["confirmed"]:
            return self.confirmation(request, ret, form)
        amount = form.exact_amount if form.moves_money else data.get("amount")
        changed = form.changed_measurements
        ret = services.resolve_return(ret, agent=request.user, resolution=resolution, amount=amount,
                                include_shipping=data["include_shipping"], note=data["note"],
                                measurements={code: str(value) for code, value in changed.items()} or None)
        if resolution == Outcome.REMAKE:
            done = "a remake is in the production queue, ahead of the rest" + (
                " (to the changed measurements)" if changed else "")
        elif resolution == Outcome.REFUND:
            done = f"{currency(amount, ret.order.currency)} refunded to the card"
        elif resolution == Outcome.EXCHANGE:
            exchange = ret.exchange
            done = (f"the customer chooses a replacement worth {currency(exchange.credit, exchange.currency)} "
                    f"by {long_date(exchange.valid_until)}")
        else:
            done = f"{currency(amount, ret.order.currency)} of store credit given"
        messages.success(request, f"Return {ret.number} settled: {done}.")
        return None

    def confirmation(self, request, ret, form):
        data, amount, money = form.cleaned_data, form.exact_amount, ret.order.currency
        refund = data["resolution"] == Outcome.REFUND
        details = [f"Return {ret.number}: {ret.quantity} × {ret.line.title}, order {ret.order.number}.",
                   f"{'That unit' if ret.quantity == 1 else f'Those {ret.quantity} units'} cost the customer "
                   f"{currency(form.units_value, money)}"
                   + (f"; the order's shipping was {currency(form.shipping, money)}." if refund else ".")]
        if refund:
            title = (f"Refund {currency(amount, money)} to the card of order {ret.order.number}"
                     + (", shipping included" if data["include_shipping"] else ""))
            button = f"Refund {currency(amount, money)}"
        else:
            title = f"Give {currency(amount, money)} of store credit"
            button = f"Give {currency(amount, money)} of store credit"
            details.append(f"The customer receives a voucher code for it, to spend at checkout within "
                           f"{settings.STORE_CREDIT_VALID_DAYS} days.")
        return confirmation_page(
            request, support_request=ret.request, title=title, amount=amount, currency=money, button=button,
            action=reverse("dashboard:support-return-resolve", kwargs={"reference": ret.request.reference}),
            fields=hidden_fields(data, amount=amount, confirmed=True), details=details)
