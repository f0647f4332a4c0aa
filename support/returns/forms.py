"""The customer's "Start a return" form: how many, why, what they would like, a message and photos.

The policy's answer for the item (support.returns.selectors.line_policy) is checked here, so a reason it refuses
or an outcome it does not offer for that reason is a form error naming why; support.returns.services.start_return
checks again under a lock and opens the return.
"""

from django import forms

from support.forms import AttachmentsField, MessageField
from support.returns.models import Outcome, Reason
from support.returns.selectors import listed


class StartReturnForm(forms.Form):
    quantity = forms.TypedChoiceField(coerce=int, label="How many?")
    reason = forms.ChoiceField(choices=Reason.choices, widget=forms.RadioSelect, label="Why are you returning it?")
    wanted = forms.ChoiceField(choices=Outcome.choices,
                               widget=forms.RadioSelect, label="What would you like?",
                               help_text="Only what our return policy allows for the reason you chose can be asked.")
    message = MessageField(label="Tell us more", required=False,
                           help_text="Optional: what is wrong (too tight across the toes, a scratch on the top, …). "
                                     "It helps us decide quickly.")
    attachments = AttachmentsField(label="Photos")
    name = forms.CharField(max_length=120, label="Your name",
                           error_messages={"required": "Tell us your name: we print it on the return slip."})

    def __init__(self, *args, policy, guest, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.fields["quantity"].choices = [(n, str(n)) for n in range(1, policy.returnable + 1)]
        if not guest:
            del self.fields["name"]

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def clean(self):
        data = super().clean()
        reason, wanted = data.get("reason"), data.get("wanted")
        answer = self.policy.answer(reason) if reason else None
        if answer is None:
            return data
        if not answer.eligible:
            self.add_error("reason", answer.why)
        elif wanted and wanted not in answer.outcomes:
            self.add_error("wanted", f"For “{answer.label}” we can offer {listed(answer.outcome_labels)}.")
        return data
