"""The demo accounts skip the forced change only while DEBUG and DEMO are both on."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory
from xunchar.accounts.services import is_demo_exempt, password_must_change
from xunchar.core.demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit1():
    """The demo's unit contact as seed_demo makes it: a published password, never changed."""
    return UserFactory(username="unit1", password_changed_at=None)


@override_settings(DEBUG=True, DEMO=True)
def test_a_demo_account_in_demo_mode_goes_straight_in(client, unit1):
    assert is_demo_exempt(unit1)
    client.force_login(unit1)
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.parametrize("debug, demo", [(True, False), (False, True), (False, False)])
def test_otherwise_a_demo_account_must_change_too(client, unit1, debug, demo):
    with override_settings(DEBUG=debug, DEMO=demo):
        assert not is_demo_exempt(unit1)
        assert password_must_change(unit1)
        client.force_login(unit1)
        assert client.get(reverse("core:home"))["Location"] == reverse("accounts:password_change")


@override_settings(DEBUG=True, DEMO=True)
def test_an_account_outside_the_demo_is_never_exempt(client):
    user = UserFactory(username="lihua", password_changed_at=None)
    assert not is_demo_exempt(user)
    client.force_login(user)
    assert client.get(reverse("core:home")).status_code == 302


@override_settings(DEBUG=True, DEMO=True)
def test_every_demo_account_is_exempt():
    for username in DEMO_ACCOUNTS:
        assert is_demo_exempt(UserFactory.build(username=username, password_changed_at=None)), username
