"""Staff areas answer 403 to signed-in people who are not staff of that area.

Wagtail's admin and Django's admin send anyone without access back to a login
form, which is puzzling for a signed-in shopper. Anonymous visitors still go to
the login page; signed-in users lacking the permission get a clear 403 page.
"""

from django.core.exceptions import PermissionDenied
from django.views.generic.edit import CreateView, DeleteView, UpdateView

from shop.roles import django_admin_apps

STAFF_AREAS = (
    ("/cms/", lambda user: user.has_perm("wagtailadmin.access_admin")),
    ("/django-admin/", lambda user: user.is_active and user.is_staff
                                    and (user.is_superuser or bool(django_admin_apps(user)))),
)
STAFF_ONLY = "This page is for Atelier staff only. If you think you should have access, ask your administrator."
OPEN_PATHS = ("/cms/login/", "/cms/logout/", "/django-admin/login/", "/django-admin/logout/")


class StaffAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if request.user.is_authenticated and not path.startswith(OPEN_PATHS):
            for prefix, may_enter in STAFF_AREAS:
                if path.startswith(prefix) and not may_enter(request.user):
                    raise PermissionDenied(STAFF_ONLY)
        return self.get_response(request)


class DashboardModelPermissionMiddleware:
    """Oscar's dashboard views that have no entry in Oscar's permission map only check ``is_staff``.

    This closes that gap: a dashboard view that works on a model requires the matching model
    permission (view, add, change or delete), so a support agent cannot edit categories just by
    knowing the URL. Superusers pass; views without a model keep Oscar's own checks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not request.path.startswith(DASHBOARD_PREFIX) or not user.is_authenticated or user.is_superuser:
            return None
        required = required_model_permission(getattr(view_func, "view_class", None), request.method)
        if required and not user.has_perm(required):
            raise PermissionDenied(STAFF_ONLY if not user.is_staff else
                                   "Your role cannot do this here. If your work needs it, ask your administrator.")
        return None


DASHBOARD_PREFIX = "/shop/dashboard/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def required_model_permission(view_class, method):
    model = getattr(view_class, "model", None)
    if view_class is None or model is None:
        return None
    if issubclass(view_class, DeleteView):
        action = "delete"
    elif issubclass(view_class, CreateView):
        action = "add"
    elif issubclass(view_class, UpdateView) or method not in SAFE_METHODS:
        action = "change"
    else:
        action = "view"
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"
