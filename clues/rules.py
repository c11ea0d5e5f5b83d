"""Who may do what with a group's clues and inquiries — the one place views and services ask.

Seeing is the access policy's (`policy.clues_visible_to`, `spot_checks_visible_to`,
`inquiries_visible_to`, `group_material_visible_to`). Narrower rights are decided here:
- keep the clues, draw up and propose spot checks, attach a result to a clue, open an informant
  inquiry, ask a specialist body for help: the group's leader, deputy leader or liaison;
- move a spot check between the group, the leading group and the organization department: the office;
- fill in the 抽查核实情况表: the organization department's receiver the request was handed to;
- record an interview: the group's people named on the inquiry.
"""

from dataclasses import dataclass

from groups.models import GroupMembership
from xunchar.access import policy
from xunchar.accounts.roles import Role

RoundRole = GroupMembership.RoundRole
KEEPERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_office(user) -> bool:
    return _active(user) and user.is_office


def is_org_receiver(user) -> bool:
    return _active(user) and user.has_role(Role.RECEIVER_ORGANIZATION)


@dataclass(frozen=True)
class GroupRights:
    """A user's standing towards one group's in-depth inquiries, read once (one query)."""

    role: str | None = None
    membership_id: int | None = None
    sees_all: bool = False  # office or leadership
    office: bool = False

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def keeps_clues(self) -> bool:
        return self.role in KEEPERS

    @property
    def sees_clues(self) -> bool:
        return self.sees_all or self.keeps_clues


def group_rights(user, group) -> GroupRights:
    if not _active(user):
        return GroupRights()
    membership_id, role = policy.group_membership(user, group)
    return GroupRights(
        role=role,
        membership_id=membership_id,
        sees_all=policy.sees_all_working_material(user),
        office=user.is_office,
    )


def keeps_clues(user, group) -> bool:
    return group_rights(user, group).keeps_clues


def may_fill_spot_check(user, spot_check) -> bool:
    """The organization department's receiver the request was handed to."""
    from .models import SpotCheck

    return is_org_receiver(user) and policy.handed_pks(user, SpotCheck).filter(pk=spot_check.pk).exists()


def named_on_inquiry(user, inquiry) -> bool:
    if not _active(user) or user.cadre_id is None:
        return False
    return inquiry.readers.filter(cadre_id=user.cadre_id).exists()


def may_manage_inquiry(user, inquiry) -> bool:
    """The group's leader, deputy or liaison — if named on the inquiry themself."""
    return keeps_clues(user, inquiry.group) and named_on_inquiry(user, inquiry)


def may_record_arrangement(user, inquiry) -> bool:
    return is_office(user) or may_manage_inquiry(user, inquiry)
