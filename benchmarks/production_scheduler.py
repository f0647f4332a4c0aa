"""Benchmark of the capacity scheduler (configurator/production/scheduling.py and planning.py).

Scenario: 10,000 open work orders across 5 workstations (cutting, sewing, assembly, finishing, dispatch), each
with 4 to 7 operations drawn from the demo routings (10 to 120 minutes each, seeded), a five-day week with
the demo's closures, and capacity sized so the queue reaches months ahead. Measured with
``time.perf_counter``, median and worst of several runs:

* ``schedule``: placing all 10,000 jobs, first paid first, on an empty ledger (pure Python, no database);
* ``estimate``: one shopper's selection (a dry-run placement after the whole queue), median of 1,000;
* with ``--database`` (a throw-away SQLite file, migrated first; migration and data creation are not timed):
  ``reschedule()`` as the daily Celery task runs it — reading the 10,000 work orders, placing them and
  writing the dates (first run: every row changes; second run: none does) — and ``current_workshop()`` on
  a cold cache, which is what the first ship-date estimate after a queue change pays.

Target: scheduling 10,000 open work orders under 1 s. Run from the repository root::

    .venv/bin/python benchmarks/production_scheduler.py [--orders 10000] [--runs 5] [--database]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from configurator.production.scheduling import Job, Workstation, schedule  # noqa: E402

TODAY = date(2027, 1, 4)  # a Monday
SEED = 7
STATIONS = {  # minutes per working day: a workshop of about 14 people
    "cutting": 960, "sewing": 1920, "assembly": 2880, "finishing": 960, "dispatch": 1440,
}
CLOSED = frozenset(date.fromisoformat(day) for day in (
    "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-24", "2027-12-27", "2027-12-28"))
ROUTES = [  # (workstation, minute range) per operation, like the demo sneaker, bike and desk
    [("cutting", (20, 45)), ("sewing", (50, 90)), ("sewing", (40, 60)), ("finishing", (10, 40)),
     ("dispatch", (10, 15)), ("dispatch", (10, 15))],
    [("assembly", (50, 70)), ("assembly", (40, 80)), ("assembly", (80, 120)), ("finishing", (15, 30)),
     ("dispatch", (15, 25)), ("dispatch", (20, 30))],
    [("cutting", (45, 75)), ("finishing", (40, 60)), ("assembly", (35, 60)), ("dispatch", (10, 20))],
]


def stations():
    return [Workstation(code, minutes, closed=CLOSED) for code, minutes in STATIONS.items()]


def operations(rng):
    route = rng.choice(ROUTES)
    chosen = [step for step in route if rng.random() > 0.1] or route[:4]
    return tuple((station, rng.randint(*minutes)) for station, minutes in chosen)


def jobs(count):
    rng = random.Random(SEED)
    return [Job(n, operations(rng), earliest=TODAY + timedelta(days=rng.choice((0, 0, 0, 3, 7))))
            for n in range(count)]


def timed(function, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def pure_rows(count, runs):
    queue = jobs(count)
    median, worst, (workshop, placements) = timed(
        lambda: schedule(stations(), queue, TODAY, shipping_closed=CLOSED), runs)
    rng = random.Random(SEED + 1)
    extra = [Job(("estimate", n), operations(rng)) for n in range(1000)]
    estimates = []
    for job in extra:
        start = time.perf_counter()
        workshop.estimate([job])
        estimates.append(time.perf_counter() - start)
    horizon = (max(p.ship for p in placements) - TODAY).days
    return [
        (f"schedule {count:,} work orders, 5 workstations", median, worst, runs, f"last ships in {horizon} days"),
        ("estimate one selection after the queue", statistics.median(estimates), max(estimates), len(extra), ""),
    ]


def database_rows(count, runs):
    folder = tempfile.mkdtemp(prefix="atelier-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    # The benchmark chooses its own throw-away database above, so Django and the models are imported only now.
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    call_command("migrate", verbosity=0, interactive=False)
    from oscar.core.loading import get_model  # noqa: PLC0415

    from configurator.production import planning  # noqa: PLC0415
    from configurator.production.models import WorkOrder  # noqa: PLC0415
    from configurator.production.models import Workstation as Station  # noqa: PLC0415

    for position, (code, minutes) in enumerate(STATIONS.items()):
        Station.objects.create(code=code, name=code.title(), daily_capacity_minutes=minutes, position=position)
    Order, Line = get_model("order", "Order"), get_model("order", "Line")
    Partner = get_model("partner", "Partner")
    order = Order.objects.create(number="BENCH-1", currency="EUR", total_incl_tax=0, total_excl_tax=0,
                                 status="Paid", guest_email="bench@example.com")
    line = Line.objects.create(order=order, partner=Partner.objects.create(name="Workshop"), title="Bench",
                               quantity=count, num_allocated=0, line_price_incl_tax=0, line_price_excl_tax=0,
                               line_price_before_discounts_incl_tax=0, line_price_before_discounts_excl_tax=0)
    now = timezone.now()
    rng = random.Random(SEED)
    WorkOrder.objects.bulk_create([
        WorkOrder(number=f"BENCH-1-1-{unit}", order=order, line=line, unit=unit, units=count,
                  product_title="Bench", status_changed_at=now, paid_at=now + timedelta(microseconds=unit),
                  earliest_start=TODAY, spec={"operations": [
                      {"workstation": station, "minutes": minutes, "quality_check": station == "dispatch"}
                      for station, minutes in operations(rng)]})
        for unit in range(1, count + 1)
    ], batch_size=2000)
    first, _, changed = timed(lambda: planning.reschedule(day=TODAY), 1)
    median, worst, unchanged = timed(lambda: planning.reschedule(day=TODAY), runs)

    def cold():
        planning.queue_changed()
        return planning.current_workshop(TODAY)

    cold_median, cold_worst, _ = timed(cold, runs)
    return [
        (f"reschedule() from the database, first run ({changed['changed']:,} rows written)", first, first, 1, ""),
        (f"reschedule() again ({unchanged['changed']} rows written)", median, worst, runs, ""),
        ("current_workshop() on a cold cache", cold_median, cold_worst, runs, "ledger for estimates"),
    ]


def duration(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.001 else f"{seconds * 1_000_000:.0f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", action="store_true", help="also time reschedule() against SQLite")
    args = parser.parse_args()
    rows = pure_rows(args.orders, args.runs)
    if args.database:
        rows += database_rows(args.orders, args.runs)
    print(f"Production scheduler: {args.orders:,} open work orders, {len(STATIONS)} workstations\n")
    print("| what | median | worst | runs | note |")
    print("|---|---:|---:|---:|---|")
    for what, median, worst, runs, note in rows:
        print(f"| {what} | {duration(median)} | {duration(worst)} | {runs} | {note} |")
    target = rows[0][1] < 1.0
    print(f"\nTarget (schedule {args.orders:,} open work orders < 1 s): {'met' if target else 'NOT met'} "
          f"({rows[0][1]:.3f} s)")
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu n/a'}, "
          f"{os.cpu_count()} cores")
    return 0 if target else 1


if __name__ == "__main__":
    sys.exit(main())
