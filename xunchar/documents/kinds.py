"""The kinds of document this app registers itself (phase apps declare theirs in `<app>/documents.py`).

巡察组基本情况表: an inspection group on one sheet — its round, dates, the units it inspects and its
people in role order with their units, posts and ranks — for the office's files and the
mobilisation meeting's papers. Group material: the office, leadership and the group's own people.
"""

from django.utils import timezone

from xunchar.access import policy

from .registry import DocumentKind


def _groups_as_material(queryset, user):
    return policy.group_material_visible_to(queryset, user, group_field="pk")


def _group_roster(group) -> tuple[str, dict]:
    memberships = list(group.memberships.in_role_order().select_related("cadre__unit"))
    inspections = list(group.inspections.select_related("unit").order_by("unit__name"))
    return "documents/kinds/group_roster.html", {
        "title": f"{group.round}{group}基本情况表",
        "group": group,
        "round": group.round,
        "memberships": memberships,
        "inspections": inspections,
        "generated_on": timezone.localdate(),
    }


GROUP_ROSTER = DocumentKind(
    code="groups.roster",
    label="巡察组基本情况表",
    model_label="groups.inspectiongroup",
    visible=_groups_as_material,
    build=_group_roster,
    filename=lambda group: f"{group.round}{group}基本情况表",
    related=("round",),
)

DOCUMENT_KINDS = [GROUP_ROSTER]
