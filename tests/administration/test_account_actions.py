"""The system administrator's actions on someone's sign-in: lifting a lock, setting a new initial
password, removing a lost authenticator app. Each is audited by its service; nobody else may do any
of them, and a refusal or bad input changes nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEMO_PASSWORD, UserFactory
from xunchar.accounts.models import LoginThrottle
from xunchar.accounts.roles import Role
from xunchar.accounts.services import login_failure_record
from xunchar.administration.models import UserSession
from xunchar.audit.models import AuditEvent

from .conftest import START

pytestmark = pytest.mark.django_db

Event = AuditEvent.Event
NEW = "Xuncha#Reset2026"
ACTIONS = ("account_unlock", "account_password_reset", "account_otp_reset")
# What the actions write; a refused one writes none of these (its 403 is audited as PERMISSION_DENIED).
ACTION_EVENTS = [Event.ACCOUNT_CHANGE, Event.PASSWORD_CHANGED, Event.OTP_RESET, Event.SESSIONS_ENDED]


@pytest.fixture
def sysadmin(client, county, clock):
    client.force_login(county.sysadmin)
    return client


@pytest.fixture
def wangfang(county, clock):
    """Office staff, not a demo account (so nothing spares her the rules): signed in once, then locked
    out by five wrong passwords, with an authenticator app bound."""
    user = UserFactory(username="wangfang", full_name="王芳", roles=[Role.OFFICE_STAFF], password_changed_at=START)
    Client().force_login(user)
    TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)
    for _ in range(5):
        login_failure_record(username="wangfang")
    return user


def url(name, user):
    return reverse(f"administration:{name}", args=[user.pk])


def page(client, user) -> str:
    return client.get(url("account_detail", user)).content.decode()


def recorded(*events):
    return AuditEvent.objects.filter(event__in=events or ACTION_EVENTS)


def locked(user) -> bool:
    return LoginThrottle.objects.filter(kind="username", key=user.username, locked_until__gt=START).exists()


def snapshot(user):
    user.refresh_from_db()
    return (
        user.password, user.password_changed_at, locked(user),
        TOTPDevice.objects.filter(user=user).count(), UserSession.objects.filter(user=user).count(),
    )


# --- What the page shows ----------------------------------------------------------------------------


def test_the_page_shows_lock_password_second_factor_and_sessions(sysadmin, wangfang):
    text = page(sysadmin, wangfang)
    assert "已锁定" in text and "2026年11月30日 09:30:00（UTC+08:00）" in text  # locked for 30 minutes
    assert "连续 5 次登录失败" in text
    assert reverse("administration:account_unlock", args=[wangfang.pk]) in text
    # changed today by her, so it expires in 90 days
    assert "2026年11月30日 09:00:00（UTC+08:00）" in text and "2027年2月28日 09:00:00（UTC+08:00）" in text
    assert "已绑定身份验证器" in text and "本账号须使用" in text
    assert url("account_password_reset", wangfang) in text and url("account_otp_reset", wangfang) in text
    response = sysadmin.get(url("account_detail", wangfang))
    assert len(response.context["sessions"]) == 1


def test_the_page_says_when_the_password_must_be_changed(sysadmin, county, clock):
    first = UserFactory(username="zhangsan", password_changed_at=None)
    assert "下次登录时须修改" in page(sysadmin, first)
    old = UserFactory(username="lisi", password_changed_at=START - datetime.timedelta(days=90))
    assert "已过期" in page(sysadmin, old)
    text = page(sysadmin, county.member1)  # no device, needs none, not locked
    assert "未绑定身份验证器" in text and "本账号无须使用" in text and "未锁定" in text


# --- Lifting a lock ---------------------------------------------------------------------------------


def test_lifting_a_lock(sysadmin, county, wangfang):
    response = sysadmin.post(url("account_unlock", wangfang), follow=True)
    assert "已解除该账号的登录锁定" in response.content.decode()
    assert not LoginThrottle.objects.filter(kind="username", key="wangfang").exists()
    entry = recorded().get()
    assert (entry.event, entry.actor, entry.object_id, entry.detail) == (
        Event.ACCOUNT_CHANGE, county.sysadmin, str(wangfang.pk), "解除登录失败锁定"
    )
    assert entry.address == "127.0.0.1"
    assert "未锁定" in page(sysadmin, wangfang)
    # Nothing left to lift: said so, and nothing recorded.
    response = sysadmin.post(url("account_unlock", wangfang), follow=True)
    assert "该账号当前没有被锁定" in response.content.decode()
    assert recorded().count() == 1


def test_unlocking_is_a_post(sysadmin, wangfang):
    assert sysadmin.get(url("account_unlock", wangfang)).status_code == 405
    assert locked(wangfang)


# --- Resetting the password -------------------------------------------------------------------------


def reset(client, user, password1=NEW, password2=NEW):
    return client.post(url("account_password_reset", user), {"password1": password1, "password2": password2})


def test_the_password_form_says_what_follows_and_lists_the_rules(sysadmin, wangfang):
    text = sysadmin.get(url("account_password_reset", wangfang)).content.decode()
    assert "下次登录时" in text and "审计日志" in text
    assert "12" in text  # the length rule, as the validators word it
    assert 'type="password"' in text


def test_resetting_the_password(sysadmin, county, wangfang, clock):
    holder = Client()
    holder.force_login(wangfang)
    assert UserSession.objects.filter(user=wangfang).count() == 2
    response = reset(sysadmin, wangfang)
    assert response.status_code == 302 and response["Location"] == url("account_detail", wangfang)
    wangfang.refresh_from_db()
    assert wangfang.check_password(NEW)
    assert wangfang.password_changed_at is None  # to be changed at the next sign-in
    password, ended = recorded(Event.PASSWORD_CHANGED).get(), recorded(Event.SESSIONS_ENDED).get()
    assert (password.actor, password.object_id, password.address) == (county.sysadmin, str(wangfang.pk), "127.0.0.1")
    assert password.detail == "由系统管理员重置，本人下次登录时须修改密码"
    assert (ended.actor, ended.detail) == (county.sysadmin, "重置密码，结束会话 2 个")
    # Her sessions are over; the new password signs her in, straight to changing it.
    assert not UserSession.objects.filter(user=wangfang).exists()
    assert holder.get("/")["Location"].startswith(reverse("login"))
    text = page(sysadmin, wangfang)
    assert "下次登录时须修改" in text and "尚未由本人修改" in text
    assert NEW not in text


def test_the_holder_must_change_the_new_password_at_sign_in(sysadmin, county, clock):
    """Through the sign-in page: the new password lets its holder in, but only to change it."""
    holder = UserFactory(username="zhaoqiang")
    reset(sysadmin, holder)
    browser = Client()
    assert browser.post(reverse("login"), {"username": "zhaoqiang", "password": NEW}).status_code == 302
    assert browser.get("/")["Location"].startswith(reverse("accounts:password_change"))


@pytest.mark.parametrize(("password1", "password2", "message"), [
    (NEW, "Xuncha#Other2026", "两次填写的密码不一致。"),
    ("Short#1a", "Short#1a", "此密码太短，至少要包含 12 个字符。"),
    ("abcdefghijkl", "abcdefghijkl", "密码至少需要包含大写字母、小写字母、数字、符号中的三类。"),
    ("wangfang#2026A", "wangfang#2026A", "密码跟 用户名 太相似了。"),
    ("", "", "请填写新的初始密码。"),
])
def test_bad_passwords_are_refused_in_chinese_and_change_nothing(sysadmin, wangfang, password1, password2, message):
    before = snapshot(wangfang)
    response = reset(sysadmin, wangfang, password1, password2)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot(wangfang) == before
    assert wangfang.check_password(DEMO_PASSWORD)
    assert not recorded().exists()


# --- Resetting the second factor ---------------------------------------------------------------------


def test_resetting_the_second_factor_asks_first(sysadmin, wangfang):
    text = sysadmin.get(url("account_otp_reset", wangfang)).content.decode()
    assert "已绑定身份验证器" in text and "本账号须使用" in text
    assert "<form method=\"post\">" in text
    assert TOTPDevice.objects.filter(user=wangfang).count() == 1  # looking changed nothing
    assert not recorded().exists()


def test_resetting_the_second_factor(sysadmin, county, wangfang):
    response = sysadmin.post(url("account_otp_reset", wangfang), follow=True)
    assert "已重置 wangfang 的动态口令（删除验证器 1 个）" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=wangfang).exists()
    entry = recorded().get()
    assert (entry.event, entry.actor, entry.object_id) == (Event.OTP_RESET, county.sysadmin, str(wangfang.pk))
    assert "未绑定身份验证器" in page(sysadmin, wangfang)
    # Nothing left to reset: said so, and nothing recorded.
    response = sysadmin.post(url("account_otp_reset", wangfang), follow=True)
    assert "该账号没有绑定身份验证器" in response.content.decode()
    assert recorded().count() == 1
    assert "没有可重置的验证器" in sysadmin.get(url("account_otp_reset", wangfang)).content.decode()


# --- Nobody else, and not on oneself ----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secadmin", "auditor", "office", "member1"])
@pytest.mark.parametrize("action", ACTIONS)
def test_nobody_else_may(client, county, clock, wangfang, persona, action):
    client.force_login(county.users[persona])
    before = snapshot(wangfang)
    assert client.get(url(action, wangfang)).status_code in (403, 404, 405)
    assert client.post(url(action, wangfang), {"password1": NEW, "password2": NEW}).status_code in (403, 404)
    assert snapshot(wangfang) == before
    assert not recorded().exists()
    assert AuditEvent.objects.filter(event=Event.PERMISSION_DENIED, actor=county.users[persona]).exists()


def test_the_system_administrator_does_not_reset_their_own_credentials(sysadmin, county, clock):
    TOTPDevice.objects.create(user=county.sysadmin, name="身份验证器", confirmed=True)
    before = snapshot(county.sysadmin)
    assert "只能由另一名系统管理员重置" in reset(sysadmin, county.sysadmin).content.decode()
    response = sysadmin.post(url("account_otp_reset", county.sysadmin), follow=True)
    assert "不能在此重置自己的密码或动态口令" in response.content.decode()
    assert snapshot(county.sysadmin) == before
    assert not recorded().exists()
    text = page(sysadmin, county.sysadmin)
    assert url("account_password_reset", county.sysadmin) not in text
