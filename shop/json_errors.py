"""The one shape of every JSON error the store answers: {"error": code, "detail": {..., "message": ...}}."""

from django.http import JsonResponse


def json_error(status, code, message, **detail):
    """A 4xx/5xx JSON answer; `detail` adds keys such as the offending `field` or a `redirect`."""
    return JsonResponse({"error": code, "detail": {**detail, "message": message}}, status=status)
