from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xunchar.accounts.roles import OFFICE_ROLES
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.notifications.services import notifications_create
from xunchar.workdays.calendar import chinese_date

from . import rules
from .models import (
    WORK_PLAN_REQUIRED,
    WORK_PLAN_SECTIONS,
    ConfidentialityPledge,
    EntryChecklistMark,
    EntryFacilities,
    FocusItem,
    GroupMeeting,
    GroupMeetingItem,
    GroupMembership,
    GroupWorkPlan,
    GroupWorkPlanRevision,
    Inspection,
    InspectionGroup,
    OpinionNote,
    SelfReport,
    SelfReportSection,
    SelfReportVersion,
    TemporaryBranch,
)
from .standards import CHECKLIST_BY_CODE, CURRENT_PLEDGE, count_characters, share_display, share_passes

# Audit events of the preparation (the audit log's list of events names them for its filter).
AUDIT_PLEDGE_SIGNED = AuditEvent.Event.PLEDGE_SIGNED
AUDIT_GROUP_ENTERED = AuditEvent.Event.GROUP_ENTERED
AUDIT_WORK_PLAN_FILED = AuditEvent.Event.WORK_PLAN_FILED
AUDIT_WORK_PLAN_RECEIVED = AuditEvent.Event.WORK_PLAN_RECEIVED


# --- Helpers -----------------------------------------------------------------------------------------------


def _locked_group(group: InspectionGroup) -> InspectionGroup:
    return InspectionGroup.objects.select_for_update().select_related("round").get(pk=group.pk)


def _locked_inspection(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("group", "unit").get(pk=inspection.pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _names(memberships) -> str:
    return "、".join(str(m.cadre) for m in memberships)


def _office_users():
    return get_user_model().objects.filter(is_active=True, role_grants__role__in=OFFICE_ROLES).distinct()


# --- Group meetings (组务会, S03.1) --------------------------------------------------------------------------


@dataclass
class Minutes:
    """What the minutes of one group meeting say; `items` are (kind, text) in agenda order."""

    held_on: date
    attendees: Sequence[GroupMembership]
    minute_taker: GroupMembership
    items: Sequence[tuple[str, str]]
    decisions: str
    dissent: str = ""
    major_disagreement: bool = False
    reported_to: str = ""
    reported_on: date | None = None
    report_manner: str = ""


# The fields of `Minutes` that are fields of the meeting itself.
MINUTES_FIELDS = ("held_on", "minute_taker", "decisions", "dissent", "major_disagreement", "reported_to",
                  "reported_on", "report_manner")


def _check_minutes(group: InspectionGroup, minutes: Minutes) -> None:
    if any(m.group_id != group.pk for m in [*minutes.attendees, minutes.minute_taker]):
        raise ValidationError(_("Only the group's own people attend its meetings."))
    if not minutes.attendees:
        raise ValidationError(_("Name who attended the meeting."))
    if minutes.minute_taker not in minutes.attendees:
        raise ValidationError(_("The minute-taker must be one of those who attended."))
    if not [text for _kind, text in minutes.items if text.strip()]:
        raise ValidationError(_("Record at least one agenda item."))
    if not minutes.decisions.strip():
        raise ValidationError(_("Record what the meeting decided."))
    if minutes.held_on > timezone.localdate():
        raise ValidationError(_("A meeting cannot be minuted before it is held."))
    if minutes.reported_to or minutes.reported_on:
        if not minutes.major_disagreement:
            raise ValidationError(_("Only a major disagreement is reported to the leading group or the office."))
        if not (minutes.reported_to and minutes.reported_on):
            raise ValidationError(_("Say to whom and on which day the disagreement was reported."))
        if minutes.reported_on < minutes.held_on:
            raise ValidationError(_("The disagreement cannot be reported before the meeting."))
    if minutes.major_disagreement and not minutes.dissent.strip():
        raise ValidationError(_("Record the differing opinions of a major disagreement."))


def _write_items(meeting: GroupMeeting, items) -> None:
    meeting.items.all().delete()
    GroupMeetingItem.objects.bulk_create(
        GroupMeetingItem(meeting=meeting, position=i, kind=kind, text=text.strip())
        for i, (kind, text) in enumerate(((k, t) for k, t in items if t.strip()), start=1)
    )


@transaction.atomic
def meeting_record(*, group: InspectionGroup, minutes: Minutes, actor) -> GroupMeeting:
    """Minute a group meeting. It gets the group's next number (第N次)."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_keep_minutes)
    _check_minutes(group, minutes)
    number = (group.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    meeting = GroupMeeting(group=group, number=number, recorded_by=actor,
                           **{name: getattr(minutes, name) for name in MINUTES_FIELDS})
    meeting._change_reason = "记录组务会"
    meeting.save()
    meeting.attendees.set(minutes.attendees)
    _write_items(meeting, minutes.items)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: GroupMeeting, minutes: Minutes, actor) -> GroupMeeting:
    """Correct the minutes of a meeting; its number stays and the history keeps the earlier text."""
    meeting = GroupMeeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    _require(rules.group_rights(actor, meeting.group).can_keep_minutes)
    _check_minutes(meeting.group, minutes)
    for name in MINUTES_FIELDS:
        setattr(meeting, name, getattr(minutes, name))
    meeting._change_reason = "修改组务会记录"
    meeting.save(update_fields=list(MINUTES_FIELDS))
    meeting.attendees.set(minutes.attendees)
    _write_items(meeting, minutes.items)
    return meeting


@transaction.atomic
def group_name_meetings_deputy(*, group: InspectionGroup, membership: GroupMembership | None, actor) -> InspectionGroup:
    """The leader names the deputy who may convene and minute group meetings (or names none)."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).is_leader)
    if membership is not None and (membership.group_id != group.pk or membership.role != GroupMembership.RoundRole.DEPUTY):
        raise ValidationError(_("Only a deputy leader of this group can be named."))
    new_id = membership.pk if membership else None
    if group.meetings_deputy_id != new_id:
        group.meetings_deputy_id = new_id
        group._change_reason = "指定召集组务会的副组长"
        group.save(update_fields=["meetings_deputy"])
    return group


# --- Temporary party branch (临时党支部, S03.2) ------------------------------------------------------------


def _plan_is_filed(group: InspectionGroup) -> bool:
    return GroupWorkPlan.objects.filter(group=group, state=GroupWorkPlan.State.FILED).exists()


def _refuse_while_filed(group: InspectionGroup) -> None:
    if _plan_is_filed(group):
        raise ValidationError(
            _("The work plan has been filed with the office. Reopen it for a new revision before changing it.")
        )


@transaction.atomic
def branch_save(*, group: InspectionGroup, founded_on: date, party_members, work_plan: str, actor) -> TemporaryBranch:
    """Found or update the group's temporary party branch. Its secretary is the group leader. The branch
    work plan is part of the group work plan, so it is frozen while that is filed."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_lead)
    if any(m.group_id != group.pk for m in party_members):
        raise ValidationError(_("Only the group's own people are members of its branch."))
    if founded_on > timezone.localdate():
        raise ValidationError(_("The founding date cannot be in the future."))
    branch = TemporaryBranch.objects.filter(group=group).first()
    work_plan = work_plan.strip()
    if work_plan != (branch.work_plan if branch else ""):
        _refuse_while_filed(group)
    if branch is None:
        branch = TemporaryBranch(group=group, founded_on=founded_on, work_plan=work_plan, updated_by=actor)
        branch._change_reason = "成立临时党支部"
        branch.save()
    else:
        branch.founded_on, branch.work_plan, branch.updated_by = founded_on, work_plan, actor
        branch.updated_at = timezone.now()
        branch._change_reason = "修改临时党支部信息"
        branch.save(update_fields=["founded_on", "work_plan", "updated_by", "updated_at"])
    branch.party_members.set(party_members)
    return branch


# --- Confidentiality pledges (保密承诺书, S03.3) -----------------------------------------------------------


@transaction.atomic
def pledge_sign(*, group: InspectionGroup, actor, text_version: str, request=None) -> ConfidentialityPledge:
    """The signed-in person signs the pledge of the wording they were shown. Once signed it stays as it
    is; signing again changes nothing."""
    group = _locked_group(group)
    rights = rules.group_rights(actor, group)
    if not rights.in_group:
        raise PermissionDenied
    existing = ConfidentialityPledge.objects.filter(group=group, cadre_id=actor.cadre_id).first()
    if existing is not None:
        return existing
    if text_version != CURRENT_PLEDGE:
        raise ValidationError(_("The wording of the pledge has changed since the page was opened. Read it again and sign."))
    pledge = ConfidentialityPledge(group=group, cadre_id=actor.cadre_id, text_version=text_version)
    pledge._change_reason = "签订保密承诺书"
    pledge.save()
    audit_record(event=AUDIT_PLEDGE_SIGNED, request=request, actor=actor, obj=pledge, detail=f"文本 {text_version}")
    return pledge


def pledges_missing(group: InspectionGroup) -> list[GroupMembership]:
    """The group's people who have not signed, in role order."""
    signed = ConfidentialityPledge.objects.filter(group=group).values("cadre_id")
    return list(group.memberships.in_role_order().exclude(cadre_id__in=signed).select_related("cadre"))


# --- Division of work and the group work plan (S05.3, S05.4) ---------------------------------------------


@transaction.atomic
def duties_save(*, group: InspectionGroup, duties: dict[int, str], actor) -> None:
    """The leader writes each person's duties (keyed by membership id); empty means the role's default."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_lead)
    _refuse_while_filed(group)
    for membership in group.memberships.select_for_update():
        text = duties.get(membership.pk)
        if text is None:
            continue
        text = text.strip()
        if text == membership.default_duties:
            text = ""
        if text != membership.duties:
            membership.duties = text
            membership._change_reason = "修改组内分工"
            membership.save(update_fields=["duties"])


@transaction.atomic
def work_plan_save(*, group: InspectionGroup, sections: dict[str, str], actor) -> GroupWorkPlan:
    """Write the draft of the group work plan. A filed plan is refused: reopen it first."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_lead)
    plan = GroupWorkPlan.objects.select_for_update().filter(group=group).first()
    if plan is not None and plan.state == GroupWorkPlan.State.FILED:
        raise ValidationError(
            _("The work plan has been filed with the office. Reopen it for a new revision before changing it.")
        )
    values = {name: (sections.get(name) or "").strip() for name in WORK_PLAN_SECTIONS}
    if plan is None:
        plan = GroupWorkPlan(group=group, updated_by=actor, **values)
        plan._change_reason = "起草巡察组工作方案"
        plan.save()
        return plan
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    if changed:
        for name in changed:
            setattr(plan, name, values[name])
        plan.updated_by, plan.updated_at = actor, timezone.now()
        plan._change_reason = "修改巡察组工作方案"
        plan.save(update_fields=[*changed, "updated_by", "updated_at"])
    return plan


def _division(group: InspectionGroup) -> list[dict]:
    return [
        {"role": m.get_role_display(), "name": str(m.cadre), "duties": m.duties_or_default}
        for m in group.memberships.in_role_order().select_related("cadre")
    ]


@transaction.atomic
def work_plan_file(*, group: InspectionGroup, actor, request=None) -> GroupWorkPlanRevision:
    """The leader files the plan with the office (报巡察办备案): its text, the branch's work plan and the
    division of work are frozen as a numbered revision. Filing a filed plan again changes nothing."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_lead)
    plan = GroupWorkPlan.objects.select_for_update(of=("self",)).filter(group=group).select_related("latest_revision").first()
    if plan is None:
        raise ValidationError(_("Write the work plan before filing it."))
    if plan.state == GroupWorkPlan.State.FILED:
        return plan.latest_revision
    missing = [str(GroupWorkPlan._meta.get_field(name).verbose_name) for name in WORK_PLAN_REQUIRED if not getattr(plan, name)]
    if missing:
        raise ValidationError(_("The work plan lacks: %(sections)s.") % {"sections": "、".join(missing)})
    branch = TemporaryBranch.objects.filter(group=group).first()
    if branch is None or not branch.work_plan:
        raise ValidationError(_("The temporary party branch and its work plan are part of the work plan: record them first."))
    revision = GroupWorkPlanRevision(
        plan=plan,
        number=plan.next_revision_number,
        branch_plan=branch.work_plan,
        division=_division(group),
        filed_by=actor,
        **{name: getattr(plan, name) for name in WORK_PLAN_SECTIONS},
    )
    revision._change_reason = "报巡察办备案"
    revision.save()
    plan.state, plan.latest_revision = GroupWorkPlan.State.FILED, revision
    plan._change_reason = "报巡察办备案"
    plan.save(update_fields=["state", "latest_revision"])
    audit_record(event=AUDIT_WORK_PLAN_FILED, request=request, actor=actor, obj=revision)
    notifications_create(
        recipients=_office_users(),
        title=_("%(group)s filed its work plan (revision %(number)s)") % {"group": group.full_name, "number": revision.number},
        url=revision.get_absolute_url(),
    )
    return revision


@transaction.atomic
def work_plan_reopen(*, group: InspectionGroup, actor) -> GroupWorkPlan:
    """The leader reopens a filed plan to write its next revision; the filed copies stay as they are."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_lead)
    plan = GroupWorkPlan.objects.select_for_update().filter(group=group).first()
    if plan is None:
        raise ValidationError(_("Write the work plan before filing it."))
    if plan.state != GroupWorkPlan.State.DRAFT:
        plan.state = GroupWorkPlan.State.DRAFT
        plan._change_reason = "重新修订工作方案"
        plan.save(update_fields=["state"])
    return plan


@transaction.atomic
def work_plan_acknowledge(*, revision: GroupWorkPlanRevision, actor, request=None) -> GroupWorkPlanRevision:
    """The office acknowledges receipt of a filed plan. Repeating it changes nothing."""
    revision = GroupWorkPlanRevision.objects.select_for_update().select_related("plan__group").get(pk=revision.pk)
    _require(rules.group_rights(actor, revision.plan.group).can_acknowledge_work_plan)
    if revision.received_at is not None:
        return revision
    revision.received_at, revision.received_by = timezone.now(), actor
    revision._change_reason = "巡察办签收"
    revision.save(update_fields=["received_at", "received_by"])
    audit_record(event=AUDIT_WORK_PLAN_RECEIVED, request=request, actor=actor, obj=revision)
    return revision


# --- Entry (进驻, S07) ----------------------------------------------------------------------------------------


def entry_gate_pledges(group: InspectionGroup) -> list[str]:
    missing = pledges_missing(group)
    if not missing:
        return []
    return [_("Not yet signed the confidentiality pledge: %(names)s.") % {"names": _names(missing)}]


def entry_gate_work_plan(group: InspectionGroup) -> list[str]:
    if _plan_is_filed(group):
        return []
    return [_("The group work plan has not been filed with the office.")]


def entry_gate_self_reports(group: InspectionGroup) -> list[str]:
    reasons = []
    for inspection in group.inspections.select_related("unit", "self_report").order_by("unit__name"):
        report = getattr(inspection, "self_report", None)
        if report is None:
            reasons.append(_("%(unit)s has not submitted its self-report.") % {"unit": inspection.unit})
        elif report.state != SelfReport.State.ACCEPTED:
            reasons.append(_("The self-report of %(unit)s has not been accepted.") % {"unit": inspection.unit})
    return reasons


# Each gate returns the (Chinese) reasons that keep the group from entering its units; no reason, no block.
# Another phase adds its own check by appending a function here (open recusal conflicts, for one).
def entry_gate_plans(group: InspectionGroup) -> list[str]:
    """S01: the task allocation plan, the round work plan and the leader's authorization approved."""
    from rounds.plans import preparation_blockers

    return preparation_blockers(group)


def entry_gate_recusal(group: InspectionGroup) -> list[str]:
    """S02.3: every person declared, every recusal conflict resolved."""
    from rounds.staffing import recusal_blockers

    return recusal_blockers(group)


def entry_gate_notices(group: InspectionGroup) -> list[str]:
    """S02.2: every unit of the group has been sent its inspection notice."""
    from rounds.prep_models import InspectionNotice

    issued = set(
        InspectionNotice.objects.filter(inspection__group=group, status=InspectionNotice.Status.ISSUED).values_list("inspection_id", flat=True)
    )
    return [
        _("%(unit)s has not been sent its inspection notice.") % {"unit": inspection.unit}
        for inspection in group.inspections.select_related("unit").order_by("unit__name")
        if inspection.pk not in issued
    ]


ENTRY_GATES: list[Callable[[InspectionGroup], list[str]]] = [
    entry_gate_plans,
    entry_gate_recusal,
    entry_gate_notices,
    entry_gate_pledges,
    entry_gate_work_plan,
    entry_gate_self_reports,
]


def entry_blockers(group: InspectionGroup) -> list[str]:
    return [reason for gate in ENTRY_GATES for reason in gate(group)]


@transaction.atomic
def group_mark_entered(*, group: InspectionGroup, entered_on: date, actor, request=None) -> InspectionGroup:
    """S07: the group enters its units. Refused, with every reason, while a gate blocks it."""
    group = _locked_group(group)
    _require(rules.group_rights(actor, group).can_mark_entered)
    if group.entered_on == entered_on:
        return group
    if group.withdrawn_on is not None:
        raise ValidationError(_("The group has withdrawn; its entry date can no longer be changed."))
    if entered_on > timezone.localdate():
        raise ValidationError(_("The entry date cannot be in the future: record the entry on the day."))
    mobilization = group.round.mobilization_date
    if mobilization and entered_on < mobilization:
        raise ValidationError(
            _("The group cannot enter before the mobilization meeting (%(date)s).") % {"date": chinese_date(mobilization)}
        )
    blockers = entry_blockers(group)
    if blockers:
        raise ValidationError(blockers)
    group.entered_on = entered_on
    group._change_reason = "进驻"
    group.save(update_fields=["entered_on"])
    _round_on_site(group.round, entered_on)
    audit_record(event=AUDIT_GROUP_ENTERED, request=request, actor=actor, obj=group, detail=f"进驻日期 {entered_on:%Y-%m-%d}")
    return group


def _round_on_site(round_, entered_on: date) -> None:
    """The first group to enter takes the round into the on-site phase."""
    from rounds.models import Round

    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.phase != Round.Phase.PREPARATION:
        return
    round_.phase = Round.Phase.ON_SITE
    round_.entry_date = round_.entry_date or entered_on
    round_._change_reason = "巡察组进驻"
    round_.save(update_fields=["phase", "entry_date"])


# --- Public opinion and the focus list (S05.1, S05.2) -------------------------------------------------------

OPINION_FIELDS = ("source", "noted_on", "summary", "link")
FOCUS_FIELDS = ("area", "description", "risk_points", "source", "opinion_note", "priority")


def _check_group_work(actor, inspection: Inspection) -> None:
    _require(rules.group_rights(actor, inspection.group).can_work)


@transaction.atomic
def opinion_note_record(*, inspection: Inspection, actor, source: str, noted_on: date, summary: str, link: str = "") -> OpinionNote:
    inspection = _locked_inspection(inspection)
    _check_group_work(actor, inspection)
    note = OpinionNote(inspection=inspection, source=source.strip(), noted_on=noted_on, summary=summary.strip(),
                       link=link.strip(), recorded_by=actor)
    note._change_reason = "登记舆情信息"
    note.save()
    return note


@transaction.atomic
def opinion_note_update(*, note: OpinionNote, actor, **values) -> OpinionNote:
    note = OpinionNote.objects.select_for_update().select_related("inspection__group").get(pk=note.pk)
    _check_group_work(actor, note.inspection)
    changed = [name for name in OPINION_FIELDS if name in values and getattr(note, name) != values[name]]
    if changed:
        for name in changed:
            setattr(note, name, values[name])
        note._change_reason = "修改舆情信息"
        note.save(update_fields=changed)
    return note


def _check_opinion_note(inspection: Inspection, source: str, opinion_note: OpinionNote | None) -> None:
    if opinion_note is None:
        return
    if source != FocusItem.Source.OPINION:
        raise ValidationError(_("Only an item drawn from public opinion names an opinion note."))
    if opinion_note.inspection_id != inspection.pk:
        raise ValidationError(_("The opinion note belongs to another unit."))


@transaction.atomic
def focus_item_add(*, inspection: Inspection, actor, area: str, description: str, risk_points: str, source: str,
                   priority: str, opinion_note: OpinionNote | None = None) -> FocusItem:
    """Add a line at the end of the unit's focus list."""
    inspection = _locked_inspection(inspection)
    _check_group_work(actor, inspection)
    _check_opinion_note(inspection, source, opinion_note)
    position = (inspection.focus_items.aggregate(n=Max("position"))["n"] or 0) + 1
    item = FocusItem(inspection=inspection, position=position, area=area.strip(), description=description.strip(),
                     risk_points=risk_points.strip(), source=source, opinion_note=opinion_note, priority=priority,
                     created_by=actor)
    item._change_reason = "列入监督重点清单"
    item.save()
    return item


@transaction.atomic
def focus_item_update(*, item: FocusItem, actor, **values) -> FocusItem:
    item = FocusItem.objects.select_for_update().select_related("inspection__group").get(pk=item.pk)
    _check_group_work(actor, item.inspection)
    _check_opinion_note(item.inspection, values.get("source", item.source), values.get("opinion_note", item.opinion_note))
    changed = [name for name in FOCUS_FIELDS if name in values and getattr(item, name) != values[name]]
    if changed:
        for name in changed:
            setattr(item, name, values[name])
        item._change_reason = "修改监督重点"
        item.save(update_fields=changed)
    return item


@transaction.atomic
def focus_item_move(*, item: FocusItem, direction: str, actor) -> FocusItem:
    """Swap a line with its neighbour above ("up") or below ("down"); at either end nothing moves."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a line up or down."))
    inspection = _locked_inspection(item.inspection)
    _check_group_work(actor, inspection)
    items = list(inspection.focus_items.order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbour_index = index - 1 if direction == "up" else index + 1
    if not 0 <= neighbour_index < len(items):
        return items[index]
    items[index], items[neighbour_index] = items[neighbour_index], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            other._change_reason = "调整监督重点顺序"
            other.save(update_fields=["position"])
    return items[neighbour_index]


# --- Entry checklist, self-report, facilities (S07.1–S07.3) -----------------------------------------------


@transaction.atomic
def checklist_mark(*, inspection: Inspection, code: str, state: str, actor, note: str = "") -> EntryChecklistMark:
    """The group marks one item of the entry checklist as sent to the unit, done, or back to not sent."""
    if code not in CHECKLIST_BY_CODE:
        raise ValidationError(_("There is no such item on the entry checklist."))
    if state not in EntryChecklistMark.State.values:
        raise ValidationError(_("Unknown state."))
    inspection = _locked_inspection(inspection)
    _check_group_work(actor, inspection)
    mark = EntryChecklistMark.objects.filter(inspection=inspection, code=code).first()
    note = note.strip()
    if mark is None:
        mark = EntryChecklistMark(inspection=inspection, code=code, state=state, note=note, marked_by=actor)
        mark._change_reason = "进驻准备工作清单"
        mark.save()
    elif (mark.state, mark.note) != (state, note):
        mark.state, mark.note, mark.marked_by, mark.marked_at = state, note, actor, timezone.now()
        mark._change_reason = "进驻准备工作清单"
        mark.save(update_fields=["state", "note", "marked_by", "marked_at"])
    return mark


def self_report_return_message(problems_causes: int, total: int) -> str:
    return _("Problems and their causes take only %(share)s%% of the report, less than 60%%; returned for revision.") % {
        "share": share_display(problems_causes, total)
    }


@transaction.atomic
def self_report_submit(*, inspection: Inspection, sections: Sequence[tuple[str, str]], actor) -> SelfReportVersion:
    """A new version of the unit's self-report, as ordered sections (kind, text). The share of problems and
    causes is counted in characters; below 60% the version goes back at once with the figure."""
    inspection = _locked_inspection(inspection)
    rights = rules.group_rights(actor, inspection.group)
    _require(rules.can_submit_self_report(actor, inspection, rights))
    sections = [(kind, text.strip()) for kind, text in sections if text.strip()]
    if any(kind not in SelfReportSection.Kind.values for kind, _text in sections):
        raise ValidationError(_("Mark each section as problems, causes or other."))
    counts = {kind: 0 for kind in SelfReportSection.Kind.values}
    for kind, text in sections:
        counts[kind] += count_characters(text)
    if not sum(counts.values()):
        raise ValidationError(_("The report is empty."))
    report = SelfReport.objects.select_for_update().filter(inspection=inspection).first()
    if report is not None and report.state == SelfReport.State.ACCEPTED:
        raise ValidationError(_("The self-report has already been accepted."))
    if report is None:
        report = SelfReport(inspection=inspection, state=SelfReport.State.PENDING)
    else:
        for pending in report.versions.select_for_update().filter(outcome=SelfReportVersion.Outcome.PENDING):
            pending.outcome = SelfReportVersion.Outcome.SUPERSEDED
            pending.save(update_fields=["outcome"])
    problems_causes = counts["problems"] + counts["causes"]
    total = sum(counts.values())
    passes = share_passes(problems_causes, total)
    report.state = SelfReport.State.PENDING if passes else SelfReport.State.RETURNED
    report.problems_causes_chars, report.total_chars = problems_causes, total
    report.version_count += 1
    report.updated_at = timezone.now()
    report._change_reason = "提交汇报材料"
    if report.pk is None:
        report.save()
    else:
        report.save(update_fields=["state", "problems_causes_chars", "total_chars", "version_count", "updated_at"])
    now = timezone.now()
    version = SelfReportVersion.objects.create(
        report=report,
        number=report.version_count,
        problems_chars=counts["problems"],
        causes_chars=counts["causes"],
        other_chars=counts["other"],
        outcome=SelfReportVersion.Outcome.PENDING if passes else SelfReportVersion.Outcome.RETURNED,
        submitted_by=actor,
        decided_at=None if passes else now,
        decision_note="" if passes else self_report_return_message(problems_causes, total),
    )
    SelfReportSection.objects.bulk_create(
        SelfReportSection(version=version, position=i, kind=kind, text=text)
        for i, (kind, text) in enumerate(sections, start=1)
    )
    if passes and not rights.in_group:
        # Sent in from the unit's side: the group's leader, deputy and liaison have a report to vet.
        vetters = inspection.group.memberships.filter(role__in=rules.GROUP_VETTERS).values("cadre_id")
        notifications_create(
            recipients=get_user_model().objects.filter(is_active=True, cadre_id__in=vetters),
            title=_("%(unit)s submitted version %(number)s of its self-report") % {
                "unit": inspection.unit, "number": version.number},
            url=report.get_absolute_url(),
        )
    return version


def _pending_latest(version: SelfReportVersion, actor) -> tuple[SelfReport, SelfReportVersion]:
    report = SelfReport.objects.select_for_update().select_related("inspection__group", "inspection__unit").get(
        pk=version.report_id
    )
    _require(rules.group_rights(actor, report.inspection.group).can_vet_self_report)
    version = SelfReportVersion.objects.select_for_update().get(pk=version.pk)
    if version.number != report.version_count:
        raise ValidationError(_("A later version has been submitted; decide on that one."))
    return report, version


@transaction.atomic
def self_report_accept(*, version: SelfReportVersion, actor) -> SelfReportVersion:
    """The group accepts the latest version; only one whose problems and causes take 60% or more."""
    report, version = _pending_latest(version, actor)
    if version.outcome == SelfReportVersion.Outcome.ACCEPTED:
        return version
    if version.outcome != SelfReportVersion.Outcome.PENDING:
        raise ValidationError(_("This version has already been decided."))
    if not version.passes:
        raise ValidationError(self_report_return_message(version.problems_causes_chars, version.total_chars))
    version.outcome, version.decided_by, version.decided_at = SelfReportVersion.Outcome.ACCEPTED, actor, timezone.now()
    version.save(update_fields=["outcome", "decided_by", "decided_at"])
    report.state, report.updated_at = SelfReport.State.ACCEPTED, timezone.now()
    report._change_reason = "汇报材料审核通过"
    report.save(update_fields=["state", "updated_at"])
    _tell_submitter(version, actor, _("The self-report of %(unit)s was accepted") % {"unit": report.inspection.unit})
    return version


@transaction.atomic
def self_report_return(*, version: SelfReportVersion, actor, reason: str) -> SelfReportVersion:
    """The group returns the latest version for revision, with its reason."""
    report, version = _pending_latest(version, actor)
    if version.outcome == SelfReportVersion.Outcome.RETURNED:
        return version
    if version.outcome != SelfReportVersion.Outcome.PENDING:
        raise ValidationError(_("This version has already been decided."))
    if not reason.strip():
        raise ValidationError(_("Say why the report goes back."))
    version.outcome, version.decided_by, version.decided_at = SelfReportVersion.Outcome.RETURNED, actor, timezone.now()
    version.decision_note = reason.strip()
    version.save(update_fields=["outcome", "decided_by", "decided_at", "decision_note"])
    report.state, report.updated_at = SelfReport.State.RETURNED, timezone.now()
    report._change_reason = "汇报材料退回修改"
    report.save(update_fields=["state", "updated_at"])
    _tell_submitter(version, actor, _("The self-report of %(unit)s was returned for revision") % {"unit": report.inspection.unit})
    return version


def _tell_submitter(version: SelfReportVersion, actor, title: str) -> None:
    if version.submitted_by_id != actor.pk:
        notifications_create(
            recipients=[version.submitted_by], title=title, body=version.decision_note,
            url=version.report.get_absolute_url(),
        )


FACILITY_FIELDS = ("office_space", "suggestion_box", "petition_phone", "petition_address", "petition_email",
                   "petition_mailbox", "petition_hours")


@transaction.atomic
def facilities_save(*, inspection: Inspection, actor, **values) -> EntryFacilities:
    """Office space, the suggestion box and the petition channels agreed with the unit (S07.3)."""
    inspection = _locked_inspection(inspection)
    _check_group_work(actor, inspection)
    values = {name: (values.get(name) or "").strip() for name in FACILITY_FIELDS}
    facilities = EntryFacilities.objects.filter(inspection=inspection).first()
    if facilities is None:
        facilities = EntryFacilities(inspection=inspection, updated_by=actor, **values)
        facilities._change_reason = "登记驻地和信访渠道"
        facilities.save()
        return facilities
    changed = [name for name, value in values.items() if getattr(facilities, name) != value]
    if changed:
        for name in changed:
            setattr(facilities, name, values[name])
        facilities.updated_by, facilities.updated_at = actor, timezone.now()
        facilities._change_reason = "修改驻地和信访渠道"
        facilities.save(update_fields=[*changed, "updated_by", "updated_at"])
    return facilities
