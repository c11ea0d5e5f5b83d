"""Who must sign in with a second factor.

MLPS 2.0 level 3 asks for two factors from everyone who holds privileged access. Here that is the
leading group, the office, the three administrators and whoever can open sealed items or clues.
`requires_second_factor` is the one rule; later issues that give someone such access extend it.
"""

from xunchar.accounts.roles import ADMIN_ROLES, LEADERSHIP_ROLES, OFFICE_ROLES, RECEIVER_ROLES
from xunchar.accounts.services import is_demo_exempt

SECOND_FACTOR_ROLES = LEADERSHIP_ROLES | OFFICE_ROLES | ADMIN_ROLES | RECEIVER_ROLES


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def leads_a_group_in_an_open_round(user) -> bool:
    """A group leader of a round that is not closed: the leader opens the clues of the group."""
    if not _active(user) or user.cadre_id is None:
        return False
    from groups.models import GroupMembership
    from rounds.models import Round

    return (
        GroupMembership.objects.filter(cadre_id=user.cadre_id, role=GroupMembership.RoundRole.LEADER)
        .exclude(group__round__phase=Round.Phase.CLOSED)
        .exists()
    )


def requires_second_factor(user) -> bool:
    """Whether the user must present a one-time code after the password.

    The Django staff and superuser flags count too: they open the admin site.
    """
    if not _active(user):
        return False
    if user.is_staff or user.is_superuser:
        return True
    if user.roles & SECOND_FACTOR_ROLES:
        return True
    return leads_a_group_in_an_open_round(user)


def second_factor_due(user) -> bool:
    """Whether this sign-in must be completed with a code: the rule, less the demo accounts while the
    demo runs (DEBUG and DEMO both on), which sign in with the published password alone."""
    return _active(user) and not is_demo_exempt(user) and requires_second_factor(user)
