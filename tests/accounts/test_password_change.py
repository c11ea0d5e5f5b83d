"""The password is changed at the first sign-in and every 90 days; nothing else opens until it is."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory
from xunchar.accounts.services import password_change
from xunchar.audit.models import AuditEvent

from .helpers import STRONG_PASSWORD, T0, frozen_at

pytestmark = pytest.mark.django_db

CHANGE_URL = "/accounts/password/"
PAGES = ["core:home", "rounds:list", "deadlines:list", "notifications:list", "workdays:overview"]


@pytest.fixture
def newcomer(client):
    """An account an administrator has just made: its holder has never chosen the password."""
    user = UserFactory(username="wangfang", password_changed_at=None)
    client.force_login(user)
    return user


def change(client, old=DEMO_PASSWORD, new=STRONG_PASSWORD, confirm=None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": confirm or new},
    )


@pytest.mark.parametrize("name", PAGES)
def test_first_sign_in_sends_every_page_to_the_change_page(client, newcomer, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == CHANGE_URL


def test_the_change_page_says_why(client, newcomer):
    response = client.get(CHANGE_URL)
    assert response.status_code == 200
    assert "首次登录" in response.content.decode()


def test_signing_out_is_still_possible(client, newcomer):
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_static_files_are_not_held_back(client, newcomer):
    response = client.get("/static/css/app.css")
    assert response.status_code in (200, 404)  # served (or not collected), never sent to the change page


def test_htmx_is_told_to_load_the_change_page(client, newcomer):
    response = client.get(reverse("core:home"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == CHANGE_URL


def test_after_changing_the_home_page_opens(client, newcomer):
    response = change(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    newcomer.refresh_from_db()
    assert newcomer.password_changed_at is not None
    assert newcomer.check_password(STRONG_PASSWORD)
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("core:home")).status_code == 200  # still signed in


def test_the_change_is_audited(client, newcomer):
    change(client)
    entry = AuditEvent.objects.get(event=AuditEvent.Event.PASSWORD_CHANGED)
    assert entry.actor == newcomer
    assert entry.username == "wangfang"
    assert entry.result == AuditEvent.Result.OK
    assert entry.address == "127.0.0.1"


def test_a_weak_new_password_is_refused_in_chinese(client, newcomer):
    response = change(client, new="abcdefgh1234")
    assert response.status_code == 200
    assert "密码至少需要包含大写字母、小写字母、数字、符号中的三类。" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.password_changed_at is None


def test_a_wrong_old_password_is_refused(client, newcomer):
    response = change(client, old="not-the-password")
    assert response.status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.password_changed_at is None


def test_the_same_password_again_is_refused(client):
    user = UserFactory(username="zhaolei", password_changed_at=T0)
    user.set_password(STRONG_PASSWORD)
    user.save()
    with frozen_at(T0 + datetime.timedelta(days=91)):
        client.force_login(user)
        response = change(client, old=STRONG_PASSWORD, new=STRONG_PASSWORD)
    assert response.status_code == 200
    assert "新密码不能与当前密码相同。" in response.content.decode()


def test_the_password_expires_after_90_days(client):
    user = UserFactory(username="sunli", password_changed_at=T0)
    with frozen_at(T0 + datetime.timedelta(days=89, hours=23)):
        client.force_login(user)
        assert client.get(reverse("core:home")).status_code == 200
    with frozen_at(T0 + datetime.timedelta(days=90)):
        client.force_login(user)
        response = client.get(reverse("core:home"))
        assert response.status_code == 302
        assert response["Location"] == CHANGE_URL
        page = client.get(CHANGE_URL).content.decode()
        assert "超过90天" in page
        change(client)
        assert client.get(reverse("core:home")).status_code == 200
    user.refresh_from_db()
    assert user.password_changed_at == T0 + datetime.timedelta(days=90)


def test_the_maximum_age_is_a_setting(client, settings):
    settings.XUNCHAR_PASSWORD_MAX_AGE_DAYS = 30
    with frozen_at(T0 + datetime.timedelta(days=30)):
        client.force_login(UserFactory(username="sunli", password_changed_at=T0))
        assert client.get(reverse("core:home")).status_code == 302


def test_the_service_refuses_a_weak_password():
    from django.core.exceptions import ValidationError

    user = UserFactory(username="zhouyu", password_changed_at=None)
    with pytest.raises(ValidationError):
        password_change(user=user, new_password="short")
    user.refresh_from_db()
    assert user.password_changed_at is None
    assert not AuditEvent.objects.filter(event=AuditEvent.Event.PASSWORD_CHANGED).exists()
