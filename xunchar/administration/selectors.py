"""Reads for the administrators' pages. Each list costs the same number of queries for 3 rows as for 30."""

import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from xunchar.accounts.models import RoleGrant, User
from xunchar.accounts.roles import Role
from xunchar.audit.models import AuditEvent

from .models import UserSession

# --- Accounts and roles ---------------------------------------------------------------------------------


def accounts_for_list(*, query: str = ""):
    users = User.objects.select_related("cadre__unit", "contact_unit").order_by("username")
    if query:
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    return users


def accounts_with_roles(*, query: str = "", role: str = ""):
    users = accounts_for_list(query=query).prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role"))
    )
    if role in Role.values:
        users = users.filter(role_grants__role=role)
    return users


def live_sessions(user):
    """The user's sessions that may still be in use: seen within the idle limit (plus the minute by
    which `last_seen` may lag)."""
    since = timezone.now() - datetime.timedelta(minutes=settings.XUNCHAR_SESSION_IDLE_MINUTES, seconds=60)
    return UserSession.objects.filter(user=user, last_seen__gte=since).order_by("-last_seen")


def system_admin_summary() -> dict:
    since = timezone.now() - datetime.timedelta(minutes=settings.XUNCHAR_SESSION_IDLE_MINUTES, seconds=60)
    accounts = User.objects.aggregate(active=Count("id", filter=Q(is_active=True)), disabled=Count("id", filter=Q(is_active=False)))
    return {
        "active_accounts": accounts["active"],
        "disabled_accounts": accounts["disabled"],
        "signed_in_users": UserSession.objects.filter(last_seen__gte=since).values("user").distinct().count(),
    }


def role_holder_counts() -> list[tuple[str, str, int]]:
    """(role, label, number of active holders) for every standing role, in the order Role lists them."""
    counts = dict(
        RoleGrant.objects.filter(user__is_active=True).values_list("role").annotate(n=Count("id")).values_list("role", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Role.choices]


# --- The audit log --------------------------------------------------------------------------------------


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_events(*, date_from=None, date_to=None, user: str = "", event: str = "", result: str = "", text: str = ""):
    """The audit log filtered as the audit administrator asked; dates are whole local days, inclusive."""
    events = AuditEvent.objects.order_by("-id")
    if date_from:
        events = events.filter(at__gte=_local_midnight(date_from))
    if date_to:
        events = events.filter(at__lt=_local_midnight(date_to + datetime.timedelta(days=1)))
    if user:
        events = events.filter(Q(username__icontains=user) | Q(actor__full_name__icontains=user))
    if event in AuditEvent.Event.values:
        events = events.filter(event=event)
    if result in AuditEvent.Result.values:
        events = events.filter(result=result)
    if text:
        events = events.filter(
            Q(detail__icontains=text) | Q(object_repr__icontains=text) | Q(path__icontains=text)
            | Q(object_type__icontains=text) | Q(address__icontains=text)
        )
    return events


def audit_admin_summary() -> dict:
    since = timezone.now() - datetime.timedelta(days=1)
    recent = AuditEvent.objects.filter(at__gte=since).aggregate(
        total=Count("id"),
        refused=Count("id", filter=Q(result=AuditEvent.Result.REFUSED)),
        failed=Count("id", filter=Q(result=AuditEvent.Result.FAILED)),
    )
    return {"recent": recent, "latest": AuditEvent.objects.order_by("-id")[:10]}
