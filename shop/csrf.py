"""CSRF failures: the JSON API answers in JSON like its other errors; pages keep Django's explanation."""

from django.views.csrf import csrf_failure as django_csrf_failure

from shop.json_errors import json_error

API_PREFIX = "/shop/api/"


def csrf_failure(request, reason=""):
    if request.path.startswith(API_PREFIX):
        return json_error(403, "csrf_failed", "send the csrftoken cookie's value in the X-CSRFToken header "
                          "(the page's form has it)", field="X-CSRFToken")
    return django_csrf_failure(request, reason=reason)
