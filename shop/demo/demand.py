"""A year of demand for the Demand dashboard of the demo store: orders of the three made-to-order products, with
their season, a few configurations many people order and many one-off ones, and the configurator sessions around
them (most end without an order; some try an option a rule makes unavailable).

What is ordered is priced and checked by the engine (only valid configurations are ordered; a blocked try's rule is
the one the engine names) and written through demand's own fact writer (``line_facts``), then rolled up as Celery
beat does (``refresh_rollups``). The history is not a set of Oscar orders: its facts carry ``source="demo"`` and
negative order and line numbers, so they never meet a real order. Parameters: shop/demo/data/demand.toml. Seeded
once (`make run`), not for the test suite.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from math import cos, exp, pi
from typing import Annotated

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from pydantic import Field

from configurator.compiled import compiled_model
from configurator.demand.events import blocking_rule
from configurator.demand.facts import line_facts
from configurator.demand.models import Channel, ConfigurationEvent, EventKind, OptionFact, PriceRuleFact
from configurator.demand.rollups import count_events, refresh_rollups
from configurator.engine import SelectionError
from configurator.models import ModelVersion
from configurator.tracking import new_session
from shop.demo.datafile import DATA_DIR, Data, read
from shop.loyalty.models import Tier

SOURCE = "demo"
Share = Annotated[float, Field(ge=0, le=1)]


class Favourite(Data):
    options: list[str] = Field(min_length=1)
    measurements: dict[str, str] = Field(default_factory=dict)


class ProductDemand(Data):
    upc: str
    orders_per_week: Annotated[float, Field(gt=0)]
    peak_week: Annotated[int, Field(ge=1, le=53)]
    seasonality: Share
    favourite_share: Share
    favourites: list[Favourite] = Field(default_factory=list)


class DemandHistory(Data):
    days: Annotated[int, Field(ge=7, le=3 * 366)]
    seed: int
    member_share: Share
    sessions_per_order: Annotated[int, Field(ge=1, le=20)]
    blocked_share: Share
    products: list[ProductDemand] = Field(min_length=1)


HISTORY = read(DATA_DIR / "demand.toml", DemandHistory)


class Configurations:
    """Valid configurations of one version, drawn at random (earlier options more often) or from the favourites,
    each evaluated once by the engine."""

    def __init__(self, version, product, rng):
        self.version, self.product, self.rng = version, product, rng
        self.compiled = compiled_model(version)
        self.evaluated = {}

    def evaluate(self, options, measurements):
        key = (tuple(sorted(options)), tuple(sorted(measurements.items())))
        if key not in self.evaluated:
            try:
                evaluation = self.compiled.evaluate(list(options), measurements=measurements)
            except SelectionError:
                evaluation = None
            valid = evaluation is not None and evaluation.completable and self.compiled.validate(
                evaluation.effective).valid
            self.evaluated[key] = evaluation if valid else None
        return self.evaluated[key]

    def draw(self):
        """(options chosen, evaluation) of a configuration someone orders."""
        if self.product.favourites and self.rng.random() < self.product.favourite_share:
            favourite = self.rng.choice(self.product.favourites)
            evaluation = self.evaluate(favourite.options, favourite.measurements)
            if evaluation is not None:
                return favourite.options, evaluation
        for _ in range(12):
            options, measurements = self.random_choices()
            evaluation = self.evaluate(options, measurements)
            if evaluation is not None:
                return options, evaluation
        favourite = self.product.favourites[0]
        return favourite.options, self.evaluate(favourite.options, favourite.measurements)

    def random_choices(self):
        options, measurements = [], {}
        for group in self.version.definition["groups"]:
            offered = [o["code"] for o in group["options"] if o.get("active", True)]
            if group["kind"] == "measurement":
                low, high = Decimal(group["minimum"]), Decimal(group["maximum"])
                step = Decimal(group.get("step") or 1)
                measurements[group["code"]] = str(low + step * self.rng.randint(0, int((high - low) / step)))
            elif group["kind"] == "choice" and offered:
                if not group.get("required", True) and self.rng.random() < 0.5:
                    continue
                weights = [1 / (1 + position) for position in range(len(offered))]
                options.append(self.rng.choices(offered, weights)[0])
        return options, measurements

    def snapshot(self, evaluation):
        chosen = evaluation.effective.options
        return {"options": [{"group": group["code"], "code": option["code"]}
                            for group in self.version.definition["groups"] for option in group["options"]
                            if option["code"] in chosen],
                "price": evaluation.price.as_dict()}


def weekly_rate(product, day):
    """Orders per day of the product around ``day``: the weekly mean, higher near its peak week."""
    week = day.isocalendar()[1]
    return product.orders_per_week / 7 * (1 + product.seasonality * cos(2 * pi * (week - product.peak_week) / 52))


def seed_demo_demand(*, today=None, history=HISTORY):
    """Write the year of demand once; returns the number of ordered-option facts written (0 when already there)."""
    if OptionFact.objects.filter(source=SOURCE).exists():
        return 0
    rng = random.Random(history.seed)
    today = today or timezone.localdate()
    versions = {v.configurable.product.upc: v for v in ModelVersion.objects.filter(
        is_current=True, retired_at__isnull=True, configurable__product__upc__in=[p.upc for p in history.products])
        .select_related("configurable__product")}
    tiers = list(Tier.objects.order_by("rank").values_list("name", flat=True)) or [""]
    writer = HistoryWriter(rng)
    for product in history.products:
        version = versions.get(product.upc)
        if version is None:
            continue
        configurations = Configurations(version, product, rng)
        for offset in range(history.days, 0, -1):
            day = today - timedelta(days=offset)
            for _ in range(_poisson(rng, weekly_rate(product, day))):
                member = rng.random() < history.member_share
                tier = rng.choices(tiers, [2 ** -rank for rank in range(len(tiers))])[0] if member else ""
                writer.order(configurations, day, tier, Channel.MEMBER if member else Channel.GUEST)
                for _ in range(history.sessions_per_order - 1):
                    writer.browse(configurations, day, blocked=rng.random() < history.blocked_share)
    # events past the retention period are counted as the job would have, without storing them only to prune them
    kept_from = timezone.now() - timedelta(days=settings.DEMAND_EVENT_DAYS)
    with transaction.atomic():
        OptionFact.objects.bulk_create(writer.option_facts, batch_size=2000)
        PriceRuleFact.objects.bulk_create(writer.rule_facts, batch_size=2000)
        ConfigurationEvent.objects.bulk_create([e for e in writer.events if e.at >= kept_from], batch_size=2000)
        count_events([e for e in writer.events if e.at < kept_from])
    refresh_rollups()
    return len(writer.option_facts)


class HistoryWriter:
    """Collects the facts and events of the history (written in bulk at the end)."""

    def __init__(self, rng):
        self.rng = rng
        self.option_facts, self.rule_facts, self.events = [], [], []
        self.line = 0

    def order(self, configurations, day, tier, channel):
        options, evaluation = configurations.draw()
        self.line -= 1
        quantity = 2 if self.rng.random() < 0.08 else 1
        facts, rules = line_facts(order_id=self.line, line_id=self.line, placed_on=day, version=configurations.version,
                                  snapshot=configurations.snapshot(evaluation), quantity=quantity, tier=tier,
                                  channel=channel, source=SOURCE)
        self.option_facts += facts
        self.rule_facts += rules
        saved = self.rng.random() < 0.3
        kinds = [EventKind.STARTED] + [EventKind.CHOSEN] * len(options) + [EventKind.COMPLETED] + (
            [EventKind.SAVED] if saved else []) + [EventKind.BASKET, EventKind.ORDERED]
        self._session(configurations.version, day, kinds, options)

    def browse(self, configurations, day, *, blocked):
        options, _ = configurations.draw()
        chosen = options[:self.rng.randint(1, len(options))]
        kinds = [EventKind.STARTED] + [EventKind.CHOSEN] * len(chosen)
        extra = []
        if blocked:
            unavailable = self._unavailable(configurations, chosen)
            if unavailable:
                extra.append((EventKind.BLOCKED, unavailable, blocking_rule(configurations.version, chosen,
                                                                            unavailable)))
        if len(chosen) == len(options) and self.rng.random() < 0.5:
            kinds.append(EventKind.COMPLETED)
            kinds += [EventKind.SAVED] if self.rng.random() < 0.3 else []
            kinds += [EventKind.BASKET] if self.rng.random() < 0.2 else []
        self._session(configurations.version, day, kinds, chosen, extra)

    def _unavailable(self, configurations, chosen):
        evaluation = configurations.evaluate(chosen, {})
        if evaluation is None:
            evaluation = configurations.compiled.evaluate(chosen)
        model = configurations.compiled.model
        candidates = sorted(code for code in model.option_codes - evaluation.available - set(chosen)
                            if not model.group_of(code).measured and model.option(code).active)
        return self.rng.choice(candidates) if candidates else None

    def _session(self, version, day, kinds, options, extra=()):
        session = new_session()
        at = timezone.make_aware(datetime.combine(day, time(self.rng.randint(7, 22), self.rng.randint(0, 59))))
        picks = iter(options)
        left = kinds.count(EventKind.CHOSEN)
        for kind in kinds:
            option = next(picks, "") if kind == EventKind.CHOSEN else ""
            self.events.append(ConfigurationEvent(session=session, configurable_id=version.configurable_id,
                                                  version=version.number, kind=kind, option=option, at=at))
            at += timedelta(seconds=self.rng.randint(5, 90))
            left -= kind == EventKind.CHOSEN
            if kind == EventKind.CHOSEN and not left and extra:  # tried right after the last choice
                kind_, code, rule = extra[0]
                self.events.append(ConfigurationEvent(session=session, configurable_id=version.configurable_id,
                                                      version=version.number, kind=kind_, option=code, rule=rule,
                                                      at=at))
                extra = ()


def _poisson(rng, mean):
    """A Poisson draw (Knuth's method; the means here are small)."""
    limit, count, product = exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
