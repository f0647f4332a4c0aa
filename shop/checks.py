"""Deployment checks of the store's own (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def throttles_need_a_shared_cache(app_configs, **kwargs):
    """Sign-in, reset, registration and help-request throttles count in the cache: it must be shared by every
    process that serves the store, or each process counts alone."""
    if settings.REDIS_URL:
        return []
    return [checks.Warning(
        "The cache is each process's own memory: throttles (sign-in, password reset, registration, anonymous help "
        "requests) count per process, and background tasks run inside the web request.",
        hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) in production.", id="atelier.W001")]
