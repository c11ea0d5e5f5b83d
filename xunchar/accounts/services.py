"""Sign-in, lockout and password changes. Every success and failure is written to the audit log.

The signal receivers in `signals.py` and the sign-in form only call these functions.
"""

import datetime

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record, client_address

from .models import LoginThrottle, User
from .roles import Role

Event = AuditEvent.Event
Result = AuditEvent.Result


# --- Demo mode -------------------------------------------------------------------------------------


def is_demo_exempt(user) -> bool:
    """A demo account while the demo runs (DEBUG and DEMO both on): spared the forced password change
    (and, later, the second factor), so anyone can try the demo with the published password."""
    if not (settings.DEBUG and settings.DEMO):
        return False
    from xunchar.core.demo import DEMO_ACCOUNTS  # the demo pulls in every phase app: import late

    return user.get_username() in DEMO_ACCOUNTS


# --- Password age ----------------------------------------------------------------------------------


class PasswordChangeReason:
    FIRST = "first"
    EXPIRED = "expired"


def password_change_reason(user) -> str | None:
    """Why this user must change the password before anything else, or None."""
    if is_demo_exempt(user):
        return None
    if user.password_changed_at is None:
        return PasswordChangeReason.FIRST
    max_age = datetime.timedelta(days=settings.XUNCHAR_PASSWORD_MAX_AGE_DAYS)
    if timezone.now() - user.password_changed_at >= max_age:
        return PasswordChangeReason.EXPIRED
    return None


def password_must_change(user) -> bool:
    return password_change_reason(user) is not None


def password_change(*, user: User, new_password: str, request=None) -> None:
    """The holder sets a new password: it counts from now for XUNCHAR_PASSWORD_MAX_AGE_DAYS."""
    password_validation.validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        audit_record(event=Event.PASSWORD_CHANGED, request=request, actor=user, obj=user)


def password_set_by_admin(*, user: User, new_password: str, actor: User, request=None) -> None:
    """A system administrator sets someone's password. The administrator knows it, so its holder must
    change it at the next sign-in."""
    if not actor.has_role(Role.SYSTEM_ADMIN):
        raise ValidationError("只有系统管理员可以重置他人的密码。")
    password_validation.validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.password_changed_at = None
        user.save(update_fields=["password", "password_changed_at"])
        audit_record(
            event=Event.PASSWORD_CHANGED, request=request, actor=actor, obj=user,
            detail="由系统管理员重置，本人下次登录时须修改密码",
        )


# --- Sign-in and lockout ---------------------------------------------------------------------------


def _lock_period() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.XUNCHAR_LOCKOUT_MINUTES)


def _count_failure(*, kind: str, key: str, limit: int, now: datetime.datetime) -> tuple[int, bool]:
    """Add one failure for the key under a row lock; return the count and whether a lock starts now."""
    with transaction.atomic():
        throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(kind=kind, key=key)
        if throttle.locked_until is not None:
            if throttle.locked_until > now:
                # A concurrent attempt got past the lock check before this lock started: the lock
                # already holds, and attempts made while it holds do not lengthen it.
                return throttle.failures, False
            throttle.failures, throttle.locked_until = 0, None  # the lock has run out: count afresh
        if (
            kind == LoginThrottle.Kind.ADDRESS
            and throttle.last_failure_at is not None
            and now - throttle.last_failure_at > _lock_period()
        ):
            # An address counts failures close together only: many people may sign in from behind
            # one address (an office's gateway), and nobody signs in successfully "for" an address.
            throttle.failures = 0
        throttle.failures += 1
        throttle.last_failure_at = now
        starts = throttle.failures >= limit
        if starts:
            throttle.locked_until = now + _lock_period()
        throttle.save(update_fields=["failures", "last_failure_at", "locked_until"])
        return throttle.failures, starts


def login_failure_record(*, username: str, request=None) -> None:
    """A wrong password (or an unknown or inactive user): count it for the username as typed and
    for the address, audit it, and audit a lock that starts with it.

    The username is locked after XUNCHAR_LOCKOUT_ATTEMPTS failures in a row. The address is locked
    as well after XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS failures within XUNCHAR_LOCKOUT_MINUTES across
    usernames, so that one machine cannot try one password on every account (password spraying)
    while staying under each account's own limit.
    """
    now = timezone.now()
    address = client_address(request)
    with transaction.atomic():
        failures, username_locked = _count_failure(
            kind=LoginThrottle.Kind.USERNAME, key=username[:150], limit=settings.XUNCHAR_LOCKOUT_ATTEMPTS, now=now
        )
        address_locked = False
        if address:
            _, address_locked = _count_failure(
                kind=LoginThrottle.Kind.ADDRESS, key=address, limit=settings.XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS,
                now=now,
            )
        audit_record(
            event=Event.LOGIN_FAILED, request=request, actor=None, username=username, result=Result.FAILED,
            detail=f"连续第{failures}次登录失败",
        )
        minutes = settings.XUNCHAR_LOCKOUT_MINUTES
        if username_locked:
            account = User.objects.filter(username=username).first()
            audit_record(
                event=Event.LOCKOUT, request=request, actor=None, username=username, result=Result.REFUSED,
                obj=account, detail=f"连续{failures}次登录失败，账号锁定{minutes}分钟",
            )
        if address_locked:
            audit_record(
                event=Event.LOCKOUT, request=request, actor=None, username=username, result=Result.REFUSED,
                object_type="address", object_id=address, object_repr=address,
                detail=f"本地址{minutes}分钟内登录失败{settings.XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS}次，暂停从本地址登录{minutes}分钟",
            )


def login_refusal_record(*, username: str, request=None) -> None:
    """An attempt while the username or the address is locked: refused before the password is
    checked, audited, and not counted (it neither lengthens the lock nor starts a new one)."""
    audit_record(
        event=Event.LOGIN_FAILED, request=request, actor=None, username=username, result=Result.REFUSED,
        detail="账号或地址已锁定，拒绝登录",
    )


def login_success_record(*, user: User, request=None) -> None:
    """A successful sign-in: audit it and forget the username's failures."""
    not_locked = Q(locked_until__isnull=True) | Q(locked_until__lte=timezone.now())
    with transaction.atomic():
        LoginThrottle.objects.filter(not_locked, kind=LoginThrottle.Kind.USERNAME, key=user.get_username()).delete()
        audit_record(event=Event.LOGIN_OK, request=request, actor=user)


def logout_record(*, user: User | None, request=None) -> None:
    if user is None:  # signing out without a session: nothing happened
        return
    reason = getattr(request, "xunchar_logout_reason", "") if request is not None else ""
    audit_record(event=Event.LOGOUT, request=request, actor=user, detail=reason)


def account_unlock(*, user: User, actor: User, request=None) -> bool:
    """A system administrator lifts the lock on an account (and forgets its failures).
    Returns False, and records nothing, when the account was not locked."""
    if not actor.has_role(Role.SYSTEM_ADMIN):
        raise ValidationError("只有系统管理员可以解除账号锁定。")
    with transaction.atomic():
        deleted, _ = LoginThrottle.objects.filter(
            kind=LoginThrottle.Kind.USERNAME, key=user.get_username(), locked_until__gt=timezone.now()
        ).delete()
        if not deleted:
            return False
        audit_record(
            event=Event.ACCOUNT_CHANGE, request=request, actor=actor, obj=user, detail="解除登录失败锁定",
        )
    return True
