"""JSON API of the configurator under /shop/api/configurator/.

POST state/   {"product": slug, "options": [...], "measurements": {...}, "texts": {...}, "session": token}
              -> the state (``options`` in the order the shopper chose them: reasons name the most recent choice)
POST quotes/  same body -> 201 with the saved quote and its share code
GET  quotes/<code>/ -> the saved quote

``session`` (optional) is the page's configurator session (``configurator.tracking``): a complete state and a saved
quote are reported to demand analytics under it. Bad input answers 400 in the store's one JSON error shape
(``shop.json_errors``) and saves nothing; the body's rules are declared in ``configurator.forms.ConfigurationForm``.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from configurator.forms import ConfigurationForm
from configurator.presenter import configuration_state
from configurator.selectors import saved_configuration
from configurator.services import save_configuration
from configurator.tracking import tell
from shop.json_errors import form_error, json_error


@require_POST
def state(request):
    form = ConfigurationForm(request)
    if not form.is_valid():
        return form_error(form)
    state = configuration_state(form.version, **form.choices(), order=form.cleaned_data["options"])
    if state["complete"]:
        tell("completed", session=form.cleaned_data["session"], version=form.version)
    return JsonResponse(state)


@require_POST
def create_quote(request):
    form = ConfigurationForm(request)
    if not form.is_valid():
        return form_error(form)
    owner = request.user if request.user.is_authenticated else None
    quote = save_configuration(version=form.version, owner=owner, keep=True, **form.choices())
    tell("saved", session=form.cleaned_data["session"], version=form.version, configuration=quote.code)
    return JsonResponse(quote_data(quote), status=201)


@require_GET
def quote_detail(request, code):
    quote = saved_configuration(code)
    if quote is None:
        return json_error(404, "not_found", "No saved configuration has this code", field="code")
    return JsonResponse(quote_data(quote))


def quote_data(quote):
    product = quote.version.configurable.product
    return {
        "code": quote.code,
        "url": reverse("configurator:reopen", kwargs={"slug": product.slug, "code": quote.code}),
        "product": product.slug,
        "version": quote.version.number,
        "choices": quote.choices,
        "price": quote.price_breakdown,
        "total": str(quote.total),
        "currency": quote.currency,
        "lead_time_days": quote.lead_time_days,
        "complete": quote.is_complete,
        "expires_at": quote.expires_at.isoformat(),
        "expired": quote.is_expired,
    }
