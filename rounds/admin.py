from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Round


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "phase", "mobilization_date", "entry_date"]
