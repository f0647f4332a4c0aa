"""Today counts from the hour a unit is paid: late in the day little of the workshop's day is left for it."""

from datetime import date, timedelta

from freezegun import freeze_time

from configurator.presenter import configuration_state
from configurator.production.models import WorkOrder
from configurator.production.planning import reschedule
from tests.orders import SNEAKER

MONDAY = date(2027, 2, 1)  # London is on UTC in February: the times below are the workshop's
TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def shown_at(moment, version):
    with freeze_time(moment):
        return date.fromisoformat(configuration_state(version, SNEAKER)["ship_date"])


def test_a_sneaker_bought_in_the_morning_ships_tomorrow_and_at_five_to_five_the_day_after(sneaker_version):
    # its 35 minutes of cutting fit the morning's hours; at 16:55 only five of the day's 540 minutes are left
    assert shown_at("2027-02-01 07:00", sneaker_version) == TUESDAY  # before opening: the whole day ahead
    assert shown_at("2027-02-01 08:30", sneaker_version) == TUESDAY
    assert shown_at("2027-02-01 14:00", sneaker_version) == TUESDAY
    assert shown_at("2027-02-01 16:55", sneaker_version) == WEDNESDAY
    assert shown_at("2027-02-01 19:00", sneaker_version) == WEDNESDAY  # closed: nothing is left of today


def test_a_unit_paid_late_in_the_day_keeps_its_date_when_the_queue_is_placed_again(place_order, sneaker_version):
    with freeze_time("2027-02-01 09:00"):
        morning = place_order()
    with freeze_time("2027-02-01 16:53"):
        shown = date.fromisoformat(configuration_state(sneaker_version, SNEAKER)["ship_date"])
        evening = place_order()
    unit = WorkOrder.objects.get(order=evening)
    assert shown == WEDNESDAY and unit.promised_ship_date == unit.estimated_ship_date == shown
    for moment in ("2027-02-01 16:55", "2027-02-01 18:30"):  # a minute later, and after closing: nothing moves
        with freeze_time(moment):
            assert reschedule()["changed"] == 0
    assert WorkOrder.objects.get(order=morning).estimated_ship_date == TUESDAY  # kept the day it was given
    unit.refresh_from_db()
    assert unit.estimated_ship_date == shown
