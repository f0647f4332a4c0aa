"""Requests refused before any view sees them, with a 400 that says why.

A NUL character (``%00``) is never part of a valid address, search or id, and PostgreSQL refuses it in any
text it is asked to compare (a 500 from every search box, every lookup by slug, code or number). Rather than
guarding each view, a path or query string containing one is answered here: a page for browsers, the
store's JSON error for JSON clients.
"""

from django.shortcuts import render

from shop.json_errors import json_error

NUL_MESSAGE = "The address contains a NUL character (%00), which is never part of a valid link or search."


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or request.content_type == "application/json"


def bad_request(request, code, message):
    if wants_json(request):
        return json_error(400, code, message)
    return render(request, "400.html", {"message": message}, status=400)


def has_nul(request):
    return "\x00" in request.path or any("\x00" in key or any("\x00" in value for value in values)
                                         for key, values in request.GET.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return bad_request(request, "invalid_request", NUL_MESSAGE)
        return self.get_response(request)
