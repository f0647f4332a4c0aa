"""A workshop set-up change that moves ship dates is shown first (which orders, by how much) and kept only once the
planner confirms it; until then nothing changes and nobody is e-mailed."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from configurator.production.impact import planned_ship_dates
from configurator.production.models import NonWorkingDay, WorkOrder, Workstation
from configurator.production.planning import today
from tests.orders import paid_order
from tests.served import Visitor, in_parallel

SEWING = {"code": "sewing", "name": "Sewing and lasting", "working_weekdays": list("01234"), "position": "1"}


def dates(order):
    return list(WorkOrder.objects.filter(order=order).order_by("pk").values_list("estimated_ship_date", flat=True))


def test_lowering_capacity_shows_which_orders_would_slip_and_saves_only_when_confirmed(
        client_as, place_order, django_capture_on_commit_callbacks):
    order = place_order(quantity=4)
    before = dates(order)
    client = client_as("production")
    sewing = Workstation.objects.get(code="sewing")
    url = reverse("admin:production_workstation_change", args=[sewing.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {**SEWING, "daily_capacity_minutes": "120"})
    assert page.status_code == 200
    html = page.content.decode()
    slipped = re.search(r"<tr><td>" + order.number + r"</td>.*?</tr>", html, re.S).group(0)
    later = (max(planned_ship_dates_with(sewing, 120)[order.pk]) - max(before)).days
    assert "1 order would ship later" in html and f"{later} days" in slipped and later > 0
    sewing.refresh_from_db()
    assert sewing.daily_capacity_minutes == 960 and dates(order) == before and mail.outbox == []  # nothing yet
    confirm = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    assert confirm["_dates_confirmed"] == "1" and confirm["daily_capacity_minutes"] == "120"
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, {**SEWING, "daily_capacity_minutes": "120", "_dates_confirmed": "1"})
    assert saved.status_code == 302
    sewing.refresh_from_db()
    assert sewing.daily_capacity_minutes == 120
    # the order's dates move as the page said; the e-mail waits for the end of the workshop's day
    assert max(dates(order)) == max(before) + timedelta(days=later) and mail.outbox == []


def planned_ship_dates_with(station, minutes):
    """The queue's dates per order with the station at ``minutes`` a day (tried, not kept)."""
    kept = station.daily_capacity_minutes
    Workstation.objects.filter(pk=station.pk).update(daily_capacity_minutes=minutes)
    try:
        found = planned_ship_dates(today())
    finally:
        Workstation.objects.filter(pk=station.pk).update(daily_capacity_minutes=kept)
    return {pk: [day] for pk, day in found.items()}


def test_closing_a_day_asks_first_and_a_change_that_moves_nothing_is_saved_at_once(client_as, place_order):
    order = place_order(quantity=2)
    first_day = WorkOrder.objects.filter(order=order).order_by("pk").first().estimated_start
    client = client_as("production")
    add = reverse("admin:production_nonworkingday_add")
    page = client.post(add, {"date": first_day.isoformat(), "reason": "Boiler repair"})
    assert page.status_code == 200 and order.number in page.content.decode()
    assert not NonWorkingDay.objects.filter(reason="Boiler repair").exists()
    assert client.post(add, {"date": first_day.isoformat(), "reason": "Boiler repair",
                             "_dates_confirmed": "1"}).status_code == 302
    assert NonWorkingDay.objects.filter(reason="Boiler repair").exists()
    sewing = Workstation.objects.get(code="sewing")
    renamed = client.post(reverse("admin:production_workstation_change", args=[sewing.pk]),
                          {**SEWING, "name": "Sewing room", "daily_capacity_minutes": "960"})
    assert renamed.status_code == 302 and Workstation.objects.get(code="sewing").name == "Sewing room"
    assert client_as("support").post(add, {"date": first_day.isoformat(), "reason": "x"}).status_code in (302, 403)


def test_the_capacity_list_no_longer_edits_capacity_without_the_question(client_as):
    listing = client_as("production").get(reverse("admin:production_workstation_changelist")).content.decode()
    assert 'name="form-0-position"' in listing and 'name="form-0-daily_capacity_minutes"' not in listing


@pytest.mark.django_db(transaction=True)
def test_two_planners_confirming_at_once_both_count_in_the_dates(seeded_store, live_server, demo_user,
                                                                 sneaker_version):
    orders = [paid_order(sneaker_version, quantity=3) for _ in range(2)]
    visitors = []
    for role in ("production", "admin"):
        client = Client()
        client.force_login(demo_user(role))
        visitor = Visitor(live_server, client)
        visitor.csrf_token(page=reverse("admin:index"))
        visitors.append(visitor)
    stations = {code: Workstation.objects.get(code=code) for code in ("sewing", "cutting")}
    forms = [(stations["sewing"], {**SEWING, "daily_capacity_minutes": "100", "_dates_confirmed": "1"}),
             (stations["cutting"], {"code": "cutting", "name": "Cutting table", "working_weekdays": list("01234"),
                                    "position": "0", "daily_capacity_minutes": "40", "_dates_confirmed": "1"})]
    answers = in_parallel(*[
        (lambda visitor=visitor, station=station, form=form: visitor.post(
            reverse("admin:production_workstation_change", args=[station.pk]), data=form))
        for visitor, (station, form) in zip(visitors, forms, strict=True)])
    assert [(answer.status_code, answer.headers["Location"]) for answer in answers] == [
        (302, reverse("admin:production_workstation_changelist"))] * 2
    assert Workstation.objects.get(code="sewing").daily_capacity_minutes == 100
    assert Workstation.objects.get(code="cutting").daily_capacity_minutes == 40
    planned = planned_ship_dates(today())  # the scheduler's dates with both changes: what the orders now say
    for order in orders:
        assert max(dates(order)) == planned[order.pk]
