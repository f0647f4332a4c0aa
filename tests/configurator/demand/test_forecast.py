"""The weekly demand forecast (configurator.demand.forecast, pure Python) on series whose answer is checked by
hand: which method the history supports, the level-adjusted seasonal naive, the flat mean, and the empirical
band from replaying the method over the history."""

import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest

from configurator.demand.forecast import (
    NOT_ENOUGH_HISTORY,
    RECENT_MEAN,
    SEASONAL_NAIVE,
    Forecast,
    ForecastPoint,
    forecast_weekly,
    week_start,
    weekly_series,
)

YEAR = [10, 20, 30, 40] * 13  # 52 weeks, a four-week cycle


def means(forecast):
    return [point.mean for point in forecast.points]


def as_numbers(*values):
    return [Decimal(str(value)) for value in values]


def test_a_constant_series_forecasts_the_constant_with_a_zero_width_band():
    forecast = forecast_weekly([10] * 60)
    assert forecast.method == SEASONAL_NAIVE
    assert forecast.points == (ForecastPoint(mean=Decimal("10.0"), low=Decimal("10.0"), high=Decimal("10.0")),) * 8
    assert forecast.error == 0.0


def test_a_year_that_doubled_forecasts_the_same_weeks_last_year_times_two():
    doubled = YEAR + [2 * week for week in YEAR[:8]]
    forecast = forecast_weekly(doubled)
    assert forecast.method == SEASONAL_NAIVE
    assert means(forecast) == as_numbers(20, 40, 60, 80, 20, 40, 60, 80)


def test_the_level_ratio_is_clamped_to_two_and_to_a_half():
    tripled = YEAR + [3 * week for week in YEAR[:8]]
    assert means(forecast_weekly(tripled)) == as_numbers(20, 40, 60, 80, 20, 40, 60, 80)
    a_third = YEAR + [Decimal(week) / 3 for week in YEAR[:8]]
    assert means(forecast_weekly(a_third)) == as_numbers(5, 10, 15, 20, 5, 10, 15, 20)


def test_the_seasonal_method_needs_season_plus_horizon_weeks():
    assert forecast_weekly([5] * 60).method == SEASONAL_NAIVE
    assert forecast_weekly([5] * 59).method == RECENT_MEAN
    assert forecast_weekly([5] * 56, horizon=4).method == SEASONAL_NAIVE


def test_a_horizon_longer_than_the_season_repeats_the_last_cycle():
    history = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]
    forecast = forecast_weekly(history, season=4, horizon=6)
    assert forecast.method == SEASONAL_NAIVE
    assert means(forecast) == as_numbers(3, 4, 1, 2, 3, 4)


def test_a_short_history_forecasts_the_flat_mean_of_the_last_eight_weeks():
    forecast = forecast_weekly(list(range(1, 13)), horizon=3)  # weeks 5..12 average 8.5
    assert forecast.method == RECENT_MEAN
    assert means(forecast) == as_numbers(8.5, 8.5, 8.5)
    assert means(forecast_weekly([2, 4, 6, 8, 10], horizon=2)) == as_numbers(6, 6)


def test_a_steady_short_history_has_a_zero_width_band():
    forecast = forecast_weekly([7] * 10, horizon=2)
    assert forecast.points == (ForecastPoint(mean=Decimal("7.0"), low=Decimal("7.0"), high=Decimal("7.0")),) * 2
    assert forecast.error == 0.0


def test_the_band_is_the_quantile_of_replayed_misses_widening_with_the_square_root_of_the_horizon():
    # Replayed: mean(5) = 5 misses 7 by 2; mean(5, 7) = 6 misses 9 by 3; mean(5, 7, 9) = 7 misses 11 by 4.
    # The 0.8 quantile of (2, 3, 4) is 3 + 0.6 = 3.6; two weeks ahead it is 3.6 * sqrt(2) = 5.09.
    forecast = forecast_weekly([5, 7, 9, 11], horizon=2)
    assert forecast.points == (
        ForecastPoint(mean=Decimal("8.0"), low=Decimal("4.4"), high=Decimal("11.6")),
        ForecastPoint(mean=Decimal("8.0"), low=Decimal("2.9"), high=Decimal("13.1")),
    )
    assert forecast.error == 3.0  # the mean absolute error of the replay, in units per week


def test_a_wider_level_gives_a_wider_band():
    history = [5, 7, 9, 11, 4, 12, 6]
    narrow, wide = forecast_weekly(history, level=0.5), forecast_weekly(history, level=0.95)
    assert wide.points[0].high > narrow.points[0].high
    assert wide.points[0].mean == narrow.points[0].mean


def test_quantities_are_never_negative():
    # Replayed misses 40, 20, 26.7, 20, 24: their 0.8 quantile is 26.7 + 0.2 * 13.3 = 29.3 around a mean of 20.
    forecast = forecast_weekly([40, 0, 40, 0, 40, 0], horizon=1)
    assert forecast.points == (ForecastPoint(mean=Decimal("20.0"), low=Decimal("0.0"), high=Decimal("49.3")),)
    falling = forecast_weekly([-5, -5, -5, -5])
    assert all(point.mean == point.low == point.high == Decimal("0.0") for point in falling.points)


def test_fewer_than_four_weeks_forecast_zeros_and_say_so():
    forecast = forecast_weekly([30, 40, 50], horizon=5)
    assert forecast.method == NOT_ENOUGH_HISTORY
    assert forecast.points == (ForecastPoint(mean=Decimal("0.0"), low=Decimal("0.0"), high=Decimal("0.0")),) * 5
    assert forecast.error is None


def test_ints_decimals_and_floats_give_the_same_forecast_rounded_to_a_tenth():
    history = [1, 1, 1, 2]
    as_ints = forecast_weekly(history)
    assert forecast_weekly([Decimal(week) for week in history]) == as_ints
    assert forecast_weekly([float(week) for week in history]) == as_ints
    assert as_ints.points[0].mean == Decimal("1.3")  # 5 / 4 = 1.25, rounded half up
    assert {point.mean.as_tuple().exponent for point in as_ints.points} == {-1}


def test_the_forecast_is_frozen():
    forecast = forecast_weekly([1, 2, 3, 4])
    assert isinstance(forecast, Forecast)
    with pytest.raises(dataclasses.FrozenInstanceError):
        forecast.method = "guess"  # type: ignore[misc]


@pytest.mark.parametrize("arguments", [{"horizon": 0}, {"season": 1}, {"level": 1}, {"level": 0}])
def test_nonsense_arguments_are_refused(arguments):
    with pytest.raises(ValueError):
        forecast_weekly([1, 2, 3, 4], **arguments)


def test_weekly_series_fills_missing_weeks_with_zero_and_adds_up_days_of_one_week():
    counts = {
        date(2026, 3, 2): 5,  # Monday of the first week
        date(2026, 3, 4): 2,  # Wednesday of the same week
        date(2026, 3, 16): Decimal("1.5"),  # the third week; the second has nothing
        datetime(2026, 3, 29, 23, 30): 4,  # Sunday evening of the fourth week
        date(2026, 2, 23): 99,  # the week before the range
        date(2026, 4, 6): 99,  # the week after
    }
    series = weekly_series(counts, first_week=date(2026, 3, 4), last_week=date(2026, 3, 30))
    assert series == [7, 0, Decimal("1.5"), 4, 0]


def test_weekly_series_of_an_empty_range_is_empty_and_weeks_start_on_monday():
    assert weekly_series({}, first_week=date(2026, 3, 9), last_week=date(2026, 3, 2)) == []
    assert weekly_series({}, first_week=date(2026, 3, 9), last_week=date(2026, 3, 15)) == [0]
    assert week_start(date(2026, 3, 15)) == date(2026, 3, 9)  # a Sunday belongs to the week before
    assert week_start(date(2026, 3, 9)) == date(2026, 3, 9)
