"""Who may do what with a group's petitions — the one place views, lists, exports and services ask.

Seeing a petition is the access policy's (`policy.petitions_visible_to`: the office, leadership and
the group's own people). Narrower rights are decided here:
- register an item: any of the group's people (S13: a named person keeps the ledger, every item
  registered by whoever received it);
- decide its scope (within scope, important, not handled): the leader, deputy or liaison;
- read the petitioner's identity: the group's leader, deputy and liaison and the office director —
  not ordinary members, not other office staff, not leadership.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from groups.models import GroupMembership
from xunchar.access import policy
from xunchar.accounts.roles import Role

RoundRole = GroupMembership.RoundRole
DECIDERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})
IDENTITY_READERS = DECIDERS


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class PetitionRights:
    """A user's standing towards one group's ledger, read once (one query) and asked many times."""

    role: str | None = None
    membership_id: int | None = None
    sees_all: bool = False  # office or leadership
    director: bool = False

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def sees_ledger(self) -> bool:
        return self.sees_all or self.in_group

    @property
    def can_register(self) -> bool:
        return self.in_group

    @property
    def can_decide(self) -> bool:
        return self.role in DECIDERS

    @property
    def can_see_petitioner(self) -> bool:
        return self.director or self.role in IDENTITY_READERS

    @property
    def can_edit_emergency_plan(self) -> bool:
        return self.role in DECIDERS

    @property
    def can_report_incident(self) -> bool:
        return self.in_group


def petition_rights(user, group) -> PetitionRights:
    if not _active(user):
        return PetitionRights()
    membership_id, role = policy.group_membership(user, group)
    return PetitionRights(
        role=role,
        membership_id=membership_id,
        sees_all=policy.sees_all_working_material(user),
        director=user.has_role(Role.OFFICE_DIRECTOR),
    )


def can_register_petition(user, group) -> bool:
    return petition_rights(user, group).can_register


def can_decide_petition(user, group) -> bool:
    return petition_rights(user, group).can_decide


def can_see_petitioner(user, group) -> bool:
    return petition_rights(user, group).can_see_petitioner


def petitioners_visible_to(queryset: QuerySet, user) -> QuerySet:
    """The same rule as a queryset, for `Petitioner.objects.visible_to(user)`."""
    if not _active(user):
        return queryset.none()
    if user.has_role(Role.OFFICE_DIRECTOR):
        return queryset
    if user.cadre_id is None:
        return queryset.none()
    groups = policy.access_giving(GroupMembership.objects.filter(cadre_id=user.cadre_id, role__in=IDENTITY_READERS)).values("group_id")
    return queryset.filter(Q(petition__group__in=groups))
