"""Component demand for purchasing: what the workshop will consume in each of the next weeks.

Two parts, summed per component and week:
- **scheduled**: the bills of materials of the queued work orders (each is one unit, its spec holds the unit's
  exploded BOM), in the week the schedule starts them (their materials are picked then);
- **forecast**: future orders of each option (``forecast.forecast_weekly`` over the weekly net units ordered)
  times the option's BOM in the product's current version, in the week they are expected to be ordered; its
  confidence band gives the low and high figures.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from configurator.demand.forecast import forecast_weekly, week_start, weekly_series
from configurator.demand.models import DailyOptionDemand
from configurator.demand.tables import Table
from configurator.models import ModelVersion
from configurator.production.models import Status, WorkOrder

HORIZON_WEEKS = 8
HISTORY_WEEKS = 2 * 52 + HORIZON_WEEKS  # enough for the same weeks last year and a backtest
ZERO = Decimal(0)


@dataclass(frozen=True)
class OptionForecast:
    configurable_id: int
    product: str
    option: str
    label: str
    forecast: object  # forecast.Forecast


def current_versions():
    return list(ModelVersion.objects.filter(is_current=True, retired_at__isnull=True)
                .select_related("configurable__product"))


def option_forecasts(*, today=None, horizon=HORIZON_WEEKS, versions=None):
    """A forecast of the units ordered per week, for every option of every product's current version."""
    today = today or timezone.localdate()
    this_week = week_start(today)
    first, last = this_week - timedelta(weeks=HISTORY_WEEKS), this_week - timedelta(weeks=1)
    versions = current_versions() if versions is None else versions
    history = defaultdict(dict)
    for configurable_id, option, week, units in (
            DailyOptionDemand.objects.filter(day__gte=first, day__lt=this_week,
                                             configurable_id__in=[v.configurable_id for v in versions])
            .annotate(week=TruncWeek("day")).values_list("configurable_id", "option", "week")
            .annotate(Sum("units"))):
        history[(configurable_id, option)][week_start(week)] = units
    forecasts = []
    for version in versions:
        known = [key for key in history if key[0] == version.configurable_id]
        started = min((min(history[key]) for key in known), default=None)
        for group in version.definition["groups"]:
            for option in group["options"]:
                series = weekly_series(history.get((version.configurable_id, option["code"]), {}),
                                       first_week=max(first, started or last), last_week=last)
                forecasts.append(OptionForecast(version.configurable_id, version.configurable.product.get_title(),
                                                option["code"], option["label"],
                                                forecast_weekly(series, horizon=horizon)))
    return forecasts


def scheduled_components(*, weeks):
    """{(component, unit): [quantity per week]} of the queued work orders' BOMs, by the week each starts (one not
    placed yet, or due before the first week, counts in the first week; one beyond the horizon is left out)."""
    need = defaultdict(lambda: [ZERO] * len(weeks))
    index = {week: position for position, week in enumerate(weeks)}
    for estimated, earliest, spec in (WorkOrder.objects.filter(status=Status.QUEUED)
                                      .values_list("estimated_start", "earliest_start", "spec")):
        week = max(week_start(estimated or earliest), weeks[0])
        if week not in index:
            continue
        for line in spec.get("bom", ()):
            need[(line["component"], line["unit"])][index[week]] += Decimal(str(line["quantity"]))
    return need


@dataclass
class ComponentNeed:
    """One component's need per week: what queued work orders take, what forecast orders add, and the band."""

    component: str
    unit: str
    scheduled: list
    forecast: list
    low: list  # totals (scheduled + forecast) at the band's low and high ends
    high: list

    @property
    def total(self):
        return [planned + expected for planned, expected in zip(self.scheduled, self.forecast, strict=True)]


def component_needs(*, today=None, horizon=HORIZON_WEEKS):
    """([week], [ComponentNeed], [OptionForecast]) for the next ``horizon`` weeks. The band of a component adds its
    options' bands as independent errors (root of the sum of squares), never below what is already scheduled."""
    today = today or timezone.localdate()
    weeks = [week_start(today) + timedelta(weeks=n) for n in range(horizon)]
    versions = current_versions()
    forecasts = option_forecasts(today=today, horizon=horizon, versions=versions)
    bom = {(version.configurable_id, option["code"]): option.get("bom", ())
           for version in versions for group in version.definition["groups"] for option in group["options"]}
    scheduled = scheduled_components(weeks=weeks)
    expected = defaultdict(lambda: [[ZERO, ZERO, ZERO] for _ in weeks])  # mean, squared under, squared over
    for item in forecasts:
        for line in bom.get((item.configurable_id, item.option), ()):
            per_unit = Decimal(str(line["quantity"]))
            for position, point in enumerate(item.forecast.points):
                cell = expected[(line["component"], line["unit"])][position]
                cell[0] += point.mean * per_unit
                cell[1] += ((point.mean - point.low) * per_unit) ** 2
                cell[2] += ((point.high - point.mean) * per_unit) ** 2
    needs = []
    for key in sorted(set(scheduled) | set(expected)):
        planned = scheduled[key] if key in scheduled else [ZERO] * len(weeks)
        cells = expected[key] if key in expected else [[ZERO, ZERO, ZERO] for _ in weeks]
        needs.append(ComponentNeed(
            *key, scheduled=[_q(value) for value in planned], forecast=[_q(mean) for mean, _, _ in cells],
            low=[_q(p + max(mean - under.sqrt(), ZERO)) for p, (mean, under, _) in zip(planned, cells, strict=True)],
            high=[_q(p + mean + over.sqrt()) for p, (mean, _, over) in zip(planned, cells, strict=True)]))
    return weeks, needs, forecasts


def component_demand(*, today=None, horizon=HORIZON_WEEKS):
    """The purchasing table (one row per component: the total need of each week, the whole horizon's total, how
    much of it is scheduled, and the horizon's low and high ends) with the needs and forecasts behind it."""
    weeks, needs, forecasts = component_needs(today=today, horizon=horizon)
    rows = [[need.component, need.unit, *need.total, sum(need.total), sum(need.scheduled), sum(need.low),
             sum(need.high)] for need in needs]
    table = Table("components", "Component demand, next weeks",
                  ["Component", "Unit", *[f"Week of {week.isoformat()}" for week in weeks], f"{len(weeks)} weeks",
                   "Of which scheduled", "Low", "High"], rows,
                  note="Per week: the bills of materials of queued work orders, in the week the schedule starts "
                       "them, plus expected orders of each option times its bill of materials, in the week they are "
                       "expected. Low and high: the ends of the confidence band, added over the weeks.")
    return table, needs, forecasts


def _q(value):
    return value.quantize(Decimal("0.001")).normalize() if value else ZERO
