"""The store's Content-Security-Policy (django-csp), with the payment provider's origins read per request.

The policy itself is in settings.CONTENT_SECURITY_POLICY: scripts, styles, images and connections from the store
itself only, no inline script (no 'unsafe-inline' for scripts anywhere). Two things depend on the request:

- Stripe.js: its origin (Stripe's own, or localstripe's on loopback in development and tests) comes from
  settings.STRIPE_JS_URL and STRIPE_API_BASE, which tests point at a private localstripe; it may run scripts,
  frames and be connected to.
- The staff dashboard: Oscar's dashboard templates script inline, so they run under the request's nonce
  (see templates/oscar/dashboard/layout.html), and its widgets (TinyMCE, select2) write style attributes, so
  the dashboard alone allows inline styles. Scripts stay locked down there as everywhere.
"""

from urllib.parse import urlsplit

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

DASHBOARD_PREFIX = "/shop/dashboard/"
STRIPE_API_ORIGIN = "https://api.stripe.com"
STRIPE_FRAME_ORIGINS = ["https://js.stripe.com", "https://hooks.stripe.com"]


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def stripe_sources():
    """script-src, frame-src and connect-src additions for Stripe.js as configured now."""
    script = origin(settings.STRIPE_JS_URL)
    api = origin(settings.STRIPE_API_BASE) or STRIPE_API_ORIGIN
    frames = STRIPE_FRAME_ORIGINS if script in STRIPE_FRAME_ORIGINS else [script]  # Stripe's 3-D Secure frames
    return {"script-src": [script], "frame-src": frames, "connect-src": [api]}


class StoreCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        update = {key: list(values) for key, values in (parts.update or {}).items()}
        for directive, sources in stripe_sources().items():
            update.setdefault(directive, []).extend(sources)
        if request.path_info.startswith(DASHBOARD_PREFIX):
            update.setdefault("style-src", []).append(UNSAFE_INLINE)
        parts.update = update
        return parts
