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
    rows = [
        {
            "deadline": d,
            "stage": deadline_stage(d, today, calendar, 3) if d.state == Deadline.State.OPEN else None,
            "workdays_left": calendar.workdays_between(today, d.due_on) if d.state == Deadline.State.OPEN else None,
        }
        for d in deadlines.order_by("due_on", "rule", "id")
    ]
    return render(request, "deadlines/deadline_list.html", {"rows": rows, "show": show, "today": today})
