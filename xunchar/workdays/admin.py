from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay, CalendarYear


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "confirmed", "notice"]


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_workday", "name"]
    date_hierarchy = "date"
