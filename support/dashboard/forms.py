"""Staff forms of the help desk: replies and notes, the request's properties, logging a call, macros."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from oscar.core.loading import get_model

from support.dashboard.permissions import VIEW_REQUESTS
from support.forms import AttachmentsField, MessageField
from support.models import (
    STATUS_TRANSITIONS,
    Cause,
    Channel,
    Kind,
    Macro,
    Priority,
    Queue,
    Status,
    Team,
)

Order = get_model("order", "Order")
KEEP = ""


def support_agents():
    """Active staff who may work requests (directly or through a group), for the assignee list."""
    app_label, codename = VIEW_REQUESTS.split(".")
    perm = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label) | Q(
        groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    return get_user_model().objects.filter(Q(is_superuser=True) | perm, is_active=True, is_staff=True) \
        .distinct().order_by("first_name", "email")


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.email


class StaffMessageForm(forms.Form):
    REPLY, NOTE = "reply", "note"

    kind = forms.ChoiceField(choices=[(REPLY, "Reply to the customer"), (NOTE, "Internal note")],
                             widget=forms.RadioSelect, initial=REPLY)
    message = MessageField(label="Message")
    attachments = AttachmentsField()
    status_after = forms.ChoiceField(required=False, label="Then set status to", choices=[
        (KEEP, "Keep (a new request becomes open)"), (Status.OPEN, "Open"), (Status.WAITING, "Waiting on customer"),
        (Status.RESOLVED, "Resolved")])
    macro = forms.ModelChoiceField(queryset=Macro.objects.filter(is_active=True), required=False,
                                   widget=forms.HiddenInput)


class RequestPropertiesForm(forms.Form):
    assignee = AgentChoiceField(queryset=get_user_model().objects.none(), required=False, empty_label="Nobody")
    queue = forms.ModelChoiceField(queryset=Queue.objects.all(), required=False, empty_label="No queue")
    priority = forms.ChoiceField(choices=Priority.choices)
    status = forms.ChoiceField(choices=Status.choices)
    kind = forms.ChoiceField(choices=Kind.choices)
    cause = forms.ChoiceField(choices=[("", "—")] + Cause.choices, required=False, label="Complaint cause")
    team = forms.ChoiceField(choices=[("", "—")] + Team.choices, required=False)

    def __init__(self, *args, support_request, **kwargs):
        kwargs.setdefault("initial", {
            "assignee": support_request.assignee_id, "queue": support_request.queue_id,
            "priority": support_request.priority, "status": support_request.status, "kind": support_request.kind,
            "cause": support_request.cause, "team": support_request.team})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = support_agents()
        allowed = {support_request.status, *STATUS_TRANSITIONS[support_request.status]}
        self.fields["status"].choices = [c for c in Status.choices if c[0] in allowed]


class LogRequestForm(forms.Form):
    """A phone call, a visit to the workshop, a letter or an e-mail sent to a colleague, logged as a request."""

    channel = forms.ChoiceField(choices=[c for c in Channel.choices if c[0] != Channel.WEB], initial=Channel.PHONE)
    email = forms.EmailField(label="Customer's e-mail", help_text="Replies go there. An account with this "
                                                                  "address is linked.")
    name = forms.CharField(max_length=120, label="Customer's name")
    order_number = forms.CharField(max_length=128, required=False, label="Order number")
    kind = forms.ChoiceField(choices=Kind.choices)
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    subject = forms.CharField(max_length=150)
    message = MessageField(label="What the customer said")
    attachments = AttachmentsField(help_text="Optional: a scanned letter or photos the customer showed.")
    team = forms.ChoiceField(choices=[("", "—")] + Team.choices, required=False)

    def clean_order_number(self):
        number = self.cleaned_data["order_number"].strip()
        if not number:
            return None
        order = Order.objects.filter(number=number).select_related("user").first()
        if order is None:
            raise forms.ValidationError(f"There is no order {number}.")
        return order

    def clean(self):
        data = super().clean()
        order, email = data.get("order_number"), data.get("email")
        if order and email:
            order_email = order.user.email if order.user_id else order.guest_email
            if order_email and order_email.lower() != email.lower():
                self.add_error("order_number", f"Order {order.number} belongs to {order_email}, not {email}.")
        return data


class MacroForm(forms.ModelForm):
    class Meta:
        model = Macro
        fields = ["name", "body", "set_status", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
