"""Reads of the preparation phase's round-level records: what a person sees of a round's
preparation, the earlier material for an inspection (S04.3), and two versions of a speech side by side."""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from groups.models import Inspection, InspectionGroup
from xunchar.access import policy
from xunchar.files.models import Attachment

from .models import Round
from .prep_models import (
    BriefingRequest,
    InspectionNotice,
    MobilizationMeeting,
    SpeechDraft,
    TrainingSession,
    member_round_ids,
)


def rounds_prepared_by(user):
    """The rounds whose preparation records the user reads: the office and leadership all, a
    group's people their own rounds'. (A unit contact sees the round, but only its notice.)"""
    rounds = Round.objects.visible_to(user)
    if policy.sees_all_working_material(user):
        return rounds
    return rounds.filter(pk__in=member_round_ids(user))


def sees_round_preparation(user, round_) -> bool:
    return rounds_prepared_by(user).filter(pk=round_.pk).exists()


# --- The round page's section ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparationSummary:
    sees_all: bool  # the round's preparation records (not only the notice)
    can_manage: bool
    meeting: MobilizationMeeting | None
    notices_issued: int
    notices_total: int
    training: int
    briefings_sent: int
    briefings_total: int
    speeches: int


def preparation_summary(user, round_: Round) -> PreparationSummary:
    """What the round page says about the preparation phase, in at most six queries."""
    notices = InspectionNotice.objects.visible_to(user).filter(inspection__round=round_).aggregate(
        total=Count("pk"), issued=Count("pk", filter=Q(status=InspectionNotice.Status.ISSUED))
    )
    sees_all = sees_round_preparation(user, round_)
    if not sees_all:
        return PreparationSummary(False, False, None, notices["issued"], notices["total"], 0, 0, 0, 0)
    briefings = BriefingRequest.objects.visible_to(user).filter(round=round_).aggregate(
        total=Count("pk"), sent=Count("pk", filter=Q(status=BriefingRequest.Status.SENT))
    )
    return PreparationSummary(
        sees_all=True,
        can_manage=policy.can_manage_rounds(user),
        meeting=MobilizationMeeting.objects.filter(round=round_).first(),
        notices_issued=notices["issued"],
        notices_total=notices["total"],
        training=TrainingSession.objects.visible_to(user).filter(round=round_).count(),
        briefings_sent=briefings["sent"],
        briefings_total=briefings["total"],
        speeches=SpeechDraft.objects.visible_to(user).filter(round=round_).count(),
    )


# --- S04.3 Earlier material ---------------------------------------------------------------------------


@dataclass
class EarlierInspection:
    """The same unit inspected in an earlier round, as far as the user may look into it."""

    inspection: Inspection
    can_open_group: bool  # the user may open the earlier group's page
    attachments: list = field(default_factory=list)  # the earlier inspection's files the user may see


@dataclass
class EarlierSection:
    title: str
    rows: list  # objects with __str__ and get_absolute_url()


# What S04.3 names — the previous round's report, feedback opinions and rectification report. The
# phases that produce them replace these providers: each takes the earlier inspections and the user
# and returns the records the user may see.
EarlierProvider = Callable[[list[Inspection], object], list]
EARLIER_SECTIONS: list[tuple[str, EarlierProvider]] = [
    (_("Inspection report"), lambda earlier, user: []),
    (_("Feedback opinions"), lambda earlier, user: []),
    (_("Rectification report"), lambda earlier, user: []),
]


@dataclass
class EarlierMaterial:
    inspection: Inspection
    earlier: list[EarlierInspection]
    sections: list[EarlierSection]


def earlier_inspections(inspection: Inspection):
    """The unit's inspections in rounds before this one, the latest first."""
    round_ = inspection.round
    return (
        Inspection.objects.filter(unit_id=inspection.unit_id)
        .filter(Q(round__year__lt=round_.year) | Q(round__year=round_.year, round__number__lt=round_.number))
        .select_related("round", "group", "unit")
        .order_by("-round__year", "-round__number")
    )


def earlier_material(inspection: Inspection, *, user) -> EarlierMaterial:
    """What the system holds from earlier rounds about the unit of `inspection` (S04.3: 上一轮巡察报告、
    反馈意见、整改情况报告). The caller has fetched `inspection` through a scope the user may read.

    The earlier inspection's facts (round, group, dates) are handed to the new group; its working
    files stay with those who may see them (the office, leadership, the earlier group's people)."""
    earlier = list(earlier_inspections(inspection))
    visible_groups = set(
        InspectionGroup.objects.visible_to(user).filter(pk__in=[e.group_id for e in earlier]).values_list("pk", flat=True)
    ) if earlier else set()
    files: dict[int, list] = {}
    if earlier:
        owner_type = ContentType.objects.get_for_model(Inspection)
        for attachment in (
            Attachment.objects.visible_to(user)
            .filter(owner_type=owner_type, owner_id__in=[e.pk for e in earlier])
            .select_related("uploaded_by")
        ):
            files.setdefault(attachment.owner_id, []).append(attachment)
    rows = [EarlierInspection(e, e.group_id in visible_groups, files.get(e.pk, [])) for e in earlier]
    sections = [EarlierSection(str(title), provider(earlier, user)) for title, provider in EARLIER_SECTIONS]
    return EarlierMaterial(inspection=inspection, earlier=rows, sections=sections)


# --- S06 Comparing two versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffRow:
    """One paragraph of each version side by side; None where a paragraph exists on one side only."""

    kind: str  # equal, changed, removed, added
    left: tuple[Segment, ...] | None
    right: tuple[Segment, ...] | None


def _paragraphs(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


SHORT_MATCH = 2  # characters; a shorter match between two changes is shown as part of the change


def _readable_opcodes(old: str, new: str) -> list[tuple]:
    """difflib's opcodes, with stray one- or two-character matches inside a rewritten phrase folded
    into the change: “遵守[各]项纪律[规定]” reads worse than “遵守[各项纪律规定]”."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    marked = [
        ("replace", *op[1:]) if op[0] == "equal" and 0 < k < len(ops) - 1 and op[2] - op[1] <= SHORT_MATCH else op
        for k, op in enumerate(ops)
    ]
    merged: list[tuple] = []
    for op in marked:
        if merged and op[0] != "equal" and merged[-1][0] != "equal":
            previous = merged.pop()
            op = ("replace", previous[1], op[2], previous[3], op[4])
        merged.append(op)
    return merged


def _inline(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Character by character (Chinese has no spaces between words)."""
    left, right = [], []
    for tag, i1, i2, j1, j2 in _readable_opcodes(old, new):
        if tag == "equal":
            left.append(Segment(old[i1:i2], False))
            right.append(Segment(new[j1:j2], False))
        else:
            if i2 > i1:
                left.append(Segment(old[i1:i2], True))
            if j2 > j1:
                right.append(Segment(new[j1:j2], True))
    return tuple(left), tuple(right)


def compare_texts(old: str, new: str) -> list[DiffRow]:
    """Paragraph by paragraph; inside a changed paragraph, the changed characters are marked."""
    a, b = _paragraphs(old), _paragraphs(new)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffRow("equal", (Segment(p, False),), (Segment(p, False),)) for p in a[i1:i2]]
            continue
        old_part, new_part = a[i1:i2], b[j1:j2]
        for k in range(max(len(old_part), len(new_part))):
            if k < len(old_part) and k < len(new_part):
                rows.append(DiffRow("changed", *_inline(old_part[k], new_part[k])))
            elif k < len(old_part):
                rows.append(DiffRow("removed", (Segment(old_part[k], True),), None))
            else:
                rows.append(DiffRow("added", None, (Segment(new_part[k], True),)))
    return rows
