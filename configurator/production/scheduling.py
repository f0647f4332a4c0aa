"""The capacity scheduler: pure Python, no Django, so it is tested and benchmarked on its own.

A workshop is a set of workstations, each with minutes of capacity per working day and its own calendar
(working weekdays, closed dates). Jobs (one per work order) are placed one after another in priority order
(first paid, first planned): each job's operations run in sequence, an operation starts no earlier than the
day the previous one finished, and it fills what is left of its workstation's days until its minutes are
used. A job completes on the day its last operation finishes and ships on the next shipping day after that.

Placing a job is cheap (the ledger of used minutes is kept between jobs), so the estimate for a shopper's
selection is one more job placed as a dry run on the ledger of today's queue: exactly what the scheduler
will give that job when it is paid, since it then comes last in the queue.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Placement:
    key: object
    start: date  # the day its first operation starts
    completion: date  # the day its last operation finishes
    ship: date  # the shipping day after completion
    operations: tuple = field(default=(), compare=False)  # ((workstation code, start, finish), ...)


class UnknownWorkstation(ValueError):
    pass


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
        self.used = {code: {} for code in self.stations}  # code → {day ordinal: minutes used}
        self.first_free = {code: today.toordinal() for code in self.stations}  # no free minute before this day
        self._open = {code: {} for code in self.stations}  # memo of is_open per day ordinal

    def _is_open(self, code, ordinal):
        memo = self._open[code]
        found = memo.get(ordinal)
        if found is None:
            found = memo[ordinal] = self.stations[code].is_open(date.fromordinal(ordinal))
        return found

    def place(self, job: Job) -> Placement:
        """Put the job's operations in the first free minutes after one another, and book them."""
        overlay = {}
        placement = self._place(job, overlay)
        for (code, day), minutes in overlay.items():
            self.used[code][day] = self.used[code].get(day, 0) + minutes
        for code in {code for code, _ in overlay}:
            self._advance_first_free(code)
        return placement

    def estimate(self, jobs) -> list:
        """Where these jobs would go after everything booked, one after another, without booking them."""
        overlay = {}
        return [self._place(job, overlay) for job in jobs]

    def _place(self, job, overlay):
        """Place one job counting ``overlay`` ((code, day) → minutes) as taken, and add the job's minutes to it."""
        ordinal = max(self.today.toordinal(), job.earliest.toordinal() if job.earliest else 0)
        spans, start = [], None
        for code, minutes in job.operations:
            if code not in self.stations:
                raise UnknownWorkstation(f"No workstation has the code {code!r}.")
            left = int(minutes)
            if left <= 0:  # takes no capacity and waits for no free day
                spans.append((code, date.fromordinal(ordinal), date.fromordinal(ordinal)))
                continue
            daily, used = self.stations[code].daily_minutes, self.used[code]
            day = max(ordinal, self.first_free[code])
            limit, first_day = day + self.MAX_DAYS, None
            while True:
                if day > limit:
                    raise ValueError(f"Workstation {code!r} has no free capacity in the next ten years.")
                if self._is_open(code, day):
                    free = daily - used.get(day, 0) - overlay.get((code, day), 0)
                    if free > 0:
                        first_day = day if first_day is None else first_day
                        taken = min(free, left)
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
    """Place every job in the order given; returns (the workshop's ledger, [Placement, ...])."""
    workshop = Workshop(workstations, today, **calendar)
    return workshop, [workshop.place(job) for job in jobs]
