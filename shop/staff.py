"""The store's staff areas in Oscar's dashboard: the base of their apps.

Feature models, production, support and payments are Oscar dashboard apps, mounted beside Oscar's own by the
forked dashboard app (shop/apps/dashboard). Each app's ``permissions_map`` names, for every URL name, what a user
needs to open it, and Oscar applies it twice: every URL of the app is wrapped in that check
(``OscarConfigMixin.post_process_urls``), and the dashboard menu shows an entry only to users who pass the check
of its URL (``oscar.apps.dashboard.nav.default_access_fn``). URL names are therefore unique across all dashboard
apps; they are reversed in Oscar's namespace: ``dashboard:support-inbox``.
"""

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from oscar.core.application import OscarDashboardConfig


def staff_with(*permissions):
    """A ``permissions_map`` entry: staff status and every one of ``permissions`` (Oscar adds ``is_active``)."""
    return ["is_staff", *permissions]


class StaffAreaConfig(OscarDashboardConfig):
    """Staff with every permission of a URL's entry only: others get 403, anonymous visitors sign in.

    ``default_permissions`` covers any URL left out of ``permissions_map``; a URL with neither is refused at
    start-up, so no page of a staff area is ever served without a check.
    """

    login_url = reverse_lazy("customer:login")  # the store's sign-in page (settings.LOGIN_URL), with ?next=

    def get_url_decorator(self, pattern):
        decorator = super().get_url_decorator(pattern)
        if decorator is None:
            raise ImproperlyConfigured(f"{self.label}: the URL {pattern.name!r} has no permissions.")
        return decorator
