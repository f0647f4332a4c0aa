"""Weekly demand forecast for one series (units of one option per week, oldest week first): pure Python.

``forecast_weekly`` picks the method the history supports:

* at least ``season + horizon`` weeks: **seasonal naive with level adjustment**: the same week a year earlier,
  times the ratio of the last 8 weeks to the same 8 weeks a year earlier (clamped to [0.5, 2], so one odd
  quarter cannot halve or triple a forecast);
* at least 4 weeks: the **mean of the last 8 weeks** (or of all of them), the same for every future week;
* fewer: zeros, with the method saying there is not enough history.

The confidence band is empirical: the method is replayed over the history, forecasting each week one step ahead
from the weeks before it only (the mean from the second week on, the seasonal method from the second year on,
with a level window of the weeks it has until there are 8); the ``level`` quantile of those absolute errors is
the band's half-width one week ahead, widened by sqrt(h) for the h-th week. No distribution is assumed, so a
series with a few wild weeks gets a wide band. On the benchmark's synthetic series about 70-80% of held-out weeks
fall in an 80% band one week ahead and over 90% across eight weeks: seasonal misses do not add up like a random
walk, so the sqrt(h) widening errs on the wide side. Quantities are ``Decimal`` rounded to 0.1 and never negative.

Why not Holt-Winters (statsmodels)? ``benchmarks/forecast_methods.py`` compares them on synthetic seasonal weeks
with noise: with a year and a bit of history (60-78 weeks) statsmodels fits Holt-Winters only without a trend,
and then it is no better than this (MAE within 5%, either way); with two years and more a damped-trend fit is
10-20% closer where demand is steady, no closer where it grows, takes 0.1-0.9 s per option, and would bring
statsmodels, scipy and pandas (~300 MB) into the store. Not worth it: most of that gain comes from smoothing last
year's week, which the same script shows a pure-Python variant doing.

``weekly_series`` turns sparse weekly counts (a rollup's rows) into the dense, zero-filled list the forecast
reads; weeks start on Monday.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

SEASONAL_NAIVE = "seasonal naive with level adjustment"
RECENT_MEAN = "mean of recent weeks"
NOT_ENOUGH_HISTORY = "not enough history"

RECENT_WEEKS = 8  # the level window of both methods
MIN_WEEKS = 4  # below this no forecast is made
RATIO_BOUNDS = (Decimal("0.5"), Decimal("2"))

ZERO = Decimal(0)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ForecastPoint:
    """One future week: the expected quantity and the band it should fall in at the forecast's level."""

    mean: Decimal
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Forecast:
    """The forecast of the ``horizon`` weeks after the history.

    ``error`` is the backtest's **mean absolute error** (MAE) in units per week: the average miss of the
    one-step-ahead forecasts replayed over the history (``None`` where nothing could be replayed).
    """

    method: str
    points: tuple[ForecastPoint, ...]
    error: float | None


def forecast_weekly(history, *, horizon=8, season=52, level=0.8):
    """Forecast the ``horizon`` weeks after ``history`` (numbers per week, oldest first; int, Decimal or float).

    ``error`` on the result is the backtest MAE (units per week), see ``Forecast``.
    """
    if horizon < 1 or season < 2 or not 0 < level < 1:
        raise ValueError("The forecast needs horizon >= 1, season >= 2 and 0 < level < 1.")
    weeks = [_decimal(value) for value in history]
    if len(weeks) >= season + horizon:
        method, first_replayed = SEASONAL_NAIVE, season
    elif len(weeks) >= MIN_WEEKS:
        method, first_replayed = RECENT_MEAN, 1
    else:
        zero = ForecastPoint(mean=_quantity(ZERO), low=_quantity(ZERO), high=_quantity(ZERO))
        return Forecast(method=NOT_ENOUGH_HISTORY, points=(zero,) * horizon, error=None)
    means = _forecast(method, weeks, horizon=horizon, season=season)
    misses = [abs(weeks[week] - _forecast(method, weeks[:week], horizon=1, season=season)[0])
              for week in range(first_replayed, len(weeks))]
    half_width = _quantile(sorted(misses), Decimal(str(level))) if misses else ZERO
    points = tuple(_point(mean, half_width * Decimal(step).sqrt()) for step, mean in enumerate(means, start=1))
    error = float(sum(misses) / len(misses)) if misses else None
    return Forecast(method=method, points=points, error=error)


def weekly_series(counts_by_week: Mapping[date, object], *, first_week, last_week):
    """Counts from ``first_week`` to ``last_week`` inclusive, one per week, 0 for weeks without a count.

    Every date stands for the week (Monday to Sunday) it falls in; counts of dates in one week are added up and
    dates outside the range are left out.
    """
    first, last = week_start(first_week), week_start(last_week)
    totals = {}
    for day, count in counts_by_week.items():
        week = week_start(day)
        if first <= week <= last:
            totals[week] = totals.get(week, 0) + count
    return [totals.get(first + timedelta(weeks=index), 0) for index in range((last - first).days // 7 + 1)]


def week_start(day):
    """The Monday of the week ``day`` falls in (a datetime counts as its date)."""
    if isinstance(day, datetime):
        day = day.date()
    return day - timedelta(days=day.weekday())


def _forecast(method, weeks: Sequence[Decimal], *, horizon, season):
    if method == SEASONAL_NAIVE:
        return _seasonal_forecast(weeks, horizon, season)
    return [_recent_mean(weeks)] * horizon


def _seasonal_forecast(weeks: Sequence[Decimal], horizon, season):
    """The same weeks a year earlier, scaled by the recent level against the same weeks a year earlier.

    The level window is the last 8 weeks, or fewer when there are fewer than 8 weeks after the first year (the
    replay of the first weeks of the second year); with none the ratio is 1.
    """
    window = min(RECENT_WEEKS, len(weeks) - season)
    recent = sum(weeks[len(weeks) - window:], ZERO)
    year_before = sum(weeks[len(weeks) - window - season:len(weeks) - season], ZERO)
    ratio = _clamped_ratio(recent, year_before)
    return [weeks[len(weeks) - season + (step % season)] * ratio for step in range(horizon)]


def _clamped_ratio(recent, year_before):
    low, high = RATIO_BOUNDS
    if year_before <= 0:
        return high if recent > 0 else Decimal(1)
    return min(max(recent / year_before, low), high)


def _recent_mean(weeks: Sequence[Decimal]):
    recent = weeks[-RECENT_WEEKS:]
    return sum(recent, ZERO) / len(recent)


def _quantile(ordered, level):
    """The ``level`` quantile of sorted values, interpolated linearly between order statistics."""
    position = (len(ordered) - 1) * level
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def _point(mean, half_width):
    return ForecastPoint(mean=_quantity(mean), low=_quantity(mean - half_width), high=_quantity(mean + half_width))


def _quantity(value):
    """A quantity as shown: rounded to 0.1, never below zero."""
    return max(value, ZERO).quantize(TENTH, rounding=ROUND_HALF_UP)


def _decimal(value):
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)
