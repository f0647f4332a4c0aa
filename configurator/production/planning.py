"""Capacity planning against the database: today's workshop ledger, rescheduling, and ship-date estimates.

The ledger (every workstation's booked minutes per day after placing the open work orders: rush jobs, then
express slots, then the rest, first paid first within each) is cached under a token that changes whenever the
queue, a calendar or a routing changes, so an estimate for a shopper's selection costs a cache read plus one
dry-run placement. A customer whose loyalty tier gives a free express slot is estimated (and booked) after the
rush and express jobs only: ``express=True``.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from configurator.production.models import (
    QUEUE_ORDER,
    NonWorkingDay,
    Priority,
    Status,
    WorkOrder,
    Workstation,
)
from configurator.production.scheduling import Job, Workshop
from configurator.production.scheduling import Workstation as Station
from configurator.production.specs import material_wait_days, operations_for, routing_steps_by_product

TOKEN_KEY = "production:queue-token"


def today():
    return timezone.localdate()


def share_of_workday_gone(moment=None):
    """How much of the working hours (PRODUCTION_WORKDAY_START to _END, the store's time zone) of ``moment``'s day
    had gone by then: 0 before the workshop opens, 1 once it has closed."""
    local = timezone.localtime(moment)
    opens, closes = settings.PRODUCTION_WORKDAY_START, settings.PRODUCTION_WORKDAY_END
    day_minutes = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    passed = (local.hour * 60 + local.minute + local.second / 60) - (opens.hour * 60 + opens.minute)
    return min(max(passed / day_minutes, 0.0), 1.0)


def share_gone_when_paid(paid_at, day):
    """The part of ``day``'s working hours a unit paid at ``paid_at`` cannot have: what had gone when it was paid
    that day, nothing when it was paid before."""
    if paid_at is None or timezone.localdate(paid_at) != day:
        return 0.0
    return share_of_workday_gone(paid_at)


def queue_changed():
    """Forget the cached ledger: the queue, a calendar or a routing changed (a new random token, never one seen
    before: a clock can stand still or go back)."""
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)


def _token():
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(TOKEN_KEY, token, None)
    return token


def empty_workshop(day=None):
    """The workshop's stations and calendars, with nothing booked."""
    day = day or today()
    horizon = day + timedelta(days=Workshop.MAX_DAYS)
    closures = list(NonWorkingDay.objects.filter(date__gte=day, date__lte=horizon)
                    .values_list("workstation_id", "date"))
    everywhere = frozenset(date for station, date in closures if station is None)
    stations = [
        Station(code=station.code, daily_minutes=station.daily_capacity_minutes, weekdays=station.weekdays,
                closed=everywhere | {date for owner, date in closures if owner == station.pk})
        for station in Workstation.objects.all()
    ]
    return Workshop(stations, day, shipping_closed=everywhere,
                    ship_after_days=settings.PRODUCTION_SHIP_AFTER_DAYS)


def remaining_operations(work_order):
    """What is left to do for a work order, by its status (a unit in quality check only needs QC and after)."""
    operations = work_order.spec.get("operations", [])
    if work_order.status in (Status.QUEUED, Status.IN_PRODUCTION):
        return operations
    if work_order.status == Status.QUALITY_CHECK:
        checks = [i for i, operation in enumerate(operations) if operation.get("quality_check")]
        return operations[checks[0]:] if checks else []
    return []


def job_of(work_order, day=None):
    """The scheduler's job for a work order on a schedule starting ``day`` (today); once it is being made its
    materials are in, so it waits for none. Paid today, it has only the working hours left when it was paid."""
    earliest = work_order.earliest_start if work_order.status == Status.QUEUED else None
    return Job(work_order.pk, tuple((o["workstation"], o["minutes"]) for o in remaining_operations(work_order)),
               earliest=earliest, priority=work_order.priority,
               not_before=share_gone_when_paid(work_order.paid_at, day or today()))


def open_work_orders():
    return (WorkOrder.objects.filter(status__in=WorkOrder.OPEN_STATUSES)
            .only("pk", "status", "spec", "earliest_start", "order_id", "estimated_start", "estimated_completion",
                  "estimated_ship_date", "promised_ship_date", "paid_at", "rush", "express")
            .order_by(*QUEUE_ORDER))


def workshop_key(day):
    return f"production:workshop:{day.isoformat()}:{_token()}"


def current_workshop(day=None):
    """Today's ledger with every open work order booked (cached until the queue changes)."""
    day = day or today()
    key = workshop_key(day)
    workshop = cache.get(key)
    if workshop is None:
        workshop = empty_workshop(day)
        for work_order in open_work_orders().iterator(chunk_size=2000):
            workshop.place(job_of(work_order, day))
        cache.set(key, workshop, 60 * 60 * 24)
    return workshop


def cached_routing(configurable_id):
    """A product's routing steps as plain data, cached like the ledger (a routing edit changes the token)."""
    key = f"production:routing:{configurable_id}:{_token()}"
    steps = cache.get(key)
    if steps is None:
        steps = routing_steps_by_product([configurable_id]).get(configurable_id, [])
        cache.set(key, steps, 60 * 60 * 24)
    return steps


def priority_of(express):
    """The queue priority of a customer's new units: their tier's express slot, or the ordinary queue."""
    return Priority.EXPRESS if express else Priority.STANDARD


def selection_jobs(workshop, version, options, quantity=1, texts=None, express=False):
    """The jobs the units of one configuration would be if paid now (its operations by the product's routing; on
    today's schedule, only the working hours left today)."""
    steps = cached_routing(version.configurable_id)
    filled = [code for code, value in (texts or {}).items() if value]
    operations = operations_for(steps, list(options) + filled)
    earliest = workshop.shipping_days_after(workshop.today,
                                            material_wait_days(version.definition, options, bool(steps)))
    gone = share_of_workday_gone() if workshop.today == today() else 0.0
    return [Job(("estimate", unit), tuple((o["workstation"], o["minutes"]) for o in operations), earliest=earliest,
                priority=priority_of(express), not_before=gone)
            for unit in range(quantity)]


def estimate_ship_date(version, options, quantity=1, texts=None, day=None, express=False):
    """The day a configuration bought now would ship, given today's queue (``quantity`` units, last one);
    ``express``: by a customer whose tier gives a free express slot (after the rush and express jobs only)."""
    workshop = current_workshop(day)
    placements = workshop.estimate(selection_jobs(workshop, version, options, quantity, texts, express))
    return placements[-1].ship


def estimate_basket_ship_date(lines, day=None, express=False):
    """When a basket bought now would ship: its configured units placed after the queue (after the rush and
    express jobs only, with ``express``), one after another.

    ``lines`` are (ModelVersion, options, quantity, texts); returns None when nothing in it is made to order.
    """
    workshop = current_workshop(day)
    jobs = [job for version, options, quantity, texts in lines
            for job in selection_jobs(workshop, version, options, quantity, texts, express)]
    if not jobs:
        return None
    return max(placement.ship for placement in workshop.estimate(jobs))


def lock_schedule():
    """One booking or rescheduling at a time, each seeing what those before it committed (a row lock on the
    workstations on PostgreSQL; SQLite's transactions take the write lock when they begin): two payments at once are
    never promised the same minutes, and a slower rescheduling never writes older dates over a newer one's."""
    list(Workstation.objects.select_for_update().order_by("pk").values_list("pk", flat=True))


def booked_workshop(day):
    """Today's ledger for booking new units: locked, and placed from the committed queue (a ledger cached while
    another booking was still to commit would hand out its minutes twice)."""
    lock_schedule()
    queue_changed()
    return current_workshop(day)


@transaction.atomic
def reschedule(day=None):
    """Place every open work order again (rush, express, then the rest; first paid first within each) and store the
    estimates. Customers are not told here: a slip undone the same day is no news (``announcements``).

    Returns {"orders": orders with open work orders, "changed": rows updated}.
    """
    day = day or today()
    lock_schedule()
    workshop = empty_workshop(day)
    changed, orders = [], set()
    for work_order in open_work_orders().iterator(chunk_size=2000):
        placement = workshop.place(job_of(work_order, day))
        fields = (placement.start, placement.completion, placement.ship)
        if (work_order.estimated_start, work_order.estimated_completion, work_order.estimated_ship_date) != fields:
            work_order.estimated_start, work_order.estimated_completion, work_order.estimated_ship_date = fields
            if work_order.promised_ship_date is None:
                work_order.promised_ship_date = placement.ship
            changed.append(work_order)
        orders.add(work_order.order_id)
    write_estimates(changed)
    transaction.on_commit(lambda: cache.set(workshop_key(day), workshop, 60 * 60 * 24))
    return {"orders": len(orders), "changed": len(changed)}


def write_estimates(work_orders):
    """Store new dates with one UPDATE per distinct set of dates (far fewer than rows: many share a day)."""
    groups = {}
    for work_order in work_orders:
        key = (work_order.estimated_start, work_order.estimated_completion, work_order.estimated_ship_date,
               work_order.promised_ship_date)
        groups.setdefault(key, []).append(work_order.pk)
    for (start, completion, ship, promised), pks in groups.items():
        for offset in range(0, len(pks), 500):
            WorkOrder.objects.filter(pk__in=pks[offset:offset + 500]).update(
                estimated_start=start, estimated_completion=completion, estimated_ship_date=ship,
                promised_ship_date=promised)
