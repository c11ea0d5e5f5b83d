"""Starting and meeting a deadline: D1 (10 working days) and D2 (one month) after a group withdraws."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xunchar.deadlines.models import Deadline, Reminder
from xunchar.deadlines.services import (
    deadline_meet,
    deadline_start,
    deadline_sweep,
    deadlines_recount_provisional,
)
from xunchar.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db
D = date
GROUP2_WITHDREW = D(2026, 11, 20)


def start(county, code="D1", on=GROUP2_WITHDREW, group=None):
    return deadline_start(rule_code=code, round=county.round, group=group or county.group2, started_on=on)


def test_d1_is_due_ten_working_days_after_withdrawal(county):
    d1 = start(county, "D1")
    assert (d1.started_on, d1.due_on, d1.state, d1.provisional) == (D(2026, 11, 20), D(2026, 12, 4), "open", False)


def test_d2_is_due_one_month_after_withdrawal(county):
    # Dec 20, 2026 is a Sunday: the next working day
    assert start(county, "D2").due_on == D(2026, 12, 21)


def test_d1_across_national_day(county):
    # Oct 1–7 off, Saturday Oct 10 worked
    assert start(county, "D1", on=D(2026, 9, 30)).due_on == D(2026, 10, 20)


def test_d3_runs_per_round_and_d5_per_unit(county):
    d3 = deadline_start(rule_code="D3", round=county.round, started_on=D(2026, 11, 20))
    assert d3.due_on == D(2026, 12, 11)
    d5 = deadline_start(rule_code="D5", round=county.round, unit=county.unit_a, started_on=D(2026, 4, 30))
    assert d5.due_on == D(2026, 5, 18)
    d6 = deadline_start(rule_code="D6", round=county.round, unit=county.unit_a, started_on=D(2026, 4, 30))
    assert d6.due_on == D(2026, 6, 30)


def test_d7_is_due_promptly_and_never_provisional(county):
    d7 = deadline_start(rule_code="D7", round=county.round, unit=county.unit_a, started_on=D(2027, 3, 1))
    assert (d7.due_on, d7.provisional) == (D(2027, 3, 1), False)


def test_a_deadline_into_2027_is_provisional(county):
    d1 = start(county, "D1", on=D(2026, 12, 24))
    assert (d1.due_on, d1.provisional) == (D(2027, 1, 7), True)


def test_starting_again_is_a_no_op(county):
    d1 = start(county)
    again = start(county)
    assert again.pk == d1.pk
    assert Deadline.objects.count() == 1
    assert d1.history.count() == 1


def test_starting_again_after_it_was_met_is_a_no_op(county):
    start(county)
    deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 1))
    again = start(county)
    assert again.state == Deadline.State.MET


def test_a_corrected_start_recounts_a_running_clock(county):
    start(county)
    d1 = start(county, on=D(2026, 11, 23))
    assert d1.due_on == D(2026, 12, 7)
    assert Deadline.objects.count() == 1


def test_a_met_clock_cannot_be_restarted_on_another_day(county):
    start(county)
    deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 1))
    with pytest.raises(ValidationError):
        start(county, on=D(2026, 11, 23))


def test_a_corrected_start_sends_the_stages_again_for_the_new_date(county):
    start(county)
    assert deadline_sweep(today=D(2026, 12, 1)) == 1
    start(county, on=D(2026, 11, 23))  # due Dec 7 now
    assert not Reminder.objects.exists()
    assert deadline_sweep(today=D(2026, 12, 2)) == 1


def test_met_on_or_before_the_due_day(county):
    start(county)
    d1 = deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 4))
    assert (d1.state, d1.met_on) == (Deadline.State.MET, D(2026, 12, 4))


def test_met_late(county):
    start(county)
    d1 = deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 7))
    assert d1.state == Deadline.State.MET_LATE


def test_meeting_again_is_a_no_op(county):
    start(county)
    deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 4))
    d1 = deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 9))
    assert (d1.state, d1.met_on) == (Deadline.State.MET, D(2026, 12, 4))


def test_meeting_before_the_clock_started_is_refused(county):
    with pytest.raises(ValidationError):
        deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 12, 4))
    assert not Deadline.objects.exists()


def test_meeting_on_a_day_before_the_start_is_refused(county):
    start(county)
    with pytest.raises(ValidationError):
        deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 11, 19))
    assert Deadline.objects.get().state == Deadline.State.OPEN


def test_each_group_has_its_own_clock(county):
    start(county, group=county.group1)
    start(county, group=county.group2)
    assert Deadline.objects.count() == 2


def test_provisional_deadlines_are_recounted_when_a_year_is_confirmed(county):
    d1 = start(county, "D1", on=D(2026, 12, 24))
    d2 = start(county, "D2", on=D(2026, 12, 24))
    assert (d2.due_on, d2.provisional) == (D(2027, 1, 25), True)
    ordinary = start(county, "D1", on=D(2026, 11, 20), group=county.group1)
    # 2027 entered and confirmed directly in the database, without the calendar services
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=D(2027, 1, n), is_workday=False, name="元旦") for n in (1, 2, 3)]
        + [CalendarDay(date=D(2027, 1, 25), is_workday=False, name="假设的放假")]
    )
    CalendarYear.objects.create(year=2027, confirmed=True)
    assert deadlines_recount_provisional() == 2
    d1.refresh_from_db()
    d2.refresh_from_db()
    ordinary.refresh_from_db()
    assert (d1.due_on, d1.provisional) == (D(2027, 1, 8), False)
    assert (d2.due_on, d2.provisional) == (D(2027, 1, 26), False)
    assert (ordinary.due_on, ordinary.provisional) == (D(2026, 12, 4), False)
    assert deadlines_recount_provisional() == 0
