"""Incremental rollups: the facts and events written since the last run are added to small daily tables, which
the reports read. Run by Celery beat (``configurator.demand.jobs.refresh_demand_rollups``) and by the demo seed;
each stream keeps a cursor (the last row counted), so a run only reads what is new and never counts a row twice.

Events also close idle configurator sessions (counted as abandoned, with the option chosen last, unless they
ordered) and are pruned once counted and older than ``DEMAND_EVENT_DAYS``.
"""

import hashlib
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from itertools import combinations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from configurator.demand.models import (
    ConfigurationEvent,
    DailyAbandonment,
    DailyBlocked,
    DailyConfigurationDemand,
    DailyFunnel,
    DailyOptionDemand,
    DailyPairDemand,
    DailyProductDemand,
    EventKind,
    OptionFact,
    RollupCursor,
    SessionSummary,
)

BATCH = 20_000
STAGES = (EventKind.STARTED, EventKind.COMPLETED, EventKind.SAVED, EventKind.BASKET, EventKind.ORDERED)
STAGE_BIT = {stage: 1 << index for index, stage in enumerate(STAGES)}
DIMENSIONS = ("day", "configurable_id", "version", "channel", "tier")


def refresh_rollups(*, now=None):
    """Count every fact and event not counted yet, close idle sessions, prune old events. Returns what it did."""
    now = now or timezone.now()
    facts = events = 0
    while True:
        counted, more = _roll_up_facts()
        facts += counted
        if not more:
            break
    while True:
        counted = _roll_up_events()
        events += counted
        if counted < BATCH:
            break
    closed = close_idle_sessions(now=now)
    pruned = prune_events(now=now)
    return {"facts": facts, "events": events, "closed_sessions": closed, "pruned_events": pruned}


def _cursor(stream):
    cursor, _ = RollupCursor.objects.select_for_update().get_or_create(stream=stream)  # one run at a time per stream
    return cursor


def signature_of(options):
    return hashlib.sha1(" ".join(sorted(options)).encode()).hexdigest()


@transaction.atomic
def _roll_up_facts():
    """Count the next batch of facts. Returns (facts counted, whether more may follow): a full batch counts a few
    rows less when it ends inside one write of a line, and is still followed by more."""
    cursor = _cursor("facts")
    rows = list(OptionFact.objects.filter(pk__gt=cursor.position).order_by("pk")
                .values_list("pk", "line_id", "source", "placed_on", "configurable_id", "version", "channel", "tier",
                             "group", "option", "quantity", "revenue")[:BATCH])
    if not rows:
        return 0, False
    full = len(rows) == BATCH
    last = rows[-1][0]
    # a batch may end inside one write of a line: leave that line's rows for the next run
    if full:
        tail = (rows[-1][1], rows[-1][2])
        kept = [row for row in rows if (row[1], row[2]) != tail]
        if kept:
            rows, last = kept, kept[-1][0]
    options, products, pairs, configurations = (defaultdict(lambda: defaultdict(Decimal)) for _ in range(4))
    writes = defaultdict(dict)  # (line, source) -> {option: units}, with the dimensions
    dims_of = {}
    for _, line_id, source, day, configurable_id, version, channel, tier, group, option, quantity, revenue in rows:
        dims = (day, configurable_id, version, channel, tier)
        key = dims + (group, option)
        options[key]["units"] += quantity
        options[key]["revenue"] += revenue
        write = writes[(line_id, source)]
        write[option] = write.get(option, 0) + quantity
        dims_of[(line_id, source)] = dims
    for write_key, chosen in writes.items():
        dims = dims_of[write_key]
        units = next(iter(chosen.values()))
        products[dims]["units"] += units
        products[dims]["lines"] += 1 if units > 0 else 0  # lines ordered; reversals take units back
        codes = sorted(chosen)
        for first, second in combinations(codes, 2):
            pairs[dims + (first, second)]["units"] += units
        configurations[dims + (signature_of(codes), " ".join(codes))]["units"] += units
    _add(DailyOptionDemand, DIMENSIONS + ("group", "option"), options)
    _add(DailyProductDemand, DIMENSIONS, products)
    _add(DailyPairDemand, DIMENSIONS + ("first", "second"), pairs)
    _add(DailyConfigurationDemand, DIMENSIONS + ("signature", "options"), configurations)
    cursor.position = last
    cursor.save(update_fields=["position"])
    return len(rows), full


def _add(model, fields, increments):
    """Add ``increments`` ({key tuple: {field: amount}}) to the rows of ``model`` with those keys, making the
    missing ones. Keys are read back per day and product touched, so a run reads only the rows it changes."""
    if not increments:
        return
    keys = list(increments)
    position = {name: index for index, name in enumerate(fields)}
    lookup = fields[:-1] if fields[-1] == "options" else fields  # the signature identifies the options
    existing = {}
    days = {key[position["day"]] for key in keys}
    products = {key[position["configurable_id"]] for key in keys}
    for row in model.objects.filter(day__in=days, configurable_id__in=products):
        existing[tuple(getattr(row, name) for name in lookup)] = row
    changed, created = [], []
    for key, amounts in increments.items():
        row = existing.get(key[:len(lookup)])
        if row is None:
            created.append(model(**dict(zip(fields, key, strict=True)), **amounts))
            continue
        for name, amount in amounts.items():
            setattr(row, name, getattr(row, name) + amount)
        changed.append(row)
    model.objects.bulk_create(created, batch_size=2000)
    if changed:
        names = sorted({name for amounts in increments.values() for name in amounts})
        model.objects.bulk_update(changed, names, batch_size=2000)


@transaction.atomic
def _roll_up_events():
    cursor = _cursor("events")
    events = list(ConfigurationEvent.objects.filter(pk__gt=cursor.position).order_by("pk")[:BATCH])
    if not events:
        return 0
    count_events(events)
    cursor.position = events[-1].pk
    cursor.save(update_fields=["position"])
    return len(events)


def count_events(events):
    """Add events (in the order they happened) to the session summaries and to the funnel and blocked-demand
    rollups: the job's batches, or a history counted without being stored (the demo's events older than the
    retention period, which the job would have pruned once counted)."""
    sessions = {s.session: s for s in SessionSummary.objects.filter(session__in={e.session for e in events})}
    new = {}
    funnel, blocked = (defaultdict(lambda: defaultdict(int)) for _ in range(2))
    for event in events:
        summary = sessions.get(event.session)
        if summary is None:
            summary = SessionSummary(session=event.session, configurable_id=event.configurable_id,
                                     version=event.version, started_on=timezone.localdate(event.at),
                                     last_at=event.at, blocked=[])
            sessions[event.session] = new[event.session] = summary
        summary.last_at = max(summary.last_at, event.at)
        bit = STAGE_BIT.get(event.kind)
        if bit and not summary.stages & bit:
            summary.stages |= bit
            funnel[(summary.started_on, summary.configurable_id, summary.version, event.kind)]["sessions"] += 1
        if event.kind == EventKind.CHOSEN:
            summary.last_option = event.option
        elif event.kind == EventKind.BLOCKED:
            key = (timezone.localdate(event.at), event.configurable_id, event.version, event.option, event.rule)
            blocked[key]["attempts"] += 1
            if [event.option, event.rule] not in summary.blocked:
                summary.blocked.append([event.option, event.rule])
                blocked[key]["sessions"] += 1
    SessionSummary.objects.bulk_create(new.values(), batch_size=2000)
    SessionSummary.objects.bulk_update([s for key, s in sessions.items() if key not in new],
                                       ["stages", "last_option", "blocked", "last_at"], batch_size=2000)
    _add(DailyFunnel, ("day", "configurable_id", "version", "stage"), funnel)
    _add(DailyBlocked, ("day", "configurable_id", "version", "option", "rule"), blocked)


@transaction.atomic
def close_idle_sessions(*, now):
    """Sessions idle for ``DEMAND_SESSION_IDLE_MINUTES`` are over: one that did not order counts as abandoned (by
    the option chosen last), and each unavailable option it tried counts as a sale the blocking rule may have
    cost."""
    idle = now - timedelta(minutes=settings.DEMAND_SESSION_IDLE_MINUTES)
    over = list(SessionSummary.objects.select_for_update().filter(closed=False, last_at__lt=idle))
    abandoned, lost = (defaultdict(lambda: defaultdict(int)) for _ in range(2))
    for summary in over:
        if summary.stages & STAGE_BIT[EventKind.ORDERED]:
            continue
        abandoned[(summary.started_on, summary.configurable_id, summary.version, summary.last_option)]["sessions"] += 1
        for option, rule in summary.blocked:
            lost[(summary.started_on, summary.configurable_id, summary.version, option, rule)]["lost"] += 1
    _add(DailyAbandonment, ("day", "configurable_id", "version", "option"), abandoned)
    _add(DailyBlocked, ("day", "configurable_id", "version", "option", "rule"), lost)
    SessionSummary.objects.filter(pk__in=[s.pk for s in over]).update(closed=True)
    return len(over)


def prune_events(*, now):
    """Delete events already counted and older than ``DEMAND_EVENT_DAYS``, and closed sessions as old."""
    cutoff = now - timedelta(days=settings.DEMAND_EVENT_DAYS)
    counted = RollupCursor.objects.filter(stream="events").values_list("position", flat=True).first() or 0
    deleted, _ = ConfigurationEvent.objects.filter(pk__lte=counted, at__lt=cutoff).delete()
    SessionSummary.objects.filter(closed=True, last_at__lt=cutoff).delete()
    return deleted
