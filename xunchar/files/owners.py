"""Which records may carry attachments, and who may see and add them.

An attachment has no access rule of its own: it is reached through the record it belongs to (its
owner), so whoever may not see the owner finds no file (404). Each owner kind names two scopes built
from the access policy — who may see the owner's attachments and who may add to them — and says
whether its files are confidential (downloads watermarked). A phase app that attaches files to its
records adds one `OwnerKind` to `OWNER_KINDS` below.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet

from xunchar.access import policy

Scope = Callable[[QuerySet, object], QuerySet]


@dataclass(frozen=True)
class OwnerKind:
    label: str  # the owner model's "app_label.model_name", as in URLs
    viewable: Scope
    uploadable: Scope
    confidential: bool = True  # downloads carry the reader's watermark
    related: tuple[str, ...] = ()  # what str(owner) and `back` read, fetched with the owner
    back: Callable[[object], tuple[str, str]] | None = None  # (label, URL) the attachments page leads back to

    @property
    def model(self):
        return apps.get_model(self.label)

    def visible(self, user) -> QuerySet:
        return self.viewable(self.model.objects.select_related(*self.related), user)

    def addable(self, user) -> QuerySet:
        return self.uploadable(self.model.objects.select_related(*self.related), user)


def _own_group_material(queryset: QuerySet, user) -> QuerySet:
    """The office, leadership and the group's own people add material; a receiver only reads what
    was handed over, a unit contact not even that."""
    if policy.sees_all_working_material(user):
        return queryset
    return queryset.filter(group__in=policy.member_group_ids(user))


OWNER_KINDS: dict[str, OwnerKind] = {
    kind.label: kind
    for kind in [
        # An inspection's working files are group material: the unit contact, who sees the
        # inspection itself, must not see what the group collected about the unit.
        OwnerKind(
            label="groups.inspection",
            viewable=policy.group_material_visible_to,
            uploadable=_own_group_material,
            related=("group__round", "unit"),
            back=lambda inspection: (inspection.group.full_name, inspection.group.get_absolute_url()),
        ),
        # S04: what the departments hand the office for the groups. The office records and files it;
        # the group it concerns reads it, nobody else (a unit contact never).
        OwnerKind(
            label="rounds.briefinganswer",
            viewable=policy.group_material_visible_to,
            uploadable=lambda queryset, user: queryset if policy.can_manage_rounds(user) else queryset.none(),
            related=("request__round", "group"),
            back=lambda answer: (str(answer), answer.get_absolute_url()),
        ),
        # The scans of S01's papers as signed on paper: the office files them, whoever reads the
        # paper reads the scan.
        OwnerKind(
            label="rounds.taskallocationplan",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset if policy.can_manage_rounds(user) else queryset.none(),
            related=("round",),
            back=lambda plan: (str(plan), plan.get_absolute_url()),
        ),
        OwnerKind(
            label="rounds.roundworkplan",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset if policy.can_manage_rounds(user) else queryset.none(),
            related=("round",),
            back=lambda plan: (str(plan), plan.get_absolute_url()),
        ),
        OwnerKind(
            label="rounds.authorizationdecision",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset if policy.can_manage_rounds(user) else queryset.none(),
            related=("group__round",),
            back=lambda decision: (str(decision), decision.get_absolute_url()),
        ),
        OwnerKind(
            label="rounds.inspectionnotice",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset if policy.can_manage_rounds(user) else queryset.none(),
            related=("inspection__group__round", "inspection__unit"),
            back=lambda notice: (str(notice.title), notice.get_absolute_url()),
        ),
        OwnerKind(
            label="rounds.earliermaterialitem",
            viewable=lambda queryset, user: policy.group_material_visible_to(queryset, user, "inspection__group"),
            uploadable=lambda queryset, user: queryset if policy.can_manage_rounds(user) else queryset.none(),
            related=("inspection__group__round", "inspection__unit"),
            back=lambda item: (str(item), item.get_absolute_url()),
        ),
        # Issue 5 §1: a petition's letters, scans and recordings belong to its content (the part §2
        # seals), read by whoever reads the content, added by the group's own people.
        OwnerKind(
            label="petitions.petitioncontent",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset.filter(petition__group__in=policy.member_group_ids(user)),
            related=("petition__group__round", "petition__round"),
            back=lambda content: (content.petition.reference, content.petition.get_absolute_url()),
        ),
    ]
}


def owner_kind(label: str) -> OwnerKind | None:
    return OWNER_KINDS.get(label)


def owner_kind_for(obj) -> OwnerKind | None:
    return OWNER_KINDS.get(obj._meta.label_lower)
