from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from xunchar.workdays.calendar import WorkCalendar

from .models import Deadline
from .services import deadline_stage


def deadline_list(request):
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    deadlines = Deadline.objects.visible_to(request.user).select_related("round", "group", "unit")
    if show != "all":
        deadlines = deadlines.open()
    calendar = WorkCalendar.load()
    lead = settings.XUNCHAR_REMINDER_WORKDAYS
    rows = []
    for d in deadlines.order_by("due_on", "rule", "id"):
        is_open = d.state == Deadline.State.OPEN
        rows.append(
            {
                "deadline": d,
                "stage": deadline_stage(d, today, calendar, lead) if is_open else None,
                "workdays_left": calendar.workdays_between(today, d.due_on) if is_open else None,
            }
        )
    any_provisional = any(r["deadline"].provisional for r in rows if r["deadline"].state == Deadline.State.OPEN)
    return render(
        request,
        "deadlines/deadline_list.html",
        {"rows": rows, "show": show, "today": today, "any_provisional": any_provisional},
    )
