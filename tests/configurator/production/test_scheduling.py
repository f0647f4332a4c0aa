"""The capacity scheduler on its own (no database): capacity, working days, closures, queue order, estimates."""

from datetime import date, timedelta

import pytest

from configurator.production.scheduling import Job, UnknownWorkstation, Workshop, Workstation, schedule

MONDAY = date(2027, 2, 1)
FRIDAY = MONDAY + timedelta(days=4)


def stations(**capacity):
    return [Workstation(code, minutes) for code, minutes in capacity.items()]


def test_a_day_is_never_booked_beyond_its_capacity():
    workshop, placements = schedule(stations(cut=100, sew=150), [
        Job(n, (("cut", 30), ("sew", 70))) for n in range(20)], MONDAY)
    for code, daily in (("cut", 100), ("sew", 150)):
        load = workshop.load(code)
        assert max(load.values()) <= daily
        assert sum(load.values()) == 20 * (30 if code == "cut" else 70)
    # 20 jobs × 70 sewing minutes at 150 a day: 1,400 minutes fill 9 days and part of the 10th working day
    assert placements[-1].completion == MONDAY + timedelta(days=11)  # Friday of the second week


def test_weekends_and_closures_are_skipped():
    closed = frozenset({MONDAY + timedelta(days=7)})  # the next Monday
    workshop = Workshop([Workstation("cut", 60, closed=closed)], FRIDAY, shipping_closed=closed)
    placement = workshop.place(Job("a", (("cut", 120),)))
    # Friday 60 minutes, Saturday, Sunday and the closed Monday skipped, Tuesday the rest
    assert placement.operations[0][1:] == (FRIDAY, MONDAY + timedelta(days=8))
    assert set(workshop.load("cut")) == {FRIDAY, MONDAY + timedelta(days=8)}
    # it ships on the next shipping day after completion: Wednesday
    assert placement.ship == MONDAY + timedelta(days=9)


def test_a_workstation_working_saturdays_uses_them():
    workshop = Workshop([Workstation("pack", 60, weekdays=frozenset(range(6)))], FRIDAY)
    placement = workshop.place(Job("a", (("pack", 90),)))
    assert placement.completion == FRIDAY + timedelta(days=1)  # Saturday
    assert placement.ship == FRIDAY + timedelta(days=3)  # shipping works Monday to Friday


def test_first_paid_is_planned_first_and_never_overtaken():
    jobs = [Job(n, (("cut", 50), ("sew", 50), ("pack", 20))) for n in range(30)]
    _, placements = schedule(stations(cut=200, sew=120, pack=100), jobs, MONDAY)
    completions = [p.completion for p in placements]
    assert completions == sorted(completions)
    assert placements[0].completion == MONDAY  # the first one is done on day one


def test_operations_run_in_sequence():
    _, (placement,) = schedule(stations(cut=60, sew=600), [Job("a", (("cut", 150), ("sew", 10)))], MONDAY)
    (_, cut_start, cut_end), (_, sew_start, sew_end) = placement.operations
    assert (cut_start, cut_end) == (MONDAY, MONDAY + timedelta(days=2))
    assert sew_start == cut_end  # sewing starts once cutting is done, not on Monday when it was free
    assert placement.start == MONDAY and placement.completion == sew_end


def test_a_job_waits_for_its_materials():
    _, (placement,) = schedule(stations(cut=600), [Job("a", (("cut", 10),), earliest=FRIDAY)], MONDAY)
    assert placement.start == placement.completion == FRIDAY


def test_an_estimate_is_what_placing_gives_and_books_nothing():
    workshop, _ = schedule(stations(cut=100, sew=100), [Job(n, (("cut", 40), ("sew", 60))) for n in range(7)],
                           MONDAY)
    before = {code: workshop.load(code) for code in ("cut", "sew")}
    extra = [Job("x", (("cut", 40), ("sew", 60))), Job("y", (("cut", 40), ("sew", 60)))]
    estimates = workshop.estimate(extra)
    assert {code: workshop.load(code) for code in ("cut", "sew")} == before
    placed = [workshop.place(job) for job in extra]
    assert [(e.start, e.completion, e.ship) for e in estimates] == [(p.start, p.completion, p.ship) for p in placed]
    assert estimates[1].completion > estimates[0].completion  # the second unit queues behind the first


def test_unknown_or_closed_workstations_are_errors_not_endless_loops():
    workshop = Workshop(stations(cut=60), MONDAY)
    with pytest.raises(UnknownWorkstation, match="weld"):
        workshop.place(Job("a", (("weld", 10),)))
    closed = Workshop([Workstation("cut", 60, weekdays=frozenset())], MONDAY)
    with pytest.raises(ValueError, match="no free capacity"):
        closed.place(Job("a", (("cut", 10),)))


def test_zero_minute_operations_and_empty_jobs_complete_on_their_start_day():
    workshop = Workshop(stations(cut=60), FRIDAY)
    assert workshop.place(Job("a", ())).completion == FRIDAY
    assert workshop.place(Job("b", (("cut", 0),))).completion == FRIDAY
    assert workshop.load("cut") == {}


RUSH, EXPRESS, STANDARD = 2, 1, 0
DAY_OF_SEWING = (("sew", 100),)  # a whole day of the one sewing station


def test_higher_priorities_are_planned_first_whatever_the_order_given():
    jobs = [Job("ordinary-1", DAY_OF_SEWING), Job("express", DAY_OF_SEWING, priority=EXPRESS),
            Job("ordinary-2", DAY_OF_SEWING), Job("remake", DAY_OF_SEWING, priority=RUSH)]
    _, placements = schedule(stations(sew=100), jobs, MONDAY)
    completions = {placement.key: placement.completion for placement in placements}
    assert [placement.key for placement in placements] == [job.key for job in jobs]  # answered in the order given
    assert completions == {"remake": MONDAY, "express": MONDAY + timedelta(days=1),
                           "ordinary-1": MONDAY + timedelta(days=2), "ordinary-2": MONDAY + timedelta(days=3)}


def test_a_job_placed_behind_a_lower_priority_is_refused():
    workshop = Workshop(stations(sew=100), MONDAY)
    workshop.place(Job("ordinary", DAY_OF_SEWING))
    with pytest.raises(ValueError, match="priority order"):
        workshop.place(Job("express", DAY_OF_SEWING, priority=EXPRESS))


def busy_workshop():
    """A remake, an express slot and five ordinary jobs booked: a week of sewing."""
    workshop, _ = schedule(stations(sew=100), [Job("remake", DAY_OF_SEWING, priority=RUSH),
                                               Job("express", DAY_OF_SEWING, priority=EXPRESS)]
                           + [Job(n, DAY_OF_SEWING) for n in range(5)], MONDAY)
    return workshop


def test_an_express_estimate_comes_after_the_rush_and_express_jobs_only_and_books_nothing():
    workshop = busy_workshop()
    before = workshop.load("sew")
    first, second = workshop.estimate([Job(n, DAY_OF_SEWING, priority=EXPRESS) for n in ("new-1", "new-2")])
    assert first.completion == MONDAY + timedelta(days=2)  # Wednesday: after the remake and the express slot
    assert second.completion == MONDAY + timedelta(days=3)  # the second unit right after the first
    (ordinary,) = workshop.estimate([Job("new", DAY_OF_SEWING)])
    assert ordinary.completion == MONDAY + timedelta(days=9)  # after the week of ordinary work
    assert workshop.estimate([Job("r", DAY_OF_SEWING, priority=RUSH)])[0].completion == MONDAY + timedelta(days=1)
    assert workshop.load("sew") == before
    with pytest.raises(ValueError, match="one priority"):
        workshop.estimate([Job("new", DAY_OF_SEWING), Job("new-express", DAY_OF_SEWING, priority=EXPRESS)])


def test_an_express_estimate_is_what_the_queue_placed_again_gives():
    workshop = busy_workshop()
    (estimate,) = workshop.estimate([Job("new-express", DAY_OF_SEWING, priority=EXPRESS)])
    booked = workshop.ahead_of(EXPRESS).place(Job("new-express", DAY_OF_SEWING, priority=EXPRESS))
    _, again = schedule(stations(sew=100), [Job("remake", DAY_OF_SEWING, priority=RUSH),
                                            Job("express", DAY_OF_SEWING, priority=EXPRESS)]
                        + [Job(n, DAY_OF_SEWING) for n in range(5)]
                        + [Job("new-express", DAY_OF_SEWING, priority=EXPRESS)], MONDAY)
    assert estimate.completion == booked.completion == again[-1].completion == MONDAY + timedelta(days=2)
    assert again[2].completion == MONDAY + timedelta(days=3)  # the first ordinary job moved back a day


def test_ahead_of_a_priority_nobody_holds_is_an_empty_or_the_whole_ledger():
    ordinary_only, _ = schedule(stations(sew=100), [Job(n, DAY_OF_SEWING) for n in range(3)], MONDAY)
    assert ordinary_only.ahead_of(EXPRESS).load("sew") == {}
    assert ordinary_only.ahead_of(STANDARD).load("sew") == ordinary_only.load("sew")
    remakes_only, _ = schedule(stations(sew=100), [Job("remake", DAY_OF_SEWING, priority=RUSH)], MONDAY)
    ahead = remakes_only.ahead_of(EXPRESS)
    assert ahead.load("sew") == {MONDAY: 100}
    assert ahead.place(Job("express", DAY_OF_SEWING, priority=EXPRESS)).completion == MONDAY + timedelta(days=1)
    assert remakes_only.load("sew") == {MONDAY: 100}  # the copy booked it, not the workshop it came from


def test_a_job_that_comes_late_in_the_day_gets_only_what_is_left_of_it():
    workshop = Workshop([Workstation("cut", 100)], MONDAY)
    morning = workshop.estimate([Job("a", (("cut", 30),), not_before=0.0)])[0]
    evening = workshop.estimate([Job("a", (("cut", 30),), not_before=0.9)])[0]  # 10 of the day's 100 minutes left
    assert morning.completion == MONDAY and morning.ship == MONDAY + timedelta(days=1)
    assert evening.operations[0][1:] == (MONDAY, MONDAY + timedelta(days=1))  # 10 minutes today, 20 tomorrow
    assert evening.ship == MONDAY + timedelta(days=2)
    closed = workshop.estimate([Job("a", (("cut", 30),), not_before=1.0)])[0]  # after closing: nothing today
    assert closed.start == MONDAY + timedelta(days=1)


def test_work_booked_in_the_morning_keeps_its_day_and_the_queue_placed_again_agrees():
    """A unit paid at 09:00 was given today; a rush job paid at 16:00 takes the evening, not the morning's work."""
    jobs = [Job("morning", (("cut", 60),), not_before=0.1), Job("rush", (("cut", 20),), priority=2, not_before=0.8),
            Job("late", (("cut", 15),), not_before=0.85)]
    workshop = Workshop([Workstation("cut", 100)], MONDAY)
    came = {}
    for job in jobs[:2]:  # as they came: the morning's unit, then the rush job booked ahead of it
        came[job.key] = workshop.ahead_of(job.priority).estimate([job])[0].completion
        workshop = schedule([Workstation("cut", 100)], jobs[:len(came)], MONDAY)[0]
    late = workshop.estimate([jobs[2]])[0]
    assert came == {"morning": MONDAY, "rush": MONDAY}
    # the evening's 20 minutes from the rush job's point (80) went to it: the late one waits for tomorrow
    assert late.completion == MONDAY + timedelta(days=1)
    _, placements = schedule([Workstation("cut", 100)], jobs, MONDAY)
    assert [p.completion for p in placements] == [MONDAY, MONDAY, late.completion]
