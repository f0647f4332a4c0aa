"""Production's periodic and deferred jobs (Celery): placing the queue again."""

from celery import shared_task

from configurator.production.planning import reschedule


@shared_task
def reschedule_production():
    """Place every open work order again (after a status or calendar change, and every morning)."""
    result = reschedule()
    return {"orders": result["orders"], "changed": result["changed"], "notices": len(result["notices"])}
