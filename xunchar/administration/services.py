"""Sessions, accounts and roles: every change an administrator makes, each written to the audit log.

Separation of administrators (三员分立, MLPS 2.0 level 3 §8.1.5): the system administrator keeps the
accounts, the security administrator grants roles, the audit administrator reads the log. No person
holds two administrator roles, and an administrator holds no business role — neither a standing role
nor a seat in an inspection group, nor a unit to be the contact of. `role_grant` refuses it here; a
database trigger (migration 0002) refuses it for any other writer.
"""

import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import logout, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from xunchar.accounts.models import RoleGrant, User
from xunchar.accounts.roles import ADMIN_ROLES, Role
from xunchar.accounts.services import password_set_by_admin
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record, client_address
from xunchar.twofactor.services import otp_reset

from .models import UserSession
from .permissions import can_manage_accounts, can_manage_roles

Event = AuditEvent.Event

# --- Sessions --------------------------------------------------------------------------------------

# Kept in the session itself (as POSIX timestamps), so the check costs no query.
SIGNED_IN_AT = "xunchar_signed_in_at"
LAST_ACTIVITY = "xunchar_last_activity"
LAST_SEEN_WRITTEN = "xunchar_last_seen_written"
# `UserSession.last_seen` is written at most this often: a session row is an index, not a clickstream.
LAST_SEEN_EVERY = 60

TIMEOUT_MESSAGE = "登录已超时，请重新登录。"


class Timeout:
    IDLE = "idle"
    ABSOLUTE = "absolute"


def _idle_limit() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.XUNCHAR_SESSION_IDLE_MINUTES)


def _absolute_limit() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.XUNCHAR_SESSION_MAX_HOURS)


def session_record_sign_in(*, request, user) -> UserSession:
    """Start the session's clocks and index it under its user. Django has already given the session a
    new key (`login()` cycles it), so a key seen before the sign-in is worthless after it."""
    now = timezone.now()
    session = request.session
    if session.session_key is None:
        session.save()
    session[SIGNED_IN_AT] = session[LAST_ACTIVITY] = session[LAST_SEEN_WRITTEN] = now.timestamp()
    # Rows not seen for longer than the idle limit (and the minute `last_seen` may lag) belong to
    # sessions the middleware would refuse anyway.
    dead_before = now - _idle_limit() - datetime.timedelta(seconds=LAST_SEEN_EVERY)
    UserSession.objects.filter(user=user, last_seen__lt=dead_before).delete()
    row, _ = UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "created": now,
            "last_seen": now,
            "address": client_address(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )
    return row


def session_rekey(*, old_key: str, new_key: str) -> None:
    """The session got a new key while signed in (the second factor given, the password changed:
    both cycle it): the index follows, or ending the user's sessions would miss this one."""
    UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def session_forget(*, session_key: str | None) -> None:
    """The session ended (sign-out, timeout): drop its index row."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def session_timeout(*, request) -> str | None:
    """Why the signed-in request's session has run out (`Timeout.IDLE` or `Timeout.ABSOLUTE`), or None
    — and then the request counts as activity."""
    session = request.session
    now = timezone.now().timestamp()
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is None:  # a session from before these clocks existed: they start now
        signed_in = session[SIGNED_IN_AT] = now
    last_activity = session.get(LAST_ACTIVITY, now)
    if now - last_activity > _idle_limit().total_seconds():
        return Timeout.IDLE
    if now - signed_in > _absolute_limit().total_seconds():
        return Timeout.ABSOLUTE
    session[LAST_ACTIVITY] = now
    if now - session.get(LAST_SEEN_WRITTEN, 0) >= LAST_SEEN_EVERY:
        session[LAST_SEEN_WRITTEN] = now
        UserSession.objects.filter(session_key=session.session_key).update(
            last_seen=datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
        )
    return None


def session_end_on_timeout(*, request, reason: str) -> None:
    """Sign the user out: the session is flushed (deleted from the store) and the request goes on
    as anonymous, so the sign-in page is what it gets."""
    if reason == Timeout.IDLE:
        detail = f"空闲超过 {settings.XUNCHAR_SESSION_IDLE_MINUTES} 分钟，登录超时，自动退出"
    else:
        detail = f"登录已满 {settings.XUNCHAR_SESSION_MAX_HOURS} 小时，登录超时，自动退出"
    request.xunchar_logout_reason = detail  # written by the one LOGOUT audit row of the sign-out
    logout(request)  # user_logged_out → session_forget, logout_record


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _end_all_sessions(user) -> int:
    """Delete every session of the user from the session store; the next request is anonymous."""
    store = _session_store()
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store().delete(key)
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def sessions_end(*, actor, user, request=None) -> int:
    """The system administrator signs a user out everywhere, effective at the user's next request."""
    _require(can_manage_accounts(actor), "只有系统管理员可以结束用户的会话。")
    if actor.pk == user.pk:
        raise ValidationError("不能结束自己的会话，请使用“退出登录”。")
    with transaction.atomic():
        ended = _end_all_sessions(user)
        audit_record(event=Event.SESSIONS_ENDED, request=request, actor=actor, obj=user, detail=f"结束会话 {ended} 个")
    return ended


# --- Accounts (system administrator) ------------------------------------------------------------------


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ValidationError(message)


def _describe(value) -> str:
    if value is None or value == "":
        return "（无）"
    if hasattr(value, "unit"):  # a cadre: name and unit tell people of the same name apart
        return f"{value.name}（{value.unit or '无单位'}）"
    return str(value)


def _check_cadre_free(cadre, user=None) -> None:
    if cadre is None:
        return
    linked = User.objects.filter(cadre=cadre).exclude(pk=getattr(user, "pk", None)).first()
    if linked is not None:
        raise ValidationError(f"干部“{cadre.name}”已关联账号 {linked.get_username()}，一名干部只能关联一个账号。")


def _check_administrator_links(user, *, cadre, contact_unit) -> None:
    """An administrator's account carries no business standing: no unit to be the contact of, and no
    cadre who sits in an inspection group (the policy gives group members their group's material)."""
    if not (set(user.role_grants.values_list("role", flat=True)) & ADMIN_ROLES):
        return
    if contact_unit is not None:
        raise ValidationError("管理员账号不能设置联系单位：管理员不得兼任被巡察单位联系人。")
    if cadre is not None and _sits_in_a_group(cadre.pk):
        raise ValidationError(f"干部“{cadre.name}”是巡察组成员，不能关联管理员账号：管理员不得兼任业务角色。")


def _sits_in_a_group(cadre_id) -> bool:
    from groups.models import GroupMembership

    return cadre_id is not None and GroupMembership.objects.filter(cadre_id=cadre_id).exists()


def account_create(*, actor, username: str, full_name: str, password: str, cadre=None, contact_unit=None,
                   request=None) -> User:
    """A new account with an initial password, which its holder must change at the first sign-in."""
    _require(can_manage_accounts(actor), "只有系统管理员可以新建账号。")
    username = username.strip()
    full_name = full_name.strip()
    if not username:
        raise ValidationError("请填写用户名。")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"用户名“{username}”已被使用。")
    _check_cadre_free(cadre)
    user = User(username=username, full_name=full_name, cadre=cadre, contact_unit=contact_unit)
    password_validation.validate_password(password, user=user)
    user.set_password(password)
    with transaction.atomic():
        user.save()
        audit_record(
            event=Event.ACCOUNT_CHANGE, request=request, actor=actor, obj=user,
            detail=f"新建账号：姓名 {_describe(full_name)}；关联干部 {_describe(cadre)}；联系单位 {_describe(contact_unit)}",
        )
    return user


def account_update(*, actor, user, full_name: str, cadre=None, contact_unit=None, request=None) -> User:
    """Name, cadre link and unit contact. Saving without a change does nothing and records nothing."""
    _require(can_manage_accounts(actor), "只有系统管理员可以修改账号。")
    wanted = {"full_name": full_name.strip(), "cadre": cadre, "contact_unit": contact_unit}
    labels = {"full_name": "姓名", "cadre": "关联干部", "contact_unit": "联系单位"}
    changes = [
        (field, getattr(user, field), value) for field, value in wanted.items() if getattr(user, field) != value
    ]
    if not changes:
        return user
    _check_cadre_free(cadre, user)
    _check_administrator_links(user, cadre=cadre, contact_unit=contact_unit)
    with transaction.atomic():
        for field, _old, value in changes:
            setattr(user, field, value)
        user.save(update_fields=[field for field, _old, _new in changes])
        audit_record(
            event=Event.ACCOUNT_CHANGE, request=request, actor=actor, obj=user,
            detail="；".join(f"{labels[field]}：{_describe(old)} → {_describe(new)}" for field, old, new in changes),
        )
    return user


def account_set_active(*, actor, user, active: bool, request=None) -> User:
    """Disable or enable an account. A disabled account's sessions end at once; Django refuses a
    disabled user at the next request anyway (ModelBackend). Repeating it does nothing."""
    _require(can_manage_accounts(actor), "只有系统管理员可以停用或启用账号。")
    if actor.pk == user.pk:
        raise ValidationError("不能停用或启用自己的账号。")
    if user.is_active == active:
        return user
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        if active:
            detail = "启用账号"
        else:
            detail = f"停用账号，结束会话 {_end_all_sessions(user)} 个"
        audit_record(event=Event.ACCOUNT_CHANGE, request=request, actor=actor, obj=user, detail=detail)
    return user


# The system administrator's own credentials are not kept from the account pages: their own password
# through "change password", their own second factor by another system administrator. Otherwise one
# stolen session of theirs could bind the second factor to another phone, or set a password they know.
OWN_CREDENTIALS = "不能在此重置自己的密码或动态口令：修改自己的密码请使用“修改密码”，动态口令须由另一名系统管理员重置。"


def account_password_reset(*, actor, user, new_password: str, request=None) -> int:
    """Set a new initial password (`password_set_by_admin`: checked by the password rules, audited,
    to be changed by its holder at the next sign-in) and end the holder's sessions at once — the
    old password's sessions would be refused at their next request anyway. Returns the number ended."""
    _require(can_manage_accounts(actor), "只有系统管理员可以重置他人的密码。")
    if actor.pk == user.pk:
        raise ValidationError(OWN_CREDENTIALS)
    with transaction.atomic():
        password_set_by_admin(user=user, new_password=new_password, actor=actor, request=request)
        ended = _end_all_sessions(user)
        if ended:
            audit_record(
                event=Event.SESSIONS_ENDED, request=request, actor=actor, obj=user, detail=f"重置密码，结束会话 {ended} 个",
            )
    return ended


def account_second_factor_reset(*, actor, user) -> int:
    """Remove the user's authenticator app (`otp_reset`, audited there): the user binds a new one at
    the next request. Returns the number of devices removed."""
    _require(can_manage_accounts(actor), "只有系统管理员可以重置动态口令。")
    if actor.pk == user.pk:
        raise ValidationError(OWN_CREDENTIALS)
    return otp_reset(user=user, actor=actor)


# --- Roles (security administrator) ---------------------------------------------------------------------


def role_label(role: str) -> str:
    """The role's Chinese name, whatever language the administrator reads: the audit log is in Chinese."""
    with translation.override("zh-hans"):
        return str(Role(role).label)


def _check_separation(user, held: set[str], role: str) -> None:
    if role in ADMIN_ROLES:
        others = held - {role}
        if others:
            names = "、".join(sorted(role_label(r) for r in others))
            raise ValidationError(f"管理员角色不能与其他角色兼任：该账号已有角色“{names}”。")
        if user.contact_unit_id:
            raise ValidationError("该账号设有联系单位（被巡察单位联系人），不能授予管理员角色。")
        if _sits_in_a_group(user.cadre_id):
            raise ValidationError("该账号关联的干部是巡察组成员，不能授予管理员角色。")
    else:
        administrator = held & ADMIN_ROLES
        if administrator:
            raise ValidationError(f"该账号是{role_label(next(iter(administrator)))}，管理员不得兼任业务角色。")


def role_grant(*, actor, user, role: str, request=None) -> bool:
    """Grant a standing role. Returns False, recording nothing, when the user already holds it."""
    _require(can_manage_roles(actor), "只有安全管理员可以授予角色。")
    if role not in Role.values:
        raise ValidationError("请选择要授予的角色。")
    if actor.pk == user.pk:
        raise ValidationError("不能修改自己的角色。")
    with transaction.atomic():
        # One grant at a time per user, so two grants that each pass the separation check cannot both land.
        user = User.objects.select_for_update().get(pk=user.pk)
        held = set(user.role_grants.values_list("role", flat=True))
        if role in held:
            return False
        if not user.is_active:
            raise ValidationError("账号已停用，不能授予角色。")
        _check_separation(user, held, role)
        if role == Role.UNIT_CONTACT and not user.contact_unit_id:
            raise ValidationError("请先由系统管理员为该账号设置联系单位，再授予被巡察单位联系人角色。")
        RoleGrant.objects.create(user=user, role=role)
        audit_record(event=Event.ROLE_CHANGE, request=request, actor=actor, obj=user, detail=f"授予角色：{role_label(role)}")
    return True


def role_revoke(*, actor, user, role: str, request=None) -> bool:
    """Revoke a standing role. Returns False, recording nothing, when the user does not hold it."""
    _require(can_manage_roles(actor), "只有安全管理员可以撤销角色。")
    if actor.pk == user.pk:
        raise ValidationError("不能修改自己的角色。")
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update().filter(user=user, role=role).first()
        if grant is None:
            return False
        grant.delete()  # through the instance, so that its history records the removal
        audit_record(event=Event.ROLE_CHANGE, request=request, actor=actor, obj=user, detail=f"撤销角色：{role_label(role)}")
    return True
