"""The inbound-email endpoint: a mail relay POSTs each raw RFC 822 message with a bearer token."""

import hmac

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from shop.json_errors import json_error
from support.inbound import DUPLICATE, NEW, REJECTED, THREADED, ingest_email

MAX_INBOUND_EMAIL_BYTES = 25 * 1024 * 1024
ACCEPTED_CONTENT_TYPES = ("message/rfc822", "text/plain")
STATUS_OF_OUTCOME = {NEW: 201, THREADED: 200, DUPLICATE: 200}


@csrf_exempt  # machine to machine: the bearer token is the credential, no cookies are involved
def inbound_email(request):
    """POST the raw message: 201 new request, 200 threaded or duplicate, 422 rejected (all JSON)."""
    if request.method != "POST":
        response = json_error(405, "method_not_allowed", "POST the raw e-mail to this address.")
        response["Allow"] = "POST"
        return response
    secret = settings.SUPPORT_INBOUND_EMAIL_SECRET
    if not secret:
        return json_error(503, "not_configured", "Inbound e-mail is not configured (SUPPORT_INBOUND_EMAIL_SECRET).")
    if not _has_token(request, secret):
        response = json_error(401, "unauthorized", "A valid bearer token is required.")
        response["WWW-Authenticate"] = 'Bearer realm="inbound-email"'
        return response
    if request.content_type not in ACCEPTED_CONTENT_TYPES:
        return json_error(415, "unsupported_media_type", "Send the raw e-mail as message/rfc822 or text/plain.",
                          field="Content-Type")
    if _declared_length(request) > MAX_INBOUND_EMAIL_BYTES:
        return _too_large()
    raw = request.read(MAX_INBOUND_EMAIL_BYTES + 1)  # not request.body: its limit is the form-upload one
    if len(raw) > MAX_INBOUND_EMAIL_BYTES:
        return _too_large()
    result = ingest_email(raw)
    if result.outcome == REJECTED:
        return json_error(422, "rejected", result.reason, outcome=REJECTED, reference=result.reference)
    return JsonResponse({"outcome": result.outcome, "reference": result.reference},
                        status=STATUS_OF_OUTCOME[result.outcome])


def _has_token(request, secret):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), secret.encode())


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_large():
    return json_error(413, "too_large", f"E-mails up to {MAX_INBOUND_EMAIL_BYTES // (1024 * 1024)} MB are accepted.")
