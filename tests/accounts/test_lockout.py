"""Five failed sign-ins lock a username for 30 minutes; twenty lock an address; a success starts afresh."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory
from xunchar.accounts.models import LoginThrottle
from xunchar.accounts.roles import Role
from xunchar.accounts.services import account_unlock, login_failure_record
from xunchar.audit.models import AuditEvent

from .helpers import T0, frozen_at, sign_in, signed_in

pytestmark = pytest.mark.django_db

LOCKED = "该账号因连续5次登录失败已被锁定，请于30分钟后再试或联系系统管理员。"
WRONG = "用户名或密码不正确"


@pytest.fixture
def wangfang():
    return UserFactory(username="wangfang")


def fail(client, username, times, address="127.0.0.1"):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address=address)
    return response


def test_five_failures_lock_and_the_right_password_is_refused(client, wangfang):
    with frozen_at(T0):
        assert WRONG in fail(client, "wangfang", 4).content.decode()
        fifth = fail(client, "wangfang", 1)
        assert LOCKED in fifth.content.decode()
        sixth = sign_in(client, "wangfang")
    assert sixth.status_code == 200
    assert LOCKED in sixth.content.decode()
    assert not signed_in(client)


def test_after_30_minutes_the_right_password_signs_in(client, wangfang):
    with frozen_at(T0):
        fail(client, "wangfang", 5)
    with frozen_at(T0 + datetime.timedelta(minutes=29, seconds=59)):
        assert LOCKED.replace("30分钟", "1分钟") in sign_in(client, "wangfang").content.decode()
    with frozen_at(T0 + datetime.timedelta(minutes=30)):
        response = sign_in(client, "wangfang")
        assert response.status_code == 302
        assert response["Location"] == reverse("core:home")
        assert signed_in(client)
    assert not LoginThrottle.objects.filter(key="wangfang").exists()


def test_attempts_while_locked_do_not_lengthen_the_lock(client, wangfang):
    with frozen_at(T0):
        fail(client, "wangfang", 5)
    with frozen_at(T0 + datetime.timedelta(minutes=20)):
        fail(client, "wangfang", 3)
    with frozen_at(T0 + datetime.timedelta(minutes=30)):
        assert sign_in(client, "wangfang").status_code == 302


def test_a_success_clears_the_count(client, wangfang):
    fail(client, "wangfang", 4)
    assert sign_in(client, "wangfang").status_code == 302
    client.logout()
    fail(client, "wangfang", 4)
    assert sign_in(client, "wangfang").status_code == 302


def test_the_lock_is_per_username(client, wangfang):
    colleague = UserFactory(username="lihua")
    fail(client, "wangfang", 5)
    response = sign_in(client, "lihua")  # same address
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_an_unknown_username_locks_the_same_way(client):
    """So that the message does not tell which usernames exist."""
    assert LOCKED in fail(client, "nobody", 5).content.decode()


def test_twenty_failures_from_one_address_lock_the_address(client, wangfang):
    with frozen_at(T0):
        for n in range(20):
            sign_in(client, f"guess{n}", "Spring#2026!", address="10.0.0.9")
        refused = sign_in(client, "wangfang", address="10.0.0.9")
        assert "本机登录失败次数过多" in refused.content.decode()
        assert not signed_in(client)
        assert sign_in(client, "wangfang", address="10.0.0.10").status_code == 302
    lockouts = AuditEvent.objects.filter(event=AuditEvent.Event.LOCKOUT)
    assert [(row.object_type, row.object_id) for row in lockouts] == [("address", "10.0.0.9")]


def test_address_failures_far_apart_do_not_add_up(client, wangfang):
    for n in range(19):
        with frozen_at(T0 + datetime.timedelta(minutes=31 * n)):
            sign_in(client, f"guess{n}", "Spring#2026!", address="10.0.0.9")
            sign_in(client, f"guess{n}", "Spring#2026!", address="10.0.0.9")
    with frozen_at(T0 + datetime.timedelta(minutes=31 * 19)):
        assert sign_in(client, "wangfang", address="10.0.0.9").status_code == 302


def test_a_lock_starts_once_however_many_attempts_race_past_the_check(wangfang):
    """Attempts that passed the lock check before the lock started are counted but start nothing."""
    for _ in range(8):
        login_failure_record(username="wangfang")
    assert AuditEvent.objects.filter(event=AuditEvent.Event.LOCKOUT).count() == 1
    assert LoginThrottle.objects.get(kind="username", key="wangfang").failures == 5


def test_a_system_administrator_unlocks(client, wangfang):
    sysadmin = UserFactory(username="sysadmin", roles=[Role.SYSTEM_ADMIN])
    fail(client, "wangfang", 5)
    assert account_unlock(user=wangfang, actor=sysadmin) is True
    assert account_unlock(user=wangfang, actor=sysadmin) is False  # nothing left to unlock
    assert sign_in(client, "wangfang").status_code == 302
    entry = AuditEvent.objects.get(event=AuditEvent.Event.ACCOUNT_CHANGE)
    assert (entry.actor, entry.object_id) == (sysadmin, str(wangfang.pk))


@pytest.mark.parametrize("role", [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.OFFICE_DIRECTOR])
def test_nobody_else_unlocks(client, wangfang, role):
    fail(client, "wangfang", 5)
    with pytest.raises(ValidationError, match="只有系统管理员"):
        account_unlock(user=wangfang, actor=UserFactory(roles=[role]))
    assert LOCKED in sign_in(client, "wangfang").content.decode()
