"""CSRF failures: the JSON API answers in JSON like its other errors; pages keep Django's explanation."""

from django.http import JsonResponse
from django.views.csrf import csrf_failure as django_csrf_failure

API_PREFIX = "/shop/api/"


def csrf_failure(request, reason=""):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": "csrf_failed", "detail": {
            "field": "X-CSRFToken",
            "message": "send the csrftoken cookie's value in the X-CSRFToken header (the page's form has it)",
        }}, status=403)
    return django_csrf_failure(request, reason=reason)
