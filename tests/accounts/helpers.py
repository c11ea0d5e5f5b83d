"""A frozen clock and the sign-in form, as the tests of this package use them."""

import datetime
from unittest import mock

from django.urls import reverse

from tests.factories import DEMO_PASSWORD

STRONG_PASSWORD = "Xc7#mPq2vLw9"
T0 = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def frozen_at(moment: datetime.datetime):
    """Django's clock stands at `moment` (sessions, the audit log and the lock all read it)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def sign_in(client, username: str, password: str = DEMO_PASSWORD, address: str = "127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session
