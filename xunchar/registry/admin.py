from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cadre, CadrePost, CadreRelative, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "supervising_department", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


class CadrePostInline(admin.TabularInline):
    model = CadrePost
    extra = 0
    fk_name = "cadre"


class CadreRelativeInline(admin.TabularInline):
    model = CadreRelative
    extra = 0


@admin.register(Cadre)
class CadreAdmin(SimpleHistoryAdmin):
    list_display = ["name", "gender", "unit", "post", "rank", "is_county_managed"]
    list_filter = ["rank", "is_county_managed", "gender"]
    search_fields = ["name", "post"]
    inlines = [CadrePostInline, CadreRelativeInline]
