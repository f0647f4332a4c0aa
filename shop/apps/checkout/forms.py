"""Forms of the forked checkout; Oscar's own checkout forms are found in Oscar's module (``get_class``)."""

from django import forms
from django.core.exceptions import ValidationError
from oscar.apps.checkout import forms as oscar_forms

from shop.apps.checkout.acceptance import normalised_vat_number
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


TERMS_NOT_ACCEPTED = "Please tick the box to accept the terms of sale before you pay. Nothing has been charged."


class AcceptedField(forms.Field):
    """A JSON ``true``: the shopper ticked the box (anything else, absent included, is not an acceptance)."""

    def to_python(self, value):
        return value is True

    def validate(self, value):
        if not value:
            raise ValidationError(TERMS_NOT_ACCEPTED, code="terms_not_accepted")


class CheckoutPaymentForm(CardPaymentForm):
    """The checkout's pay/ body: the card, plus ``accept_terms: true`` and the ``terms_version`` the page showed."""

    error_codes = CardPaymentForm.error_codes | {"terms_not_accepted"}

    accept_terms = AcceptedField(required=False)
    terms_version = TextField(required=False, max_length=64, error_messages={
        "invalid": "terms_version must be the version of the terms the page showed.",
        "max_length": "terms_version must be the version of the terms the page showed."})


AUTOCOMPLETE = {
    "first_name": "given-name", "last_name": "family-name", "company_name": "organization",
    "line1": "address-line1", "line2": "address-line2", "line3": "address-line3", "line4": "address-level2",
    "state": "address-level1", "postcode": "postal-code", "country": "country", "phone_number": "tel",
}


def autocomplete(fields):
    for name, field in fields.items():
        if name in AUTOCOMPLETE:
            field.widget.attrs["autocomplete"] = AUTOCOMPLETE[name]


class BusinessFields(forms.Form):
    """An optional company name and VAT number (for the invoice), which the checkout session keeps beside the
    address: with a new address (``ShippingAddressForm``) or with one from the address book (``BusinessDetailsForm``).
    """

    company_name = forms.CharField(label="Company name (optional)", required=False, max_length=128)
    vat_number = forms.CharField(
        label="VAT number (optional)", required=False, max_length=32,
        help_text="For an invoice to your company: the country code and number, e.g. BE0123456789.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self.fields)

    def clean_vat_number(self):
        return normalised_vat_number(self.cleaned_data["vat_number"])


class BusinessDetailsForm(BusinessFields):
    """The company name and VAT number sent with "Ship to this address" (an address from the address book)."""

    prefix = "business"


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """Oscar's address form with the browser's autofill names, and an optional company name and VAT number (for
    the invoice), which the checkout session keeps beside the address."""

    company_name = BusinessFields.base_fields["company_name"]
    vat_number = BusinessFields.base_fields["vat_number"]

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "last_name", "company_name", "vat_number", "line1", "line2", "line3", "line4",
                  "state", "postcode", "country", "phone_number", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self.fields)

    def clean_vat_number(self):
        return normalised_vat_number(self.cleaned_data["vat_number"])


class GatewayForm(oscar_forms.GatewayForm):
    """Oscar's "who are you" step, with the e-mail field named for the browser's autofill, the password labelled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        # Oscar's gateway shows the password box beside a radio button, with no label of its own: name it
        self.fields["password"].widget.attrs["aria-label"] = "Your password"
