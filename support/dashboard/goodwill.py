"""Goodwill in the staff dashboard: a gesture on any request (store credit, a refund, the shipping refunded, a free
remake), and Support → Goodwill awaiting approval, where a support lead approves or refuses what went above an
agent's limit.

Every gesture and every approval first shows a confirmation page with the exact amount (and, for an agent, whether
it happens now or waits for a lead). The confirmation remembers the request's newest gesture: a second click, or a
colleague's gesture given in between, is refused instead of giving twice.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django.views.generic import ListView
from oscar.templatetags.currency_filters import currency

from shop.payments import gateway
from support.dashboard.confirmation import confirmation_page, hidden_fields, stripe_failure
from support.dashboard.return_forms import DecideGoodwillForm, GoodwillForm
from support.dashboard.return_selectors import gestures_awaiting_approval, newest_gesture_id
from support.dashboard.views import find_request, request_screen_with_errors
from support.models import SupportRequest
from support.returns import services
from support.returns.models import Gesture, GoodwillKind, GoodwillStatus

WHAT_HAPPENS = {
    GoodwillKind.CREDIT: "The customer receives a store-credit code for it, to spend at checkout.",
    GoodwillKind.REFUND: "It goes back to the card the order was paid with.",
    GoodwillKind.SHIPPING: "The order's shipping charge goes back to the card it was paid with.",
    GoodwillKind.REMAKE: "The item is made again at no charge, ahead of the production queue.",
}


def gesture_title(kind, amount, money, item=None):
    return {GoodwillKind.CREDIT: f"Give {currency(amount, money)} of store credit",
            GoodwillKind.REFUND: f"Refund {currency(amount, money)} to the card",
            GoodwillKind.SHIPPING: f"Refund the shipping, {currency(amount, money)}, to the card",
            GoodwillKind.REMAKE: f"Remake “{getattr(item, 'title', '')}” at no charge "
                                 f"(valued at {currency(amount, money)})"}[kind]


class GrantGoodwillView(View):
    """POST a gesture on the request: first the confirmation page, then (confirmed) the gesture itself."""

    def post(self, request, reference):
        support_request = find_request(reference)
        form = GoodwillForm(request.POST, support_request=support_request)
        if form.is_valid():
            if not form.cleaned_data["confirmed"]:
                return self.confirmation(request, support_request, form)
            try:
                gesture = self.grant(request, support_request, form)
            except services.ReturnRefused as refused:
                form.add_error(None, refused)
            except (gateway.GatewayError, gateway.PaymentDeclined) as failed:
                form.add_error(None, stripe_failure(failed))
            else:
                if gesture.status == GoodwillStatus.AWAITING_APPROVAL:
                    messages.warning(request, f"{gesture} is above your limit: it waits for a support lead's "
                                              "approval, and nothing is given until then.")
                else:
                    messages.success(request, f"Given: {gesture}. The customer has been told.")
                return redirect(reverse("dashboard:support-request", kwargs={"reference": reference}) + "#goodwill")
        return request_screen_with_errors(request, reference, goodwill_form=form)

    @staticmethod
    def grant(request, support_request, form):
        data = form.cleaned_data
        with transaction.atomic():
            # the request's row lock (grant_goodwill takes it too) orders parallel confirmations one after another
            locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
            if newest_gesture_id(locked) != (data["seen"] or 0):
                raise services.ReturnRefused(
                    "Goodwill was recorded on this request after you saw the confirmation (a second click, or a "
                    "colleague): nothing more was given. Look at the request's goodwill before giving again.")
            return services.grant_goodwill(locked, agent=request.user, kind=data["kind"], reason=data["reason"],
                                           amount=data["amount"], note=data["note"], line=data.get("line"))

    @staticmethod
    def confirmation(request, support_request, form):
        data = form.cleaned_data
        amount = form.exact_amount
        money = support_request.order.currency if support_request.order else settings.OSCAR_DEFAULT_CURRENCY
        given = services.granted_on_request(support_request)
        limit = settings.GOODWILL_AGENT_LIMIT
        details = [WHAT_HAPPENS[data["kind"]], f"Reason: {dict(form.fields['reason'].choices)[data['reason']]}. "
                                               f"Note: {data['note']}"]
        warning = ""
        if services.may_approve_goodwill(request.user):
            details.append("As a support lead you have no limit: it happens as soon as you confirm.")
        elif given + amount > limit:
            warning = (f"This is above your limit of {currency(limit, money)} per request ({currency(given, money)} "
                       "already given or waiting here): it will wait for a support lead's approval, and nothing is "
                       "given until a lead approves it.")
        else:
            details.append(f"Within your limit of {currency(limit, money)} per request ({currency(given, money)} "
                           "already given here): it happens as soon as you confirm.")
        title = gesture_title(data["kind"], amount, money, form.item)
        return confirmation_page(
            request, support_request=support_request, title=title, amount=amount, currency=money,
            button="Ask a lead to approve it" if warning else title, warning=warning, details=details,
            action=reverse("dashboard:support-goodwill-grant", kwargs={"reference": support_request.reference}),
            fields=hidden_fields(data, confirmed=True, seen=newest_gesture_id(support_request)))


class GoodwillAwaitingView(ListView):
    """Support → Goodwill awaiting approval: gestures above an agent's limit, the oldest first."""

    template_name = "support/dashboard/goodwill_awaiting.html"
    context_object_name = "gestures"
    paginate_by = 50

    def get_queryset(self):
        return gestures_awaiting_approval()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["goodwill_limit"] = settings.GOODWILL_AGENT_LIMIT
        return context


class DecideGoodwillView(View):
    """POST a lead's decision on a gesture: refusing is immediate, approving first shows the confirmation page."""

    def post(self, request, pk):
        gesture = get_object_or_404(Gesture.objects.select_related("request", "order", "line", "granted_by"), pk=pk)
        form = DecideGoodwillForm(request.POST)
        if not form.is_valid():
            return self.list_with_error(request, "Choose whether to approve or refuse the gesture.")
        data = form.cleaned_data
        approve = data["decision"] == DecideGoodwillForm.APPROVE
        if approve and not data["confirmed"]:
            return self.confirmation(request, gesture, data)
        try:
            services.decide_goodwill(gesture, lead=request.user, approve=approve, note=data["note"])
        except services.ReturnRefused as refused:
            return self.list_with_error(request, " ".join(refused.messages))
        except (gateway.GatewayError, gateway.PaymentDeclined) as failed:
            return self.list_with_error(request, stripe_failure(failed))
        reference = gesture.request.reference
        if approve:
            messages.success(request, f"Approved and given: {gesture} on {reference}. The customer has been told.")
        else:
            messages.success(request, f"Refused: {gesture} on {reference}. Nothing was given.")
        return redirect("dashboard:support-goodwill-list")

    @staticmethod
    def confirmation(request, gesture, data):
        granted_by = gesture.granted_by.get_full_name() or gesture.granted_by.email if gesture.granted_by else "?"
        title = gesture_title(gesture.kind, gesture.amount, gesture.currency, gesture.line)
        return confirmation_page(
            request, support_request=gesture.request, title=f"Approve: {title[0].lower()}{title[1:]}",
            amount=gesture.amount, currency=gesture.currency, button=f"Approve: {title[0].lower()}{title[1:]}",
            action=reverse("dashboard:support-goodwill-decide", kwargs={"pk": gesture.pk}),
            fields=hidden_fields(data, confirmed=True),
            details=[WHAT_HAPPENS[gesture.kind], f"Asked for by {granted_by} on {gesture.request.reference} "
                                                 f"({gesture.get_reason_display()}): {gesture.note}"])

    @staticmethod
    def list_with_error(request, error):
        view = GoodwillAwaitingView(request=request, kwargs={}, args=())
        view.object_list = view.get_queryset()
        context = view.get_context_data(decide_error=error)
        return TemplateResponse(request, view.template_name, context, status=400)
