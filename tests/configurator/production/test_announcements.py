"""Customers hear of a new ship date once it is real: after the workshop's day, not for a move undone meanwhile,
and of a sooner date only when we had told them of a later one."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from configurator.production.announcements import announce_ship_dates
from configurator.production.jobs import announce_moved_ship_dates
from configurator.production.models import ShipDateNotice, WorkOrder, Workstation
from configurator.production.planning import reschedule
from tests.configurator.demand.test_concurrency import closing
from tests.orders import paid_order
from tests.served import in_parallel


def set_sewing(minutes, capture):
    with capture(execute=True):  # saving a workstation places the queue again, once committed
        sewing = Workstation.objects.get(code="sewing")
        sewing.daily_capacity_minutes = minutes
        sewing.save()


def ship_date(order):
    return max(WorkOrder.objects.filter(order=order).values_list("estimated_ship_date", flat=True))


def test_a_slip_undone_the_same_day_sends_nothing(place_order, django_capture_on_commit_callbacks):
    order = place_order(quantity=3)
    promised = ship_date(order)
    set_sewing(60, django_capture_on_commit_callbacks)
    assert ship_date(order) > promised  # the order page shows it at once
    set_sewing(960, django_capture_on_commit_callbacks)  # undone before the day is over
    assert ship_date(order) == promised
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_ship_dates() == []
    assert mail.outbox == [] and not ShipDateNotice.objects.exists()


def test_a_sooner_date_is_good_news_only_after_a_slip_was_announced(place_order, django_capture_on_commit_callbacks):
    set_sewing(200, django_capture_on_commit_callbacks)
    order = place_order(quantity=3)
    promised = ship_date(order)
    set_sewing(960, django_capture_on_commit_callbacks)  # sooner than promised: kept quiet, the page shows it
    assert ship_date(order) < promised
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_ship_dates() == []
    set_sewing(60, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        (slip,) = announce_ship_dates()
    assert slip.previous_date == promised < slip.new_date and not slip.is_good_news
    set_sewing(200, django_capture_on_commit_callbacks)  # back as it was when they ordered
    with django_capture_on_commit_callbacks(execute=True):
        (better,) = announce_ship_dates()
    assert better.is_good_news and (better.previous_date, better.new_date) == (slip.new_date, promised)
    assert [message.subject for message in mail.outbox] == [f"A new ship date for your order {order.number}"] * 2
    assert "will ship later than we told you" in mail.outbox[0].body
    assert "Good news: your order" in mail.outbox[1].body and "sooner than we last told you" in mail.outbox[1].body


def test_the_announcement_waits_for_the_workshops_day_to_end(place_order, django_capture_on_commit_callbacks):
    with freeze_time("2027-02-01 09:00"):
        order = place_order(quantity=3)
    with freeze_time("2027-02-01 10:00"):
        set_sewing(60, django_capture_on_commit_callbacks)
        assert announce_moved_ship_dates()["notices"] == 0  # beat's hourly run, while the workshop works
    assert not ShipDateNotice.objects.filter(order=order).exists()
    with freeze_time("2027-02-01 17:05"):
        assert announce_moved_ship_dates()["notices"] == 1  # the first run after closing
        assert announce_moved_ship_dates()["notices"] == 0  # and the next hour's: nothing new


@pytest.mark.django_db(transaction=True)
def test_announcing_from_several_workers_at_once_tells_each_customer_once(seeded_store, sneaker_version):
    orders = [paid_order(sneaker_version, quantity=2) for _ in range(3)]
    Workstation.objects.filter(code="sewing").update(daily_capacity_minutes=60)
    reschedule()
    mail.outbox.clear()
    results = in_parallel(*[closing(announce_ship_dates) for _ in range(4)])
    assert not [result for result in results if isinstance(result, Exception)], results
    assert sorted(len(result) for result in results)[-1] >= 1
    assert sorted(ShipDateNotice.objects.values_list("order_id", flat=True)) == sorted(order.pk for order in orders)
    assert len(mail.outbox) == 3


def test_without_beat_the_planner_can_announce_from_the_command_line(place_order, django_capture_on_commit_callbacks):
    place_order(quantity=3)
    set_sewing(60, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("announce_ship_dates", stdout=out)
    assert out.getvalue().strip() == "1 customer(s) told of a new ship date." and len(mail.outbox) == 1
