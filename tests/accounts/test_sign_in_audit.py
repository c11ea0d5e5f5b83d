"""Every sign-in, failure, lockout and sign-out is in the audit log with the username, result and address."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from xunchar.audit.models import AuditEvent

from .helpers import sign_in

pytestmark = pytest.mark.django_db

Event, Result = AuditEvent.Event, AuditEvent.Result
ADDRESS = "10.20.30.40"


def rows(event):
    return list(AuditEvent.objects.filter(event=event).order_by("id"))


def test_a_success_is_recorded(client):
    user = UserFactory(username="wangfang")
    sign_in(client, "wangfang", address=ADDRESS)
    [row] = rows(Event.LOGIN_OK)
    assert (row.username, row.actor, row.result, row.address) == ("wangfang", user, Result.OK, ADDRESS)


def test_a_failure_is_recorded_with_the_typed_username(client, db):
    sign_in(client, "no-such-person", "guess", address=ADDRESS)
    [row] = rows(Event.LOGIN_FAILED)
    assert (row.username, row.actor, row.result, row.address) == ("no-such-person", None, Result.FAILED, ADDRESS)


def test_the_start_of_a_lock_is_recorded_once(client):
    user = UserFactory(username="wangfang")
    for _ in range(5):
        sign_in(client, "wangfang", "guess", address=ADDRESS)
    sign_in(client, "wangfang", address=ADDRESS)  # refused: locked
    [lockout] = rows(Event.LOCKOUT)
    assert (lockout.username, lockout.result, lockout.address) == ("wangfang", Result.REFUSED, ADDRESS)
    assert lockout.object_id == str(user.pk)
    failures = rows(Event.LOGIN_FAILED)
    assert [row.result for row in failures] == [Result.FAILED] * 5 + [Result.REFUSED]
    assert not rows(Event.LOGIN_OK)


def test_a_sign_out_is_recorded(client):
    user = UserFactory(username="wangfang")
    sign_in(client, "wangfang", address=ADDRESS)
    client.post(reverse("logout"), REMOTE_ADDR=ADDRESS)
    [row] = rows(Event.LOGOUT)
    assert (row.username, row.actor, row.result, row.address) == ("wangfang", user, Result.OK, ADDRESS)


def test_the_sign_in_page_is_open_to_anyone(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["core:home", "rounds:list", "deadlines:list", "accounts:password_change", "accounts:password_change_done"],
)
def test_everything_else_sends_an_anonymous_visitor_to_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
