"""Benchmark of the Demand reports (configurator/demand) on a year of generated demand.

On the configured database (``DATABASE_URL``; SQLite by default), migrated and seeded with the demo store
(``manage.py migrate && manage.py seed_demo``: the script needs the three demo products' published feature models and
a merchandiser), it generates ``--rows`` ordered-option facts (``OptionFact``) spread over the last 365 days for the
three demo products: a pool of valid configurations per product built with the real engine (option codes, forced
options, prices and price-rule shares as the fact writer computes them), drawn with a long tail so a few
combinations are popular; daily volumes follow each product's season (bikes in spring and summer, desks in January
and September, sneakers in spring and before Christmas), the weekday and a slow growth; 3% of the lines are partly
taken back (negative facts weeks later, on the sale's day). About as many configurator events come with them:
sessions that start, choose options (sometimes changing their mind), try options a rule makes unavailable (the rule
found by ``events.blocking_rule``), and go on to completed, saved, basket and ordered, or give up.

Everything is written with ``bulk_create``, in date order, in large batches, in two rounds: 10% of the rows, then
the rest. After each round ``refresh_rollups()`` runs (timed) and the rollups must have grown by exactly what was
generated; the dashboard pages' query counts are taken after both rounds, to show they do not grow with the data.
At full size each report is timed (median of ``--runs``) for the busiest product on the last 12 weeks and on the
full year, with ``DEBUG`` off; the component forecast (all products) once per run; and the dashboard pages are
requested through Django's test client as a merchandiser.

Generated rows are marked: facts have negative order and line ids (source ``benchmark``, reversals
``benchmark return``), sessions start with ``bench-``. Unless ``--keep`` is given they are deleted at the end and
their counts taken out of the rollups again (rows the benchmark created are deleted), so it can run on a dev
database. Run from the repository root::

    .venv/bin/python benchmarks/demand_analytics.py [--rows 100000] [--runs 5] [--keep]

The last line is ``demand_analytics: rows=N popularity_ms=… pairs_ms=… funnel_ms=… blocked_ms=… forecast_ms=…``
(the slower of the two periods). Target at 1,000,000 rows on PostgreSQL: every report < 2,000 ms, a dashboard page
< 2 s; the exit status is 1 when a target or a rollup check fails.
"""

from __future__ import annotations

import argparse
import heapq
import math
import os
import platform
import random
import statistics
import sys
import time
from bisect import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from itertools import accumulate, combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max, Min, Sum  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from configurator.compiled import compiled_model  # noqa: E402
from configurator.demand import behaviour, reports  # noqa: E402
from configurator.demand.components import component_demand  # noqa: E402
from configurator.demand.events import blocking_rule  # noqa: E402
from configurator.demand.facts import line_facts, option_revenues  # noqa: E402
from configurator.demand.filters import DemandFilters  # noqa: E402
from configurator.demand.models import (  # noqa: E402
    Channel,
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
    PriceRuleFact,
    SessionSummary,
)
from configurator.demand.rollups import refresh_rollups, signature_of  # noqa: E402
from configurator.engine.model import MEASUREMENT, TEXT  # noqa: E402
from configurator.models import ModelVersion  # noqa: E402
from shop.loyalty.models import Tier  # noqa: E402
from shop.roles import MERCHANDISERS  # noqa: E402

SEED = 16
DAYS = 365
POOL = 400  # valid configurations per product
BATCH = 5000  # rows per bulk_create
FIRST_ROUND = 0.1  # share of the rows written before the first query count
SOURCE, RETURN_SOURCE, SESSION_PREFIX = "benchmark", "benchmark return", "bench-"
TARGET_MS = 2000
CENT = Decimal("0.01")
# upc: (share of the lines, season: day of year -> factor)
PRODUCTS = {
    "ATL-SNK-001": (0.55, lambda d: 1 + 0.25 * math.cos(2 * math.pi * (d - 110) / 365) + 0.7 * bump(d, 335, 14)),
    "ATL-BIK-001": (0.2, lambda d: 1 + 0.6 * math.cos(2 * math.pi * (d - 150) / 365)),
    "ATL-DSK-001": (0.25, lambda d: 1 + 0.6 * bump(d, 12, 20) + 0.5 * bump(d, 250, 20)),
}
WEEKDAY = (0.9, 0.95, 0.95, 1.0, 1.05, 1.25, 1.15)
RETURNED, MEMBERS = 0.03, 0.7
QUANTITY = ((1, 0.93), (2, 0.06), (3, 0.01))
# sessions: some try an unavailable option; some give up part-way (more of those who hit a rule)
BLOCKED_SHARE, GIVE_UP, GIVE_UP_BLOCKED, CHANGE_MIND = 0.12, 0.35, 0.5, 0.15
SAVE, BASKET, BASKET_BLOCKED, ORDER = 0.3, 0.35, 0.2, 0.6
REPORTS = ("popularity", "pairs", "funnel", "blocked", "forecast")
PAGES = ("demand-overview", "demand-combinations", "demand-behaviour", "demand-components")


def bump(day, centre, width):
    """A seasonal peak around ``centre`` (day of the year), wrapping round the new year."""
    distance = min(abs(day - centre), 365 - abs(day - centre))
    return math.exp(-((distance / width) ** 2))


@dataclass(frozen=True)
class Build:
    """One valid configuration of a product: what its ordered units write."""

    options: tuple  # ((group, code), ...) in step order, forced and measured options included
    picks: tuple  # ((group, code), ...) the shopper clicks: not measured
    snapshot: dict  # what an order line freezes of it: its options and price breakdown
    revenues: dict  # option code -> revenue of one unit (its price and share of the price rules, as the writer's)


@dataclass(eq=False)
class Product:
    version: object  # ModelVersion
    share: float
    season: object
    builds: list
    cumulative: list  # cumulative popularity of ``builds``
    blocked: list  # [(option, rule)] tries seen with the engine, as often as they come up
    alternatives: dict  # group -> [codes]: what a shopper looks at before the option they keep


# --- What the demo products can be ----------------------------------------------------------------------------------

def measurement(group, rng):
    """A value a shopper enters: around the middle of the range, on the step."""
    low, high, step = group.minimum or 0, group.maximum or (group.minimum or 0) + 10, group.step or 1
    steps = int((high - low) / step)
    return low + step * round(rng.triangular(0, steps, steps / 2))


def choose(group, available, chosen, weights, rng):
    """The options a shopper takes in a choice step (optional steps are skipped about half the time)."""
    candidates = [option.code for option in group.options if option.active and option.code in available]
    if not candidates or (group.min_choices == 0 and rng.random() < 0.5):
        return []
    count = min(len(candidates), rng.randint(max(group.min_choices, 1), group.max_choices))
    picked = []
    while len(picked) < count:
        code = rng.choices(candidates, [weights[c] for c in candidates])[0]
        if code not in picked and code not in chosen:
            picked.append(code)
    return picked


def configuration_pool(version, rng):
    """Valid configurations of the version, as shoppers build them: step by step among the available options, with
    some options much more popular than others."""
    compiled = compiled_model(version)
    model = compiled.model
    weights = {}
    for group in model.groups:
        ranks = list(range(1, len(group.options) + 1))
        rng.shuffle(ranks)
        weights.update({option.code: 1 / rank ** 1.2 for option, rank in zip(group.options, ranks, strict=True)})
    builds, seen = [], set()
    for _ in range(POOL * 5):
        chosen, measurements = [], {}
        for group in model.groups:
            if group.kind == MEASUREMENT:
                measurements[group.code] = measurement(group, rng)
            elif group.kind != TEXT:
                evaluation = compiled.evaluate(chosen, measurements=measurements)
                if group.visible_when is None or group.visible_when.holds(evaluation.effective.options):
                    chosen += choose(group, evaluation.available, chosen, weights, rng)
        evaluation = compiled.evaluate(chosen, measurements=measurements)
        options = evaluation.effective.options
        if not evaluation.completable or options in seen or not compiled.validate(evaluation.effective).valid:
            continue
        seen.add(options)
        ordered = tuple((group.code, option.code) for group in model.groups for option in group.options
                        if option.code in options)
        snapshot = {"options": [{"group": group, "code": code} for group, code in ordered],
                    "price": evaluation.price.as_dict()}
        builds.append(Build(ordered, tuple((g, c) for g, c in ordered if not model.group(g).measured), snapshot,
                            {code: revenue for code, (revenue, _) in option_revenues(snapshot,
                                                                                     version.definition).items()}))
        if len(builds) == POOL:
            break
    return builds


def blocked_tries(version, builds, rng, samples=300):
    """(option, rule) of options tried while unavailable, part-way through the pool's configurations."""
    compiled = compiled_model(version)
    model = compiled.model
    tries = []
    for _ in range(samples):
        build = rng.choice(builds)
        prefix = [code for _, code in build.picks[:rng.randrange(1, max(len(build.picks), 2))]]
        available = compiled.evaluate(prefix).available
        done = {model.group_of(code).code for code in prefix}
        candidates = [option.code for group in model.groups if not group.measured and group.code not in done
                      for option in group.options if option.active and option.code not in available]
        for code in rng.sample(candidates, min(2, len(candidates))):
            rule = blocking_rule(version, prefix, code)
            if rule:
                tries.append((code, rule))
    return tries


def demo_products(rng):
    versions = {v.configurable.product.upc: v for v in ModelVersion.objects.filter(
        is_current=True, retired_at__isnull=True, configurable__product__upc__in=PRODUCTS)
        .select_related("configurable__product")}
    missing = sorted(set(PRODUCTS) - set(versions))
    if missing:
        sys.exit(f"No published feature model for {', '.join(missing)}: run `manage.py migrate` and "
                 "`manage.py seed_demo` on this database first.")
    products = []
    for upc, (share, season) in PRODUCTS.items():
        version = versions[upc]
        builds = configuration_pool(version, rng)
        alternatives = {group.code: [option.code for option in group.options if option.active]
                        for group in compiled_model(version).model.groups}
        products.append(Product(version, share, season, builds,
                                list(accumulate(1 / rank ** 0.9 for rank in range(1, len(builds) + 1))),
                                blocked_tries(version, builds, rng), alternatives))
    return products


# --- Generation -----------------------------------------------------------------------------------------------------

def fill(remaining, sizes):
    """Sizes adding up to ``remaining`` (as few as possible), or the smallest ones reaching past it."""
    best = {0: []}
    for total in range(1, remaining + 1):
        options = [best[total - size] + [size] for size in sizes if total - size in best]
        if options:
            best[total] = min(options, key=len)
    return best.get(remaining) or ([sizes[0]] * -(-remaining // sizes[0]) if remaining > 0 else [])


@dataclass
class Line:
    day: object
    product: Product
    build: Build
    quantity: int
    channel: str
    tier: str
    returned: int  # units taken back (0: none)
    return_day: object  # when the reversal is written (in pk order; it keeps the sale's day)
    line_id: int = 0  # negative: the order and line ids of its facts
    reversal_written: bool = False


class Generator:
    """Writes the benchmark's facts and events and remembers what they add to every rollup (only what reached the
    database, so a failed run is still taken out exactly)."""

    def __init__(self, products, end, rng):
        self.products, self.rng = products, rng
        self.days = [end - timedelta(days=offset) for offset in range(DAYS - 1, -1, -1)]
        self.cells = [(day, product) for day in self.days for product in products]
        self.cumulative = list(accumulate(
            product.share * product.season(day.timetuple().tm_yday) * WEEKDAY[day.weekday()]
            * (0.85 + 0.3 * index / DAYS) for index, day in enumerate(self.days) for product in products))
        self.tiers = list(Tier.objects.order_by("rank").values_list("name", flat=True)) or [""]
        # a kept earlier run's rows stay out of this run's numbers
        self.first_line = 1 - min(OptionFact.objects.filter(order_id__lt=0).aggregate(low=Min("order_id"))["low"]
                                  or 0, 0)
        self.first_session = 1 + max((int(session[len(SESSION_PREFIX):]) for model in (ConfigurationEvent,
                                                                                          SessionSummary)
                                      for session in model.objects.filter(session__startswith=SESSION_PREFIX)
                                      .aggregate(last=Max("session")).values() if session), default=0)
        self.next_line, self.next_session = self.first_line, self.first_session
        self.lines = []  # lines whose sale is written
        self.events = {stream: defaultdict(lambda: defaultdict(int)) for stream in EVENT_ROLLUPS}
        self.written = Counter()
        self.pending = ([], [], [])  # in the buffers: lines sold, lines reversed, sessions

    def cell(self):
        return self.cells[bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def line(self, day, product, build, returns=True):
        rng = self.rng
        quantity = rng.choices([q for q, _ in QUANTITY], [w for _, w in QUANTITY])[0]
        member = rng.random() < MEMBERS
        tier = self.tiers[min(int(rng.expovariate(1.5)), len(self.tiers) - 1)] if member else ""
        returned = rng.randint(1, quantity) if returns and rng.random() < RETURNED else 0
        return Line(day, product, build, quantity, Channel.MEMBER if member else Channel.GUEST, tier, returned,
                    day + timedelta(days=rng.randint(10, 40)))

    def plan_lines(self, rows):
        """Lines whose facts (sales and reversals) come to exactly ``rows`` where the pool's sizes allow it."""
        lines, facts = [], 0
        smallest = min(len(build.options) for product in self.products for build in product.builds)
        while rows - facts > 2 * smallest + 20:
            day, product = self.cell()
            build = product.builds[bisect(product.cumulative, self.rng.random() * product.cumulative[-1])]
            line = self.line(day, product, build)
            lines.append(line)
            facts += len(build.options) * (2 if line.returned else 1)
        by_size = defaultdict(list)
        for product in self.products:
            for build in product.builds:
                by_size[len(build.options)].append((product, build))
        for size in fill(rows - facts, sorted(by_size)):
            day, _ = self.cell()
            product, build = self.rng.choice(by_size[size])
            lines.append(self.line(day, product, build, returns=False))
        lines.sort(key=lambda line: line.day)
        return lines

    def write_facts(self, rows):
        """Facts of about ``rows`` (see ``plan_lines``), in date order; reversals weeks after their sale."""
        lines = self.plan_lines(rows)
        due = []  # heap of (day the reversal is written, line id, line)
        buffers = ([], [])
        for line in lines:
            while due and due[0][0] <= line.day:
                self.facts_of(heapq.heappop(due)[2], *buffers, reversal=True)
            line.line_id = -self.next_line
            self.next_line += 1
            self.facts_of(line, *buffers)
            if line.returned:
                heapq.heappush(due, (line.return_day, self.next_line, line))
            if len(buffers[0]) >= BATCH:
                self.flush(*buffers)
        for _, _, line in sorted(due):
            self.facts_of(line, *buffers, reversal=True)
        self.flush(*buffers)
        return len(lines)

    def facts_of(self, line, buffer, rule_buffer, reversal=False):
        """The fact writer's rows of a line's sale, or of the reversal of the units taken back (the same rows with
        the negative quantity, as ``facts.reconcile_reversals`` writes them)."""
        options, rules = line_facts(order_id=line.line_id, line_id=line.line_id, placed_on=line.day,
                                    version=line.product.version, snapshot=line.build.snapshot,
                                    quantity=-line.returned if reversal else line.quantity, tier=line.tier,
                                    channel=line.channel, source=RETURN_SOURCE if reversal else SOURCE)
        buffer += options
        rule_buffer += rules
        self.pending[1 if reversal else 0].append(line)

    def flush(self, *buffers):
        with transaction.atomic():
            for buffer in buffers:
                if buffer:
                    type(buffer[0]).objects.bulk_create(buffer, batch_size=BATCH)
                    self.written[type(buffer[0]).__name__] += len(buffer)
                    buffer.clear()
        sold, reversed_, sessions = self.pending
        self.lines += sold
        for line in reversed_:
            line.reversal_written = True
        for session in sessions:
            self.count_session(*session)
        for done in self.pending:
            done.clear()

    # --- configurator sessions ---

    def write_events(self, count):
        """Sessions, in date order, until about ``count`` events are written. Returns (events, sessions)."""
        mean = statistics.mean(len(self.steps_of(product)) for product in self.products for _ in range(300))
        sessions = Counter(self.cell() for _ in range(max(1, round(count / mean))))
        buffer, events = [], 0
        for (day, product), number in sorted(sessions.items(), key=lambda item: item[0][0]):
            for _ in range(number):
                buffer += self.session(product, day)
                if len(buffer) >= BATCH:
                    events += len(buffer)
                    self.flush(buffer)
        events += len(buffer)
        self.flush(buffer)
        return events, sum(sessions.values())

    def steps_of(self, product):
        """What one shopper does in the configurator: [(kind, option, rule)]."""
        rng = self.rng
        build = product.builds[bisect(product.cumulative, rng.random() * product.cumulative[-1])]
        tries = [rng.choice(product.blocked) for _ in range(rng.randint(1, 2))] \
            if product.blocked and rng.random() < BLOCKED_SHARE else []
        gives_up = rng.random() < (GIVE_UP_BLOCKED if tries else GIVE_UP)
        picks = build.picks[:rng.randrange(len(build.picks))] if gives_up else build.picks
        steps = [(EventKind.STARTED, "", "")]
        for group, code in picks:
            if rng.random() < CHANGE_MIND and len(product.alternatives[group]) > 1:
                steps.append((EventKind.CHOSEN, rng.choice([c for c in product.alternatives[group] if c != code]), ""))
            steps.append((EventKind.CHOSEN, code, ""))
        for option, rule in tries:
            steps.insert(rng.randint(1, len(steps)), (EventKind.BLOCKED, option, rule))
        if not gives_up:
            steps.append((EventKind.COMPLETED, "", ""))
            if rng.random() < SAVE:
                steps.append((EventKind.SAVED, "", ""))
            if rng.random() < (BASKET_BLOCKED if tries else BASKET):
                steps.append((EventKind.BASKET, "", ""))
                if rng.random() < ORDER:
                    steps.append((EventKind.ORDERED, "", ""))
        return steps

    def session(self, product, day):
        """One session's events, from 7:00 to 22:00 (and over well before ``refresh_rollups`` closes idle ones)."""
        rng = self.rng
        steps = self.steps_of(product)
        session = f"{SESSION_PREFIX}{self.next_session:026d}"
        code = f"bench{self.next_session:011d}"
        self.next_session += 1
        opens = timezone.make_aware(datetime.combine(day, clock(7)))
        latest = min(opens + timedelta(hours=15), timezone.now() - timedelta(hours=4))
        at = opens + timedelta(seconds=rng.randint(0, max(0, int((latest - opens).total_seconds()))))
        version = product.version
        rows = []
        for kind, option, rule in steps:
            at += timedelta(seconds=rng.randint(4, 90))
            rows.append(ConfigurationEvent(session=session, configurable_id=version.configurable_id,
                                           version=version.number, kind=kind, option=option, rule=rule,
                                           configuration=code if kind in (EventKind.SAVED, EventKind.BASKET,
                                                                          EventKind.ORDERED) else "", at=at))
        self.pending[2].append((day, version, steps))
        return rows

    def count_session(self, day, version, steps):
        """What one session adds to the funnel, blocked and abandonment rollups (as rollups.py counts it)."""
        key = (day, version.configurable_id, version.number)
        kinds = {kind for kind, _, _ in steps}
        for stage in (EventKind.STARTED, EventKind.COMPLETED, EventKind.SAVED, EventKind.BASKET, EventKind.ORDERED):
            if stage in kinds:
                self.events["funnel"][key + (stage,)]["sessions"] += 1
        tried = []
        for kind, option, rule in steps:
            if kind == EventKind.BLOCKED:
                self.events["blocked"][key + (option, rule)]["attempts"] += 1
                if (option, rule) not in tried:
                    tried.append((option, rule))
                    self.events["blocked"][key + (option, rule)]["sessions"] += 1
        if EventKind.ORDERED not in kinds:
            last = [option for kind, option, _ in steps if kind == EventKind.CHOSEN]
            self.events["abandonment"][key + (last[-1] if last else "",)]["sessions"] += 1
            for option, rule in tried:
                self.events["blocked"][key + (option, rule)]["lost"] += 1

    # --- what the facts add to the rollups ---

    def fact_increments(self, lines):
        """{rollup model: {key: {field: amount}}} of these lines' sales and reversals (as rollups.py counts them)."""
        increments = {model: defaultdict(lambda: defaultdict(Decimal)) for model in FACT_ROLLUPS}
        for line in lines:
            dims = (line.day, line.product.version.configurable_id, line.product.version.number, line.channel,
                    line.tier)
            codes = sorted(code for _, code in line.build.options)
            for units in (line.quantity, -line.returned) if line.reversal_written else (line.quantity,):
                for option in line.build.snapshot["options"]:
                    row = increments[DailyOptionDemand][dims + (option["group"], option["code"])]
                    row["units"] += units
                    row["revenue"] += line.build.revenues[option["code"]] * units
                increments[DailyProductDemand][dims]["units"] += units
                increments[DailyProductDemand][dims]["lines"] += 1 if units > 0 else 0
                for pair in combinations(codes, 2):
                    increments[DailyPairDemand][dims + pair]["units"] += units
                increments[DailyConfigurationDemand][dims + (signature_of(codes),)]["units"] += units
        return increments


# rollup model: (key fields as the rollups look rows up, counters)
DIMENSIONS = ("day", "configurable_id", "version", "channel", "tier")
FACT_ROLLUPS = {
    DailyOptionDemand: (DIMENSIONS + ("group", "option"), ("units", "revenue")),
    DailyProductDemand: (DIMENSIONS, ("units", "lines")),
    DailyPairDemand: (DIMENSIONS + ("first", "second"), ("units",)),
    DailyConfigurationDemand: (DIMENSIONS + ("signature",), ("units",)),
}
EVENT_ROLLUPS = {
    "funnel": (DailyFunnel, ("day", "configurable_id", "version", "stage"), ("sessions",)),
    "blocked": (DailyBlocked, ("day", "configurable_id", "version", "option", "rule"),
                ("attempts", "sessions", "lost")),
    "abandonment": (DailyAbandonment, ("day", "configurable_id", "version", "option"), ("sessions",)),
}
ROLLUPS = {**{model: counters for model, (_, counters) in FACT_ROLLUPS.items()},
           **{model: counters for model, _, counters in EVENT_ROLLUPS.values()}}


def rollup_totals():
    """{(rollup, counter): total} over every rollup row (money to the cent: SQLite sums decimals as floats)."""
    totals = {}
    for model, counters in ROLLUPS.items():
        sums = model.objects.aggregate(**{name: Sum(name) for name in counters})
        totals.update({(model.__name__, name): (sums[name] or 0).quantize(CENT) if isinstance(sums[name], Decimal)
                       else sums[name] or 0 for name in counters})
    return totals


def generated_totals(generator):
    """{(rollup, counter): total} of what the written rows add to the rollups."""
    totals = Counter()
    for line in generator.lines:
        size, revenue = len(line.build.options), sum(line.build.revenues.values())
        for units in (line.quantity, -line.returned) if line.reversal_written else (line.quantity,):
            totals[("DailyOptionDemand", "units")] += units * size
            totals[("DailyOptionDemand", "revenue")] += units * revenue
            totals[("DailyProductDemand", "units")] += units
            totals[("DailyProductDemand", "lines")] += 1 if units > 0 else 0
            totals[("DailyPairDemand", "units")] += units * size * (size - 1) // 2
            totals[("DailyConfigurationDemand", "units")] += units
    for stream, (model, _, _) in EVENT_ROLLUPS.items():
        for amounts in generator.events[stream].values():
            for name, amount in amounts.items():
                totals[(model.__name__, name)] += amount
    return totals


def chunks_of_days(lines, days=14):
    chunk, first = [], None
    for line in sorted(lines, key=lambda line: line.day):
        if first is not None and (line.day - first).days >= days:
            yield chunk
            chunk, first = [], None
        first = first or line.day
        chunk.append(line)
    if chunk:
        yield chunk


def check_rollups(before, generator):
    """Whether every rollup counter grew by exactly what the benchmark generated."""
    after, expected = rollup_totals(), generated_totals(generator)
    wrong = [f"{model}.{name}: +{after[(model, name)] - before[(model, name)]}, expected +{expected[(model, name)]}"
             for model, name in after if after[(model, name)] - before[(model, name)] != expected[(model, name)]]
    return wrong


# --- Clean-up -------------------------------------------------------------------------------------------------------

def withdraw(model, fields, counters, increments, created_after):
    """Take ``increments`` ({key: {counter: amount}}) out of ``model``'s rows; a row the benchmark created (pk above
    ``created_after``) that is back to zero is deleted."""
    if not increments:
        return 0
    days = {key[0] for key in increments}
    products = {key[1] for key in increments}
    gone, changed = [], []
    for row in model.objects.filter(day__in=days, configurable_id__in=products).values_list("pk", *fields,
                                                                                             *counters):
        amounts = increments.get(tuple(row[1:1 + len(fields)]))
        if amounts is None:
            continue
        values = {name: row[1 + len(fields) + index] - amounts.get(name, 0) for index, name in enumerate(counters)}
        if row[0] > created_after and not any(values.values()):
            gone.append(row[0])
        else:
            changed.append(model(pk=row[0], **values))
    for start in range(0, len(gone), BATCH):
        model.objects.filter(pk__in=gone[start:start + BATCH]).delete()
    model.objects.bulk_update(changed, list(counters), batch_size=1000)
    return len(gone)


def clean_up(generator, created_after):
    """Delete the generated rows and take their counts out of the rollups. Returns rows deleted."""
    refresh_rollups()  # everything generated is counted: take out exactly that
    deleted = Counter()
    with transaction.atomic():
        for chunk in chunks_of_days(generator.lines):
            for model, rows in generator.fact_increments(chunk).items():
                deleted[model.__name__] += withdraw(model, FACT_ROLLUPS[model][0], FACT_ROLLUPS[model][1], rows,
                                                    created_after[model])
        for stream, (model, fields, counters) in EVENT_ROLLUPS.items():
            deleted[model.__name__] += withdraw(model, fields, counters, generator.events[stream],
                                                created_after[model])
        for model in (OptionFact, PriceRuleFact):
            deleted[model.__name__], _ = model.objects.filter(order_id__lte=-generator.first_line,
                                                               source__in=(SOURCE, RETURN_SOURCE)).delete()
        first = f"{SESSION_PREFIX}{generator.first_session:026d}"
        for model in (ConfigurationEvent, SessionSummary):
            deleted[model.__name__], _ = model.objects.filter(session__startswith=SESSION_PREFIX,
                                                               session__gte=first).delete()
    return deleted


# --- Timing ---------------------------------------------------------------------------------------------------------

def timed(call, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def report_calls(filters, catalogue):
    return {
        "popularity": lambda: reports.option_popularity(filters, catalogue),
        "pairs": lambda: reports.option_pairs(filters, catalogue),
        "funnel": lambda: behaviour.funnel(filters),
        "blocked": lambda: behaviour.blocked_demand(filters, catalogue),
        "forecast": component_demand,
        "trend": lambda: reports.weekly_trend(filters, catalogue),
        "price rules": lambda: reports.revenue_by_price_rule(filters),
        "configurations": lambda: reports.top_configurations(filters, catalogue),
        "never together": lambda: reports.never_ordered_together(filters, catalogue),
        "abandonment": lambda: behaviour.abandonment(filters, catalogue),
        "versions": lambda: reports.version_comparison(filters, catalogue),
        "returns": lambda: reports.returns_by_option(filters, catalogue),
    }


def page_urls(filters):
    return {page: f"{reverse(f'dashboard:{page}')}?{filters.query()}" for page in PAGES}


def merchandiser_client():
    user = get_user_model().objects.filter(groups__name=MERCHANDISERS, is_active=True).order_by("pk").first()
    if user is None:
        sys.exit("No merchandiser to sign in as: run `manage.py seed_demo` on this database first.")
    client = Client()
    client.force_login(user)
    return client


def page_queries(client, periods):
    counts = {}
    for period, filters in periods.items():
        for page, url in page_urls(filters).items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
            counts[(page, period)] = len(queries)
    return counts


def periods_of(configurable, today):
    return {"12 weeks": DemandFilters(configurable=configurable, start=today - timedelta(weeks=12) + timedelta(days=1),
                                      end=today),
            "full year": DemandFilters(configurable=configurable, start=today - timedelta(days=DAYS), end=today)}


def table_sizes():
    return {model.__name__: model.objects.count() for model in (OptionFact, PriceRuleFact, ConfigurationEvent,
                                                                SessionSummary, *ROLLUPS)}


def maintain():
    """On PostgreSQL, what autovacuum does after bulk changes (it may be off on a dev server): vacuum the demand
    tables and refresh the planner's statistics. Returns a note for the step table, or None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        for model in (OptionFact, PriceRuleFact, ConfigurationEvent, SessionSummary, *ROLLUPS):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return f"autovacuum is {autovacuum} on this server"


def grow(generator, rows, label, client, periods, before):
    """Write ``rows`` facts and about as many events, count them in the rollups and check the rollups grew by what
    was written. Returns (steps, page query counts, problems)."""
    start = time.perf_counter()
    lines = generator.write_facts(rows)
    facts_s = time.perf_counter() - start
    start = time.perf_counter()
    events, sessions = generator.write_events(rows)
    events_s = time.perf_counter() - start
    start = time.perf_counter()
    counted = refresh_rollups()
    refresh_s = time.perf_counter() - start
    start = time.perf_counter()
    vacuumed = maintain()
    vacuum_s = time.perf_counter() - start
    steps = [(f"{label}: write {rows:,} facts ({lines:,} lines; {generator.written['PriceRuleFact']:,} price-rule "
              "facts so far)", facts_s, f"{rows / facts_s:,.0f} facts/s"),
             (f"{label}: write {events:,} events ({sessions:,} sessions)", events_s, f"{events / events_s:,.0f} "
                                                                                     "events/s"),
             (f"{label}: refresh_rollups()", refresh_s,
              f"{counted['facts']:,} facts, {counted['events']:,} events, {counted['closed_sessions']:,} sessions "
              f"closed, {counted['pruned_events']:,} events pruned")]
    steps += [] if vacuumed is None else [(f"{label}: VACUUM ANALYZE the demand tables", vacuum_s, vacuumed)]
    progress(steps)
    return steps, page_queries(client, periods), [f"{label}: {wrong}" for wrong in check_rollups(before, generator)]


def progress(steps):
    for what, seconds, _ in steps:
        print(f"  {what}: {seconds:,.1f} s", file=sys.stderr, flush=True)


def run(args):
    rng = random.Random(SEED)
    today = timezone.localdate()
    vendor = f"{connection.vendor} {connection.settings_dict['NAME']}"
    print(f"Demand analytics: {args.rows:,} ordered-option facts on {vendor}\n")
    start = time.perf_counter()
    products = demo_products(rng)
    steps = [("build the configuration pools with the engine", time.perf_counter() - start,
              f"{sum(len(p.builds) for p in products)} configurations, {sum(len(p.blocked) for p in products)} "
              "blocked tries")]
    progress(steps)
    refresh_rollups()  # count what was there before: the timed refreshes count the benchmark's rows
    before = rollup_totals()
    created_after = {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model in ROLLUPS}
    generator = Generator(products, today - timedelta(days=1), rng)
    client = merchandiser_client()
    busiest = max(products, key=lambda product: product.share).version.configurable
    periods = periods_of(busiest, today)
    queries, problems, timings = {}, [], {}
    first = round(args.rows * FIRST_ROUND)
    try:
        for label, rows in (("first round", first), ("second round", args.rows - first)):
            done, queries[label], wrong = grow(generator, rows, label, client, periods, before)
            steps += done
            problems += wrong
        sizes = table_sizes()
        catalogue = reports.catalogue_of(busiest)
        for period, filters in periods.items():
            for name, call in report_calls(filters, catalogue).items():
                timings[(name, period)] = timed(call, args.runs)
            for page, url in page_urls(filters).items():
                timings[(page, period)] = timed(lambda url=url: client.get(url), args.runs)
    finally:
        if not args.keep:
            start = time.perf_counter()
            deleted = clean_up(generator, created_after)
            maintain()
            steps.append(("clean-up: generated rows deleted, rollups taken back", time.perf_counter() - start,
                          ", ".join(f"{count:,} {name}" for name, count in deleted.items() if count)))
            if rollup_totals() != before:
                problems.append("clean-up: the rollups are not back to their totals before the benchmark")

    print("| step | time | note |")
    print("|---|---:|---|")
    for what, seconds, note in steps:
        print(f"| {what} | {seconds:,.1f} s | {note} |")
    print("\nRows at full size: " + ", ".join(f"{name} {count:,}" for name, count in sizes.items()))
    print(f"\nReports for {busiest.product.get_title()}, median and worst of {args.runs} runs, DEBUG off (forecast: "
          "component demand of every product, not cut by the filters); dashboard pages as a merchandiser, with their "
          f"queries after {first:,} and after {args.rows:,} facts:\n")
    print("| report / page | " + " | ".join(f"{period} median | worst" for period in periods) + " | queries |")
    print("|---|" + "---:|---:|" * len(periods) + "---|")
    for name in (*report_calls(periods["full year"], catalogue), *PAGES):
        cells = " | ".join(f"{timings[(name, p)][0]:,.1f} ms | {timings[(name, p)][1]:,.1f} ms" for p in periods)
        counts = "" if name not in PAGES else " → ".join(
            "/".join(str(queries[label][(name, p)]) for p in periods) for label in queries)
        print(f"| {name} | {cells} | {counts} |")
    constant = all(len({queries[label][key] for label in queries}) == 1 for key in queries["first round"])
    slowest = {name: max(timings[(name, p)][0] for p in periods) for name in REPORTS}
    pages = max(timings[(page, p)][0] for page in PAGES for p in periods)
    met = all(ms < TARGET_MS for ms in slowest.values()) and pages < TARGET_MS
    print(f"\nPage queries: {'constant' if constant else 'NOT constant'} in the number of rows.")
    print(f"Rollup checks: {'; '.join(problems) if problems else 'every rollup grew by exactly what was written'}"
          + ("" if args.keep or problems else ", and is back where it was after the clean-up") + ".")
    print(f"Target (every report < {TARGET_MS:,} ms and every page < {TARGET_MS / 1000:.0f} s at 1,000,000 rows on "
          f"PostgreSQL): {'met' if met else 'NOT met'} here (slowest page {pages:,.0f} ms).")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, {vendor}")
    print(f"demand_analytics: rows={args.rows} " + " ".join(f"{name}_ms={slowest[name]:.1f}" for name in REPORTS))
    return 0 if met and constant and not problems else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="ordered-option facts to generate")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per report and page (median)")
    parser.add_argument("--keep", action="store_true", help="keep the generated rows (and their rollups)")
    args = parser.parse_args()
    with override_settings(DEBUG=False):  # as in production: no query log, no debug pages
        return run(args)


if __name__ == "__main__":
    sys.exit(main())
