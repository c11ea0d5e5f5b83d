"""Who may do what with a group's requested documents — the one place views and services ask.

Seeing is the access policy's (`DocumentItem.objects.visible_to`: the office, leadership and the
group's own people; a unit contact nothing). Narrower rights:
- keep the request list (add, change, submit an important item for approval, record that the unit
  does not provide an item): the group's leader, deputy leader or liaison;
- approve an important item before it is signed out: the group leader (the approval chain);
- sign an item out or return it: any of the group's people, as the one who receives or hands back;
- the office and leadership read everything and change nothing.
"""

from dataclasses import dataclass

from groups.models import GroupMembership
from xunchar.access import policy

RoundRole = GroupMembership.RoundRole
KEEPERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class GroupRights:
    """A user's standing towards one group's requested documents, read once (one query)."""

    role: str | None = None
    membership_id: int | None = None
    sees_all: bool = False

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def keeps_list(self) -> bool:
        return self.role in KEEPERS

    @property
    def signs_out(self) -> bool:
        return self.in_group

    @property
    def is_leader(self) -> bool:
        return self.role == RoundRole.LEADER


def group_rights(user, group) -> GroupRights:
    if not _active(user):
        return GroupRights()
    membership_id, role = policy.group_membership(user, group)
    return GroupRights(role=role, membership_id=membership_id, sees_all=policy.sees_all_working_material(user))


def keeps_list(user, group) -> bool:
    return group_rights(user, group).keeps_list


def signs_out(user, group) -> bool:
    return group_rights(user, group).signs_out
