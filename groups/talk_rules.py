"""Who may do what with a group's individual talks (S12) — the one place views, lists, exports and services ask.

Seeing a talk is the access policy's (`policy.group_material_visible_to`: the office, leadership and the
group's own people). Seeing what was said goes through `talk_records_visible_to`, the one function every
read of a record and its problems passes — so a later rule (sealed direct-delivery items, 径送件) has one
place to go. Narrower rights:
- plan a talk, record it as held, write its record and tag its problems: any of the group's people;
- allow a one-to-one talk (the approval's decider) and mark a record read: the group leader;
- keep the round's generic outline: the office.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from xunchar.access import policy

from .models import GroupMembership

RoundRole = GroupMembership.RoundRole


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class TalkRights:
    """A user's standing towards one group's talks, read once (one query) and asked many times."""

    role: str | None = None
    membership_id: int | None = None
    sees_all: bool = False  # office or leadership

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def sees_talks(self) -> bool:
        return self.sees_all or self.in_group

    @property
    def can_plan(self) -> bool:
        return self.in_group

    @property
    def can_record(self) -> bool:
        return self.in_group

    @property
    def is_leader(self) -> bool:
        return self.role == RoundRole.LEADER

    @property
    def can_mark_read(self) -> bool:
        return self.is_leader


def talk_rights(user, group) -> TalkRights:
    if not _active(user):
        return TalkRights()
    membership_id, role = policy.group_membership(user, group)
    return TalkRights(
        role=role,
        membership_id=membership_id,
        sees_all=policy.sees_all_working_material(user),
    )


def can_plan_talk(user, group) -> bool:
    return talk_rights(user, group).can_plan


def can_keep_outline(user) -> bool:
    return policy.can_manage_rounds(user)


def talk_records_visible_to(queryset: QuerySet, user) -> QuerySet:
    """What was said in a talk: group material (the office, leadership, the group's own people).

    THE one rule for `TalkRecord` (and, through it, `TalkProblem` and the record's attachments and PDF).
    A record routed as a direct-delivery item (径送件) is read only by whoever may open it (xunchar/sealing)."""
    from xunchar.sealing.policy import content_visible_to

    from .talk_models import TalkRecord

    rows = policy.group_material_visible_to(queryset, user, group_field="talk__group")
    return content_visible_to(rows, user, source_model=TalkRecord, source_field="pk")


def outlines_visible_to(queryset: QuerySet, user) -> QuerySet:
    """The office's generic outline of a round: the office and leadership, and the people of the round's
    groups (never a unit contact, who must not learn what the talks ask)."""
    if not _active(user):
        return queryset.none()
    if policy.sees_all_working_material(user):
        return queryset
    return queryset.filter(round__groups__in=policy.member_group_ids(user)).distinct()
