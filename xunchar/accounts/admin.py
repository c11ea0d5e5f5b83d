from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "cadre", "is_active", "last_login"]
    fieldsets = BaseUserAdmin.fieldsets + (("巡察", {"fields": ("full_name", "cadre", "contact_unit")}),)
    raw_id_fields = ["cadre"]
    inlines = [RoleGrantInline]
