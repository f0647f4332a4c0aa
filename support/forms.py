"""Forms customers fill in: a new request, a reply, the satisfaction survey."""

from django import forms
from django.core.exceptions import ValidationError

from support.attachments import ALLOWED_DESCRIPTION, MAX_ATTACHMENTS_PER_MESSAGE, check_attachment
from support.models import Kind, Team

MAX_MESSAGE_LENGTH = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five files, each checked by its content; cleaned to a list of CheckedFile."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"Optional: up to {MAX_ATTACHMENTS_PER_MESSAGE} {ALLOWED_DESCRIPTION}, "
                                       f"10 MB each.")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/gif,image/webp,application/pdf")

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS_PER_MESSAGE:
            raise ValidationError(f"At most {MAX_ATTACHMENTS_PER_MESSAGE} files per message.")
        checked, errors = [], []
        for file in files:
            try:
                checked.append(check_attachment(file))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class MessageField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_MESSAGE_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        super().__init__(**kwargs)


class NewRequestForm(forms.Form):
    # a return starts from the order's page ("Start a return"); asked here, it is a question about one
    kind = forms.ChoiceField(choices=Kind.choices, label="What is it about?")
    team = forms.ChoiceField(choices=[("", "—")] + Team.choices, required=False,
                             label="Which team is it about?",
                             help_text="For a compliment or a complaint: we pass it on to them.")
    subject = forms.CharField(max_length=150)
    message = MessageField(label="Your message")
    attachments = AttachmentsField()
    name = forms.CharField(max_length=120, label="Your name")
    email = forms.EmailField(label="Your e-mail address", help_text="We reply there, with a link to this request.")
    website = forms.CharField(required=False, label="Leave this empty",
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            del self.fields["name"], self.fields["email"]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            self.add_error(None, "The field “Leave this empty” must stay empty.")
        return ""

    def clean_subject(self):
        subject = self.cleaned_data["subject"].strip()
        if not subject:
            raise ValidationError("Give your request a subject.")
        return subject

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise ValidationError("Tell us a little more (at least a few words).")
        return message


class ReplyForm(forms.Form):
    message = MessageField(label="Your reply")
    attachments = AttachmentsField()

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError("Write a reply.")
        return message


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, label="How satisfied are you with how we handled your request?",
        choices=[(5, "5 — very satisfied"), (4, "4"), (3, "3"), (2, "2"), (1, "1 — very dissatisfied")])
    solved = forms.TypedChoiceField(coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                    label="Was your problem solved?", choices=[("yes", "Yes"), ("no", "No")])
    agent_helpful = forms.TypedChoiceField(
        coerce=lambda v: {"yes": True, "no": False}.get(v), empty_value=None, required=False,
        widget=forms.RadioSelect, label="Did the person who helped you do a good job?",
        choices=[("yes", "Yes"), ("no", "No")])
    comment = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                              label="Anything you would like to tell us? (optional)")
