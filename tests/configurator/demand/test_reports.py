"""Attach rate, lift, funnel, abandonment and blocked demand, worked out by hand on a small fixture."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from configurator.demand import behaviour, reports
from configurator.demand.components import component_demand, component_needs
from configurator.demand.events import blocking_rule, record_browser_events, record_event
from configurator.demand.facts import reconcile_reversals
from configurator.demand.filters import DemandFilters
from configurator.demand.models import ConfigurationEvent, DailyOptionDemand, SessionSummary
from configurator.demand.rollups import refresh_rollups
from configurator.production.models import Status, WorkOrder
from configurator.services import publish_model
from configurator.tracking import new_session


@pytest.fixture
def filters(bike_version):
    today = timezone.localdate()
    return DemandFilters(configurable=bike_version.configurable, start=today - timedelta(days=7), end=today)


@pytest.fixture
def catalogue(bike_version):
    return reports.catalogue_of(bike_version.configurable)


def row_of(table, *first):
    return next(row for row in table.rows if tuple(row[:len(first)]) == first)


def test_attach_rate_share_of_step_and_revenue(small_demand, filters, catalogue):
    refresh_rollups()
    table = reports.option_popularity(filters, catalogue)
    # 5 units: aluminium in 3 (60 %), carbon in 2; disc brakes in 3 of 5; the rack in 2 (40 %)
    assert row_of(table, "Frame", "Aluminium")[3:6] == [3, Decimal("60.0"), Decimal("60.0")]
    assert row_of(table, "Frame", "Carbon")[3:7] == [2, Decimal("40.0"), Decimal("40.0"), Decimal("800.00")]
    assert row_of(table, "Brakes", "Disc brakes")[3:5] == [3, Decimal("60.0")]
    # extras: rack 2, basket 1, lights 2 = 5 picks; the rack is 40 % of them and earned 45 + (45 - 5)
    assert row_of(table, "Extras", "Rear rack")[3:7] == [2, Decimal("40.0"), Decimal("40.0"), Decimal("85.00")]
    assert [row[1] for row in table.rows][:2] == ["Aluminium", "Carbon"]  # in step order


def test_revenue_is_shown_and_downloaded_to_the_cent(small_demand, filters, catalogue):
    refresh_rollups()
    popularity = reports.option_popularity(filters, catalogue)
    price_rules = reports.revenue_by_price_rule(filters)
    # summed on SQLite, 800.00 came back as 800 and 16.70 as 16.7000000000000 on the page, the chart and the CSV
    assert [str(row[6]) for row in popularity.rows if row[1] in ("Carbon", "Rear rack")] == ["800.00", "85.00"]
    assert [[str(cell) for cell in row] for row in price_rules.rows] == [["Rack and basket together", "1", "-10.00"]]
    assert "Rack and basket together,1,-10.00" in price_rules.csv()


def test_support_confidence_and_lift_of_pairs(small_demand, filters, catalogue):
    refresh_rollups()
    table = reports.option_pairs(filters, catalogue, min_units=1)
    # aluminium (3 of 5) with the rack (2 of 5), together in 2: support 40 %, confidence 2/3, lift 2*5/(3*2)
    assert row_of(table, "Aluminium", "Rear rack")[2:] == [2, Decimal("40.0"), Decimal("66.7"), Decimal("1.67")]
    # carbon (2) with lights (2), together in 2: lift 2*5/(2*2) = 2.5, the strongest pair comes first
    assert table.rows[0][:2] == ["Carbon", "Dynamo lights"] and table.rows[0][5] == Decimal("2.50")
    # options of one step never pair (a rack and a basket are both extras)
    assert not any({row[0], row[1]} == {"Rear rack", "Basket"} for row in table.rows)


def test_top_configurations_and_pairs_never_ordered_together(small_demand, filters, catalogue):
    refresh_rollups()
    top = reports.top_configurations(filters, catalogue)
    assert top.rows[0] == ["Carbon, Disc brakes, Dynamo lights, Frame M", 2, Decimal("40.0")]
    never = reports.never_ordered_together(filters, catalogue)
    pairs = {(row[0], row[1]) for row in never.rows}
    assert ("Aluminium", "Dynamo lights") in pairs  # allowed, each ordered, never together
    assert ("Carbon", "Rear rack") not in pairs and ("Rear rack", "Carbon") not in pairs  # a rule forbids it


def test_a_refund_takes_units_off_the_reports(small_demand, filters, catalogue, place, bike_version):
    order = place(bike_version, ["alu", "rim", "rack"], quantity=1)
    refresh_rollups()
    assert row_of(reports.option_popularity(filters, catalogue), "Extras", "Rear rack")[3] == 3
    order.set_status("Cancelled")
    reconcile_reversals(line_ids=[order.lines.get().pk])
    refresh_rollups()
    assert row_of(reports.option_popularity(filters, catalogue), "Extras", "Rear rack")[3] == 2
    assert reports.product_units(filters) == 5


def test_funnel_drop_abandonment_and_blocked_demand(bike_version, filters, catalogue):
    A, B, C = new_session(), new_session(), new_session()  # noqa: N806
    for session in (A, B, C):
        record_event(session=session, version=bike_version, kind="started")
    record_browser_events(session=A, version=bike_version, events=[{"kind": "chosen", "option": "carbon"}])
    for kind in ("completed", "saved", "basket", "ordered"):
        record_event(session=A, version=bike_version, kind=kind)
    record_browser_events(session=B, version=bike_version, events=[{"kind": "chosen", "option": "alu"}])
    record_event(session=B, version=bike_version, kind="completed")
    record_browser_events(session=C, version=bike_version, events=[
        {"kind": "chosen", "option": "carbon"},
        {"kind": "blocked", "option": "rack", "selection": ["carbon", "disc"]},
        {"kind": "blocked", "option": "rack", "selection": ["carbon", "disc"]},
    ])
    refresh_rollups()
    funnel = behaviour.funnel(filters)
    assert [row[:3] for row in funnel.rows] == [
        ["Started", 3, Decimal("100.0")], ["Configured completely", 2, Decimal("66.7")],
        ["Saved or shared", 1, Decimal("33.3")], ["In basket", 1, Decimal("33.3")], ["Ordered", 1, Decimal("33.3")]]
    assert funnel.rows[1][3] == Decimal("33.3")  # 1 of 3 started sessions dropped before completing
    assert behaviour.abandonment(filters, catalogue).rows == []  # nobody counts as gone until idle
    refresh_rollups(now=timezone.now() + timedelta(hours=3))
    assert {row[0]: row[1] for row in behaviour.abandonment(filters, catalogue).rows} == {"Aluminium": 1,
                                                                                         "Carbon": 1}
    blocked = behaviour.blocked_demand(filters, catalogue)
    assert blocked.rows == [["Carbon frames take no rack", "Rear rack", 2, 1, 1, Decimal("100.0")]]


def test_the_blocking_rule_is_worked_out_from_the_model(bike_version):
    assert blocking_rule(bike_version, ["carbon"], "rack") == "Carbon frames take no rack"
    assert blocking_rule(bike_version, ["carbon"], "rim") == "Carbon frames need disc brakes"
    assert blocking_rule(bike_version, ["alu"], "rack") == ""  # available: nothing blocks it
    assert blocking_rule(bike_version, ["rack", "basket"], "lights") == "Step limit"  # at most 2 extras


def test_counted_events_are_pruned_after_the_retention_period(bike_version, settings):
    record_event(session=new_session(), version=bike_version, kind="started")
    ConfigurationEvent.objects.update(at=timezone.now() - timedelta(days=settings.DEMAND_EVENT_DAYS + 1))
    refresh_rollups()
    assert not ConfigurationEvent.objects.exists()
    assert not SessionSummary.objects.exists()
    assert behaviour.funnel(DemandFilters(configurable=bike_version.configurable,
                                          start=timezone.localdate() - timedelta(days=60),
                                          end=timezone.localdate())).rows[0][1] == 1  # still counted


def test_component_demand_adds_queued_work_orders_and_the_forecast(place, bike_version):
    today = timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    for weeks_ago in range(1, 11):  # three aluminium frames a week for ten weeks: a flat forecast of 3
        DailyOptionDemand.objects.create(day=this_week - timedelta(weeks=weeks_ago), configurable=bike_version
                                         .configurable, version=bike_version.number, channel="guest", group="frame",
                                         option="alu", units=3, revenue=Decimal(0))
    place(bike_version, ["alu", "rim"], quantity=2)  # two queued work orders, each one FRAME-ALU
    starts = list(WorkOrder.objects.filter(status=Status.QUEUED).values_list("estimated_start", flat=True))
    weeks, needs, forecasts = component_needs(today=today)
    frames = next(need for need in needs if need.component == "FRAME-ALU")
    scheduled_week = weeks.index(max(weeks[0], starts[0] - timedelta(days=starts[0].weekday())))
    assert sum(frames.scheduled) == 2 and frames.scheduled[scheduled_week] == 2
    assert frames.forecast == [Decimal(3)] * 8
    assert frames.total[scheduled_week] == 5
    assert frames.low == frames.total == frames.high  # a steady history: no spread
    alu = next(item for item in forecasts if item.option == "alu")
    assert alu.forecast.method and alu.forecast.points[0].mean == 3
    table, _, _ = component_demand(today=today)
    row = next(row for row in table.rows if row[0] == "FRAME-ALU")
    assert row[1] == "pc" and row[2:10] == frames.total and row[10] == 26 and row[11] == 2


def test_versions_side_by_side_show_a_new_versions_effect(place, bike_version, filters, catalogue):
    place(bike_version, ["alu", "rim"], quantity=3)
    place(bike_version, ["carbon", "disc"])
    configurable = bike_version.configurable
    newer = publish_model(configurable=configurable)  # v(n+1): the same model, published later
    place(newer, ["carbon", "disc"], quantity=3)
    refresh_rollups()
    table = reports.version_comparison(filters, reports.catalogue_of(configurable))
    assert table.header == ["Option", f"v{bike_version.number} attach %", f"v{newer.number} attach %"]
    assert row_of(table, "Carbon") == ["Carbon", Decimal("25.0"), Decimal("100.0")]  # 1 of 4 units, then 3 of 3
    assert [row[:1] + row[2:3] for row in table.summary.rows] == [[f"v{bike_version.number}", 4],
                                                                  [f"v{newer.number}", 3]]
