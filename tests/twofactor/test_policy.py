"""Who must give a second factor: the leading group, the office, the administrators, the receivers
and the group leaders of rounds that are not closed — nobody else, and nobody in demo mode."""

import pytest
from django.test import override_settings

from rounds.models import Round
from tests.factories import UserFactory
from xunchar.accounts.roles import Role
from xunchar.accounts.services import is_demo_exempt
from xunchar.twofactor.policy import requires_second_factor, second_factor_due

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role",
    [
        Role.SECRETARY, Role.LG_EXECUTIVE_DEPUTY, Role.LG_DEPUTY, Role.LG_MEMBER, Role.OFFICE_DIRECTOR, Role.OFFICE_STAFF,
        Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN,
        Role.RECEIVER_DISCIPLINE, Role.RECEIVER_ORGANIZATION,
    ],
)
def test_standing_roles_that_require_it(role):
    assert requires_second_factor(UserFactory(username=f"zhang_{role}", roles=[role]))


def test_a_unit_contact_and_a_plain_account_do_not(county):
    assert not requires_second_factor(county.unit1)
    assert not requires_second_factor(UserFactory(username="zhangsan"))


def test_group_leaders_of_an_open_round_only(county):
    assert requires_second_factor(county.leader1)
    assert requires_second_factor(county.leader2)  # group 2 has withdrawn, but its round is open
    for username in ("deputy1", "liaison1", "member1", "member2"):
        assert not requires_second_factor(county.users[username]), username
    county.round.phase = Round.Phase.CLOSED
    county.round.save()
    assert not requires_second_factor(county.leader1)


def test_the_staff_flag_requires_it():
    assert requires_second_factor(UserFactory(username="zhangsan", is_staff=True))


def test_an_inactive_or_anonymous_user_is_not_asked(county):
    from django.contrib.auth.models import AnonymousUser

    county.office.is_active = False
    assert not requires_second_factor(county.office)
    assert not requires_second_factor(AnonymousUser())


@pytest.mark.parametrize(
    ("debug", "demo", "exempt"), [(True, True, True), (True, False, False), (False, True, False), (False, False, False)]
)
def test_demo_accounts_are_exempt_only_when_debug_and_demo(county, debug, demo, exempt):
    with override_settings(DEBUG=debug, DEMO=demo):
        assert is_demo_exempt(county.office) is exempt
        assert second_factor_due(county.office) is not exempt
        # Another account with the same role is never exempt.
        other = UserFactory(username="wangwu", roles=[Role.OFFICE_STAFF])
        assert not is_demo_exempt(other)
        assert second_factor_due(other)
