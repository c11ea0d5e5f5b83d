from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay, CalendarYear


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """The office keeps the calendar on the calendar page, whose services validate every change and
    re-count the open deadlines; a save here would do neither, so the admin only shows."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "confirmed", "notice", "confirmed_by", "confirmed_at"]


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "is_workday", "name"]
    date_hierarchy = "date"
