"""Who may change what in a group's preparation (S03, S05, S07).

Seeing is decided by the models' `visible_to(user)` querysets (the access policy); these predicates
decide changing. The views refuse with 403 when they fail, and the services check them again.
"""

from dataclasses import dataclass

from xunchar.access import policy

from .models import GroupMembership, Inspection, InspectionGroup

RoundRole = GroupMembership.RoundRole
GROUP_VETTERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})


@dataclass(frozen=True)
class GroupRights:
    """A user's standing towards one group, read once (one query) and asked many times."""

    role: str | None = None  # the user's round role in this group, None when not in it
    membership_id: int | None = None
    office: bool = False
    leadership: bool = False
    meetings_deputy: bool = False  # the deputy the leader named to convene and minute meetings

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def sees_material(self) -> bool:
        return self.office or self.leadership or self.in_group

    @property
    def is_leader(self) -> bool:
        return self.role == RoundRole.LEADER

    @property
    def can_keep_minutes(self) -> bool:
        """The leader records group meetings, or the deputy the leader names (S03.1)."""
        return self.is_leader or self.meetings_deputy

    @property
    def can_lead(self) -> bool:
        """The leader's own acts: the branch, the division of work, the work plan and its filing."""
        return self.is_leader

    @property
    def can_work(self) -> bool:
        """Any of the group's people: opinion notes, the focus list, the checklist, facilities, the self-report."""
        return self.in_group

    @property
    def can_vet_self_report(self) -> bool:
        return self.role in GROUP_VETTERS

    @property
    def can_acknowledge_work_plan(self) -> bool:
        return self.office

    @property
    def can_mark_entered(self) -> bool:
        return self.office or self.is_leader


def group_rights(user, group: InspectionGroup) -> GroupRights:
    if not (user and user.is_authenticated and user.is_active):
        return GroupRights()
    # A member of a withdrawn group (not its leader or liaison) holds no rights in it (policy.access_giving).
    membership_id, role = policy.group_membership(user, group)
    return GroupRights(
        role=role,
        membership_id=membership_id,
        office=user.is_office,
        leadership=user.is_leadership,
        meetings_deputy=membership_id is not None and membership_id == group.meetings_deputy_id,
    )


def is_contact_of(user, inspection: Inspection) -> bool:
    """The inspected unit's contact person (a unit contact sees only what is addressed to the unit)."""
    return bool(
        user and user.is_authenticated and user.is_active and user.contact_unit_id
        and user.contact_unit_id == inspection.unit_id
    )


def can_submit_self_report(user, inspection: Inspection, rights: GroupRights) -> bool:
    """The group's people enter the unit's report; the unit's contact sends it in from the unit's side."""
    return rights.can_work or is_contact_of(user, inspection)


def sees_rollups(user) -> bool:
    """The office compiles every group's entry status for the leading group (S07.4)."""
    return policy.sees_all_working_material(user)
