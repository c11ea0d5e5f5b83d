"""Chinese working days, and the procedure's two ways of counting a time limit.

Rules (PROCEDURE.md, issue 2 §6):
- the day of the event does not count;
- "N working days" ends on the N-th working day after the event day;
- "N months" ends on the same date N months later (clamped to the month's end), moved on to the
  next working day when that date is a day off.

Sources, in order: days the office entered (CalendarDay), then the chinesecalendar package for the
years it covers, then the plain weekday rule — which is only a guess, so a result that relied on it
names the years that are not confirmed and is shown as provisional.
"""

import calendar as _stdlib_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from chinese_calendar import constants as _cc

_PACKAGE_HOLIDAYS: dict[date, object] = _cc.holidays
_PACKAGE_WORKDAYS: dict[date, object] = _cc.workdays
PACKAGE_YEARS = frozenset(range(min(_PACKAGE_HOLIDAYS).year, max(_PACKAGE_HOLIDAYS).year + 1))

# A limit is never longer than a few months; this bounds every walk through the calendar.
_MAX_WALK_DAYS = 3 * 366


@dataclass(frozen=True)
class CountResult:
    date: date
    unconfirmed_years: tuple[int, ...] = field(default=())

    @property
    def provisional(self) -> bool:
        return bool(self.unconfirmed_years)


def chinese_date(day: date) -> str:
    """2026年11月28日 — the form of official documents: no zero padding."""
    return f"{day.year}年{day.month}月{day.day}日"


class WorkCalendar:
    """An in-memory calendar. Build it with `WorkCalendar.load()` (two queries) and reuse it."""

    def __init__(self, office_days: dict[date, bool] | None = None, office_confirmed_years=()):
        self._office_days = dict(office_days or {})
        self._office_confirmed = frozenset(office_confirmed_years)

    @classmethod
    def load(cls) -> "WorkCalendar":
        from .models import CalendarDay, CalendarYear

        days = dict(CalendarDay.objects.values_list("date", "is_workday"))
        confirmed = CalendarYear.objects.filter(confirmed=True).values_list("year", flat=True)
        return cls(days, confirmed)

    def is_confirmed(self, year: int) -> bool:
        return year in self._office_confirmed or year in PACKAGE_YEARS

    def is_confirmed_by_office(self, year: int) -> bool:
        return year in self._office_confirmed

    def is_workday(self, day: date) -> bool:
        if day in self._office_days:
            return self._office_days[day]
        # The package stays in force for every day the office did not enter, also in a year the office
        # confirmed: confirming a year it covers must not turn its holidays back into weekdays.
        if day.year in PACKAGE_YEARS:
            if day in _PACKAGE_HOLIDAYS:
                return False
            if day in _PACKAGE_WORKDAYS:
                return True
        return day.weekday() < 5

    def add_workdays(self, start: date, count: int) -> CountResult:
        """The `count`-th working day after `start` (which itself never counts)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day, found, years = start, 0, set()
        for _ in range(_MAX_WALK_DAYS):
            day += timedelta(days=1)
            years.add(day.year)
            if self.is_workday(day):
                found += 1
                if found == count:
                    return self._result(day, years)
        raise ValueError("count is too large")

    def add_months(self, start: date, months: int) -> CountResult:
        """The same date `months` later (clamped), moved on to the next working day if it is a day off."""
        if months < 1:
            raise ValueError("months must be at least 1")
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        last_day = _stdlib_calendar.monthrange(year, month)[1]
        day = date(year, month, min(start.day, last_day))
        years = {day.year}
        while not self.is_workday(day):
            day += timedelta(days=1)
            years.add(day.year)
        return self._result(day, years)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end is earlier)."""
        if end == start:
            return 0
        sign, low, high = (1, start, end) if end > start else (-1, end, start)
        total, day = 0, low
        while day < high:
            day += timedelta(days=1)
            total += self.is_workday(day)
        return sign * total

    def _result(self, day: date, years: set[int]) -> CountResult:
        return CountResult(day, tuple(sorted(y for y in years if not self.is_confirmed(y))))
