"""Service-level clocks: first-response and resolution targets per priority, counted in business hours.

Both clocks run only while a request is new or open; waiting on the customer, resolved and closed
pause them. A request keeps what ran before the last pause (``*_elapsed``) and since when it runs
again (``clock_started_at``); its due dates are computed whenever the clock starts or the priority
changes, so the inbox can filter on them with an index. Nothing here saves: the services do.
"""

from django.conf import settings
from django.core.cache import cache

from support.business_hours import BusinessCalendar
from support.models import BusinessHours, ServiceLevelTarget, SupportClosure

CACHE_KEY = "support:service-levels"


def service_levels():
    """(calendar, {priority: (first response minutes, resolution minutes)}), cached until an edit."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        hours = {}
        for row in BusinessHours.objects.all():
            hours.setdefault(row.weekday, []).append((row.opens, row.closes))
        closures = frozenset(SupportClosure.objects.values_list("date", flat=True))
        targets = {t.priority: (t.first_response_minutes, t.resolution_minutes)
                   for t in ServiceLevelTarget.objects.all()}
        cached = (hours, closures, targets)
        cache.set(CACHE_KEY, cached, 3600)
    hours, closures, targets = cached
    return BusinessCalendar(hours=hours, closures=closures, time_zone=settings.SUPPORT_TIME_ZONE), targets


def forget_service_levels(**kwargs):
    cache.delete(CACHE_KEY)


def is_running(request):
    return request.clock_started_at is not None


def start_clock(request, now):
    if not is_running(request):
        request.clock_started_at = now
    refresh_due_dates(request)


def stop_clock(request, now):
    """Bank the minutes that ran; the due dates are unknown until the clock runs again."""
    if is_running(request):
        calendar, _ = service_levels()
        ran = calendar.minutes_between(request.clock_started_at, now)
        if request.first_responded_at is None:
            request.first_response_elapsed += ran
        request.resolution_elapsed += ran
        request.clock_started_at = None
    request.first_response_due_at = request.resolution_due_at = None


def refresh_due_dates(request):
    calendar, targets = service_levels()
    target = targets.get(request.priority)
    if not is_running(request) or target is None:
        request.first_response_due_at = request.resolution_due_at = None
        return
    first_response, resolution = target
    started = request.clock_started_at
    request.first_response_due_at = (
        calendar.add_minutes(started, first_response - request.first_response_elapsed)
        if request.first_responded_at is None else None)
    request.resolution_due_at = calendar.add_minutes(started, resolution - request.resolution_elapsed)


def elapsed_minutes(request, now):
    """(first response, resolution) business minutes so far, counting a running clock up to now."""
    running = service_levels()[0].minutes_between(request.clock_started_at, now) if is_running(request) else 0
    first = request.first_response_minutes if request.first_responded_at else request.first_response_elapsed + running
    return first, request.resolution_elapsed + running


def record_first_response(request, now):
    if request.first_responded_at is not None:
        return
    minutes, _ = elapsed_minutes(request, now)
    request.first_responded_at = now
    request.first_response_minutes = minutes
    target = targets_for(request.priority)
    if target and minutes > target[0]:
        request.first_response_breached = True
    request.first_response_due_at = None


def record_resolution(request, now):
    stop_clock(request, now)
    request.resolution_minutes = request.resolution_elapsed
    target = targets_for(request.priority)
    if target and request.resolution_minutes > target[1]:
        request.resolution_breached = True


def targets_for(priority):
    """(first response, resolution) target minutes of a priority, or None."""
    return service_levels()[1].get(priority)
