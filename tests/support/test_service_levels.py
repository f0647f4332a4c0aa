"""Service levels in business hours: the calendar arithmetic, the clocks of a request, breaches and the inbox.

Every expected due date below is worked out by hand from the demo desk's hours (Monday to Friday
09:00–17:30, Saturday 10:00–14:00, Europe/Brussels, closed on Belgian holidays) and targets
(normal: first reply 480, resolved 1440 business minutes; urgent: 60 and 480; low: 960 and 2400),
never with the code under test.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from support import jobs
from support.business_hours import BusinessCalendar
from support.models import BusinessHours, ServiceLevelTarget, SupportClosure
from support.selectors import inbox, service_level_state
from support.services import add_customer_reply, add_staff_reply, change_request, close_resolved_requests, mark_breaches
from support.sla import elapsed_minutes, forget_service_levels, service_levels

BRUSSELS = ZoneInfo("Europe/Brussels")
WEEKDAY_HOURS = [(time(9), time(17, 30))]
DESK_HOURS = {**{day: WEEKDAY_HOURS for day in range(5)}, 5: [(time(10), time(14))]}
CHRISTMAS = date(2026, 12, 25)


def local(year, month, day, hour=0, minute=0):
    """An instant given in the desk's local (Brussels) time."""
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def at(moment):
    """Freeze the clock at an aware instant (no ticking: the services read timezone.now())."""
    return freeze_time(moment, tick=False)


@pytest.fixture
def desk():
    return BusinessCalendar(hours=DESK_HOURS, closures=frozenset({CHRISTMAS}), time_zone="Europe/Brussels")


# --- 1. The calendar on its own ----------------------------------------------------------------------------------


def test_a_night_counts_only_the_last_half_hour_and_the_first(desk):
    # Monday 30 November 2026 17:00 → Tuesday 09:30: 30 minutes before closing, 30 after opening.
    assert desk.minutes_between(local(2026, 11, 30, 17), local(2026, 12, 1, 9, 30)) == 60
    assert desk.add_minutes(local(2026, 11, 30, 17), 60) == local(2026, 12, 1, 9, 30)


def test_a_weekend_counts_saturdays_short_hours_and_no_sunday(desk):
    # Friday 4 December 17:00 → Monday 7 December 10:00: 30 (Friday) + 240 (Saturday 10–14) + 60 (Monday).
    assert desk.minutes_between(local(2026, 12, 4, 17), local(2026, 12, 7, 10)) == 330
    # Saturday alone, and a Sunday alone.
    assert desk.minutes_between(local(2026, 12, 5), local(2026, 12, 6)) == 240
    assert desk.minutes_between(local(2026, 12, 6), local(2026, 12, 7)) == 0
    # Friday 17:00 plus 31 minutes: the half hour of Friday, then Saturday 10:01 (not Monday).
    assert desk.add_minutes(local(2026, 12, 4, 17), 31) == local(2026, 12, 5, 10, 1)


def test_a_closure_day_does_not_count(desk):
    # Thursday 24 December 17:00 → Monday 28 December 09:30: Christmas Friday closed, Saturday open 10–14.
    assert desk.minutes_between(local(2026, 12, 24, 17), local(2026, 12, 28, 9, 30)) == 30 + 240 + 30
    assert desk.minutes_between(local(2026, 12, 25), local(2026, 12, 26)) == 0
    assert desk.periods_on(CHRISTMAS) == []
    assert not desk.is_open(local(2026, 12, 25, 11))
    # 60 minutes from Thursday 17:00: 30 that evening, then Saturday 10:30 (Christmas Friday skipped).
    assert desk.add_minutes(local(2026, 12, 24, 17), 60) == local(2026, 12, 26, 10, 30)


def test_a_start_inside_closed_hours_counts_from_the_next_opening(desk):
    # Tuesday 06:00 (closed) → 10:00: only 09:00–10:00 counts.
    assert desk.minutes_between(local(2026, 12, 1, 6), local(2026, 12, 1, 10)) == 60
    # Sunday noon plus 30 minutes is Monday 09:30; Tuesday 20:00 plus 30 is Wednesday 09:30.
    assert desk.add_minutes(local(2026, 12, 6, 12), 30) == local(2026, 12, 7, 9, 30)
    assert desk.add_minutes(local(2026, 12, 1, 20), 30) == local(2026, 12, 2, 9, 30)
    # Zero minutes from a closed instant is the next opening; from an open one, the instant itself.
    assert desk.add_minutes(local(2026, 12, 6, 12), 0) == local(2026, 12, 7, 9)
    assert desk.add_minutes(local(2026, 12, 7, 11, 15), 0) == local(2026, 12, 7, 11, 15)
    # Nothing between two closed instants of the same night; nothing when the end is not after the start.
    assert desk.minutes_between(local(2026, 12, 1, 18), local(2026, 12, 2, 8)) == 0
    assert desk.minutes_between(local(2026, 12, 1, 12), local(2026, 12, 1, 11)) == 0


def test_add_minutes_landing_exactly_at_closing_time_stays_on_that_day(desk):
    assert desk.add_minutes(local(2026, 11, 30, 9), 510) == local(2026, 11, 30, 17, 30)
    assert desk.add_minutes(local(2026, 11, 30, 17), 30) == local(2026, 11, 30, 17, 30)
    assert desk.add_minutes(local(2026, 12, 5, 13), 60) == local(2026, 12, 5, 14)  # Saturday's early close


def test_add_minutes_rolls_over_to_the_next_open_day(desk):
    assert desk.add_minutes(local(2026, 11, 30, 17), 31) == local(2026, 12, 1, 9, 1)
    # Saturday 13:00 plus 90: one hour on Saturday, Sunday closed, Monday 09:30.
    assert desk.add_minutes(local(2026, 12, 5, 13), 90) == local(2026, 12, 7, 9, 30)
    # A whole working week from Monday 09:00: 5 × 510 + 240 = 2790 minutes ends on Saturday at 14:00.
    assert desk.add_minutes(local(2026, 11, 30, 9), 5 * 510 + 240) == local(2026, 12, 5, 14)
    assert desk.add_minutes(local(2026, 11, 30, 9), 5 * 510 + 241) == local(2026, 12, 7, 9, 1)


def test_several_periods_a_day_skip_the_lunch_break():
    lunch = BusinessCalendar(hours={0: [(time(13), time(17)), (time(9), time(12))]}, time_zone="Europe/Brussels")
    monday = (2026, 11, 30)
    periods = lunch.periods_on(date(*monday))
    assert [(s.astimezone(BRUSSELS).time(), e.astimezone(BRUSSELS).time()) for s, e in periods] == [
        (time(9), time(12)), (time(13), time(17))]
    assert lunch.minutes_between(local(*monday, 11), local(*monday, 14)) == 120
    assert lunch.minutes_between(local(*monday, 12), local(*monday, 13)) == 0
    assert lunch.add_minutes(local(*monday, 11), 60) == local(*monday, 12)
    assert lunch.add_minutes(local(*monday, 11, 30), 60) == local(*monday, 13, 30)
    assert lunch.add_minutes(local(*monday, 12, 15), 10) == local(*monday, 13, 10)
    # Past Monday's last period, the next Monday.
    assert lunch.add_minutes(local(*monday, 16, 30), 40) == local(2026, 12, 7, 9, 10)
    assert not lunch.is_open(local(*monday, 12, 30))
    assert lunch.is_open(local(*monday, 13))


def test_a_calendar_without_hours_cannot_place_a_due_date():
    closed = BusinessCalendar(hours={}, time_zone="Europe/Brussels")
    with pytest.raises(ValueError):
        closed.add_minutes(local(2026, 11, 30, 9), 60)
    assert closed.minutes_between(local(2026, 11, 30), local(2026, 12, 30)) == 0


@pytest.mark.parametrize("friday, monday, friday_opens_utc, monday_opens_utc", [
    # Summer time starts on Sunday 29 March 2026: 09:00 is 08:00 UTC before, 07:00 UTC after.
    (date(2026, 3, 27), date(2026, 3, 30), utc(2026, 3, 27, 8), utc(2026, 3, 30, 7)),
    # Summer time ends on Sunday 25 October 2026: 09:00 is 07:00 UTC before, 08:00 UTC after.
    (date(2026, 10, 23), date(2026, 10, 26), utc(2026, 10, 23, 7), utc(2026, 10, 26, 8)),
])
def test_a_dst_weekend_keeps_opening_hours_local(desk, friday, monday, friday_opens_utc, monday_opens_utc):
    assert desk.periods_on(friday)[0][0] == friday_opens_utc
    assert desk.periods_on(monday)[0][0] == monday_opens_utc
    assert desk.is_open(monday_opens_utc)
    assert not desk.is_open(monday_opens_utc - timedelta(minutes=1))
    friday_evening = datetime.combine(friday, time(17), tzinfo=BRUSSELS).astimezone(UTC)
    monday_morning = datetime.combine(monday, time(9, 30), tzinfo=BRUSSELS)
    # 30 (Friday) + 240 (Saturday) + 30 (Monday), whichever zone the instants are given in.
    assert desk.minutes_between(friday_evening, monday_morning.astimezone(UTC)) == 300
    assert desk.add_minutes(friday_evening, 300) == monday_morning
    assert desk.add_minutes(friday_evening, 300).astimezone(UTC) == monday_opens_utc + timedelta(minutes=30)


def test_a_round_the_clock_desk_counts_real_minutes_over_the_dst_change():
    always = BusinessCalendar(hours={day: [(time(0), time(0))] for day in range(7)}, time_zone="Europe/Brussels")
    start, end = utc(2026, 3, 28, 12), utc(2026, 3, 30, 12)
    assert always.minutes_between(start, end) == 48 * 60
    assert always.add_minutes(utc(2026, 3, 28, 23), 24 * 60) == utc(2026, 3, 29, 23)


# --- 2. The clocks of a request ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_service_levels():
    """The service levels are cached across tests (locmem); each test reads them from its own database."""
    forget_service_levels()
    yield
    forget_service_levels()


def reload(request):
    request.refresh_from_db()
    return request


def test_demo_desk_matches_the_hours_these_tests_assume(db):
    calendar, targets = service_levels()
    assert calendar.time_zone == "Europe/Brussels"
    assert {day: sorted(periods) for day, periods in calendar.hours.items()} == DESK_HOURS
    assert {CHRISTMAS, date(2026, 12, 24), date(2027, 1, 1)} <= calendar.closures
    assert date(2026, 12, 26) not in calendar.closures and date(2027, 2, 8) not in calendar.closures
    assert targets == {"urgent": (60, 480), "high": (240, 960), "normal": (480, 1440), "low": (960, 2400)}


def test_normal_request_opened_friday_afternoon_is_due_monday(new_request):
    # Friday 5 February 2027 16:30: 60 minutes on Friday, 240 on Saturday, then 180 on Monday → Monday 12:00.
    with at(local(2027, 2, 5, 16, 30)):
        request = new_request()
    request = reload(request)
    assert request.priority == "normal" and request.status == "new"
    assert request.first_response_due_at == local(2027, 2, 8, 12)
    assert request.first_response_due_at == utc(2027, 2, 8, 11)
    # Resolution, 1440: 300 by Saturday night, Monday 510 (810), Tuesday 510 (1320), Wednesday 120 → 11:00.
    assert request.resolution_due_at == local(2027, 2, 10, 11)
    assert not request.first_response_breached and not request.resolution_breached


def test_request_opened_saturday_evening_starts_counting_on_monday(new_request):
    with at(local(2027, 2, 6, 19)):
        request = reload(new_request())
    assert request.first_response_due_at == local(2027, 2, 8, 17)  # Monday 09:00 + 8 h
    assert request.resolution_due_at == local(2027, 2, 10, 16)  # 510 + 510 + 420
    assert elapsed_minutes(request, local(2027, 2, 8, 9, 30)) == (30, 30)  # half an hour into Monday


def test_request_opened_before_christmas_skips_the_closures(new_request):
    # Wednesday 23 December 2026 17:00: 30 that day; 24 and 25 December closed; Saturday 26th 240; Monday +210.
    with at(local(2026, 12, 23, 17)):
        request = reload(new_request())
    assert request.first_response_due_at == local(2026, 12, 28, 12, 30)


@pytest.mark.parametrize("reply_at, minutes, breached", [
    (local(2027, 2, 8, 16, 59), 479, False),
    (local(2027, 2, 8, 17), 480, False),  # exactly on target is on time
    (local(2027, 2, 8, 17, 1), 481, True),
    (local(2027, 2, 9, 9, 5), 515, True),  # the next morning: 510 on Monday + 5
])
def test_first_staff_reply_records_business_minutes_and_the_breach(new_request, agent, reply_at, minutes,
                                                                   breached):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(reply_at):
        add_staff_reply(request, agent=agent, body="Your order ships on Friday.")
    request = reload(request)
    assert request.first_responded_at == reply_at
    assert request.first_response_minutes == minutes
    assert request.first_response_breached is breached
    assert request.first_response_due_at is None
    assert request.status == "open" and request.assignee == agent
    # The resolution clock keeps running towards Wednesday 16:00.
    assert request.resolution_due_at == local(2027, 2, 10, 16)


def test_only_the_first_reply_counts_as_first_response(new_request, agent):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(local(2027, 2, 8, 10)):
        add_staff_reply(request, agent=agent, body="Looking into it.")
    with at(local(2027, 2, 9, 15)):
        add_staff_reply(request, agent=agent, body="Here is the answer.")
    request = reload(request)
    assert request.first_responded_at == local(2027, 2, 8, 10)
    assert request.first_response_minutes == 60
    assert not request.first_response_breached


def test_waiting_on_the_customer_pauses_the_clocks(new_request, agent):
    with at(local(2027, 2, 8, 9)):  # Monday
        request = new_request()
    original_due = reload(request).resolution_due_at
    assert original_due == local(2027, 2, 10, 16)
    with at(local(2027, 2, 8, 10)):
        add_staff_reply(request, agent=agent, body="Could you send a photo?", status="waiting")
    request = reload(request)
    assert request.status == "waiting"
    assert request.first_response_minutes == 60
    assert request.first_response_due_at is None and request.resolution_due_at is None
    assert request.resolution_elapsed == 60
    # Thursday 11:00: paused Monday 10:00–17:30 (450), Tuesday and Wednesday (510 each), Thursday 09:00–11:00 (120).
    paused = 450 + 510 + 510 + 120
    with at(local(2027, 2, 11, 11)):
        add_customer_reply(request, body="Here is the photo.", author=request.customer)
    request = reload(request)
    assert request.status == "open"
    assert request.resolution_elapsed == 60
    # 1380 left from Thursday 11:00: Thursday 390, Friday 510, Saturday 240, Monday 15 February 240 → 13:00.
    assert request.resolution_due_at == local(2027, 2, 15, 13)
    desk = BusinessCalendar(hours=DESK_HOURS, time_zone="Europe/Brussels")
    assert desk.minutes_between(original_due, request.resolution_due_at) == paused
    assert request.first_response_due_at is None  # already answered
    assert not request.first_response_breached and not request.resolution_breached


def test_waiting_without_a_reply_pauses_the_first_response_clock_too(new_request, agent):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(local(2027, 2, 8, 11)):  # 120 minutes in
        change_request(request, actor=agent, status="waiting")
    assert reload(request).first_response_elapsed == 120
    with at(local(2027, 2, 10, 9)):  # Wednesday morning: 360 left → 15:00
        add_customer_reply(request, body="Any news?", author=request.customer)
    request = reload(request)
    assert request.status == "open"
    assert request.first_response_due_at == local(2027, 2, 10, 15)
    assert request.resolution_due_at == local(2027, 2, 12, 14)  # 1320 left: 510 + 510 + 300


def test_priority_change_recomputes_the_due_dates(new_request, agent):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(local(2027, 2, 8, 9, 30)):
        change_request(request, actor=agent, priority="urgent")
    request = reload(request)
    assert request.priority == "urgent"
    assert request.first_response_due_at == local(2027, 2, 8, 10)  # 60 from the opening, not from the change
    assert request.resolution_due_at == local(2027, 2, 8, 17)  # 480
    assert request.events.filter(field="priority", old_value="Normal", new_value="Urgent").count() == 1
    with at(local(2027, 2, 8, 10, 30)):
        add_staff_reply(request, agent=agent, body="On it.")
    request = reload(request)
    assert request.first_response_minutes == 90 and request.first_response_breached
    with at(local(2027, 2, 8, 11)):
        change_request(request, actor=agent, priority="low")
    request = reload(request)
    assert request.first_response_due_at is None
    # 2400 from Monday 09:00: Monday–Thursday 4 × 510 = 2040, Friday 360 → 15:00.
    assert request.resolution_due_at == local(2027, 2, 12, 15)


def test_resolution_minutes_exclude_the_paused_time_and_reopening_continues(new_request, agent):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(local(2027, 2, 8, 10)):
        add_staff_reply(request, agent=agent, body="Could you send a photo?", status="waiting")
    with at(local(2027, 2, 11, 11)):
        add_customer_reply(request, body="Here it is.", author=request.customer)
    with at(local(2027, 2, 15, 10)):  # Monday: 60 + Thursday 390 + Friday 510 + Saturday 240 + Monday 60
        add_staff_reply(request, agent=agent, body="A new pair is on its way.", status="resolved")
    request = reload(request)
    assert request.status == "resolved" and request.resolved_at == local(2027, 2, 15, 10)
    assert request.resolution_minutes == 1260
    assert not request.resolution_breached  # a week by the wall clock, but 1260 < 1440 business minutes
    assert request.first_response_due_at is None and request.resolution_due_at is None
    # The customer writes again on Tuesday 09:00: 180 minutes were left → due 12:00.
    with at(local(2027, 2, 16, 9)):
        add_customer_reply(request, body="It has not arrived.", author=request.customer)
    request = reload(request)
    assert request.status == "open" and request.reopen_count == 1 and request.resolved_at is None
    assert request.resolution_due_at == local(2027, 2, 16, 12)
    assert request.first_response_due_at is None
    with at(local(2027, 2, 16, 11)):
        add_staff_reply(request, agent=agent, body="Found it at the depot.", status="resolved")
    request = reload(request)
    assert request.resolution_minutes == 1260 + 120
    assert not request.resolution_breached
    with at(local(2027, 2, 17, 9)):
        add_customer_reply(request, body="Still nothing.", author=request.customer)
    with at(local(2027, 2, 17, 10, 1)):  # 1380 + 61 = 1441: one minute over
        add_staff_reply(request, agent=agent, body="Refunded.", status="resolved")
    request = reload(request)
    assert request.resolution_minutes == 1441 and request.resolution_breached


# --- 3. Breaches, the inbox, closing ---------------------------------------------------------------------------------


def service_level_events(request):
    return list(request.events.filter(field="service level").values_list("new_value", flat=True))


def test_breach_task_flags_a_missed_first_response_once(new_request):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(local(2027, 2, 8, 16, 59)):  # due at 17:00: not yet
        jobs.mark_service_level_breaches.delay()
    assert not reload(request).first_response_breached
    assert service_level_events(request) == []
    with at(local(2027, 2, 8, 17, 1)):
        jobs.mark_service_level_breaches.delay()
    request = reload(request)
    assert request.first_response_breached and not request.resolution_breached
    assert service_level_events(request) == ["first response target missed"]
    event = request.events.get(field="service level")
    assert event.created_at == local(2027, 2, 8, 17, 1) and event.actor is None
    with at(local(2027, 2, 9, 9)):
        jobs.mark_service_level_breaches.delay()
    assert service_level_events(reload(request)) == ["first response target missed"]


def test_mark_breaches_flags_a_missed_resolution(new_request, agent):
    with at(local(2027, 2, 8, 9)):
        request = new_request()
    with at(local(2027, 2, 8, 10)):
        add_staff_reply(request, agent=agent, body="Looking into it.")
    with at(local(2027, 2, 10, 16, 1)):  # resolution due Wednesday 16:00
        mark_breaches()
        mark_breaches()
    request = reload(request)
    assert request.resolution_breached and not request.first_response_breached
    assert service_level_events(request) == ["resolution target missed"]


def test_a_waiting_request_is_not_flagged_while_paused(new_request, agent):
    with at(local(2027, 2, 8, 9)):
        answered = new_request()
        unanswered = new_request(subject="Another question")
    with at(local(2027, 2, 8, 10)):
        add_staff_reply(answered, agent=agent, body="Could you send a photo?", status="waiting")
        change_request(unanswered, actor=agent, status="waiting")
    with at(local(2027, 2, 22, 12)):  # two weeks later, far past both original due dates
        mark_breaches()
    for request in (reload(answered), reload(unanswered)):
        assert request.status == "waiting"
        assert not request.first_response_breached and not request.resolution_breached
        assert service_level_events(request) == []


def inbox_rows(response):
    """{reference: the row's HTML} of the inbox table."""
    html = response.content.decode()
    return dict(re.findall(r'<tr data-reference="([^"]+)"(.*?)</tr>', html, flags=re.S))


def test_breaching_inbox_lists_breached_and_due_soon_requests(new_request, client_as):
    with at(local(2027, 2, 8, 9)):
        late = new_request(subject="Nobody answered me")  # first reply due Monday 17:00
    with at(local(2027, 2, 9, 9)):
        soon = new_request(subject="Urgent question", priority="urgent")  # due Tuesday 10:00
        fresh = new_request(subject="A fresh question")  # due Tuesday 17:00
    now = local(2027, 2, 9, 9, 15)
    with at(now):
        jobs.mark_service_level_breaches.delay()
        response = client_as("support").get("/shop/dashboard/support/?view=breaching")
    assert response.status_code == 200
    rows = inbox_rows(response)
    late, soon, fresh = reload(late), reload(soon), reload(fresh)
    assert late.reference in rows and 'data-sla="breached"' in rows[late.reference]
    assert soon.reference in rows and 'data-sla="warning"' in rows[soon.reference]
    assert "Due soon" in rows[soon.reference]
    assert fresh.reference not in rows
    assert service_level_state(late, now=now) == "breached"
    assert service_level_state(soon, now=now) == "warning"
    assert service_level_state(fresh, now=now) == ""


def test_due_soon_follows_the_warning_setting(new_request, settings):
    with at(local(2027, 2, 8, 9)):
        request = reload(new_request(priority="urgent"))  # first reply due 10:00
    now = local(2027, 2, 8, 10) - timedelta(minutes=settings.SUPPORT_SLA_WARNING_MINUTES + 1)
    assert service_level_state(request, now=now) == ""
    assert request not in inbox(view="breaching", user=None, now=now)
    now += timedelta(minutes=2)
    assert service_level_state(request, now=now) == "warning"
    assert request in inbox(view="breaching", user=None, now=now)


def test_close_resolved_requests_after_the_configured_days(new_request, agent, settings):
    days = settings.SUPPORT_CLOSE_RESOLVED_AFTER_DAYS
    with at(local(2027, 2, 1, 10)):
        old = new_request(subject="Old question")
        add_staff_reply(old, agent=agent, body="Done.", status="resolved")
    now = local(2027, 2, 1, 10) + timedelta(days=days, minutes=1)
    with at(now - timedelta(days=1)):
        recent = new_request(subject="Recent question")
        add_staff_reply(recent, agent=agent, body="Done.", status="resolved")
    with at(now):
        closed = close_resolved_requests(older_than=timedelta(days=days))
    old, recent = reload(old), reload(recent)
    assert closed >= 1
    assert old.status == "closed" and old.closed_at == now
    assert old.resolution_minutes == 0  # resolved the moment it was opened
    assert recent.status == "resolved" and recent.closed_at is None


def test_breach_task_also_closes_old_resolved_requests(new_request, agent, settings):
    with at(local(2027, 2, 1, 10)):
        request = new_request()
        add_staff_reply(request, agent=agent, body="Done.", status="resolved")
    with at(local(2027, 2, 1, 10) + timedelta(days=settings.SUPPORT_CLOSE_RESOLVED_AFTER_DAYS) - timedelta(hours=1)):
        jobs.mark_service_level_breaches.delay()
    assert reload(request).status == "resolved"
    with at(local(2027, 2, 1, 10) + timedelta(days=settings.SUPPORT_CLOSE_RESOLVED_AFTER_DAYS, hours=1)):
        result = jobs.mark_service_level_breaches.delay().get()
    assert reload(request).status == "closed"
    assert result["closed"] >= 1


# --- 4. Edits of the desk's settings take effect at once -------------------------------------------------------------


def test_edited_business_hours_apply_to_the_next_request(new_request):
    with at(local(2027, 2, 8, 9)):
        before = reload(new_request())  # reads (and caches) the service levels
    assert before.first_response_due_at == local(2027, 2, 8, 17)
    monday = BusinessHours.objects.get(weekday=0)
    monday.closes = time(12)
    monday.save()
    with at(local(2027, 2, 8, 9)):
        after = reload(new_request())
    # Monday now 09:00–12:00 (180), then Tuesday 09:00 + 300 → 14:00.
    assert after.first_response_due_at == local(2027, 2, 9, 14)
    # 1440: Monday 180, Tuesday 510 (690), Wednesday 510 (1200), Thursday 240 → 13:00.
    assert after.resolution_due_at == local(2027, 2, 11, 13)


def test_a_new_closure_applies_to_the_next_request(new_request):
    with at(local(2027, 2, 8, 9)):
        new_request()
        SupportClosure.objects.create(date=date(2027, 2, 8), reason="Team day")
        request = reload(new_request())
    assert request.first_response_due_at == local(2027, 2, 9, 17)


def test_edited_target_applies_to_the_next_request(new_request):
    with at(local(2027, 2, 8, 9)):
        before = reload(new_request())
    target = ServiceLevelTarget.objects.get(priority="normal")
    target.first_response_minutes = 120
    target.resolution_minutes = 600
    target.save()
    with at(local(2027, 2, 8, 9)):
        after = reload(new_request())
    assert before.first_response_due_at == local(2027, 2, 8, 17)
    assert after.first_response_due_at == local(2027, 2, 8, 11)
    assert after.resolution_due_at == local(2027, 2, 9, 10, 30)  # 510 on Monday, 90 on Tuesday
