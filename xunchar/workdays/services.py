"""The office keeps the calendar: days from a State Council notice, and each year's confirmation.

Every change re-counts the open deadlines in the same transaction, so a due date never disagrees with
the calendar it was counted on: confirming a year clears the provisional mark of the deadlines that
ran into it, and correcting a day moves the deadlines that run over it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xunchar.access.policy import can_manage_calendar
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.deadlines.services import deadlines_recount_open, deadlines_recount_provisional

from .calendar import PACKAGE_YEARS, WorkCalendar, chinese_date
from .models import CalendarDay, CalendarYear

# The longest holiday so far is 9 days (Spring Festival 2026); a longer range is a typing error.
MAX_HOLIDAY_DAYS = 15
# Adjusted working days sit on the weekends around their holiday.
MAX_ADJUSTED_DISTANCE_DAYS = 31


@dataclass
class CalendarChange:
    """What a calendar service did: the days written, what the office should know, deadlines moved."""

    days: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    recounted: int = 0


def _audit(actor, obj, detail: str) -> None:
    """The calendar decides every deadline: each change to it is a settings change in the audit log."""
    audit_record(
        event=AuditEvent.Event.SETTINGS_CHANGE, actor=actor, obj=obj,
        object_type="" if obj is not None else "workdays.calendarday", detail=detail,
    )


def _check_actor(actor) -> None:
    if not can_manage_calendar(actor):
        raise PermissionDenied


def _year_warnings(years, confirmed_years) -> list[str]:
    warnings = []
    for year in sorted(years):
        if year in confirmed_years:
            warnings.append(
                f"{year}年的节假日安排已由本办确认；修改已保存，相关期限已按修改后的日历重新计算。"
            )
        elif year in PACKAGE_YEARS:
            warnings.append(
                f"{year}年的节假日安排已按国务院通知内置于系统；本办录入的日期优先于内置安排。"
            )
    return warnings


def _office_confirmed_years(years) -> set[int]:
    return set(CalendarYear.objects.filter(year__in=set(years), confirmed=True).values_list("year", flat=True))


@transaction.atomic
def calendar_day_save(*, actor, day_date: date, is_workday: bool, name: str = "", day: CalendarDay | None = None
                      ) -> CalendarChange:
    """Enter a day (holiday on a weekday, working weekend day), or correct an entered one.
    A day of a year the office already confirmed may still be corrected; the result says so."""
    _check_actor(actor)
    name = name.strip()
    clash = CalendarDay.objects.filter(date=day_date)
    if day is not None:
        clash = clash.exclude(pk=day.pk)
    if clash.exists():
        raise ValidationError(f"{chinese_date(day_date)}已经录入，请修改已有的记录。", code="duplicate")
    if day is None:
        day = CalendarDay(date=day_date)
    else:
        day = CalendarDay.objects.select_for_update().get(pk=day.pk)
    years = {day_date.year} | ({day.date.year} if day.date else set())
    day.date, day.is_workday, day.name = day_date, is_workday, name
    day.save()
    _audit(actor, day, f"录入{chinese_date(day_date)}为{'工作日' if is_workday else '休息日'}{('：' + name) if name else ''}")
    change = CalendarChange(days=[day], warnings=_year_warnings(years, _office_confirmed_years(years)))
    change.recounted = deadlines_recount_open()
    return change


@transaction.atomic
def calendar_day_delete(*, actor, day: CalendarDay) -> CalendarChange:
    """Remove an entered day: it follows the published calendar (or the weekday rule) again."""
    _check_actor(actor)
    day = CalendarDay.objects.select_for_update().filter(pk=day.pk).first()
    if day is None:
        return CalendarChange()
    year = day.date.year
    confirmed = _office_confirmed_years({year})
    if confirmed and not CalendarDay.objects.filter(date__year=year).exclude(pk=day.pk).exists():
        raise ValidationError(
            f"{year}年已确认，这是该年唯一录入的日期，不能删除；如需更正，请修改该日期。"
        )
    change = CalendarChange(warnings=_year_warnings({year}, confirmed))
    _audit(actor, day, f"删除{chinese_date(day.date)}的录入")
    day.delete()
    change.recounted = deadlines_recount_open()
    return change


@transaction.atomic
def calendar_holiday_enter(
    *, actor, first_day: date, last_day: date, name: str, adjusted_workdays=()
) -> CalendarChange:
    """One holiday of the State Council notice at once: "1月1日至3日放假调休，共3天。1月4日（周日）上班".
    Every day from `first_day` to `last_day` is a day off named `name`; each adjusted working day is a
    working day. Days already entered are overwritten."""
    _check_actor(actor)
    name = name.strip()
    errors = []
    if not name:
        errors.append("请填写节日名称，例如“春节”。")
    if last_day < first_day:
        errors.append("放假的结束日期不能早于开始日期。")
    elif (last_day - first_day).days + 1 > MAX_HOLIDAY_DAYS:
        errors.append(f"一次录入的假期不能超过{MAX_HOLIDAY_DAYS}天，请检查起止日期。")
    for workday in adjusted_workdays:
        if first_day <= workday <= last_day:
            errors.append(f"{chinese_date(workday)}在放假期间内，不能同时是调休上班日。")
        elif workday.weekday() < 5:
            errors.append(f"{chinese_date(workday)}不是周六或周日，本来就是工作日，无需录入为调休上班日。")
        elif min(abs((workday - first_day).days), abs((workday - last_day).days)) > MAX_ADJUSTED_DISTANCE_DAYS:
            errors.append(f"{chinese_date(workday)}离假期太远，请检查调休上班日期。")
    if errors:
        raise ValidationError(errors)

    wanted = {}
    span = (last_day - first_day).days + 1
    for offset in range(span):
        wanted[first_day + timedelta(days=offset)] = (False, name)
    for workday in sorted(set(adjusted_workdays)):
        wanted[workday] = (True, f"{name}调休上班")
    existing = {d.date: d for d in CalendarDay.objects.select_for_update().filter(date__in=list(wanted))}
    saved = []
    for day_date, (is_workday, note) in sorted(wanted.items()):
        day = existing.get(day_date) or CalendarDay(date=day_date)
        if day.pk is None or (day.is_workday, day.name) != (is_workday, note):
            day.is_workday, day.name = is_workday, note
            day.save()
        saved.append(day)
    _audit(actor, None, f"录入假期“{name}”：{chinese_date(first_day)}至{chinese_date(last_day)}，"
           f"调休上班{len(set(adjusted_workdays))}天")
    years = {d.year for d in wanted}
    change = CalendarChange(days=saved, warnings=_year_warnings(years, _office_confirmed_years(years)))
    change.recounted = deadlines_recount_open()
    return change


@transaction.atomic
def calendar_year_record_notice(*, actor, year: int, notice: str) -> CalendarYear:
    """Note which State Council notice the year's days come from (its title or document number)."""
    _check_actor(actor)
    calendar_year, _created = CalendarYear.objects.select_for_update().get_or_create(year=year)
    notice = notice.strip()
    if calendar_year.notice != notice:
        calendar_year.notice = notice
        calendar_year.save(update_fields=["notice"])
    return calendar_year


@transaction.atomic
def calendar_year_confirm(*, actor, year: int, notice: str | None = None) -> CalendarChange:
    """The office has entered every holiday and adjusted working day of the year's notice: from now
    on the year counts as confirmed, and the provisional deadlines that ran into it are re-counted."""
    _check_actor(actor)
    if year in PACKAGE_YEARS:
        raise ValidationError(
            f"{year}年的节假日安排已按国务院通知内置于系统，无需确认；如需更正，直接录入有关日期即可。"
        )
    calendar_year, _created = CalendarYear.objects.select_for_update().get_or_create(year=year)
    if notice is not None:
        calendar_year.notice = notice.strip()
    if calendar_year.confirmed:
        if notice is not None:
            calendar_year.save(update_fields=["notice"])
        return CalendarChange()
    if not CalendarDay.objects.filter(date__year=year).exists():
        raise ValidationError("尚未录入该年的任何节假日或调休日，不能确认。")
    calendar_year.confirmed = True
    calendar_year.confirmed_by = actor
    calendar_year.confirmed_at = timezone.now()
    calendar_year.save()
    _audit(actor, calendar_year, f"确认{year}年节假日安排（{calendar_year.notice or '未注明通知'}）")
    change = CalendarChange()
    change.recounted = deadlines_recount_provisional(calendar=WorkCalendar.load())
    return change
