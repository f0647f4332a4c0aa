"""Support in the staff dashboard: the inbox, one screen per request, logging a call or visit, attachments.

Mounted at shop/dashboard/support/ by the support dashboard app (apps.py), whose permissions_map Oscar checks
before any of these views runs: shoppers and other staff get a 403 (anonymous visitors a login page).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from shop.loyalty.selectors import badge_of, badges
from shop.params import id_param
from support import services
from support.attachments import attachment_response
from support.dashboard.forms import LogRequestForm, RequestPropertiesForm, StaffMessageForm
from support.dashboard.macros import active_macro, macro_reply
from support.dashboard.permissions import CHANGE_REQUESTS
from support.dashboard.return_panel import RETURN_DETAILS, add_return_and_goodwill
from support.macros import VARIABLES
from support.models import Attachment, Macro, Queue, SupportRequest
from support.selectors import (
    INBOX_VIEWS,
    active_user_with_email,
    conversation,
    customer_panel,
    inbox,
    inbox_counts,
    service_level_state,
)


class InboxView(ListView):
    """Mine, unassigned, waiting on customer, breaching, all open, by queue; the most urgent first. Each row shows
    the customer's loyalty badge (the page's badges read at once)."""

    template_name = "support/dashboard/inbox.html"
    context_object_name = "support_requests"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.view_name = request.GET.get("view") or "mine"
        if self.view_name not in dict(INBOX_VIEWS):
            self.view_name = "mine"
        slug = request.GET.get("queue") or ""
        self.queue = get_object_or_404(Queue, slug=slug) if slug else None
        self.search = request.GET.get("q", "").strip()[:100]
        self.now = timezone.now()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return inbox(view=self.view_name, user=self.request.user, queue=self.queue, search=self.search, now=self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts, queues = inbox_counts(self.request.user, now=self.now)
        found = badges(support_request.customer_id for support_request in context["support_requests"])
        for support_request in context["support_requests"]:
            support_request.sla_state = service_level_state(support_request, now=self.now)
            support_request.loyalty_badge = badge_of(found, support_request.customer_id)
        context.update(view_name=self.view_name, views=[(key, label, counts.get(key)) for key, label in INBOX_VIEWS],
                       queues=queues, queue=self.queue, search=self.search, now=self.now)
        return context


def find_request(reference):
    """The request with what its screen shows of it, its return (if it is one) included, in one query."""
    return get_object_or_404(SupportRequest.objects.select_related(
        "customer", "order", "line", "queue", "assignee", "logged_by", *RETURN_DETAILS), reference=reference)


class RequestView(TemplateView):
    """One screen: the conversation, the customer panel, the linked order's configurations, the log."""

    template_name = "support/dashboard/request.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        support_request = find_request(self.kwargs["reference"])
        # ?macro=<id>: the macro picker without JavaScript (with it, "Insert" keeps the typed reply: macros.py)
        macro = active_macro(id_param(self.request.GET.get("macro", "")))
        filled_macro = macro_reply(support_request, macro, self.request.user) if macro else None
        initial = {"message": filled_macro["text"], "macro": macro,
                   "status_after": filled_macro["status_after"]} if filled_macro else {}
        message_form = kwargs.get("message_form") or StaffMessageForm(initial=initial)
        context.update(
            support_request=support_request, conversation=conversation(support_request),
            events=support_request.events.select_related("actor").order_by("-created_at", "-id"),
            panel=customer_panel(support_request), message_form=message_form,
            properties_form=kwargs.get("properties_form") or RequestPropertiesForm(support_request=support_request),
            macros=Macro.objects.filter(is_active=True), macro=macro, filled_macro=filled_macro,
            macro_variables=VARIABLES,
            sla_state=service_level_state(support_request),
            may_change=self.request.user.has_perm(CHANGE_REQUESTS),
        )
        add_return_and_goodwill(context, support_request, self.request.user)
        return context


def request_screen_with_errors(request, reference, **forms):
    """The request screen again (400), showing the submitted form with its errors."""
    view = RequestView(request=request, kwargs={"reference": reference})
    return view.render_to_response(view.get_context_data(**forms), status=400)


class RequestMessageView(View):
    """POST a public reply (e-mailed to the customer) or an internal note."""

    def post(self, request, reference):
        support_request = find_request(reference)
        form = StaffMessageForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["kind"] == StaffMessageForm.NOTE:
                    services.add_internal_note(support_request, agent=request.user, body=data["message"],
                                               attachments=data["attachments"])
                    messages.success(request, "Internal note added (the customer does not see it).")
                else:
                    services.add_staff_reply(support_request, agent=request.user, body=data["message"],
                                             attachments=data["attachments"], status=data["status_after"] or None,
                                             macro=data["macro"])
                    messages.success(request, f"Reply sent to {support_request.email}.")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("dashboard:support-request", reference=reference)
        return request_screen_with_errors(request, reference, message_form=form)


class RequestPropertiesView(View):
    """POST assignment, queue, priority, status, kind, cause and team; every change lands in the log."""

    def post(self, request, reference):
        support_request = find_request(reference)
        form = RequestPropertiesForm(request.POST, support_request=support_request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_request(support_request, actor=request.user, assignee=data["assignee"],
                                        queue=data["queue"], priority=data["priority"], status=data["status"],
                                        kind=data["kind"], cause=data["cause"], team=data["team"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Request updated.")
                return redirect("dashboard:support-request", reference=reference)
        return request_screen_with_errors(request, reference, properties_form=form)


class TakeRequestView(View):
    """POST: assign the request to me (from the inbox or the request screen)."""

    def post(self, request, reference):
        support_request = find_request(reference)
        services.change_request(support_request, actor=request.user, assignee=request.user)
        messages.success(request, f"{reference} is yours.")
        return redirect("dashboard:support-request", reference=reference)


class LogRequestView(FormView):
    """Log a phone call, a visit or a letter as a request, linked to the customer's account and order."""

    template_name = "support/dashboard/log_request.html"
    form_class = LogRequestForm

    def form_valid(self, form):
        data = form.cleaned_data
        customer = active_user_with_email(data["email"])
        try:
            support_request = services.open_request(
                kind=data["kind"], subject=data["subject"], body=data["message"], email=data["email"],
                name=data["name"], channel=data["channel"], customer=customer, order=data["order_number"],
                priority=data["priority"], attachments=data["attachments"], team=data["team"] or "",
                logged_by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{support_request.reference} logged; the customer has an e-mail with a "
                                       f"link to it.")
        return redirect("dashboard:support-request", reference=support_request.reference)


class AttachmentView(View):
    def get(self, request, attachment_code):
        return attachment_response(get_object_or_404(Attachment, code=attachment_code))
