"""Second-factor services: codes spent once, failures throttled, an administrator's reset."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from xunchar.accounts.roles import Role
from xunchar.audit.models import AuditEvent
from xunchar.twofactor import services

from .conftest import code_for, wrong_code

pytestmark = pytest.mark.django_db


def _request(user):
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().post("/accounts/otp/")
    request.user = user
    request.session = SessionStore()
    return request


@pytest.fixture
def office_device(county, clock):
    device = services.otp_enrollment_device(user=county.office)
    services.otp_enroll(request=_request(county.office), device=device, token=code_for(device))
    device.refresh_from_db()
    clock.advance(30)
    return device


def test_enrolment_confirms_the_device_and_marks_the_session(county, clock):
    device = services.otp_enrollment_device(user=county.office)
    assert services.otp_enrollment_device(user=county.office) == device
    request = _request(county.office)
    services.otp_enroll(request=request, device=device, token=code_for(device))
    device.refresh_from_db()
    assert device.confirmed
    assert request.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert device.last_t == clock.now // 30


def test_a_code_is_accepted_once(county, clock, office_device):
    code = code_for(office_device)
    services.otp_verify(request=_request(county.office), device=office_device, token=code)
    with pytest.raises(ValidationError) as refused:
        services.otp_verify(request=_request(county.office), device=office_device, token=code)
    assert "已经用过" in refused.value.messages[0]
    office_device.refresh_from_db()
    assert office_device.last_t == clock.now // 30
    assert AuditEvent.objects.filter(event=AuditEvent.Event.OTP_FAILED, result=AuditEvent.Result.FAILED).count() == 1


def test_failures_are_throttled_and_audited(county, clock, office_device):
    request = _request(county.office)
    with pytest.raises(ValidationError):
        services.otp_verify(request=request, device=office_device, token=wrong_code(office_device))
    # At once, even the right code is not checked: the device waits after each failure.
    with pytest.raises(ValidationError) as refused:
        services.otp_verify(request=request, device=office_device, token=code_for(office_device))
    assert "错误次数过多" in refused.value.messages[0]
    assert DEVICE_ID_SESSION_KEY not in request.session
    office_device.refresh_from_db()
    assert office_device.throttling_failure_count == 1
    assert list(
        AuditEvent.objects.filter(event=AuditEvent.Event.OTP_FAILED).order_by("id").values_list("result", flat=True)
    ) == [AuditEvent.Result.FAILED, AuditEvent.Result.REFUSED]

    # After the wait the right code passes and the count starts again.
    TOTPDevice.objects.filter(pk=office_device.pk).update(
        throttling_failure_timestamp=office_device.throttling_failure_timestamp - datetime.timedelta(seconds=5)
    )
    services.otp_verify(request=request, device=office_device, token=code_for(office_device))
    office_device.refresh_from_db()
    assert office_device.throttling_failure_count == 0
    assert AuditEvent.objects.filter(event=AuditEvent.Event.OTP_OK, actor=county.office).exists()


def test_another_users_device_is_refused(county, clock, office_device):
    with pytest.raises(PermissionDenied):
        services.otp_verify(request=_request(county.director), device=office_device, token=code_for(office_device))


def test_a_system_administrator_resets_a_second_factor(county, office_device):
    admin = UserFactory(username="zhaoliu", roles=[Role.SYSTEM_ADMIN])
    assert services.otp_reset(user=county.office, actor=admin) == 1
    assert not TOTPDevice.objects.filter(user=county.office).exists()
    event = AuditEvent.objects.get(event=AuditEvent.Event.OTP_RESET)
    assert (event.actor, event.object_id) == (admin, str(county.office.pk))
    # Repeating it changes nothing and writes nothing.
    assert services.otp_reset(user=county.office, actor=admin) == 0
    assert AuditEvent.objects.filter(event=AuditEvent.Event.OTP_RESET).count() == 1


@pytest.mark.parametrize("role", [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.OFFICE_DIRECTOR])
def test_only_a_system_administrator_may_reset(county, office_device, role):
    with pytest.raises(PermissionDenied):
        services.otp_reset(user=county.office, actor=UserFactory(username=f"li_{role}", roles=[role]))
    assert TOTPDevice.objects.filter(user=county.office).exists()


def test_after_a_reset_the_session_is_no_longer_verified(client, county, clock):
    client.force_login(county.office)
    client.get("/accounts/otp/")
    device = TOTPDevice.objects.get(user=county.office)
    client.post("/accounts/otp/", {"token": code_for(device)})
    assert client.get("/").status_code == 200

    services.otp_reset(user=county.office, actor=UserFactory(username="zhaoliu", roles=[Role.SYSTEM_ADMIN]))
    response = client.get("/")
    assert response.status_code == 302
    assert client.get(response["Location"]).templates[0].name == "twofactor/enroll.html"
