"""Reads of the clue register and the in-depth inquiries. Everything starts from a model's
`visible_to(user)`, so a list, a count and a page never reach a record the reader may not see."""

from django.db.models import Count, Q

from groups.models import InspectionGroup
from xunchar.access import policy

from . import rules
from .models import Clue, HelpRequest, Inquiry, SpotCheck


def has_any_access(user) -> bool:
    """The office, leadership, the groups' people — and the organization department's receiver,
    for the spot checks handed to them."""
    return (
        policy.sees_all_working_material(user) or policy.member_group_ids(user).exists() or rules.is_org_receiver(user)
    )


def groups_overview(user):
    """The groups whose work the user sees, newest round first, each with what of it the user may see counted."""
    groups = policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk")
    if not policy.sees_all_working_material(user):
        groups = groups.filter(pk__in=policy.member_group_ids(user))  # never a receiver's handed group
    counts = {}
    for name, queryset in (
        ("spot_check_count", SpotCheck.objects.visible_to(user)),
        ("inquiry_count", Inquiry.objects.visible_to(user)),
        ("help_count", HelpRequest.objects.visible_to(user)),
        ("clue_count", Clue.objects.visible_to(user)),
    ):
        counts[name] = dict(queryset.values_list("group").annotate(n=Count("pk", distinct=True)).values_list("group", "n"))
    rows = list(groups.order_by("-round__year", "-round__number", "number"))
    clue_groups = set(policy.clues_visible_to(InspectionGroup.objects.filter(pk__in=[g.pk for g in rows]), user, group_field="pk").values_list("pk", flat=True))
    for group in rows:
        for name, by_group in counts.items():
            setattr(group, name, by_group.get(group.pk, 0))
        group.sees_clues = group.pk in clue_groups
    return rows


def handed_spot_checks(user):
    """What the organization department's receiver was handed (nothing for anyone else)."""
    if not rules.is_org_receiver(user):
        return SpotCheck.objects.none()
    return (
        SpotCheck.objects.filter(pk__in=policy.handed_pks(user, SpotCheck)).select_related("group__round")
        .annotate(person_count=Count("people", distinct=True), filled_count=Count("people", filter=~Q(people__result=""), distinct=True))
        .order_by("-sent_at", "-id")
    )


def group_for(user, pk, scope=policy.group_material_visible_to):
    """A group whose material of this kind the user may see (None: out of scope, a 404)."""
    return scope(InspectionGroup.objects.select_related("round"), user, group_field="pk").filter(pk=pk).first()


def with_counts(spot_checks):
    return spot_checks.annotate(
        person_count=Count("people", distinct=True), filled_count=Count("people", filter=~Q(people__result=""), distinct=True),
    )
