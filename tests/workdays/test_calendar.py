"""Counting time limits across the 2025 and 2026 holidays, and into 2027, which the package lacks."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from xunchar.workdays.calendar import PACKAGE_YEARS, CountResult, WorkCalendar, chinese_date
from xunchar.workdays.models import CalendarDay, CalendarYear

D = date
package = WorkCalendar()  # no office entries: the package's calendar


def test_the_package_covers_2004_to_2026_and_not_2027():
    assert min(PACKAGE_YEARS) == 2004
    assert max(PACKAGE_YEARS) == 2026
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))


@pytest.mark.parametrize(
    "day, is_workday",
    [
        # National Day 2025: Oct 1–8 off; Sunday Sep 28 and Saturday Oct 11 worked
        (D(2025, 9, 28), True), (D(2025, 10, 1), False), (D(2025, 10, 6), False), (D(2025, 10, 8), False),
        (D(2025, 10, 9), True), (D(2025, 10, 11), True), (D(2025, 10, 12), False),
        # Spring Festival 2025: Jan 28–Feb 4 off; Sunday Jan 26 and Saturday Feb 8 worked
        (D(2025, 1, 26), True), (D(2025, 1, 27), True), (D(2025, 1, 28), False), (D(2025, 2, 4), False),
        (D(2025, 2, 5), True), (D(2025, 2, 8), True),
        # Spring Festival 2026: Feb 15–23 off; Saturdays Feb 14 and Feb 28 worked
        (D(2026, 2, 14), True), (D(2026, 2, 15), False), (D(2026, 2, 23), False), (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),
        # May Day 2026: May 1–5 off; Saturday May 9 worked
        (D(2026, 5, 1), False), (D(2026, 5, 5), False), (D(2026, 5, 6), True), (D(2026, 5, 9), True),
        # National Day and Mid-Autumn 2026, as the package has them: Sep 25–27 and Oct 1–7 off;
        # Sunday Sep 20 and Saturday Oct 10 worked
        (D(2026, 9, 20), True), (D(2026, 9, 25), False), (D(2026, 9, 27), False), (D(2026, 9, 28), True),
        (D(2026, 10, 1), False), (D(2026, 10, 7), False), (D(2026, 10, 8), True), (D(2026, 10, 10), True),
        # plain weeks
        (D(2026, 11, 27), True), (D(2026, 11, 28), False), (D(2026, 11, 29), False),
    ],
)
def test_days_off_and_adjusted_working_days(day, is_workday):
    assert package.is_workday(day) is is_workday


def test_national_day_2026_matches_the_package():
    autumn = [D(2026, 9, 1) + timedelta(days=n) for n in range(61)]
    weekdays_off = {d for d in autumn if d.weekday() < 5 and not chinese_calendar.is_workday(d)}
    adjusted = {d for d in autumn if d.weekday() >= 5 and chinese_calendar.is_workday(d)}
    assert weekdays_off == {D(2026, 9, 25), D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)}
    assert adjusted == {D(2026, 9, 20), D(2026, 10, 10)}
    assert [d for d in autumn if package.is_workday(d) != chinese_calendar.is_workday(d)] == []


@pytest.mark.parametrize(
    "start, count, due",
    [
        (D(2026, 4, 30), 10, D(2026, 5, 18)),  # May Day: May 9 (Sat) counts, May 1–5 do not
        (D(2026, 4, 30), 1, D(2026, 5, 6)),
        (D(2026, 5, 8), 1, D(2026, 5, 9)),
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # the adjusted Sunday counts
        (D(2025, 9, 26), 3, D(2025, 9, 30)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),  # the whole National Day week is skipped
        (D(2025, 9, 30), 3, D(2025, 10, 11)),  # ... and Saturday Oct 11 is worked
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 1, 24), 10, D(2025, 2, 13)),
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # the event day never counts, even a working day
        (D(2026, 2, 13), 10, D(2026, 3, 5)),
        (D(2026, 9, 24), 1, D(2026, 9, 28)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 9, 30), 3, D(2026, 10, 10)),
        (D(2026, 11, 20), 10, D(2026, 12, 4)),  # D1 after group 2's withdrawal
        (D(2026, 11, 20), 15, D(2026, 12, 11)),
    ],
)
def test_add_workdays(start, count, due):
    result = package.add_workdays(start, count)
    assert result == CountResult(due, ())
    assert not result.provisional


@pytest.mark.parametrize(
    "start, months, due",
    [
        (D(2026, 1, 30), 1, D(2026, 2, 28)),  # clamped to Feb 28, an adjusted Saturday: a working day
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2025, 8, 31), 1, D(2025, 9, 30)),
        (D(2026, 11, 20), 1, D(2026, 12, 21)),  # Dec 20 is a Sunday: the next working day
        (D(2024, 12, 31), 1, D(2025, 2, 5)),  # Jan 31, 2025 is in the Spring Festival holiday
        (D(2026, 4, 1), 1, D(2026, 5, 6)),  # May 1 is May Day
        (D(2026, 8, 27), 1, D(2026, 9, 28)),  # Sep 27 is Mid-Autumn
        (D(2026, 9, 1), 1, D(2026, 10, 8)),
        (D(2026, 1, 14), 2, D(2026, 3, 16)),  # Mar 14 is a Saturday
        (D(2025, 12, 31), 2, D(2026, 2, 28)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # Feb 30 → Feb 28
        (D(2026, 1, 29), 1, D(2026, 2, 28)),  # there is no Feb 29 in 2026
        (D(2024, 12, 31), 2, D(2025, 2, 28)),
    ],
)
def test_add_months(start, months, due):
    assert package.add_months(start, months) == CountResult(due, ())


@pytest.mark.parametrize("count", [0, -1])
def test_a_count_below_one_is_refused(count):
    with pytest.raises(ValueError):
        package.add_workdays(D(2026, 4, 30), count)
    with pytest.raises(ValueError):
        package.add_months(D(2026, 4, 30), count)


def test_workdays_between():
    assert package.workdays_between(D(2026, 4, 30), D(2026, 5, 18)) == 10
    assert package.workdays_between(D(2026, 5, 18), D(2026, 4, 30)) == -10
    assert package.workdays_between(D(2026, 5, 1), D(2026, 5, 1)) == 0
    assert package.workdays_between(D(2026, 12, 1), D(2026, 12, 4)) == 3


def test_chinese_date_has_no_zero_padding():
    assert chinese_date(D(2026, 1, 4)) == "2026年1月4日"
    assert chinese_date(D(2026, 11, 28)) == "2026年11月28日"


# 2027: the package raises; the office has not entered the State Council notice yet.


def test_counting_into_2027_is_provisional():
    result = package.add_workdays(D(2026, 12, 24), 10)
    # weekdays only: Dec 25, 28–31, then Jan 1 (!), 4, 5, 6, 7
    assert result.date == D(2027, 1, 7)
    assert result.unconfirmed_years == (2027,)
    assert result.provisional


def test_months_into_2027_are_provisional():
    result = package.add_months(D(2026, 12, 15), 1)
    assert result == CountResult(D(2027, 1, 15), (2027,))


def test_a_count_that_stays_in_2026_is_not_provisional():
    assert not package.add_workdays(D(2026, 12, 1), 20).provisional  # Dec 29
    assert not package.add_months(D(2026, 11, 30), 1).provisional


def test_a_count_that_only_crosses_into_a_confirmed_year_is_not_provisional():
    assert package.add_workdays(D(2025, 12, 24), 10) == CountResult(D(2026, 1, 8), ())  # Sunday Jan 4 is worked


def test_2027_is_confirmed_once_the_office_entered_and_confirmed_it():
    office_days = {D(2027, 1, 1): False}  # a hypothetical notice: New Year's Day off
    entered_only = WorkCalendar(office_days)
    assert entered_only.add_workdays(D(2026, 12, 24), 10) == CountResult(D(2027, 1, 8), (2027,))
    confirmed = WorkCalendar(office_days, office_confirmed_years=[2027])
    assert confirmed.is_confirmed(2027)
    assert confirmed.add_workdays(D(2026, 12, 24), 10) == CountResult(D(2027, 1, 8), ())


def test_office_days_override_the_package():
    calendar = WorkCalendar({D(2026, 10, 8): False, D(2026, 10, 11): True})
    assert not calendar.is_workday(D(2026, 10, 8))
    assert calendar.is_workday(D(2026, 10, 11))  # a Sunday
    assert calendar.add_workdays(D(2026, 9, 30), 1).date == D(2026, 10, 9)


def test_the_package_stays_in_force_in_a_year_the_office_confirmed():
    # The office corrected one day of 2026 and confirmed the year: the rest of the package still holds.
    calendar = WorkCalendar({D(2026, 12, 31): False}, office_confirmed_years=[2026])
    assert not calendar.is_workday(D(2026, 12, 31))
    assert not calendar.is_workday(D(2026, 10, 1))
    assert calendar.is_workday(D(2026, 10, 10))
    assert calendar.add_workdays(D(2026, 4, 30), 10).date == D(2026, 5, 18)


@pytest.mark.django_db
def test_load_reads_the_office_entries_in_two_queries(django_assert_num_queries):
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    CalendarYear.objects.create(year=2027, confirmed=True)
    CalendarYear.objects.create(year=2028, confirmed=False)
    with django_assert_num_queries(2):
        calendar = WorkCalendar.load()
    assert calendar.is_confirmed(2027) and not calendar.is_confirmed(2028)
    assert calendar.add_workdays(D(2026, 12, 31), 1) == CountResult(D(2027, 1, 4), ())
