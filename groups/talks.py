"""Writes (and the subject proposals) of individual talks (S12, issue 5 §3). One service per transition,
keyword-only, atomic; each checks the actor's right (groups/talk_rules.py) and the talk's state and
refuses an illegal move with a message; repeating a move changes nothing.

S12.3: a talk is held by at least two of the group's staff; a talk by one (一对一) needs the group
leader's approval — the `groups.one_to_one_talk` chain — granted before the day it is held.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from rounds.models import Round
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_is_locked, approval_request
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.core.rules import refuse as _refuse
from xunchar.registry.models import Cadre, CadrePost
from xunchar.sealing.policy import under_seal, without_sealed
from xunchar.workdays.calendar import chinese_date

from . import talk_rules
from .models import GroupMembership, Inspection, InspectionGroup
from .talk_models import Talk, TalkOutline, TalkProblem, TalkRecord

ONE_TO_ONE_CHAIN = "groups.one_to_one_talk"
AUDIT_HELD = AuditEvent.Event.TALK_HELD
AUDIT_READ_BY_LEADER = AuditEvent.Event.TALK_RECORD_READ_BY_LEADER
RETIREE_YEARS = 3
LEADERSHIP_RANKS = (
    Cadre.Rank.COUNTY_PRINCIPAL, Cadre.Rank.COUNTY_DEPUTY, Cadre.Rank.SECTION_PRINCIPAL, Cadre.Rank.SECTION_DEPUTY,
)


@dataclass
class TalkData:
    subject_kind: str
    subject_name: str
    planned_on: date
    place: str
    staff: list = field(default_factory=list)  # GroupMembership
    recorder: GroupMembership | None = None
    inspection: Inspection | None = None
    subject_cadre: Cadre | None = None
    subject_post: str = ""
    planned_time: time | None = None
    safety_notes: str = ""
    outline: str = ""
    one_to_one_reason: str = ""


def _withdrawn_after(group: InspectionGroup, day: date) -> bool:
    return bool(group.withdrawn_on and day and day > group.withdrawn_on)


def _withdrawal_message(group: InspectionGroup) -> str:
    return _("The group withdrew on %(date)s: no talk takes place after that.") % {"date": chinese_date(group.withdrawn_on)}


def cadres_of_units(group: InspectionGroup):
    """The cadre-pool records a talk subject may be picked from: the people now at the units this group
    inspects, and those who held a post there."""
    units = Inspection.objects.filter(group=group).values("unit_id")
    posted = CadrePost.objects.filter(unit_id__in=units).values("cadre_id")
    return Cadre.objects.filter(Q(unit_id__in=units) | Q(pk__in=posted))


def _check(group: InspectionGroup, data: TalkData) -> None:
    errors = {}
    if data.subject_kind not in Talk.SubjectKind.values:
        errors["subject_kind"] = _("Choose the kind of subject.")
    if not (data.subject_name or "").strip():
        errors["subject_name"] = _("Name the person to talk with.")
    if data.subject_cadre is not None and not cadres_of_units(group).filter(pk=data.subject_cadre.pk).exists():
        errors["subject_cadre"] = _("Pick a person of the units this group inspects.")
    if not (data.place or "").strip():
        errors["place"] = _("Say where the talk takes place.")
    if data.inspection is not None and data.inspection.group_id != group.pk:
        errors["inspection"] = _("The unit must be one the group inspects.")
    staff = list(data.staff)
    if any(m.group_id != group.pk for m in staff):
        errors["staff"] = _("Only the group's own people hold its talks.")
    elif not staff:
        errors["staff"] = _("Name who holds the talk: at least two of the group's people, or one with the leader's approval.")
    elif len({m.pk for m in staff}) == 1 and not (data.one_to_one_reason or "").strip():
        errors["one_to_one_reason"] = _(
            "A talk by one staff member (one-to-one) needs the group leader's approval: say why it must be one-to-one, or name a second person."
        )
    if data.recorder is not None and data.recorder.pk not in {m.pk for m in staff}:
        errors["recorder"] = _("The recorder is one of the staff who hold the talk.")
    if _withdrawn_after(group, data.planned_on):
        errors["planned_on"] = _withdrawal_message(group)
    if errors:
        raise ValidationError(errors)


def _fill(talk: Talk, data: TalkData) -> None:
    one_to_one = len({m.pk for m in data.staff}) == 1
    talk.inspection = data.inspection
    talk.subject_kind = data.subject_kind
    talk.subject_cadre = data.subject_cadre
    talk.subject_name = data.subject_name.strip()
    talk.subject_post = (data.subject_post or "").strip()
    talk.planned_on = data.planned_on
    talk.planned_time = data.planned_time
    talk.place = data.place.strip()
    talk.safety_notes = (data.safety_notes or "").strip()
    talk.outline = (data.outline or "").strip()
    talk.recorder = data.recorder
    talk.one_to_one_reason = (data.one_to_one_reason or "").strip() if one_to_one else ""


PLAN_FIELDS = (
    "inspection_id", "subject_kind", "subject_cadre_id", "subject_name", "subject_post", "planned_on", "planned_time",
    "place", "safety_notes", "outline", "recorder_id", "one_to_one_reason",
)


@transaction.atomic
def talk_plan(*, group: InspectionGroup, actor, data: TalkData) -> Talk:
    """Put one talk on the group's plan: subject, day, place, safety notes, tailored outline, staff."""
    _refuse(talk_rules.can_plan_talk(actor, group), _("Only the group's own people plan its talks."))
    _check(group, data)
    talk = Talk(group=group, planned_by=actor)
    _fill(talk, data)
    talk._change_reason = "列入谈话安排"
    talk.save()
    talk.staff.set(data.staff)
    return talk


def _locked(talk: Talk, actor) -> Talk:
    current = Talk.objects.select_for_update().select_related("group__round").get(pk=talk.pk)
    _refuse(talk_rules.can_plan_talk(actor, current.group), _("Only the group's own people plan and record its talks."))
    return current


@transaction.atomic
def talk_update(*, talk: Talk, actor, data: TalkData) -> Talk:
    current = _locked(talk, actor)
    if current.state != Talk.State.PLANNED:
        raise ValidationError(_("Only a planned talk can be changed; this one is “%(state)s”.") % {"state": current.get_state_display()})
    _check(current.group, data)
    before = ({f: getattr(current, f) for f in PLAN_FIELDS}, set(current.staff.values_list("pk", flat=True)))
    _fill(current, data)
    after = ({f: getattr(current, f) for f in PLAN_FIELDS}, {m.pk for m in data.staff})
    if before == after:
        return current
    if approval_is_locked(current, ONE_TO_ONE_CHAIN):
        raise ValidationError(_("The one-to-one talk is with the group leader for approval or approved as it stands: it can no longer be changed."))
    current._change_reason = "修改谈话安排"
    current.save()
    current.staff.set(data.staff)
    return current


@transaction.atomic
def talk_cancel(*, talk: Talk, actor) -> Talk:
    current = _locked(talk, actor)
    if current.state == Talk.State.CANCELLED:
        return current
    if current.state != Talk.State.PLANNED:
        raise ValidationError(_("A talk already held cannot be cancelled."))
    current.state = Talk.State.CANCELLED
    current._change_reason = "取消谈话"
    current.save(update_fields=["state"])
    return current


def one_to_one_request(talk: Talk) -> ApprovalRequest | None:
    return approval_request(talk, ONE_TO_ONE_CHAIN)


def one_to_one_approved_on(talk: Talk) -> date | None:
    """The day the group leader allowed this talk one-to-one, or None."""
    request = one_to_one_request(talk)
    if request is None or request.state != ApprovalRequest.State.APPROVED or request.completed_at is None:
        return None
    return timezone.localdate(request.completed_at)


@transaction.atomic
def talk_mark_held(*, talk: Talk, actor, held_on: date, staff: list, recorder: GroupMembership | None) -> Talk:
    """Record that the talk took place, by whom, recorded by whom; its (empty) record is opened for
    the recorder to fill in. Two staff at least — or one, when the leader allowed it beforehand."""
    current = _locked(talk, actor)
    group = current.group
    staff_ids = {m.pk for m in staff}
    if current.state == Talk.State.HELD:
        if current.held_on == held_on and current.recorder_id == getattr(recorder, "pk", None) and set(
            current.staff.values_list("pk", flat=True)
        ) == staff_ids:
            return current
        raise ValidationError(_("This talk is already recorded as held."))
    if current.state == Talk.State.CANCELLED:
        raise ValidationError(_("A cancelled talk is not held."))
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Give the day the talk was held.")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("A talk cannot be recorded as held in the future.")
    elif _withdrawn_after(group, held_on):
        errors["held_on"] = _withdrawal_message(group)
    elif group.entered_on and held_on < group.entered_on:
        errors["held_on"] = _("The group entered its units on %(date)s: talks are held after that.") % {"date": chinese_date(group.entered_on)}
    if any(m.group_id != group.pk for m in staff):
        errors["staff"] = _("Only the group's own people hold its talks.")
    elif not staff_ids:
        errors["staff"] = _("Name who held the talk.")
    if recorder is None or recorder.pk not in staff_ids:
        errors["recorder"] = _("Name the recorder: one of the staff who held the talk.")
    if errors:
        raise ValidationError(errors)
    if len(staff_ids) == 1:
        _check_one_to_one(current, held_on, staff_ids)
    current.state = Talk.State.HELD
    current.held_on = held_on
    current.recorder = recorder
    current._change_reason = "谈话已进行"
    current.save(update_fields=["state", "held_on", "recorder"])
    current.staff.set(staff)
    record = TalkRecord(talk=current, written_by=actor)
    record._change_reason = "建立谈话记录"
    record.save()
    audit_record(event=AUDIT_HELD, actor=actor, obj=current,
                 detail=f"{chinese_date(held_on)} 谈话人{len(staff_ids)}名" + ("（一对一，经组长批准）" if len(staff_ids) == 1 else ""))
    return current


def _check_one_to_one(talk: Talk, held_on: date, staff_ids: set) -> None:
    approved_on = one_to_one_approved_on(talk)
    if approved_on is None:
        raise ValidationError(
            _("A one-to-one talk needs the group leader's approval before it takes place; no approval is recorded for "
              "this talk. Submit it to the leader, or name at least two staff."),
            code="one_to_one_not_approved",
        )
    if approved_on > held_on:
        raise ValidationError(
            _("A one-to-one talk needs the group leader's approval before it takes place; it was approved on %(date)s, "
              "after the talk.") % {"date": chinese_date(approved_on)},
            code="one_to_one_approved_late",
        )
    if set(talk.staff.values_list("pk", flat=True)) != staff_ids:
        raise ValidationError(
            _("The leader allowed this talk one-to-one for the person named in the plan; it was held by someone else."),
            code="one_to_one_other_person",
        )


def _open_record(talk: Talk, actor) -> TalkRecord:
    current = _locked(talk, actor)
    if current.state != Talk.State.HELD:
        raise ValidationError(_("A talk has a record once it is held."))
    record = TalkRecord.objects.select_for_update().get(talk=current)
    if under_seal(TalkRecord).filter(source_id=record.pk).exists():
        raise ValidationError(_("The record is a direct-delivery item: it is sealed and no longer changed in the group."))
    return record


@transaction.atomic
def talk_record_save(*, talk: Talk, actor, content: str) -> TalkRecord:
    """The record as typed (the signed paper copy is attached as a file). A change after the leader
    read it asks the leader to read it again."""
    record = _open_record(talk, actor)
    content = (content or "").strip()
    if record.content == content:
        return record
    record.content = content
    record.written_by = actor
    record.written_at = timezone.now()
    fields = ["content", "written_by", "written_at"]
    if record.read_by_leader_at is not None:
        record.read_by_leader = None
        record.read_by_leader_at = None
        fields += ["read_by_leader", "read_by_leader_at"]
    record._change_reason = "整理谈话记录"
    record.save(update_fields=fields)
    return record


@transaction.atomic
def talk_problem_add(*, talk: Talk, actor, category: str, text: str, person_concerned: str = "", tags: str = "") -> TalkProblem:
    record = _open_record(talk, actor)
    errors = {}
    if category not in TalkProblem.Category.values:
        errors["category"] = _("Choose the category of the problem.")
    if not (text or "").strip():
        errors["text"] = _("Describe the problem raised.")
    if errors:
        raise ValidationError(errors)
    problem = TalkProblem(record=record, category=category, text=text.strip(), person_concerned=(person_concerned or "").strip(),
                          tags=(tags or "").strip(), added_by=actor)
    problem._change_reason = "归纳反映问题"
    problem.save()
    return problem


@transaction.atomic
def talk_problem_remove(*, problem: TalkProblem, actor) -> None:
    current = TalkProblem.objects.filter(pk=problem.pk).select_related("record__talk").first()
    if current is None:
        return
    _open_record(current.record.talk, actor)
    current._change_reason = "删除反映问题"
    current.delete()


@transaction.atomic
def talk_record_mark_read(*, talk: Talk, actor) -> TalkRecord:
    """报组长审阅 (S12.4): the group leader marks the record read."""
    current = Talk.objects.select_for_update().select_related("group__round").get(pk=talk.pk)
    _refuse(talk_rules.talk_rights(actor, current.group).can_mark_read, _("Only the group leader marks a talk record read."))
    if current.state != Talk.State.HELD:
        raise ValidationError(_("A talk has a record once it is held."))
    record = TalkRecord.objects.select_for_update().get(talk=current)
    if record.read_by_leader_at is not None:
        return record
    from xunchar.files.models import Attachment

    if not record.content and not Attachment.objects.of(record).exists():
        raise ValidationError(_("The record is still empty: type it or attach the signed copy first."))
    record.read_by_leader = actor
    record.read_by_leader_at = timezone.now()
    record._change_reason = "组长已阅"
    record.save(update_fields=["read_by_leader", "read_by_leader_at"])
    audit_record(event=AUDIT_READ_BY_LEADER, actor=actor, obj=record, detail="组长审阅谈话记录")
    return record


# --- The office's generic outline ----------------------------------------------------------------------------


@transaction.atomic
def talk_outline_save(*, round: Round, actor, text: str) -> TalkOutline:
    _refuse(talk_rules.can_keep_outline(actor), _("The inspection office keeps the generic talk outline."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the outline.")})
    Round.objects.select_for_update().filter(pk=round.pk).first()
    outline = TalkOutline.objects.filter(round=round).first()
    if outline is not None and outline.text == text:
        return outline
    if outline is None:
        outline = TalkOutline(round=round, text=text, updated_by=actor)
        outline._change_reason = "制定通用性谈话提纲"
        outline.save()
    else:
        outline.text, outline.updated_by, outline.updated_at = text, actor, timezone.now()
        outline._change_reason = "修改通用性谈话提纲"
        outline.save(update_fields=["text", "updated_by", "updated_at"])
    return outline


# --- Whom to talk with (S12.1) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectProposal:
    cadre: Cadre
    inspection: Inspection
    kind: str  # Talk.SubjectKind
    post: str  # unit and post, as the plan prints it

    @property
    def kind_label(self) -> str:
        return Talk.SubjectKind(self.kind).label


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def talk_subject_proposals(group: InspectionGroup, *, on: date | None = None) -> list[SubjectProposal]:
    """Whom the cadre pool proposes for the group's talks, unit by unit: the leadership team of each
    inspected unit (its people of leading rank now in post there), then those of them retired in the last
    three years (a retired cadre whose post at the unit ended within three years of `on`, today by default).
    Three queries, however many units and people."""
    on = on or timezone.localdate()
    since = _years_before(on, RETIREE_YEARS)
    inspections = list(Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name"))
    by_unit = {i.unit_id: i for i in inspections}
    proposals = []
    rank_order = Case(*[When(rank=rank, then=Value(n)) for n, rank in enumerate(LEADERSHIP_RANKS)], output_field=IntegerField())
    leaders = (
        Cadre.objects.filter(unit_id__in=list(by_unit), is_retired=False, rank__in=LEADERSHIP_RANKS)
        .select_related("unit").alias(rank_order=rank_order).order_by("unit__name", "rank_order", "id")
    )
    for cadre in leaders:
        proposals.append(SubjectProposal(cadre, by_unit[cadre.unit_id], Talk.SubjectKind.LEADERSHIP, f"{cadre.unit}{cadre.post}"))
    retired_posts = (
        CadrePost.objects.filter(unit_id__in=list(by_unit), cadre__is_retired=True, end_date__gte=since, end_date__lte=on)
        .select_related("cadre", "unit").order_by("unit__name", "-end_date", "id")
    )
    seen = set()
    for post in retired_posts:
        if (post.cadre_id, post.unit_id) in seen:
            continue
        seen.add((post.cadre_id, post.unit_id))
        proposals.append(SubjectProposal(
            post.cadre, by_unit[post.unit_id], Talk.SubjectKind.RETIRED_LEADERSHIP,
            f"{post.unit}原{post.title}（{post.end_date.year}年退休）",
        ))
    order = {i.unit_id: n for n, i in enumerate(inspections)}
    proposals.sort(key=lambda p: (order[p.inspection.unit_id], p.kind != Talk.SubjectKind.LEADERSHIP))
    return proposals


def default_plan_day(group: InspectionGroup) -> date:
    """The first working day the form offers: tomorrow, or the entry day if the group has not entered."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    entry = group.entered_on or group.round.entry_date
    return max(tomorrow, entry) if entry else tomorrow


# --- Reads -----------------------------------------------------------------------------------------------------


def talk_roster(user, group: InspectionGroup, *, state="", subject_kind="", inspection=None, start=None, end=None, q="", **_ignored):
    """The group's talks in date order, filtered; everything from `Talk.objects.visible_to(user)`.
    The search reaches the plan (subject, post, place), never what was said."""
    from django.db.models import Prefetch

    rows = (
        Talk.objects.visible_to(user).filter(group=group)
        .select_related("group__round", "inspection__unit", "recorder__cadre")
        .prefetch_related(Prefetch("staff", queryset=GroupMembership.objects.select_related("cadre").order_by("id")))
        .order_by("planned_on", "planned_time", "id")
    )
    if state:
        rows = rows.filter(state=state)
    if subject_kind:
        rows = rows.filter(subject_kind=subject_kind)
    if inspection is not None:
        rows = rows.filter(inspection=inspection)
    if start:
        rows = rows.filter(Q(held_on__gte=start) | Q(held_on__isnull=True, planned_on__gte=start))
    if end:
        rows = rows.filter(Q(held_on__lte=end) | Q(held_on__isnull=True, planned_on__lte=end))
    if q:
        rows = rows.filter(Q(subject_name__icontains=q) | Q(subject_post__icontains=q) | Q(place__icontains=q))
    return rows


def records_by_talk(user, talks) -> dict[int, TalkRecord]:
    """{talk id: its record} for the records among `talks` the user may read (one query)."""
    ids = [t.pk for t in talks if t.state == Talk.State.HELD]
    if not ids:
        return {}
    records = without_sealed(TalkRecord.objects.visible_to(user), source_model=TalkRecord)
    records = records.filter(talk_id__in=ids).annotate_problem_count()
    return {r.talk_id: r for r in records}
