"""Reads for the administrators' pages. Each list costs the same number of queries for 3 rows as for 30."""

import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from xunchar.accounts.models import LoginThrottle, RoleGrant, User
from xunchar.accounts.roles import Role
from xunchar.accounts.services import is_demo_exempt, password_change_reason
from xunchar.audit.models import AuditEvent
from xunchar.twofactor.policy import requires_second_factor

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


def account_security(user) -> dict:
    """What the system administrator sees of an account's sign-in: its lock, its password's age and
    whether it must be changed, and its second factor. Read here; changed only by the services."""
    now = timezone.now()
    throttle = LoginThrottle.objects.filter(kind=LoginThrottle.Kind.USERNAME, key=user.get_username()).first()
    lock = throttle.locked_until if throttle else None
    locked_until = lock if lock and lock > now else None
    changed_at = user.password_changed_at
    devices = list(TOTPDevice.objects.filter(user=user).order_by("pk"))
    return {
        "locked_until": locked_until,
        # Failures in a row since the last successful sign-in; a lock that has run out counts afresh.
        "failures": throttle.failures if throttle and (locked_until or not lock) else 0,
        "password_changed_at": changed_at,
        "password_expires_at": changed_at + datetime.timedelta(days=settings.XUNCHAR_PASSWORD_MAX_AGE_DAYS)
        if changed_at else None,
        "password_change_reason": password_change_reason(user),
        "device": next((d for d in devices if d.confirmed), None),
        "enrolment_pending": any(not d.confirmed for d in devices),
        "has_devices": bool(devices),
        "requires_second_factor": requires_second_factor(user),
        "demo_exempt": is_demo_exempt(user),
    }


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
