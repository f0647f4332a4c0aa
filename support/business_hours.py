"""Business hours arithmetic for service levels: pure Python, no Django.

A ``BusinessCalendar`` knows the opening hours of each weekday (any number of periods a day, in
local time), the dates the desk is closed, and the time zone the hours are in. It answers two
questions: how many business minutes lie between two instants, and which instant is a number of
business minutes after another. Service-level clocks are built from those two.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS_AHEAD = 3 * 366  # a calendar with no opening hours would search forever


@dataclass(frozen=True)
class BusinessCalendar:
    hours: dict  # weekday (0 Monday .. 6 Sunday) -> [(opens, closes), ...] as datetime.time
    closures: frozenset = field(default_factory=frozenset)  # dates the desk is closed all day
    time_zone: str = "UTC"

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    def periods_on(self, day: date):
        """The open periods of a local day, as aware datetimes in UTC (so a clock change is counted right)."""
        if day in self.closures:
            return []
        periods = []
        for opens, closes in sorted(self.hours.get(day.weekday(), ())):
            start = datetime.combine(day, opens, tzinfo=self.zone)
            end = datetime.combine(day, closes, tzinfo=self.zone) if closes != time(0) else \
                datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
            if end > start:
                periods.append((start.astimezone(UTC), end.astimezone(UTC)))
        return periods

    def is_open(self, moment: datetime):
        local = moment.astimezone(self.zone)
        return any(start <= local < end for start, end in self.periods_on(local.date()))

    def minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole business minutes from ``start`` to ``end`` (0 when end is not after start)."""
        if end <= start:
            return 0
        seconds = 0.0
        day = start.astimezone(self.zone).date()
        last = end.astimezone(self.zone).date()
        while day <= last:
            for opens, closes in self.periods_on(day):
                overlap = (min(closes, end) - max(opens, start)).total_seconds()
                if overlap > 0:
                    seconds += overlap
            day += timedelta(days=1)
        return int(seconds // 60)

    def add_minutes(self, start: datetime, minutes: int) -> datetime:
        """The instant ``minutes`` business minutes after ``start`` (start itself when minutes <= 0 and open)."""
        remaining = timedelta(minutes=max(minutes, 0))
        day = start.astimezone(self.zone).date()
        for _ in range(MAX_DAYS_AHEAD):
            for opens, closes in self.periods_on(day):
                if closes <= start:
                    continue
                begin = max(opens, start)
                available = closes - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += timedelta(days=1)
        raise ValueError("The business calendar has no opening hours in the next three years.")
