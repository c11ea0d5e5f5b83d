"""Sessions: a new key at sign-in, deleted on the server at sign-out, ended after 30 minutes idle and
12 hours in all, and ended by the system administrator (or by disabling the account) at once."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import DEMO_PASSWORD
from xunchar.administration.models import UserSession
from xunchar.administration.services import TIMEOUT_MESSAGE
from xunchar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture(autouse=True)
def store_keeps_sessions_long(settings):
    """The session store's own expiry (SESSION_COOKIE_AGE) is only the backstop: made long here, so
    that what ends a session in these tests is the middleware's clocks and nothing else."""
    settings.SESSION_COOKIE_AGE = 24 * 3600


def sign_in(client, username, **extra):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD}, **extra)
    assert response.status_code == 302 and response["Location"] == reverse("core:home"), response
    return client.session.session_key


def signed_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_signing_in_gives_a_new_session_key(client, county):
    session = client.session
    session["before"] = "anonymous"
    session.save()
    anonymous_key = session.session_key
    key = sign_in(client, "office")
    assert key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()
    assert Session.objects.filter(session_key=key).exists()


def test_signing_in_indexes_the_session_under_its_user(client, county, clock):
    key = sign_in(client, "office", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Firefox/140")
    row = UserSession.objects.get(session_key=key)
    assert (row.user, row.address, row.user_agent) == (county.office, "10.1.2.3", "Firefox/140")
    assert row.created == row.last_seen == clock.now


def test_signing_out_deletes_the_session_on_the_server(client, county):
    key = sign_in(client, "office")
    response = client.post(reverse("logout"))
    assert signed_out(response)
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert signed_out(client.get(HOME))


def test_an_idle_session_ends_after_30_minutes(client, county, clock):
    key = sign_in(client, "office")
    clock.advance(minutes=29)
    assert client.get(HOME).status_code == 200
    clock.advance(minutes=29)  # 58 minutes after sign-in, but only 29 since the last request
    assert client.get(HOME).status_code == 200
    clock.advance(minutes=30, seconds=1)
    response = client.get(HOME)
    assert signed_out(response)
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=county.office).exists()
    page = client.get(response["Location"])
    assert TIMEOUT_MESSAGE in page.content.decode()
    entry = AuditEvent.objects.filter(event=AuditEvent.Event.LOGOUT, detail__contains="超时").get()
    assert entry.actor == county.office and "30 分钟" in entry.detail


def test_a_session_ends_12_hours_after_sign_in_however_busy(client, county, clock):
    sign_in(client, "office")
    for _ in range(28):  # a request every 25 minutes: never idle
        clock.advance(minutes=25)
        assert client.get(HOME).status_code == 200
    clock.advance(minutes=19)  # 11 h 59 min
    assert client.get(HOME).status_code == 200
    clock.advance(minutes=2)  # 12 h 01 min
    response = client.get(HOME)
    assert signed_out(response)
    assert TIMEOUT_MESSAGE in client.get(response["Location"]).content.decode()
    assert AuditEvent.objects.filter(event=AuditEvent.Event.LOGOUT, detail__contains="12 小时").exists()


def test_the_limits_come_from_the_settings(client, county, clock, settings):
    settings.XUNCHAR_SESSION_IDLE_MINUTES = 5
    sign_in(client, "office")
    clock.advance(minutes=6)
    assert signed_out(client.get(HOME))


def test_last_seen_is_written_at_most_once_a_minute(client, county, clock):
    key = sign_in(client, "office")
    signed_in_at = clock.now
    clock.advance(seconds=30)
    client.get(HOME)
    assert UserSession.objects.get(session_key=key).last_seen == signed_in_at
    clock.advance(seconds=31)
    client.get(HOME)
    assert UserSession.objects.get(session_key=key).last_seen == clock.now


def test_the_system_administrator_ends_a_users_sessions(client, county):
    laptop, phone = Client(), Client()
    sign_in(laptop, "member1")
    sign_in(phone, "member1")
    assert laptop.get(HOME).status_code == 200
    client.force_login(county.sysadmin)
    response = client.post(reverse("administration:account_end_sessions", args=[county.member1.pk]))
    assert response.status_code == 302
    assert signed_out(laptop.get(HOME)) and signed_out(phone.get(HOME))
    assert not UserSession.objects.filter(user=county.member1).exists()
    entry = AuditEvent.objects.get(event=AuditEvent.Event.SESSIONS_ENDED)
    assert (entry.actor, entry.object_id, entry.detail) == (county.sysadmin, str(county.member1.pk), "结束会话 2 个")
    # ending nothing is harmless, and recorded as such
    client.post(reverse("administration:account_end_sessions", args=[county.member1.pk]))
    assert AuditEvent.objects.filter(event=AuditEvent.Event.SESSIONS_ENDED).latest("id").detail == "结束会话 0 个"


def test_disabling_an_account_signs_its_holder_out_and_keeps_them_out(client, county):
    member = Client()
    sign_in(member, "member1")
    client.force_login(county.sysadmin)
    client.post(reverse("administration:account_disable", args=[county.member1.pk]))
    assert signed_out(member.get(HOME))
    assert authenticate(username="member1", password=DEMO_PASSWORD) is None
    response = member.post(reverse("login"), {"username": "member1", "password": DEMO_PASSWORD})
    assert response.status_code == 200  # the sign-in form again, with its error
    entry = AuditEvent.objects.get(event=AuditEvent.Event.ACCOUNT_CHANGE, object_id=str(county.member1.pk))
    assert entry.actor == county.sysadmin and entry.detail == "停用账号，结束会话 1 个"


def test_a_disabled_user_is_refused_at_the_next_request_whatever_disabled_them(client, county):
    """Even a change made behind the services' back (a shell, the admin site): Django's ModelBackend
    does not return an inactive user for the session, so the request is anonymous."""
    sign_in(client, "member1")
    type(county.member1).objects.filter(pk=county.member1.pk).update(is_active=False)
    assert signed_out(client.get(HOME))


def test_the_session_store_expiry_is_the_idle_limit(settings):
    from django.conf import settings as live

    assert live.SESSION_COOKIE_AGE == 24 * 3600  # this module's fixture
    from xunchar import settings as module

    assert module.SESSION_COOKIE_AGE == module.XUNCHAR_SESSION_IDLE_MINUTES * 60 == 30 * 60
    assert module.XUNCHAR_SESSION_MAX_HOURS == 12


def test_an_htmx_request_after_the_timeout_loads_the_sign_in_page_whole(client, county, clock):
    sign_in(client, "director")
    clock.advance(minutes=31)
    response = client.get(reverse("registry:unit_list"), {"q": "财政"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("login")
    assert TIMEOUT_MESSAGE in client.get(reverse("login")).content.decode()


def test_a_session_key_cycled_after_sign_in_stays_indexed(rf, county):
    """Giving the second factor and changing the password both cycle the session key; ending the
    user's sessions must still find the session under its new key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpResponse

    from xunchar.administration.middleware import SessionTimeoutMiddleware
    from xunchar.administration.services import sessions_end

    request = rf.get(HOME)
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request.user = county.member1
    login(request, county.member1, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    old_key = request.session.session_key

    def view_that_cycles_the_key(request):
        request.session.cycle_key()
        return HttpResponse()

    SessionTimeoutMiddleware(view_that_cycles_the_key)(request)
    new_key = request.session.session_key
    assert new_key != old_key
    assert list(UserSession.objects.filter(user=county.member1).values_list("session_key", flat=True)) == [new_key]
    sessions_end(actor=county.sysadmin, user=county.member1)
    assert not Session.objects.filter(session_key=new_key).exists()


def test_signing_in_clears_the_index_of_sessions_long_dead(county, clock):
    old, new = Client(), Client()
    dead = sign_in(old, "office")
    clock.advance(minutes=45)
    live = sign_in(new, "office")
    assert list(UserSession.objects.filter(user=county.office).values_list("session_key", flat=True)) == [live]
    assert dead != live and signed_out(old.get(HOME))
