"""The capacity scheduler: pure Python, no Django, so it is tested and benchmarked on its own.

A workshop is a set of workstations, each with minutes of capacity per working day and its own calendar
(working weekdays, closed dates). Jobs (one per work order) are placed one after another in priority order
(a job's ``priority``, higher first: rush jobs, then express slots, then the rest; within one priority first paid,
first planned): each job's operations run in sequence, an operation starts no earlier than the day the previous
one finished, and it fills what is left of its workstation's days until its minutes are used. A job completes on
the day its last operation finishes and ships on the next shipping day after that.

The first day counts from the hour a job came, not from the morning: a job paid when part of today's working hours
had gone (its ``not_before``, that share of the day) can only have today's minutes after that point, so at 16:53 it
finds little of the day left. Each workstation's today is a line of minutes (``today_free``: the free stretches);
every job takes the first free minutes at or after its point, so work booked earlier keeps the morning it was given,
a later rush job takes the evening, and the queue placed again the same day gives every job what it got when it came.

Placing a job is cheap (the ledger of used minutes is kept between jobs), so the estimate for a shopper's
selection is one more job placed as a dry run on the ledger of today's queue: exactly what the scheduler
will give that job when it is paid, since it then comes last among the jobs of its priority. For that the
workshop keeps, as it places the queue, the ledger as it stood before the first job of each lower priority
(``ahead_of``): an express job is estimated, and booked, after the rush and express jobs only.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Workstation:
    code: str
    daily_minutes: int
    weekdays: frozenset = frozenset(range(5))  # Monday = 0
    closed: frozenset = frozenset()  # dates

    def is_open(self, day: date) -> bool:
        return self.daily_minutes > 0 and day.weekday() in self.weekdays and day not in self.closed


@dataclass(frozen=True)
class Job:
    key: object
    operations: tuple  # ((workstation code, minutes), ...) in the order they are done
    earliest: date | None = None  # e.g. when materials arrive; never before the schedule's first day
    priority: int = 0  # placed after every job of this priority or higher, ahead of every job of a lower one
    not_before: float = 0.0  # share (0 to 1) of the first day's working hours gone when it came (paid)


@dataclass(frozen=True)
class Placement:
    key: object
    start: date  # the day its first operation starts
    completion: date  # the day its last operation finishes
    ship: date  # the shipping day after completion
    operations: tuple = field(default=(), compare=False)  # ((workstation code, start, finish), ...)


class UnknownWorkstation(ValueError):
    pass


def minutes_gone(daily_minutes, share):
    """The minute of a working day reached when ``share`` of its working hours has passed (a started one is gone)."""
    return min(daily_minutes, math.ceil(daily_minutes * min(max(share, 0.0), 1.0) - 1e-9))


def take_minutes(free, point, wanted):
    """Take up to ``wanted`` minutes from the free stretches ``free`` ((start, end), ...) at or after ``point``, the
    first ones first: (minutes taken, the stretches still free)."""
    taken, left = 0, []
    for start, end in free:
        if taken == wanted or end <= point:
            left.append((start, end))
            continue
        begin = max(start, point)
        if begin > start:
            left.append((start, begin))
        bite = min(end - begin, wanted - taken)
        taken += bite
        if begin + bite < end:
            left.append((begin + bite, end))
    return taken, tuple(left)


@dataclass
class Ledger:
    """Minutes booked: per workstation, {day ordinal: minutes used}, the first day with a free minute, and today's
    free stretches of minutes."""

    used: dict
    first_free: dict
    today_free: dict

    def copy(self):
        return Ledger({code: dict(days) for code, days in self.used.items()}, dict(self.first_free),
                      dict(self.today_free))


class Workshop:
    """The ledger of every workstation's used minutes per day from ``today`` on; ``place`` fills it."""

    MAX_DAYS = 3660  # no job waits more than ten years: a closed workstation is an error, not an endless loop

    def __init__(self, workstations, today: date, shipping_weekdays=frozenset(range(5)),
                 shipping_closed=frozenset(), ship_after_days=1):
        self.today = today
        self.stations = {station.code: station for station in workstations}
        self.shipping_weekdays = frozenset(shipping_weekdays)
        self.shipping_closed = frozenset(shipping_closed)
        self.ship_after_days = ship_after_days
        if not self.shipping_weekdays:
            raise ValueError("Shipping needs at least one weekday.")
        self.ledger = self._empty_ledger()
        self._open = {code: {} for code in self.stations}  # memo of is_open per day ordinal
        self.lowest_priority = None  # of the jobs placed so far (they come in priority order)
        self._ahead = {}  # priority → Ledger with only the jobs of that priority or higher placed

    def _empty_ledger(self):
        return Ledger({code: {} for code in self.stations}, {code: self.today.toordinal() for code in self.stations},
                      {code: ((0, station.daily_minutes),) for code, station in self.stations.items()})

    @property
    def used(self):
        return self.ledger.used

    @property
    def first_free(self):
        return self.ledger.first_free

    def _is_open(self, code, ordinal):
        memo = self._open[code]
        found = memo.get(ordinal)
        if found is None:
            found = memo[ordinal] = self.stations[code].is_open(date.fromordinal(ordinal))
        return found

    def place(self, job: Job) -> Placement:
        """Put the job's operations in the first free minutes after one another, and book them.

        Jobs come in priority order (higher first): a job placed after one of a lower priority would be planned
        behind work it goes ahead of, so it is refused (place it on ``ahead_of(its priority)`` instead)."""
        if self.lowest_priority is not None and job.priority > self.lowest_priority:
            raise ValueError(f"Job {job.key!r} of priority {job.priority} comes after a job of priority "
                             f"{self.lowest_priority}: place jobs in priority order.")
        if self.lowest_priority is not None and job.priority < self.lowest_priority:
            self._ahead[self.lowest_priority] = self.ledger.copy()  # what a job of that priority comes after
        self.lowest_priority = job.priority
        overlay, today_overlay = {}, {}
        placement = self._place(job, overlay, today_overlay)
        for (code, day), minutes in overlay.items():
            self.used[code][day] = self.used[code].get(day, 0) + minutes
        self.ledger.today_free.update(today_overlay)
        for code in {code for code, _ in overlay}:
            self._advance_first_free(code)
        return placement

    def estimate(self, jobs) -> list:
        """Where these jobs (of one priority: one customer's) would go if they came now, one after another, without
        booking them: after every booked job of their priority or higher, ahead of the booked jobs of lower ones."""
        jobs = list(jobs)
        priorities = {job.priority for job in jobs}
        if len(priorities) > 1:  # the lower ones would also push back booked jobs: that is placing the queue again
            raise ValueError("Estimate jobs of one priority at a time.")
        overlay, today_overlay = {}, {}
        _, ledger = self._ledger(priorities.pop() if priorities else 0)
        return [self._place(job, overlay, today_overlay, ledger) for job in jobs]

    def ahead_of(self, priority) -> Workshop:
        """A copy of this workshop with only the jobs of ``priority`` or higher booked: where a job of that priority
        placed now goes (the jobs of lower priority move back behind it when the queue is placed again)."""
        lowest, ledger = self._ledger(priority)
        workshop = copy.copy(self)
        workshop.ledger = ledger.copy()
        workshop.lowest_priority = lowest
        workshop._ahead = {p: ledger for p, ledger in self._ahead.items() if lowest is not None and p > lowest}
        return workshop

    def _ledger(self, priority):
        """(lowest priority placed, Ledger) with only the jobs of ``priority`` or higher placed: the
        current ledger unless a job of lower priority was placed since, else the one kept before the first of
        those (empty when no job of ``priority`` or higher was placed)."""
        if self.lowest_priority is None or self.lowest_priority >= priority:
            return self.lowest_priority, self.ledger
        kept = [p for p in self._ahead if p >= priority]
        if not kept:
            return None, self._empty_ledger()
        return min(kept), self._ahead[min(kept)]

    def _place(self, job, overlay, today_overlay, ledger=None):
        """Place one job counting ``overlay`` ((code, day) → minutes) as taken, and add the job's minutes to it
        (``today_overlay``: code → today's stretches still free, where they differ from the ledger's)."""
        ledger = ledger or self.ledger
        used_by, first_free = ledger.used, ledger.first_free
        first = self.today.toordinal()
        ordinal = max(first, job.earliest.toordinal() if job.earliest else 0)
        spans, start = [], None
        for code, minutes in job.operations:
            if code not in self.stations:
                raise UnknownWorkstation(f"No workstation has the code {code!r}.")
            left = int(minutes)
            if left <= 0:  # takes no capacity and waits for no free day
                spans.append((code, date.fromordinal(ordinal), date.fromordinal(ordinal)))
                continue
            daily, used = self.stations[code].daily_minutes, used_by[code]
            day = max(ordinal, first_free[code])
            limit, first_day = day + self.MAX_DAYS, None
            while True:
                if day > limit:
                    raise ValueError(f"Workstation {code!r} has no free capacity in the next ten years.")
                if not self._is_open(code, day):
                    taken = 0
                elif day == first:  # today: the first free minutes after the hour the job came
                    free = today_overlay.get(code, ledger.today_free[code])
                    taken, today_overlay[code] = take_minutes(free, minutes_gone(daily, job.not_before), left)
                else:
                    taken = min(daily - used.get(day, 0) - overlay.get((code, day), 0), left)
                if taken > 0:
                    first_day = day if first_day is None else first_day
                    overlay[(code, day)] = overlay.get((code, day), 0) + taken
                    left -= taken
                    if left == 0:
                        break
                day += 1
            start = first_day if start is None else start
            spans.append((code, date.fromordinal(first_day), date.fromordinal(day)))
            ordinal = day
        completion = date.fromordinal(ordinal)
        return Placement(job.key, date.fromordinal(ordinal if start is None else start), completion,
                         self.shipping_day_after(completion), tuple(spans))

    def _advance_first_free(self, code):
        daily, used, day = self.stations[code].daily_minutes, self.used[code], self.first_free[code]
        limit = self.today.toordinal() + self.MAX_DAYS
        while day < limit and (not self._is_open(code, day) or used.get(day, 0) >= daily):
            day += 1
        self.first_free[code] = day

    def is_shipping_day(self, day: date) -> bool:
        return day.weekday() in self.shipping_weekdays and day not in self.shipping_closed

    def shipping_days_after(self, day: date, count: int) -> date:
        """The ``count``-th shipping day after ``day`` (``day`` itself when ``count`` is 0)."""
        current = day
        for _ in range(count):
            current += timedelta(days=1)
            while not self.is_shipping_day(current):
                current += timedelta(days=1)
        return current

    def shipping_day_after(self, day: date) -> date:
        """The ``ship_after_days``-th shipping day after ``day`` (with 0: ``day`` itself if it is one)."""
        current = self.shipping_days_after(day, self.ship_after_days)
        while not self.is_shipping_day(current):
            current += timedelta(days=1)
        return current

    def load(self, code):
        """Minutes used per day at one workstation, as {date: minutes}."""
        return {date.fromordinal(day): minutes for day, minutes in sorted(self.used[code].items())}


def schedule(workstations, jobs, today: date, **calendar):
    """Place every job, higher priority first, else in the order given; returns (the workshop's ledger,
    [Placement, ...] in the order of ``jobs``)."""
    workshop = Workshop(workstations, today, **calendar)
    placed = {index: workshop.place(job) for index, job in sorted(enumerate(jobs), key=lambda item: -item[1].priority)}
    return workshop, [placed[index] for index in range(len(jobs))]
