"""Django admin is for administrators; a staff role sees only the apps listed for it in ``shop.roles``.

Staff roles work in the Oscar dashboard, whose views check model permissions; those same permissions would
otherwise open Django admin's generic forms (a support agent's ``order.change_order`` is Django admin's whole
order edit form: customer, status, date placed, line prices). So this site lets a non-superuser in only to the
apps of ``ADMIN_APPS_OF_ROLE`` (production planners: the workshop set-up), lists only those apps, and answers
403 to every other admin page, whatever model permissions the user holds.
"""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from shop.roles import django_admin_apps


class AtelierAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and (user.is_superuser or bool(self.allowed_apps(request)))

    def allowed_apps(self, request):
        """The app labels this user may open here; None means all of them (superusers)."""
        if not hasattr(request, "_admin_apps"):
            user = request.user
            request._admin_apps = None if user.is_superuser else django_admin_apps(user)
        return request._admin_apps

    def may_open_app(self, request, app_label):
        allowed = self.allowed_apps(request)
        return allowed is None or app_label in allowed

    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        app_label = model_admin.model._meta.app_label if isinstance(model_admin, admin.ModelAdmin) else None
        if app_label is None:
            return super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            if not self.may_open_app(request, app_label):
                raise PermissionDenied("Django admin is for administrators; your role works in the dashboard.")
            return view(request, *args, **kwargs)

        return super().admin_view(wraps(view)(checked), cacheable)

    def app_index(self, request, app_label, extra_context=None):
        if not self.may_open_app(request, app_label):
            raise PermissionDenied("Django admin is for administrators; your role works in the dashboard.")
        return super().app_index(request, app_label, extra_context)

    def autocomplete_view(self, request):
        if not self.may_open_app(request, request.GET.get("app_label", "")):
            raise PermissionDenied("Django admin is for administrators; your role works in the dashboard.")
        return super().autocomplete_view(request)

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        if label:
            return app_dict if self.may_open_app(request, label) else {}
        return {name: app for name, app in app_dict.items() if self.may_open_app(request, name)}
