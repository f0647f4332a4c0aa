"""Throttles for signing in, password resets and registration, kept in the shared cache (Redis when configured).

Signing in: 5 failed attempts for one e-mail address in 15 minutes pause password sign-in for that address for
15 minutes (the right password is refused too); 20 failures from one client address in 10 minutes pause it for
that address for 10 minutes. The count is by the e-mail typed, whether or not it has an account, so the pause says
nothing about who is registered. ``LoginThrottleBackend`` comes first in AUTHENTICATION_BACKENDS, so every login
form (the shop's, Wagtail's, Django admin's) is covered; the failures are counted from Django's
``user_login_failed`` signal.

The counting is shop/throttles.py (Throttle). django-ratelimit was dropped for it: its buckets are fixed clock
windows, so it cannot say "paused until 14:35" nor guarantee that the 6th attempt in a row is refused.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied

from shop.throttles import Throttle, client_address

LOGIN_FAILURES_PER_ACCOUNT = Throttle("login-account", limit=5, period=15 * 60)
LOGIN_FAILURES_PER_ADDRESS = Throttle("login-ip", limit=20, period=10 * 60)
RESETS_PER_ACCOUNT = Throttle("reset-email", limit=3, period=60 * 60)
RESETS_PER_ADDRESS = Throttle("reset-ip", limit=10, period=60 * 60)
REGISTRATIONS_PER_ADDRESS = Throttle("register-ip", limit=10, period=60 * 60)


def login_paused_until(request, username):
    """Until when password sign-in is paused for this e-mail or this client address (Unix time), or None."""
    times = [LOGIN_FAILURES_PER_ACCOUNT.blocked_until(username),
             LOGIN_FAILURES_PER_ADDRESS.blocked_until(client_address(request))]
    return max((t for t in times if t), default=None)


class LoginThrottleBackend:
    """Refuses every sign-in (right password included) while the e-mail or the client address is paused.

    Deliberately no ``get_user``: it never signs anyone in, so sessions and ``force_login`` never pick it."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        if login_paused_until(request, email or username):
            raise PermissionDenied("Too many failed sign-in attempts.")  # Django stops trying other backends
        return None


def count_failed_login(sender, credentials, request=None, **kwargs):
    LOGIN_FAILURES_PER_ACCOUNT.hit(credentials.get("email") or credentials.get("username"))
    LOGIN_FAILURES_PER_ADDRESS.hit(client_address(request))


def forget_failures_after_login(sender, request, user, **kwargs):
    LOGIN_FAILURES_PER_ACCOUNT.forget(user.email)


# Connected when Django loads the backends, which it does before it first sends either signal.
user_login_failed.connect(count_failed_login, dispatch_uid="shop.login_throttle.count_failed_login")
user_logged_in.connect(forget_failures_after_login, dispatch_uid="shop.login_throttle.forget_failures")
