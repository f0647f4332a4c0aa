"""Forms of the forked checkout; Oscar's own checkout forms are found in Oscar's module (``get_class``)."""

from django import forms
from django.core.exceptions import ValidationError

from shop.jsonbody import JSONBodyForm, TextField

CARD_NOT_RECEIVED = "The card details did not reach us. Please enter them again."


class CardPaymentForm(JSONBodyForm):
    """The body of pay/: ``{"token": "tok_…", "expected_total": "155.00", "cardholder": "Sam Shopper"}``.

    ``token`` is what Stripe.js's createToken gave the browser; ``expected_total`` is the total the page showed (the
    server pays its own total and refuses a different one); other keys are ignored, so no amount is ever read.
    """

    ignore_unknown_keys = True

    token = TextField(max_length=255, strip=False, error_messages={
        "required": CARD_NOT_RECEIVED, "invalid": CARD_NOT_RECEIVED, "max_length": CARD_NOT_RECEIVED})
    expected_total = forms.DecimalField(error_messages={
        "required": "expected_total must be the total the page showed.",
        "invalid": "expected_total must be the total the page showed."})
    cardholder = TextField(required=False, max_length=100, error_messages={
        "invalid": "The name on the card must be text.",
        "max_length": "The name on the card is at most 100 characters."})

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not token.startswith("tok_"):
            raise ValidationError(CARD_NOT_RECEIVED, code="invalid")
        return token
