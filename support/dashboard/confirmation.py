"""The confirmation step before money moves: a page naming the exact amount, whose button sends the same form
again, confirmed. Nothing is done until then."""

from django.db.models import Model
from django.template.response import TemplateResponse

from shop.payments import gateway


def hidden_fields(cleaned_data, **overrides):
    """The checked values as hidden inputs [(name, value)], ``overrides`` (the exact amount, confirmed) last."""
    values = {**cleaned_data, **overrides}
    fields = []
    for name, value in values.items():
        if value is None or value is False or value == "":
            continue
        if value is True:
            value = "on"
        elif isinstance(value, Model):
            value = value.pk
        fields.append((name, str(value)))
    return fields


def confirmation_page(request, *, support_request, title, action, amount, currency, button, fields, details=(),
                      warning=""):
    """The page that asks "are you sure?": what will happen, for how much, and the button that does it."""
    return TemplateResponse(request, "support/dashboard/confirm_money.html", {
        "support_request": support_request, "title": title, "action": action, "amount": amount,
        "currency": currency, "button": button, "fields": fields, "details": details, "warning": warning})


def stripe_failure(error):
    """What the agent reads when Stripe refused a refund, or did not answer; nothing was recorded in the store."""
    if gateway.stripe_answered_no(error):
        return f"Stripe refused the refund ({error}): nothing was refunded or recorded."
    return ("Stripe did not answer, so nothing was recorded here. Look at the order's payments (a refund Stripe "
            "made anyway shows there once Stripe reports it) before you try again.")
