"""Reads for the round pages that are more than one query."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.approvals.services import approval_state

from .models import RecusalConflict, RecusalDeclaration, Round
from .staffing import _earlier


def staffing_overview(*, round: Round, user):
    """The round's groups with units and people, and for each proposed leader and deputy the units
    they led groups for in earlier rounds — in a fixed number of queries."""
    groups = list(
        InspectionGroup.objects.visible_to(user)
        .filter(round=round)
        .prefetch_related(
            "inspections__unit",
            Prefetch("memberships", queryset=GroupMembership.objects.in_role_order().select_related("cadre__unit")),
        )
        .order_by("number")
    )
    proposed = {
        m.cadre_id for g in groups for m in g.memberships.all() if m.role in (GroupMembership.RoundRole.LEADER, GroupMembership.RoundRole.DEPUTY)
    }
    led = defaultdict(list)
    leading = GroupMembership.objects.filter(cadre_id__in=proposed, role=GroupMembership.RoundRole.LEADER).values("group_id")
    for inspection in (
        Inspection.objects.filter(_earlier(round), group_id__in=leading)
        .select_related("round", "unit")
        .prefetch_related("group__memberships")
        .order_by("-round__year", "-round__number")
    ):
        for m in inspection.group.memberships.all():
            if m.role == GroupMembership.RoundRole.LEADER and m.cadre_id in proposed:
                led[m.cadre_id].append(inspection)
    open_counts = defaultdict(int)
    for conflict in RecusalConflict.objects.filter(round=round, state=RecusalConflict.State.OPEN).values("group_id"):
        open_counts[conflict["group_id"]] += 1
    declared = set(RecusalDeclaration.objects.filter(group__round=round).values_list("group_id", "cadre_id"))
    for group in groups:
        group.open_conflicts = open_counts[group.pk]
        group.people = list(group.memberships.all())
        for m in group.people:
            m.led_before = led.get(m.cadre_id, []) if m.role in (GroupMembership.RoundRole.LEADER, GroupMembership.RoundRole.DEPUTY) else []
            m.declared = (group.pk, m.cadre_id) in declared
        group.undeclared = sum(1 for m in group.people if not m.declared)
    return groups


@dataclass(frozen=True)
class S01Summary:
    task_plan_state: str
    task_plan_label: str
    work_plan_state: str
    work_plan_label: str
    work_plan_filed_on: object
    authorizations_approved: int
    groups: int
    open_conflicts: int
    missing_declarations: int
    secondments: int


def s01_summary(*, round: Round) -> S01Summary:
    """What the round page says about S01 and the declarations of S02.3, in a fixed number of queries."""
    from xunchar.approvals.models import ApprovalRequest

    from . import plans
    from .models import AuthorizationDecision, RoundWorkPlan, Secondment, TaskAllocationPlan

    def state_of(model, chain, **lookup):
        subject = model.objects.filter(**lookup).first()
        state = approval_state(subject, chain) if subject else ApprovalRequest.State.DRAFT
        return state, ApprovalRequest.State(state).label, subject

    task_state, task_label, _ = state_of(TaskAllocationPlan, plans.TASK_PLAN, round=round)
    work_state, work_label, work_plan = state_of(RoundWorkPlan, plans.WORK_PLAN, round=round)
    decisions = AuthorizationDecision.objects.filter(group__round=round).values_list("pk", flat=True)
    approved = ApprovalRequest.objects.filter(
        chain=plans.AUTHORIZATION, subject_id__in=list(decisions), state=ApprovalRequest.State.APPROVED
    ).count()
    people = GroupMembership.objects.filter(group__round=round).count()
    declared = RecusalDeclaration.objects.filter(group__round=round).count()
    return S01Summary(
        task_plan_state=task_state, task_plan_label=task_label,
        work_plan_state=work_state, work_plan_label=work_label,
        work_plan_filed_on=work_plan.filed_on if work_plan else None,
        authorizations_approved=approved, groups=round.groups.count(),
        open_conflicts=RecusalConflict.objects.filter(round=round, state=RecusalConflict.State.OPEN).count(),
        missing_declarations=max(people - declared, 0),
        secondments=Secondment.objects.filter(round=round).exclude(state=Secondment.State.SWAPPED).count(),
    )


def group_s01(group) -> dict:
    """The group's own S01/S02.3 facts for its page: its authorization decision, the declarations."""
    from xunchar.approvals.models import ApprovalRequest

    from . import plans
    from .models import AuthorizationDecision

    decision = AuthorizationDecision.objects.filter(group=group).first()
    state = approval_state(decision, plans.AUTHORIZATION) if decision else ApprovalRequest.State.DRAFT
    people = group.memberships.count()
    declared = RecusalDeclaration.objects.filter(group=group).count()
    return {
        "authorization_state": state,
        "authorization_label": ApprovalRequest.State(state).label,
        "announced_on": decision.announced_on if decision else None,
        "people": people,
        "declared": declared,
        "undeclared": max(people - declared, 0),
        "open_conflicts": RecusalConflict.objects.filter(group=group, state=RecusalConflict.State.OPEN).count(),
    }
