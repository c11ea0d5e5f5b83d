"""What each role's home page shows. Every query goes through the access policy's querysets."""

from datetime import date

from django.db.models import Count, Q

from groups.models import GroupMembership, InspectionGroup, members_in_order
from rounds.models import Round
from xunchar.accounts.roles import Role
from xunchar.deadlines.models import Deadline


def home_kind(user) -> str:
    # An administrator holds no other role (三员分立), so the administrator's page comes first.
    if user.has_role(Role.SYSTEM_ADMIN):
        return "system_admin"
    if user.has_role(Role.SECURITY_ADMIN):
        return "security_admin"
    if user.has_role(Role.AUDIT_ADMIN):
        return "audit_admin"
    if user.is_leadership:
        return "leadership"
    if user.is_office:
        return "office"
    if user.is_receiver:
        return "receiver"
    if user.contact_unit_id:
        return "unit"
    return "group"


def rounds_overview(user):
    return (
        Round.objects.visible_to(user)
        .annotate(
            group_count=Count("groups", distinct=True),
            unit_count=Count("inspections", distinct=True),
        )
        .order_by("-year", "-number")
    )


def open_deadlines(user, *, limit: int | None = 20):
    qs = Deadline.objects.visible_to(user).open().select_related("round", "group", "unit").order_by("due_on", "rule")
    return qs[:limit] if limit else qs


def overdue_deadlines(user, today: date):
    return open_deadlines(user, limit=None).filter(due_on__lt=today)


def my_memberships(user):
    if not user.cadre_id:
        return GroupMembership.objects.none()
    return (
        GroupMembership.objects.filter(cadre_id=user.cadre_id)
        .select_related("group__round")
        .order_by("-group__round__year", "-group__round__number")
    )


def keeps_group_material(membership) -> bool:
    """Whether the membership still opens its group's material (policy.access_giving, for one row in hand)."""
    from xunchar.access.policy import KEEP_AFTER_WITHDRAWAL

    return membership.group.withdrawn_on is None or membership.role in KEEP_AFTER_WITHDRAWAL


def groups_with_units(user, round_ids):
    return (
        InspectionGroup.objects.visible_to(user)
        .filter(round_id__in=round_ids)
        .select_related("round")
        .prefetch_related("inspections__unit", members_in_order())
        .order_by("round", "number")
    )


def phase_counts(user):
    return dict(
        Round.objects.visible_to(user).values_list("phase").annotate(n=Count("id")).values_list("phase", "n")
    )


def deadline_counts(user, today: date):
    return Deadline.objects.visible_to(user).open().aggregate(
        overdue=Count("id", filter=Q(due_on__lt=today)),
        running=Count("id"),
    )


def active_groups(user):
    """The groups of rounds still under way, with their leader, units and running deadlines."""
    return (
        InspectionGroup.objects.visible_to(user)
        .exclude(round__phase=Round.Phase.CLOSED)
        .select_related("round")
        .prefetch_related("inspections__unit", members_in_order())
        .annotate(open_deadlines=Count("deadlines", filter=Q(deadlines__state=Deadline.State.OPEN), distinct=True))
        .order_by("-round__year", "-round__number", "number")
    )
