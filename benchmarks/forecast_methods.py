"""Does Holt-Winters (statsmodels) earn its place over the store's seasonal naive forecast?

The demand dashboard forecasts units per option per week with ``configurator.demand.forecast.forecast_weekly``
(seasonal naive with level adjustment, pure Python). This script compares it, on synthetic weekly demand with
yearly seasonality and count noise, with statsmodels' ``ExponentialSmoothing`` (Holt-Winters, additive season of
52 weeks):

* ``HW``: no trend, ``legacy-heuristic`` initialisation, the only statsmodels set-up that fits with fewer than
  two full years (104 weeks) of history;
* ``HW damped``: damped additive trend, ``estimated`` initialisation, which needs two full years;
* ``seasonal naive, 3-week base``: the store's method with last year's week replaced by the mean of that week
  and its two neighbours (a cheap variant, not shipped: is smoothing what Holt-Winters buys?);
* the flat mean of the last 8 weeks, as the floor any method must beat.

For each scenario and history length it fits every method on ``weeks`` weeks and scores the next 8 (held out):
MAE in units per week and MASE (MAE over the history's mean absolute week-to-week change), averaged over seeds,
plus how often the held-out weeks fall in the store's 80% band (it should be about 80%: one week ahead, and over
all 8) and the mean fit time.

statsmodels (with scipy, pandas and numpy, ~300 MB) is not one of the store's requirements: run this in a
throw-away virtualenv, from the repository root::

    python3 -m venv /tmp/hwvenv && /tmp/hwvenv/bin/pip install statsmodels
    /tmp/hwvenv/bin/python benchmarks/forecast_methods.py [--seeds 30] [--weeks 60,78,104,130]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from configurator.demand.forecast import SEASONAL_NAIVE, forecast_weekly  # noqa: E402

try:
    import numpy
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
except ImportError:  # the store does not ship statsmodels: see the docstring
    numpy = ExponentialSmoothing = None

HORIZON = 8
SEASON = 52
# name: (base units per week, yearly growth, seasonal amplitude, holiday peak, extra multiplicative noise)
SCENARIOS = {
    "steady, 50/week": (50, 0.0, 0.5, 0.0, 0.10),
    "growing 40%/year, 50/week": (50, 0.4, 0.5, 0.0, 0.10),
    "holiday peak, 30/week": (30, 0.1, 0.3, 1.5, 0.10),
    "low volume, 5/week": (5, 0.0, 0.5, 0.0, 0.10),
}


def synthetic_weeks(count, *, seed, base, growth, amplitude, peak, noise):
    """Weekly unit counts: a yearly sine (plus a four-week holiday peak), growth, Poisson-like and extra noise."""
    rng = random.Random(seed)
    offset = rng.randrange(SEASON)  # the history starts at a random week of the year
    weeks = []
    for index in range(count):
        week_of_year = (index + offset) % SEASON
        shape = 1 + amplitude * math.sin(2 * math.pi * week_of_year / SEASON)
        shape += peak if week_of_year >= SEASON - 5 and week_of_year != SEASON - 1 else 0
        mean = base * (1 + growth) ** (index / SEASON) * shape
        value = mean + rng.gauss(0, math.sqrt(mean)) + rng.gauss(0, noise * mean)
        weeks.append(max(0, round(value)))
    return weeks


def store_forecast(history):
    forecast = forecast_weekly(history, horizon=HORIZON, season=SEASON, level=0.8)
    assert forecast.method == SEASONAL_NAIVE
    return [float(point.mean) for point in forecast.points], [(float(p.low), float(p.high)) for p in forecast.points]


def holt_winters(history, *, damped):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter; a failed fit raises
        if damped:
            model = ExponentialSmoothing(numpy.asarray(history, dtype=float), trend="add", damped_trend=True,
                                         seasonal="add", seasonal_periods=SEASON, initialization_method="estimated")
        else:
            model = ExponentialSmoothing(numpy.asarray(history, dtype=float), seasonal="add",
                                         seasonal_periods=SEASON, initialization_method="legacy-heuristic")
        return [max(0.0, value) for value in model.fit().forecast(HORIZON)]


def smoothed_seasonal_naive(history):
    """Last year's three weeks around each target week, averaged, times the store's clamped 8-week level ratio."""
    weeks = len(history)
    recent, year_before = sum(history[-8:]), sum(history[weeks - 8 - SEASON:weeks - SEASON])
    ratio = min(max(recent / year_before, 0.5), 2.0) if year_before > 0 else (2.0 if recent > 0 else 1.0)
    return [ratio * statistics.fmean(history[weeks - SEASON + step - 1:weeks - SEASON + step + 2])
            for step in range(HORIZON)]


def flat_mean(history):
    return [statistics.fmean(history[-8:])] * HORIZON


METHODS = {
    "seasonal naive (store)": lambda history: store_forecast(history)[0],
    "HW": lambda history: holt_winters(history, damped=False),
    "HW damped": lambda history: holt_winters(history, damped=True),
    "seasonal naive, 3-week base": smoothed_seasonal_naive,
    "flat mean of 8": flat_mean,
}


def compare(weeks, seeds):
    """Rows of (scenario, method, MAE, MASE, band coverage week 1 and weeks 1-8 or '', fit ms or failure)."""
    rows = []
    for scenario, (base, growth, amplitude, peak, noise) in SCENARIOS.items():
        series = [synthetic_weeks(weeks + HORIZON, seed=seed, base=base, growth=growth, amplitude=amplitude,
                                  peak=peak, noise=noise) for seed in range(seeds)]
        for method, forecast in METHODS.items():
            maes, mases, seconds, inside, failure = [], [], [], [], None
            for values in series:
                history, actual = values[:weeks], values[weeks:]
                started = time.perf_counter()
                try:
                    predicted = forecast(history)
                except (ValueError, IndexError) as error:
                    failure = str(error).split(" in the data")[0]
                    break
                seconds.append(time.perf_counter() - started)
                mae = statistics.fmean(abs(a - p) for a, p in zip(actual, predicted, strict=True))
                scale = statistics.fmean(abs(b - a) for a, b in zip(history, history[1:], strict=False)) or 1
                maes.append(mae)
                mases.append(mae / scale)
                if method.endswith("(store)"):
                    inside += [low <= a <= high for a, (low, high) in zip(actual, store_forecast(history)[1],
                                                                          strict=True)]
            if failure:
                rows.append((scenario, method, "", "", "", "", f"fails: {failure}"))
                continue
            first_week = f"{100 * statistics.fmean(inside[::HORIZON]):.0f}%" if inside else ""
            all_weeks = f"{100 * statistics.fmean(inside):.0f}%" if inside else ""
            rows.append((scenario, method, f"{statistics.fmean(maes):.2f}", f"{statistics.fmean(mases):.3f}",
                         first_week, all_weeks, f"{1000 * statistics.fmean(seconds):.1f} ms"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--weeks", default="60,78,104,130", help="history lengths, comma-separated")
    arguments = parser.parse_args()
    if ExponentialSmoothing is None:
        print("statsmodels is not installed: run this in a throw-away virtualenv (see the docstring).")
        return 2
    print(f"Next {HORIZON} weeks held out, {arguments.seeds} seeds per row; MAE in units/week, MASE over the "
          "history's mean week-to-week change; band = share of held-out weeks inside the store's 80% band.\n")
    print("| history | scenario | method | MAE | MASE | band week 1 | band weeks 1-8 | fit |")
    print("|---:|---|---|---:|---:|---:|---:|---|")
    for weeks in (int(value) for value in arguments.weeks.split(",")):
        for row in compare(weeks, arguments.seeds):
            print(f"| {weeks} | " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
