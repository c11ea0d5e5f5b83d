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


def _office_files(queryset: QuerySet, user) -> QuerySet:
    return queryset if policy.can_manage_rounds(user) else queryset.none()


def _office_filed_scan(label: str, related: tuple[str, ...]) -> OwnerKind:
    """A paper the office files the signed scan of; its model's own `visible_to` decides who reads it."""
    return OwnerKind(
        label=label,
        viewable=lambda queryset, user: queryset.visible_to(user),
        uploadable=_office_files,
        related=related,
        back=lambda paper: (str(paper), paper.get_absolute_url()),
    )


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
            uploadable=_office_files,
            related=("request__round", "group"),
            back=lambda answer: (str(answer), answer.get_absolute_url()),
        ),
        # The scans of the papers signed on paper (S01, S02.2): the office files them, whoever may
        # read the paper reads its scan.
        _office_filed_scan("rounds.taskallocationplan", ("round",)),
        _office_filed_scan("rounds.roundworkplan", ("round",)),
        _office_filed_scan("rounds.authorizationdecision", ("group__round",)),
        _office_filed_scan("rounds.inspectionnotice", ("inspection__group__round", "inspection__unit")),
        OwnerKind(
            label="rounds.earliermaterialitem",
            viewable=lambda queryset, user: policy.group_material_visible_to(queryset, user, "inspection__group"),
            uploadable=_office_files,
            related=("inspection__group__round", "inspection__unit"),
            back=lambda item: (str(item), item.get_absolute_url()),
        ),
        # Issue 5 §1: a petition's letters, scans and recordings belong to its content (the part §2
        # seals), read by whoever reads the content, added by the group's own people.
        OwnerKind(
            label="petitions.petitioncontent",
            viewable=lambda queryset, user: queryset.visible_to(user),
            # Nobody adds to an item under seal (§2): visible_to leaves it out for the group.
            uploadable=lambda queryset, user: _not_sealed(queryset.visible_to(user), "petitions.petition", "petition").filter(
                petition__group__in=policy.member_group_ids(user)),
            related=("petition__group__round", "petition__round"),
            back=lambda content: (content.petition.reference, content.petition.get_absolute_url()),
        ),
        # Issue 5 §3: a talk record's signed copy, recordings and notes belong to the record (the part a
        # direct-delivery item seals), read through its one rule, added by the group's own people.
        OwnerKind(
            label="groups.talkrecord",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: _not_sealed(queryset.visible_to(user), "groups.talkrecord", "pk").filter(
                talk__group__in=policy.member_group_ids(user)),
            related=("talk__group__round",),
            back=lambda record: (str(record.talk), record.get_absolute_url()),
        ),
        # Issue 6 §2: a scan of an unclassified requested document, added by the group's own people.
        # A classified one (秘密, 机密) is never uploaded: no one may add to it, whoever they are.
        OwnerKind(
            label="docrequests.documentitem",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset.visible_to(user).filter(
                classification="none", inspection__group__in=policy.member_group_ids(user)),
            related=("inspection__group__round", "inspection__unit"),
            back=lambda item: (str(item), item.get_absolute_url()),
        ),
        # Issue 6 §1, §3 (groups/onsite): the unit's work and thematic reports, the special check
        # reports — group material, added by the group's own people.
        OwnerKind(
            label="onsite.unitreport",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset.filter(inspection__group__in=policy.member_group_ids(user)),
            related=("inspection__group__round", "inspection__unit"),
            back=lambda report: (str(report), report.get_absolute_url()),
        ),
        OwnerKind(
            label="onsite.specialcheck",
            viewable=lambda queryset, user: queryset.visible_to(user),
            uploadable=lambda queryset, user: queryset.filter(group__in=policy.member_group_ids(user)),
            related=("group__round",),
            back=lambda check: (str(check), check.get_absolute_url()),
        ),
    ]
}


def _not_sealed(queryset, source_label: str, source_field: str):
    """Nobody adds to an item under seal (径送件, xunchar/sealing), its readers included."""
    from django.apps import apps

    from xunchar.sealing.policy import without_sealed

    return without_sealed(queryset, source_model=apps.get_model(source_label), source_field=source_field)


def owner_kind(label: str) -> OwnerKind | None:
    return OWNER_KINDS.get(label)


def owner_kind_for(obj) -> OwnerKind | None:
    return OWNER_KINDS.get(obj._meta.label_lower)
