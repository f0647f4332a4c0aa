"""JSON API of the configurator under /shop/api/configurator/.

POST state/   {"product": slug, "options": [...], "measurements": {...}, "texts": {...}} -> the state
POST quotes/  same body -> 201 with the saved quote and its share code
GET  quotes/<code>/ -> the saved quote

Bad input answers 400 with {"error": ..., "detail": {"field": ..., "message": ...}} and saves nothing.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from configurator.engine import SelectionError
from configurator.presenter import configuration_state
from configurator.selectors import current_version_for_slug, saved_configuration
from configurator.services import save_configuration
from shop.json_errors import json_error
from shop.jsonbody import BadJSON, parse_json

MAX_BODY_BYTES = 64 * 1024


def error(status, code, field, message):
    return json_error(status, code, message, field=field)


class BadRequest(Exception):
    def __init__(self, field, message, code="invalid_request"):
        super().__init__(message)
        self.field, self.message, self.code = field, message, code


def parse_request(request):
    """(version, options, measurements, texts) from the JSON body, or BadRequest naming the field."""
    if len(request.body) > MAX_BODY_BYTES:
        raise BadRequest("body", "is too large")
    try:
        body = parse_json(request.body or b"null")
    except BadJSON as bad:
        raise BadRequest("body", str(bad), "invalid_json") from None
    if not isinstance(body, dict):
        raise BadRequest("body", "must be a JSON object")
    unknown = sorted(set(body) - {"product", "options", "measurements", "texts"})
    if unknown:
        raise BadRequest(unknown[0], "is not a field of this request")
    product = body.get("product")
    if not isinstance(product, str) or not product:
        raise BadRequest("product", "must be the product's slug")
    version = current_version_for_slug(product)
    if version is None:
        raise BadRequest("product", f"{product!r} is not a product you can configure", "unknown_product")
    return version, body.get("options", []), body.get("measurements"), body.get("texts")


def _answer(request, respond):
    try:
        version, options, measurements, texts = parse_request(request)
        return respond(request, version, options, measurements, texts)
    except BadRequest as bad:
        return error(400, bad.code, bad.field, bad.message)
    except SelectionError as bad:
        return error(400, "invalid_selection", bad.field, bad.message)


@require_POST
def state(request):
    return _answer(request, lambda req, version, options, measurements, texts: JsonResponse(
        configuration_state(version, options, measurements, texts)))


@require_POST
def create_quote(request):
    def respond(req, version, options, measurements, texts):
        owner = req.user if req.user.is_authenticated else None
        quote = save_configuration(version=version, options=options, measurements=measurements, texts=texts,
                                   owner=owner)
        return JsonResponse(quote_data(quote), status=201)

    return _answer(request, respond)


@require_GET
def quote_detail(request, code):
    quote = saved_configuration(code)
    if quote is None:
        return error(404, "not_found", "code", "No saved configuration has this code")
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
