"""Reads of the petition ledger. Everything starts from `Petition.objects.visible_to(user)`, so a
list, a count, a search and an export never reach an item the reader may not see."""

from django.db.models import Count, Q

from groups.models import InspectionGroup
from xunchar.access import policy
from xunchar.sealing.policy import sealed_ids, under_seal, without_sealed

from .models import Petition, Petitioner


def ledger(user, group: InspectionGroup, *, with_petitioner: bool, channel="", state="", start=None, end=None,
           inspection=None, q="", **_ignored):
    """The group's items in number order, filtered; the petitioner is joined only for who may read it."""
    rows = (
        Petition.objects.visible_to(user).filter(group=group)
        .select_related("group", "round", "content__complained_cadre__unit", "inspection__unit")
        .order_by("number")
    )
    if with_petitioner:
        rows = rows.select_related("petitioner")
    if channel or state or inspection is not None or q:
        # A sealed item shows its number, date and routing only: no filter on anything else finds it.
        rows = without_sealed(rows, source_model=Petition)
    if channel:
        rows = rows.filter(channel=channel)
    if state:
        rows = rows.filter(state=state)
    if start:
        rows = rows.filter(received_on__gte=start)
    if end:
        rows = rows.filter(received_on__lte=end)
    if inspection is not None:
        rows = rows.filter(inspection=inspection)
    if q:
        rows = rows.filter(
            Q(content__summary__icontains=q) | Q(content__full_text__icontains=q)
            | Q(content__complained_about__icontains=q) | Q(content__complained_cadre__name__icontains=q)
        )
    return rows


def petitioner_of(user, petition: Petition) -> Petitioner | None:
    """The petitioner, if the reader may see it (None for an anonymous item or a reader who may not)."""
    return Petitioner.objects.visible_to(user).filter(petition=petition).first()


def groups_with_petitions(user):
    """The groups whose ledgers the user sees, newest round first, with their item counts."""
    groups = policy.petitions_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk")
    return groups.annotate(
        petition_count=Count("petitions", distinct=True),
        important_count=Count(
            "petitions",
            filter=Q(petitions__state=Petition.State.IMPORTANT) & ~Q(petitions__in=under_seal(Petition).values("source_id")),
            distinct=True,
        ),
    ).order_by("-round__year", "-round__number", "number")


def has_any_ledger(user) -> bool:
    return policy.sees_all_working_material(user) or policy.member_group_ids(user).exists()


def mark_sealed(petitions) -> list:
    """Flag the items under seal (`petition.sealed`): pages and exports show them as number, date and
    routing only."""
    petitions = list(petitions)
    sealed = sealed_ids(Petition, [p.pk for p in petitions])
    for petition in petitions:
        petition.sealed = petition.pk in sealed
    return petitions
