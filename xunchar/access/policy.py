"""The one place that decides who may see what.

Every view, list, count, search, export and PDF gets its rows through a `visible_to(user)` queryset
method that calls a function here; an object outside the user's scope is simply not found (404).

Rules (issue 2 §5):
- leadership and the office see all working material (sealed items excepted: their own rules);
- people of an inspection group see only their own group's material of their own round;
- receivers at the discipline commission and organization department see only what was handed to
  them (a per-object grant through django-guardian);
- a unit contact sees only what is addressed to the unit.
The superuser flag grants nothing here: being a Django superuser is not a way into case material.
"""

from django.db.models import Q, QuerySet


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def sees_all_working_material(user) -> bool:
    return _active(user) and (user.is_office or user.is_leadership)


# S28: once a group has withdrawn (撤离驻地), its members lose its material; the leader and the liaison
# keep it for the report, the feedback and the transfer (issue 6 §7; the archive issue settles the rest).
KEEP_AFTER_WITHDRAWAL = ("leader", "liaison")


def access_giving(memberships: QuerySet) -> QuerySet:
    """The memberships that still give access to their group's material: every membership of a group
    on site, and of a withdrawn group the leader's and the liaison's only."""
    return memberships.filter(Q(group__withdrawn_on__isnull=True) | Q(role__in=KEEP_AFTER_WITHDRAWAL))


def _memberships_of(user) -> QuerySet:
    from groups.models import GroupMembership

    cadre_id = getattr(user, "cadre_id", None) if _active(user) else None
    if cadre_id is None:
        return GroupMembership.objects.none()
    return access_giving(GroupMembership.objects.filter(cadre_id=cadre_id))


def member_group_ids(user):
    """A subquery of the ids of the inspection groups whose material the user reaches as a member, in
    any round."""
    return _memberships_of(user).values("group_id")


def is_group_member(user, group) -> bool:
    return _memberships_of(user).filter(group=group).exists()


def group_membership(user, group) -> tuple[int | None, str | None]:
    """(membership id, role) of the user in the group, or (None, None): one query, for the phase apps'
    rights objects. A member of a withdrawn group who does not keep its material has none."""
    row = _memberships_of(user).filter(group=group).values_list("id", "role").first()
    return row if row else (None, None)


def group_role(user, group) -> str | None:
    return _memberships_of(user).filter(group=group).values_list("role", flat=True).first()


HANDOVER_PERMISSION = "view"


def handed_to_ids(user, model) -> QuerySet:
    """Primary keys (as text) of the `model` records handed to the user: guardian's per-object
    "view_<model>" grants, read as a subquery so guardian stays off the hot path."""
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import UserObjectPermission

    codename = f"{HANDOVER_PERMISSION}_{model._meta.model_name}"
    return UserObjectPermission.objects.filter(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(model),
        permission__codename=codename,
    ).values("object_pk")


def handed_pks(user, model) -> QuerySet:
    """The same records as a subquery of real primary keys (object_pk is text in guardian's table)."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    ids = handed_to_ids(user, model)
    return model.objects.annotate(_pk_text=Cast("pk", CharField())).filter(_pk_text__in=ids).values("pk")


def _handed_to(queryset: QuerySet, user) -> Q:
    """A condition for the rows handed to a receiver."""
    return Q(pk__in=handed_pks(user, queryset.model))


def group_material_visible_to(queryset: QuerySet, user, group_field: str = "group") -> QuerySet:
    """Rows that belong to an inspection group through `group_field`."""
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    condition = Q(**{f"{group_field}__in": member_group_ids(user)})
    if user.is_receiver:
        condition |= _handed_to(queryset, user)
    return queryset.filter(condition)


def rounds_visible_to(queryset: QuerySet, user) -> QuerySet:
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    condition = Q(groups__in=member_group_ids(user))
    if user.contact_unit_id:
        condition |= Q(inspections__unit_id=user.contact_unit_id)
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def groups_visible_to(queryset: QuerySet, user) -> QuerySet:
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    condition = Q(pk__in=member_group_ids(user))
    if user.contact_unit_id:
        condition |= Q(inspections__unit_id=user.contact_unit_id)
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def inspections_visible_to(queryset: QuerySet, user) -> QuerySet:
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    condition = Q(group__in=member_group_ids(user))
    if user.contact_unit_id:
        condition |= Q(unit_id=user.contact_unit_id)
    if user.is_receiver:
        condition |= _handed_to(queryset, user)
    return queryset.filter(condition)


def deadlines_visible_to(queryset: QuerySet, user) -> QuerySet:
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    condition = Q(group__in=member_group_ids(user))
    if user.contact_unit_id:
        condition |= Q(unit_id=user.contact_unit_id)
    return queryset.filter(condition)


def units_visible_to(queryset: QuerySet, user) -> QuerySet:
    """The office and leadership see the whole register; others the units their work touches."""
    if not _active(user):
        return queryset.none()
    if can_view_registries(user):
        return queryset
    condition = Q(inspections__group__in=member_group_ids(user))
    if user.contact_unit_id:
        condition |= Q(pk=user.contact_unit_id)
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def cadres_visible_to(queryset: QuerySet, user) -> QuerySet:
    """The cadre pool is personnel data: the office and leadership only."""
    if can_view_registries(user):
        return queryset
    return queryset.none()


def can_manage_registries(user) -> bool:
    """Units and the cadre pool are kept by the office."""
    return _active(user) and user.is_office


def can_view_registries(user) -> bool:
    return _active(user) and (user.is_office or user.is_leadership)


def can_manage_rounds(user) -> bool:
    return _active(user) and user.is_office


def can_manage_calendar(user) -> bool:
    return _active(user) and user.is_office


def recusal_material_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Recusal declarations and conflicts name relatives and their workplaces: personal data. The
    office and leadership see them all; a person sees their own and nobody else's — not even their
    group's leader."""
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    cadre_id = getattr(user, "cadre_id", None)
    if cadre_id is None:
        return queryset.none()
    return queryset.filter(cadre_id=cadre_id)
def petitions_visible_to(queryset: QuerySet, user, group_field: str = "group") -> QuerySet:
    """A group's petition ledger (issue 5 §1) is group material: the office and leadership see
    every group's, a group's people their own, a unit contact nothing. Who may read a petitioner's
    identity is narrower: petitions/rules.py."""
    return group_material_visible_to(queryset, user, group_field=group_field)


# --- In-depth inquiries (issue 5 §4–§6: clues/) --------------------------------------------------------------

CLUE_KEEPERS = ("leader", "deputy", "liaison")


def clue_keeper_group_ids(user):
    """A subquery of the groups in which the user is leader, deputy leader or liaison — the people
    of a group who keep its clues (S05.3: the liaison helps manage the clues)."""
    from groups.models import GroupMembership

    cadre_id = getattr(user, "cadre_id", None) if _active(user) else None
    if cadre_id is None:
        return GroupMembership.objects.none().values("group_id")
    # Through access_giving: after the group withdraws, its deputy leader keeps nothing (S28).
    return access_giving(GroupMembership.objects.filter(cadre_id=cadre_id, role__in=CLUE_KEEPERS)).values("group_id")


def clues_visible_to(queryset: QuerySet, user, group_field: str = "group") -> QuerySet:
    """Clues (问题线索) are a group's most sensitive material: the office and leadership see every
    group's; within a group only its leader, deputy leader and liaison — not its ordinary members;
    receivers and unit contacts nothing (the transfer of clues, S37, is a later issue's)."""
    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    return queryset.filter(**{f"{group_field}__in": clue_keeper_group_ids(user)})


def spot_checks_visible_to(queryset: QuerySet, user, group_field: str = "group", spot_check_field: str = "pk") -> QuerySet:
    """Spot checks of personal-matter reports (S14) are group material; the organization
    department's receiver sees only the requests handed to them (a per-object grant on the spot
    check, reaching its rows through `spot_check_field`) and nothing else of the group."""
    from clues.models import SpotCheck

    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    condition = Q(**{f"{group_field}__in": member_group_ids(user)})
    if user.is_receiver:
        condition |= Q(**{f"{spot_check_field}__in": handed_pks(user, SpotCheck)})
    return queryset.filter(condition)


def inquiries_visible_to(queryset: QuerySet, user, inquiry_field: str = "pk") -> QuerySet:
    """An informant inquiry (S15) is need-to-know: the office and leadership see it; within the
    group only the people named on its list of readers — not the rest of the group."""
    from clues.models import Inquiry

    if not _active(user):
        return queryset.none()
    if sees_all_working_material(user):
        return queryset
    cadre_id = getattr(user, "cadre_id", None)
    if cadre_id is None:
        return queryset.none()
    # A reader's membership counts while it still gives access (after S28: the leader's and the liaison's).
    named = Inquiry.objects.filter(readers__in=_memberships_of(user)).values("pk")
    return queryset.filter(**{f"{inquiry_field}__in": named})
