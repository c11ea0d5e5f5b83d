from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xunchar.access.decorators import require
from xunchar.access.policy import can_manage_calendar
from xunchar.deadlines.models import Deadline

from .calendar import PACKAGE_YEARS, WorkCalendar, chinese_date
from .forms import CalendarDayForm, CalendarYearForm, HolidayForm
from .models import CalendarDay, CalendarYear
from .services import (
    calendar_day_delete,
    calendar_day_save,
    calendar_holiday_enter,
    calendar_year_confirm,
    calendar_year_record_notice,
)

# Years the office may keep: from the package's first year to a few years ahead.
FIRST_YEAR = min(PACKAGE_YEARS)
YEARS_AHEAD = 5


def _year_status(year: int, calendar: WorkCalendar) -> str:
    if calendar.is_confirmed_by_office(year):
        return "office"
    if year in PACKAGE_YEARS:
        return "package"
    return "unconfirmed"


def _unconfirmed_years_run_into(user, calendar: WorkCalendar) -> dict[int, int]:
    """How many of the user's open deadlines count through each unconfirmed year (one query)."""
    counts: dict[int, int] = {}
    for started_on, due_on in Deadline.objects.visible_to(user).open().values_list("started_on", "due_on"):
        # The start day itself does not count: the walk begins the day after.
        for year in range((started_on + timedelta(days=1)).year, due_on.year + 1):
            if not calendar.is_confirmed(year):
                counts[year] = counts.get(year, 0) + 1
    return counts


def calendar_overview(request):
    """Which years are confirmed, and the office's own entries. Everyone may look; the office edits."""
    this_year = timezone.localdate().year
    # Two queries build both the page and the calendar: every entered day, every year record.
    all_days = list(CalendarDay.objects.all())
    records = {row.year: row for row in CalendarYear.objects.select_related("confirmed_by")}
    calendar = WorkCalendar(
        {d.date: d.is_workday for d in all_days}, [y for y, row in records.items() if row.confirmed]
    )
    at_risk = _unconfirmed_years_run_into(request.user, calendar)
    shown = sorted(set(range(this_year - 1, this_year + 3)) | set(at_risk))
    years = [
        {
            "year": y,
            "confirmed": calendar.is_confirmed(y),
            "source": _year_status(y, calendar),
            "record": records.get(y),
            "open_deadlines": at_risk.get(y, 0),
            "upcoming": y > this_year,
        }
        for y in shown
    ]
    days = [d for d in all_days if d.date.year >= this_year - 1]
    warnings = [{"year": y, "count": n} for y, n in sorted(at_risk.items())]
    return render(
        request,
        "workdays/calendar_overview.html",
        {
            "years": years,
            "days": days,
            "warnings": warnings,
            "can_manage": can_manage_calendar(request.user),
        },
    )


def _valid_year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + YEARS_AHEAD:
        raise Http404
    return year


def _report(request, change, done: str) -> None:
    messages.success(request, done)
    for warning in change.warnings:
        messages.warning(request, warning)
    if change.recounted:
        messages.info(request, f"已按修改后的日历重新计算 {change.recounted} 个未办结期限的到期日。")


@require(can_manage_calendar)
def year_edit(request, year):
    """One year: its entered days, its State Council notice, and its confirmation."""
    year = _valid_year(year)
    record = CalendarYear.objects.select_related("confirmed_by").filter(year=year).first()
    form = CalendarYearForm(request.POST or None, initial={"notice": record.notice if record else ""})
    if year in PACKAGE_YEARS or (record and record.confirmed):
        del form.fields["confirm"]
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data.get("confirm"):
                change = calendar_year_confirm(actor=request.user, year=year, notice=form.cleaned_data["notice"])
                _report(request, change, f"已确认{year}年的节假日安排。")
            else:
                calendar_year_record_notice(actor=request.user, year=year, notice=form.cleaned_data["notice"])
                messages.success(request, f"已保存{year}年的国务院通知。")
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("workdays:year", year=year)
    context = {
        "year": year,
        "record": record,
        "form": form,
        "package_year": year in PACKAGE_YEARS,
        "days": CalendarDay.objects.filter(date__year=year),
    }
    return render(request, "workdays/calendar_year.html", context)


def _day_form_page(request, form, day=None):
    return render(request, "workdays/calendar_day_form.html", {"form": form, "day": day})


@require(can_manage_calendar)
def day_create(request):
    initial = {}
    if request.GET.get("date"):
        try:
            initial["date"] = date.fromisoformat(request.GET["date"])
        except ValueError:
            pass
    form = CalendarDayForm(request.POST or None, initial=initial)
    return _save_day(request, form)


@require(can_manage_calendar)
def day_edit(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    form = CalendarDayForm(
        request.POST or None,
        initial={"date": day.date, "is_workday": "1" if day.is_workday else "0", "name": day.name},
    )
    return _save_day(request, form, day)


def _save_day(request, form, day=None):
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = calendar_day_save(
                actor=request.user, day_date=data["date"], is_workday=data["is_workday"], name=data["name"], day=day
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            _report(request, change, f"已保存{chinese_date(data['date'])}。")
            return redirect("workdays:year", year=data["date"].year)
    return _day_form_page(request, form, day)


@require(can_manage_calendar)
@require_POST
def day_delete(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    try:
        change = calendar_day_delete(actor=request.user, day=day)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("workdays:day_edit", pk=pk)
    _report(request, change, "已删除该日期，这一天恢复按内置日历或周末规则计算。")
    return redirect("workdays:year", year=year)


@require(can_manage_calendar)
def holiday_create(request):
    """A whole holiday at once, as the State Council notice reads."""
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = calendar_holiday_enter(
                actor=request.user,
                first_day=data["first_day"],
                last_day=data["last_day"],
                name=data["name"],
                adjusted_workdays=data["adjusted_workdays"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            _report(request, change, f"已录入{data['name']}：放假及调休上班共 {len(change.days)} 天。")
            return redirect("workdays:year", year=data["first_day"].year)
    return render(request, "workdays/calendar_holiday_form.html", {"form": form})
