"""Who may do what with a group's on-site records — the one place views and services ask.

Seeing is the models' `visible_to` (the access policy). Narrower rights:
- record and manage entry records, symposia, meetings attended, field visits, special checks, 立行立改
  items, referrals and major matters: the group's leader, deputy leader or liaison ("managers");
- name who attends a unit's meeting, approve a field visit, sign off a special check, submit the
  mid-term report: the group leader;
- receive the mid-term report and major matters, submit and hand over referrals: the office.
Nothing is dated after the group's withdrawal (services check the dates).
"""

from dataclasses import dataclass

from groups.models import GroupMembership
from xunchar.access import policy

RoundRole = GroupMembership.RoundRole
MANAGERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_office(user) -> bool:
    return _active(user) and user.is_office


@dataclass(frozen=True)
class OnsiteRights:
    """A user's standing towards one group's on-site records, read once (one query)."""

    role: str | None = None
    sees_all: bool = False
    office: bool = False

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def manages(self) -> bool:
        return self.role in MANAGERS

    @property
    def leads(self) -> bool:
        return self.role == RoundRole.LEADER

    @property
    def sees_restricted(self) -> bool:
        """Referrals and major matters: the managers, the office and leadership."""
        return self.sees_all or self.role in MANAGERS


def onsite_rights(user, group) -> OnsiteRights:
    if not _active(user):
        return OnsiteRights()
    _membership_id, role = policy.group_membership(user, group)
    return OnsiteRights(
        role=role, sees_all=policy.sees_all_working_material(user), office=user.is_office,
    )


def manages(user, group) -> bool:
    return onsite_rights(user, group).manages


def leads(user, group) -> bool:
    return onsite_rights(user, group).leads
