from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GroupMembership, Inspection, InspectionGroup


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    raw_id_fields = ["cadre"]


class InspectionInline(admin.TabularInline):
    model = Inspection
    extra = 0


@admin.register(InspectionGroup)
class InspectionGroupAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "round", "entered_on", "withdrawn_on"]
    inlines = [MembershipInline, InspectionInline]
