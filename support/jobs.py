"""The help desk's periodic housekeeping (Celery beat): service-level breaches and closing resolved requests."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from support.services import close_resolved_requests, mark_breaches


@shared_task
def mark_service_level_breaches():
    """Every few minutes: flag requests past a due date, so the inbox shows them as breached; close requests
    resolved long enough ago."""
    marked = mark_breaches()
    closed = close_resolved_requests(older_than=timedelta(days=settings.SUPPORT_CLOSE_RESOLVED_AFTER_DAYS))
    return {"breaches": marked, "closed": closed}
