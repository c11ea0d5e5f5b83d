from datetime import date

from django.shortcuts import render
from django.utils import timezone

from .calendar import PACKAGE_YEARS, WorkCalendar
from .models import CalendarDay, CalendarYear


def calendar_overview(request):
    """Which years are confirmed, and the office's own entries. Everyone may look; the office edits."""
    this_year = timezone.localdate().year
    calendar = WorkCalendar.load()
    years = [
        {
            "year": y,
            "confirmed": calendar.is_confirmed(y),
            "source": "office" if CalendarYear.objects.filter(year=y, confirmed=True).exists()
            else ("package" if y in PACKAGE_YEARS else None),
        }
        for y in range(this_year - 1, this_year + 3)
    ]
    days = CalendarDay.objects.filter(date__gte=date(this_year - 1, 1, 1))
    return render(request, "workdays/calendar_overview.html", {"years": years, "days": days})
