"""The one shape of every JSON error the store answers.

    {"error": "invalid_request",                       # what went wrong, for programs
     "detail": {"message": "must be the product's slug", # in plain words, for people: the first problem
                "field": "product",                      # where the first problem is (when it is somewhere)
                "fields": {"product": ["must be the product's slug"]},  # every problem, by place
                ...}}                                    # more for some answers: "redirect", "total", ...

``fields`` is always there ({} when the error is about no place in particular). A place is a key of the request's
JSON body, "body" for the body as a whole, or a place the endpoint names inside the body (an option code).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import JsonResponse

BODY = "body"  # the place of errors about the whole body (a form's non-field errors)
INVALID_REQUEST = "invalid_request"


def json_error(status, code, message, *, fields=None, **detail):
    """A 4xx/5xx JSON answer; `detail` adds keys such as the offending `field` or a `redirect`."""
    if fields is None:
        fields = {detail["field"]: [message]} if "field" in detail else {}
    return JsonResponse({"error": code, "detail": {**detail, "message": message, "fields": fields}}, status=status)


def form_error(form, status=400):
    """The answer to a bound form that did not validate: its first error as `field` and `message`, all in `fields`.

    `error` is the first error's code when the form answers that code as it is (its `error_codes`, see
    ``shop.jsonbody.JSONBodyForm``), else "invalid_request".
    """
    errors = {BODY if place == NON_FIELD_ERRORS else place: found for place, found in form.errors.as_data().items()}
    fields = {place: [message for error in found for message in error.messages] for place, found in errors.items()}
    place, found = next(iter(errors.items()))
    code = found[0].code if found[0].code in getattr(form, "error_codes", ()) else INVALID_REQUEST
    return json_error(status, code, fields[place][0], field=place, fields=fields)
