"""Reads of a group's preparation that take more than one line: the group page's summary and the office's
roll-up of every group's entry status (S07.4). Each makes a fixed number of queries, however many groups,
units and records there are."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from xunchar.access import policy

from .models import (
    ConfidentialityPledge,
    EntryChecklistMark,
    FocusItem,
    GroupMeeting,
    GroupMembership,
    GroupWorkPlan,
    Inspection,
    InspectionGroup,
    OpinionNote,
    TemporaryBranch,
    members_in_order,
)
from .services import entry_blockers, pledges_missing
from .standards import ENTRY_CHECKLIST


def _count(queryset, outer_field: str, ref: str = "pk"):
    """A correlated COUNT(*) of `queryset`'s rows whose `outer_field` is the outer row's `ref`."""
    counted = (
        queryset.filter(**{outer_field: OuterRef(ref)})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def inspections_with_status(queryset=None):
    """Inspections with what the preparation needs to show about each: the counts of opinion notes and
    focus items, the checklist's progress, the self-report and the facilities (joined)."""
    queryset = Inspection.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("unit", "self_report", "facilities")
        .annotate(
            opinion_count=_count(OpinionNote.objects.all(), "inspection"),
            focus_count=_count(FocusItem.objects.all(), "inspection"),
            checklist_done=_count(EntryChecklistMark.objects.filter(state=EntryChecklistMark.State.DONE), "inspection"),
            checklist_sent=_count(EntryChecklistMark.objects.filter(state=EntryChecklistMark.State.SENT), "inspection"),
        )
        .order_by("unit__name")
    )


@dataclass
class GroupPreparation:
    meeting_count: int
    branch: TemporaryBranch | None
    member_count: int
    signed: int
    missing: list[GroupMembership]
    plan: GroupWorkPlan | None
    inspections: list[Inspection]
    checklist_total: int = len(ENTRY_CHECKLIST)
    blockers: list[str] = field(default_factory=list)


def group_preparation(group: InspectionGroup, *, with_blockers: bool) -> GroupPreparation:
    """The group page's preparation section."""
    missing = pledges_missing(group)
    member_count = group.memberships.count()
    return GroupPreparation(
        meeting_count=GroupMeeting.objects.filter(group=group).count(),
        branch=TemporaryBranch.objects.filter(group=group).first(),
        member_count=member_count,
        signed=member_count - len(missing),
        missing=missing,
        plan=GroupWorkPlan.objects.filter(group=group).select_related("latest_revision").first(),
        inspections=list(inspections_with_status(group.inspections.all())),
        blockers=entry_blockers(group) if with_blockers else [],
    )


@dataclass
class RollupRow:
    """One group's entry status, as the office reports it to the leading group."""

    group: InspectionGroup
    leader: str
    member_count: int
    signed: int
    plan: GroupWorkPlan | None
    inspections: list[Inspection]
    checklist_total: int = len(ENTRY_CHECKLIST)

    @property
    def pledges_complete(self) -> bool:
        return self.member_count > 0 and self.signed == self.member_count

    @property
    def plan_filed(self) -> bool:
        return self.plan is not None and self.plan.state == GroupWorkPlan.State.FILED


def entry_rollup(round_, user) -> list[RollupRow]:
    """Every group of the round the user may see, with its entry status (five queries in all)."""
    groups = (
        policy.group_material_visible_to(InspectionGroup.objects.filter(round=round_), user, group_field="pk")
        .select_related("work_plan__latest_revision__received_by", "work_plan__latest_revision__filed_by")
        .annotate(
            member_count=_count(GroupMembership.objects.all(), "group"),
            signed_count=Subquery(
                ConfidentialityPledge.objects.filter(group=OuterRef("pk"), cadre__group_memberships__group=OuterRef("pk"))
                .order_by()
                .values("group")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
        )
        .prefetch_related(
            members_in_order(),
            Prefetch("inspections", queryset=inspections_with_status(), to_attr="inspections_with_status"),
        )
        .order_by("number")
    )
    rows = []
    for group in groups:
        leader = next((m for m in group.memberships.all() if m.role == GroupMembership.RoundRole.LEADER), None)
        rows.append(RollupRow(
            group=group,
            leader=str(leader.cadre) if leader else "",
            member_count=group.member_count,
            signed=group.signed_count or 0,
            plan=getattr(group, "work_plan", None),
            inspections=group.inspections_with_status,
        ))
    return rows
