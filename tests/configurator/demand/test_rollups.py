"""The rollup job counts everything written since its last run in one run, however its batches fall."""

from datetime import timedelta

from django.utils import timezone

from configurator.demand import reports, rollups
from configurator.demand.filters import DemandFilters
from configurator.demand.models import DailyPairDemand, DailyProductDemand, OptionFact


def test_one_run_counts_every_fact_when_a_batch_ends_inside_a_line(small_demand, bike_version, monkeypatch):
    # 16 facts in 4 lines (5, 4, 4 and 3 options with the frame size); batches of 6 end inside the second, third and
    # fourth line: each batch leaves that line to the next one, which must still follow in the same run
    assert OptionFact.objects.count() == 16
    monkeypatch.setattr(rollups, "BATCH", 6)
    done = rollups.refresh_rollups()
    assert done["facts"] == 16
    today = timezone.localdate()
    filters = DemandFilters(configurable=bike_version.configurable, start=today - timedelta(days=7), end=today)
    assert reports.product_units(filters) == 5
    assert sum(DailyProductDemand.objects.values_list("lines", flat=True)) == 4
    # each line's option pairs counted whole, times its units: 10 + 6 + 2 × 6 + 3
    assert sum(DailyPairDemand.objects.values_list("units", flat=True)) == 31
    assert rollups.refresh_rollups()["facts"] == 0
