"""Reads for the round pages that are more than one query."""

from collections import defaultdict

from django.db.models import Prefetch

from groups.models import GroupMembership, Inspection, InspectionGroup

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
