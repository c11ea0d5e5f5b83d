"""`manage.py check` (and so runserver and migrate) fails while an account has an empty or the demo's password."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.factories import UserFactory
from xunchar.accounts.checks import check_lockout_settings, check_no_default_or_empty_password
from xunchar.accounts.models import User

pytestmark = pytest.mark.django_db


def ids(errors) -> list[str]:
    return [error.id for error in errors]


def test_a_clean_database_passes(county):
    assert check_no_default_or_empty_password() == []


def test_an_active_account_with_an_empty_password_is_an_error(county):
    User.objects.filter(pk=county.member2.pk).update(password="")
    errors = check_no_default_or_empty_password()
    assert ids(errors) == ["accounts.E001"]
    assert "member2" in errors[0].msg
    assert errors[0].is_serious()


def test_manage_py_check_fails(county):
    User.objects.filter(pk=county.member2.pk).update(password="")
    with pytest.raises(SystemCheckError, match="accounts.E001"):
        call_command("check", tags=["security"])


def test_a_disabled_account_with_an_empty_password_is_no_error(county):
    User.objects.filter(pk=county.member2.pk).update(password="", is_active=False)
    assert check_no_default_or_empty_password() == []


def test_an_unusable_password_is_no_error():
    user = UserFactory(username="nosignin")
    user.set_unusable_password()
    user.save()
    assert check_no_default_or_empty_password() == []


def test_the_demo_password_is_an_error_outside_demo_mode(settings):
    UserFactory(username="office", password_changed_at=None)
    settings.DEMO = False
    errors = check_no_default_or_empty_password()
    assert ids(errors) == ["accounts.E002"]
    assert "office" in errors[0].msg


def test_the_demo_password_is_allowed_in_demo_mode(settings):
    UserFactory(username="office", password_changed_at=None)
    settings.DEMO = True
    assert check_no_default_or_empty_password() == []


def test_only_accounts_that_never_changed_their_password_are_hashed(settings):
    """Keeps the check fast: a changed password has passed the validators, which refuse the demo's."""
    UserFactory(username="changed")  # password_changed_at set by the factory
    UserFactory(username="newcomer", password_changed_at=None)
    settings.DEMO = False
    with mock.patch("xunchar.accounts.checks.hashers.check_password", return_value=False) as hashed:
        assert check_no_default_or_empty_password() == []
    assert hashed.call_count == 1


def test_the_lockout_settings_must_be_positive(settings):
    assert check_lockout_settings() == []
    settings.XUNCHAR_LOCKOUT_ATTEMPTS = 0
    assert ids(check_lockout_settings()) == ["accounts.E003"]
