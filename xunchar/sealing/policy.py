"""Who may read a direct-delivery item's content — one rule for every page, list, search, export and PDF.

- Under seal is every item not declined: from the moment it is routed to the group leader (proposed)
  the group no longer reads its content; the leader does, to fill the 呈报单, until the registrar
  registers and seals it.
- Once sealed, only the leading group's head (the county party secretary) and the people the head
  names for that item open it. Everyone else — the office that carries it, the group's own members,
  its leader, the superuser — sees the number, the date and the routing, never the content, the
  person named or the reason.
- Lists and searches do not show sealed content even to its readers: it is read on the opening
  page alone, which logs every opening (sealing/views.py `open_item`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from xunchar.access import policy as access
from xunchar.accounts.roles import LEADERSHIP_ROLES, Role

from .models import DirectDelivery

State = DirectDelivery.State
LEADER_STAGES = (State.PROPOSED, State.REPORTED)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_head(user) -> bool:
    return _active(user) and user.has_role(Role.SECRETARY)


def may_be_named(user) -> bool:
    """The head names readers from the leading group and the office director."""
    return _active(user) and bool(user.roles & (LEADERSHIP_ROLES | {Role.OFFICE_DIRECTOR}))


def deliveries_visible_to(queryset: QuerySet, user) -> QuerySet:
    """The register rows (number, date, state): group material, like the ledger they come from."""
    return access.group_material_visible_to(queryset, user)


def under_seal(source_model=None) -> QuerySet:
    rows = DirectDelivery.objects.exclude(state=State.DECLINED)
    if source_model is not None:
        rows = rows.filter(source_type=ContentType.objects.get_for_model(source_model))
    return rows


def readable_deliveries(user) -> QuerySet:
    """The items under seal whose content the user may open."""
    if not _active(user):
        return DirectDelivery.objects.none()
    rows = under_seal()
    if is_head(user):
        return rows
    condition = Q(readers__user_id=user.pk)
    if getattr(user, "cadre_id", None) is not None:
        condition |= Q(state__in=LEADER_STAGES, group__memberships__cadre_id=user.cadre_id,
                       group__memberships__role="leader")
    return rows.filter(pk__in=rows.filter(condition).values("pk"))


def may_open(user, delivery: DirectDelivery) -> bool:
    return readable_deliveries(user).filter(pk=delivery.pk).exists()


def content_visible_to(queryset: QuerySet, user, *, source_model, source_field: str) -> QuerySet:
    """A source's content rows (through `source_field`, the source record's id): the ones under seal
    only for whoever may open them. Content querysets call this inside their `visible_to`."""
    hidden = under_seal(source_model).exclude(pk__in=readable_deliveries(user).values("pk")).values("source_id")
    return queryset.exclude(**{f"{source_field}__in": hidden})


def without_sealed(queryset: QuerySet, *, source_model, source_field: str = "pk") -> QuerySet:
    """Rows whose record is not under seal: for searches, filters, approvals and PDFs, where sealed
    content is never shown to anyone, its readers included."""
    return queryset.exclude(**{f"{source_field}__in": under_seal(source_model).values("source_id")})


def sealed_ids(source_model, ids) -> set[int]:
    """Which of these records are under seal: the lists show them as number, date and routing only."""
    ids = list(ids)
    if not ids:
        return set()
    return set(under_seal(source_model).filter(source_id__in=ids).values_list("source_id", flat=True))
