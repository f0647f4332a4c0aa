"""Access to staff pages: one mixin every staff view of ours uses."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login


class StaffPermissionRequiredMixin(PermissionRequiredMixin):
    """Staff with every permission in ``permission_required`` only: others get 403, anonymous users log in."""

    raise_exception = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), self.get_login_url(), self.get_redirect_field_name())
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()
