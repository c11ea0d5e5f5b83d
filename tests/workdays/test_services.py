"""The office keeps the calendar: days, whole holidays, a year's notice and its confirmation."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xunchar.deadlines.models import Deadline
from xunchar.deadlines.services import deadline_start
from xunchar.workdays.models import CalendarDay, CalendarYear
from xunchar.workdays.services import (
    calendar_day_delete,
    calendar_day_save,
    calendar_holiday_enter,
    calendar_year_confirm,
    calendar_year_record_notice,
)

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def d1_into_2027(county):
    """Group 1 withdrew on Dec 24, 2026: D1 counts 10 working days into 2027."""
    return deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))


def test_a_deadline_counted_into_2027_is_provisional(d1_into_2027):
    assert (d1_into_2027.due_on, d1_into_2027.provisional) == (D(2027, 1, 7), True)


def test_entering_the_new_year_holiday_recounts_and_confirming_clears_provisional(county, d1_into_2027):
    change = calendar_holiday_enter(
        actor=county.office, first_day=D(2027, 1, 1), last_day=D(2027, 1, 3), name="元旦"
    )
    assert change.recounted == 1
    d1_into_2027.refresh_from_db()
    assert (d1_into_2027.due_on, d1_into_2027.provisional) == (D(2027, 1, 8), True)

    change = calendar_year_confirm(actor=county.office, year=2027, notice="国办发明电〔2026〕×号")
    assert change.recounted == 1
    d1_into_2027.refresh_from_db()
    assert (d1_into_2027.due_on, d1_into_2027.provisional) == (D(2027, 1, 8), False)
    year = CalendarYear.objects.get(year=2027)
    assert year.confirmed and year.confirmed_by == county.office and year.confirmed_at is not None
    assert year.notice == "国办发明电〔2026〕×号"


def test_confirming_is_a_no_op_when_repeated(county):
    calendar_day_save(actor=county.office, day_date=D(2027, 1, 1), is_workday=False, name="元旦")
    calendar_year_confirm(actor=county.office, year=2027)
    first = CalendarYear.objects.get(year=2027).confirmed_at
    calendar_year_confirm(actor=county.director, year=2027)
    year = CalendarYear.objects.get(year=2027)
    assert (year.confirmed_at, year.confirmed_by) == (first, county.office)


def test_a_year_without_entered_days_cannot_be_confirmed(county, d1_into_2027):
    CalendarDay.objects.create(date=D(2028, 1, 1), is_workday=False, name="元旦")  # another year
    with pytest.raises(ValidationError) as error:
        calendar_year_confirm(actor=county.office, year=2027)
    assert error.value.messages == ["尚未录入该年的任何节假日或调休日，不能确认。"]
    assert not CalendarYear.objects.filter(year=2027, confirmed=True).exists()
    d1_into_2027.refresh_from_db()
    assert d1_into_2027.provisional


def test_a_year_of_the_package_needs_no_confirmation(county):
    CalendarDay.objects.create(date=D(2026, 12, 31), is_workday=False)
    with pytest.raises(ValidationError, match="内置"):
        calendar_year_confirm(actor=county.office, year=2026)


@pytest.mark.parametrize("persona", ["member1", "leader1", "secretary", "jiwei", "unit1"])
def test_only_the_office_keeps_the_calendar(county, persona):
    actor = county.users[persona]
    with pytest.raises(PermissionDenied):
        calendar_day_save(actor=actor, day_date=D(2027, 1, 1), is_workday=False)
    with pytest.raises(PermissionDenied):
        calendar_holiday_enter(actor=actor, first_day=D(2027, 1, 1), last_day=D(2027, 1, 3), name="元旦")
    with pytest.raises(PermissionDenied):
        calendar_year_record_notice(actor=actor, year=2027, notice="x")
    assert not CalendarDay.objects.exists()


def test_a_whole_holiday_as_the_notice_reads(county):
    # "2月6日至14日放假调休，共9天。2月7日（周日）、2月20日（周六）上班" — a made-up 2027 Spring Festival
    change = calendar_holiday_enter(
        actor=county.office, first_day=D(2027, 2, 6), last_day=D(2027, 2, 14), name="春节",
        adjusted_workdays=[D(2027, 1, 31), D(2027, 2, 20)],
    )
    assert len(change.days) == 11
    days = {d.date: (d.is_workday, d.name) for d in CalendarDay.objects.all()}
    assert days[D(2027, 2, 6)] == (False, "春节")
    assert days[D(2027, 2, 14)] == (False, "春节")
    assert days[D(2027, 1, 31)] == (True, "春节调休上班")
    assert days[D(2027, 2, 20)] == (True, "春节调休上班")
    assert len(days) == 11


def test_entering_a_holiday_again_overwrites_without_duplicates(county):
    for _ in range(2):
        calendar_holiday_enter(actor=county.office, first_day=D(2027, 1, 1), last_day=D(2027, 1, 3), name="元旦")
    assert CalendarDay.objects.count() == 3


@pytest.mark.parametrize(
    "first, last, workdays, message",
    [
        (D(2027, 1, 3), D(2027, 1, 1), [], "结束日期不能早于开始日期"),
        (D(2027, 1, 1), D(2027, 2, 1), [], "不能超过"),
        (D(2027, 1, 1), D(2027, 1, 3), [D(2027, 1, 2)], "在放假期间内"),
        (D(2027, 1, 1), D(2027, 1, 3), [D(2027, 1, 5)], "不是周六或周日"),
        (D(2027, 1, 1), D(2027, 1, 3), [D(2027, 6, 5)], "离假期太远"),
    ],
)
def test_a_holiday_that_cannot_be_right_is_refused(county, first, last, workdays, message):
    with pytest.raises(ValidationError) as error:
        calendar_holiday_enter(actor=county.office, first_day=first, last_day=last, name="元旦", adjusted_workdays=workdays)
    assert any(message in m for m in error.value.messages)
    assert not CalendarDay.objects.exists()


def test_a_date_entered_twice_is_refused(county):
    calendar_day_save(actor=county.office, day_date=D(2027, 1, 1), is_workday=False, name="元旦")
    with pytest.raises(ValidationError, match="已经录入"):
        calendar_day_save(actor=county.office, day_date=D(2027, 1, 1), is_workday=True)


def test_correcting_a_day_of_a_confirmed_year_is_allowed_but_said_and_recounted(county):
    calendar_holiday_enter(actor=county.office, first_day=D(2027, 1, 1), last_day=D(2027, 1, 3), name="元旦")
    calendar_year_confirm(actor=county.office, year=2027)
    d1 = deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    assert (d1.due_on, d1.provisional) == (D(2027, 1, 8), False)
    # The notice is corrected: Monday Jan 4 is off as well
    change = calendar_day_save(actor=county.office, day_date=D(2027, 1, 4), is_workday=False, name="元旦")
    assert any("已由本办确认" in w for w in change.warnings)
    assert change.recounted == 1
    d1.refresh_from_db()
    assert (d1.due_on, d1.provisional) == (D(2027, 1, 11), False)


def test_a_correction_of_a_package_year_overrides_it_and_moves_open_deadlines(county):
    d1 = deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 11, 20))
    assert d1.due_on == D(2026, 12, 4)
    change = calendar_day_save(actor=county.office, day_date=D(2026, 12, 1), is_workday=False, name="临时放假")
    assert any("内置" in w for w in change.warnings)
    d1.refresh_from_db()
    assert d1.due_on == D(2026, 12, 7)
    day = CalendarDay.objects.get(date=D(2026, 12, 1))
    calendar_day_delete(actor=county.office, day=day)
    d1.refresh_from_db()
    assert d1.due_on == D(2026, 12, 4)


def test_the_last_day_of_a_confirmed_year_cannot_be_deleted(county):
    day = calendar_day_save(actor=county.office, day_date=D(2027, 1, 1), is_workday=False, name="元旦").days[0]
    calendar_year_confirm(actor=county.office, year=2027)
    with pytest.raises(ValidationError, match="唯一"):
        calendar_day_delete(actor=county.office, day=day)
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_met_deadlines_are_never_recounted(county):
    d1 = deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    Deadline.objects.filter(pk=d1.pk).update(state="met", met_on=D(2027, 1, 6))
    calendar_holiday_enter(actor=county.office, first_day=D(2027, 1, 1), last_day=D(2027, 1, 3), name="元旦")
    d1.refresh_from_db()
    assert d1.due_on == D(2027, 1, 7)


def test_every_calendar_change_is_a_settings_change_in_the_audit_log(county):
    from xunchar.audit.models import AuditEvent
    from xunchar.workdays.services import calendar_day_delete, calendar_day_save, calendar_holiday_enter

    change = calendar_day_save(actor=county.office, day_date=date(2027, 1, 1), is_workday=False, name="元旦")
    calendar_holiday_enter(
        actor=county.office, first_day=date(2027, 2, 6), last_day=date(2027, 2, 12), name="春节",
        adjusted_workdays=[date(2027, 2, 14)],
    )
    calendar_day_delete(actor=county.office, day=change.days[0])
    entries = list(AuditEvent.objects.filter(event=AuditEvent.Event.SETTINGS_CHANGE).order_by("id"))
    assert [e.actor for e in entries] == [county.office] * 3
    assert "2027年1月1日" in entries[0].detail and "春节" in entries[1].detail and "删除" in entries[2].detail
