"""The code page and the gate in front of every other page (xunchar.twofactor.views.verify, middleware)."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from xunchar.audit.models import AuditEvent

from .conftest import code_for, wrong_code

pytestmark = pytest.mark.django_db

OTP = "/accounts/otp/"
HOME = "/"


def _enroll(client, user):
    client.force_login(user)
    client.get(OTP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(OTP, {"token": code_for(device), "next": HOME})
    assert response.status_code == 302
    return TOTPDevice.objects.get(pk=device.pk)


def test_a_required_user_is_sent_to_enrolment_then_reaches_home(client, county, clock):
    client.force_login(county.office)

    response = client.get(reverse("rounds:list"))
    assert response.status_code == 302
    assert response["Location"] == f"{OTP}?next=%2Frounds%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.templates[0].name == "twofactor/enroll.html"
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=county.office, confirmed=False)
    html = page.content.decode()
    assert "<svg" in html
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")

    response = client.post(OTP, {"token": code_for(device), "next": "/rounds/"})
    assert response.status_code == 302
    assert response["Location"] == "/rounds/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(event=AuditEvent.Event.OTP_ENROLLED, actor=county.office).count() == 1


def test_reloading_the_enrolment_page_keeps_the_same_key(client, county):
    client.force_login(county.office)
    first = client.get(OTP).context["secret"]
    assert client.get(OTP).context["secret"] == first
    assert TOTPDevice.objects.filter(user=county.office).count() == 1


def test_the_qr_code_is_inline_svg_and_loads_nothing_from_outside(client, county):
    client.force_login(county.director)
    html = client.get(OTP).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<path" in svg
    assert not re.search(r"(?:src|href)\s*=|url\(|<script|<image|<use|style\s*=", svg, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)


def test_a_second_sign_in_asks_for_a_code(client, county, clock):
    device = _enroll(client, county.office)
    client.logout()
    client.force_login(county.office)

    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(OTP)
    page = client.get(OTP)
    assert page.templates[0].name == "twofactor/verify.html"
    assert "<svg" not in page.content.decode()
    assert "secret" not in page.context

    clock.advance(30)
    response = client.post(OTP, {"token": code_for(device), "next": "/deadlines/"})
    assert response.status_code == 302
    assert response["Location"] == "/deadlines/"
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(event=AuditEvent.Event.OTP_OK, actor=county.office).count() == 1


def test_a_wrong_code_is_refused_in_chinese_and_audited(client, county, clock):
    device = _enroll(client, county.office)
    client.logout()
    client.force_login(county.office)
    clock.advance(30)

    response = client.post(OTP, {"token": wrong_code(device)})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert client.get(HOME).status_code == 302
    failure = AuditEvent.objects.get(event=AuditEvent.Event.OTP_FAILED)
    assert (failure.actor, failure.result) == (county.office, AuditEvent.Result.FAILED)


def test_a_code_used_once_is_refused_the_second_time(client, county, clock):
    device = _enroll(client, county.office)
    used = code_for(device)  # the enrolment spent this time step's code
    client.logout()
    client.force_login(county.office)

    response = client.post(OTP, {"token": used})
    assert response.status_code == 200
    assert "已经用过" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_the_code_must_be_six_digits(client, county):
    client.force_login(county.office)
    response = client.post(OTP, {"token": "12ab"})
    assert response.status_code == 200
    assert "6 位数字" in response.content.decode()
    assert not AuditEvent.objects.filter(event=AuditEvent.Event.OTP_FAILED).exists()


def test_member1_is_not_asked(client, county):
    client.force_login(county.member1)
    assert client.get(HOME).status_code == 200
    response = client.get(OTP)
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert not TOTPDevice.objects.filter(user=county.member1).exists()


def test_a_verified_user_opening_the_code_page_goes_on(client, county, clock):
    _enroll(client, county.office)
    response = client.get(OTP, {"next": "/rounds/"})
    assert response.status_code == 302
    assert response["Location"] == "/rounds/"


def test_next_may_not_lead_to_another_site(client, county, clock):
    client.force_login(county.office)
    client.get(OTP)
    device = TOTPDevice.objects.get(user=county.office)
    response = client.post(OTP, {"token": code_for(device), "next": "https://evil.example.com/"})
    assert response["Location"] == HOME


def test_signing_out_is_possible_before_the_code(client, county):
    client.force_login(county.office)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_an_htmx_request_is_told_to_load_the_code_page(client, county):
    client.force_login(county.office)
    response = client.get(reverse("registry:unit_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == OTP


def test_a_form_post_is_not_carried_over(client, county):
    client.force_login(county.office)
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert response["Location"] == OTP


@override_settings(DEMO=True, DEBUG=True)
def test_in_demo_mode_the_demo_accounts_sign_in_with_the_password_alone(client, county):
    client.force_login(county.office)
    assert client.get(HOME).status_code == 200
    assert client.get(OTP)["Location"] == HOME


@override_settings(DEMO=True, DEBUG=False)
def test_without_debug_the_demo_accounts_need_the_code(client, county):
    client.force_login(county.office)
    assert client.get(HOME)["Location"].startswith(OTP)
