"""Second-factor transitions: enrolling an authenticator app, verifying a code, an administrator's reset.

Codes are checked by django-otp's TOTPDevice: a code is accepted once (`last_t` remembers the
time step of the last one), and failures slow down the next attempts exponentially (throttling).
Every outcome is written to the audit log.
"""

import math
from dataclasses import dataclass

import django_otp
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from xunchar.accounts.roles import Role
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record

DEVICE_NAME = "身份验证器"
WRONG_CODE = "验证码不正确或已经用过，请输入验证器上当前显示的 6 位数字。"


def otp_enrollment_device(*, user) -> TOTPDevice:
    """The user's not yet confirmed device, created on first need. The same key is shown until the
    first code confirms it, so reloading the page does not invalidate a scanned QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class _Outcome:
    verified: bool
    wait_seconds: int = 0  # > 0: refused without checking, the device is throttled


def _check_code(*, device: TOTPDevice, token: str) -> _Outcome:
    """Check one code with the device row locked, so that two requests cannot spend the same code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, info = device.verify_is_allowed()
        if not allowed:
            locked_until = (info or {}).get("locked_until")
            wait = math.ceil((locked_until - timezone.now()).total_seconds()) if locked_until else 1
            return _Outcome(verified=False, wait_seconds=max(wait, 1))
        # verify_token saves last_t on success and the throttling counters on failure.
        return _Outcome(verified=device.verify_token(token))


def _refuse(*, request, device: TOTPDevice, outcome: _Outcome, enrolling: bool):
    what = "绑定验证器" if enrolling else "双因素验证"
    if outcome.wait_seconds:
        audit_record(
            event=AuditEvent.Event.OTP_FAILED,
            request=request,
            result=AuditEvent.Result.REFUSED,
            obj=device,
            detail=f"{what}：错误次数过多，暂停验证",
        )
        raise ValidationError(
            "验证码错误次数过多，请 %(seconds)d 秒后再试。", code="throttled", params={"seconds": outcome.wait_seconds}
        )
    audit_record(
        event=AuditEvent.Event.OTP_FAILED,
        request=request,
        result=AuditEvent.Result.FAILED,
        obj=device,
        detail=f"{what}：验证码不正确或已使用",
    )
    raise ValidationError(WRONG_CODE, code="wrong")


def _mark_session_verified(request, device: TOTPDevice) -> None:
    # A change of privilege: a new session key, so a key seen before verification is worth nothing.
    request.session.cycle_key()
    django_otp.login(request, device)


def otp_enroll(*, request, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm a new device with its first code; the session counts as verified from then on."""
    user = request.user
    if device.user_id != user.pk:
        raise PermissionDenied
    if device.confirmed:
        raise ValidationError("该验证器已经绑定。", code="confirmed")
    outcome = _check_code(device=device, token=token)
    if not outcome.verified:
        _refuse(request=request, device=device, outcome=outcome, enrolling=True)
    with transaction.atomic():
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Any other half-finished enrolment (another tab, another key) is void now.
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        audit_record(event=AuditEvent.Event.OTP_ENROLLED, request=request, obj=device, detail="绑定身份验证器")
    _mark_session_verified(request, device)
    return device


def otp_verify(*, request, device: TOTPDevice, token: str) -> TOTPDevice:
    """Complete a sign-in with a code from the user's confirmed device."""
    if device.user_id != request.user.pk or not device.confirmed:
        raise PermissionDenied
    outcome = _check_code(device=device, token=token)
    if not outcome.verified:
        _refuse(request=request, device=device, outcome=outcome, enrolling=False)
    audit_record(event=AuditEvent.Event.OTP_OK, request=request, obj=device, detail="双因素验证通过")
    _mark_session_verified(request, device)
    return device


@transaction.atomic
def otp_reset(*, user, actor) -> int:
    """A system administrator removes a user's second factor (a lost phone): at the next sign-in the
    user binds a new authenticator app. Sessions verified with the old device lose that status at
    their next request. Returns the number of devices removed; repeating it changes nothing."""
    if not (actor.is_active and actor.has_role(Role.SYSTEM_ADMIN)):
        raise PermissionDenied
    _, per_model = TOTPDevice.objects.filter(user=user).delete()
    removed = per_model.get(TOTPDevice._meta.label, 0)
    if removed:
        audit_record(
            event=AuditEvent.Event.OTP_RESET,
            actor=actor,
            obj=user,
            detail=f"重置 {user.get_username()} 的双因素认证，删除 {removed} 个验证器",
        )
    return removed
