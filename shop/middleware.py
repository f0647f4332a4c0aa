"""Staff areas answer 403 to signed-in people who are not staff of that area.

Wagtail's admin and Django's admin send anyone without access back to a login
form, which is puzzling for a signed-in shopper. Anonymous visitors still go to
the login page; signed-in users lacking the permission get a clear 403 page.
"""

from django.core.exceptions import PermissionDenied

STAFF_AREAS = (
    ("/cms/", lambda user: user.has_perm("wagtailadmin.access_admin")),
    ("/django-admin/", lambda user: user.is_active and user.is_staff),
)
OPEN_PATHS = ("/cms/login/", "/cms/logout/", "/django-admin/login/", "/django-admin/logout/")


class StaffAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if request.user.is_authenticated and not path.startswith(OPEN_PATHS):
            for prefix, may_enter in STAFF_AREAS:
                if path.startswith(prefix) and not may_enter(request.user):
                    raise PermissionDenied("This area is for staff only.")
        return self.get_response(request)
