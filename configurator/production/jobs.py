"""Production's periodic and deferred jobs (Celery): placing the queue again, and announcing dates that moved."""

from celery import shared_task

from configurator.production.announcements import announce_ship_dates
from configurator.production.planning import reschedule, share_of_workday_gone


@shared_task
def reschedule_production():
    """Place every open work order again (after a status or calendar change, and every morning)."""
    return reschedule()


@shared_task
def announce_moved_ship_dates():
    """Outside the workshop's working hours (hourly, by beat): tell customers whose ship date is now later (or,
    after a slip we announced, earlier) than the date we last gave them; nothing to those whose date came back.
    During working hours it waits: the day's moves are announced together once the workshop has closed."""
    if 0 < share_of_workday_gone() < 1:
        return {"notices": 0, "waiting": "the workshop is working"}
    return {"notices": len(announce_ship_dates())}
