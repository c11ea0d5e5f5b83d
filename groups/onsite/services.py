"""Writes of the group's on-site records (S08–S11, S17, S18, S20, S22, S24–S27).

One service per transition, keyword-only, atomic; each checks the actor's right (onsite/rules.py)
and the record's state, refuses an illegal move with a Chinese message and changes nothing when
repeated. Nothing on site is dated after the group's withdrawal or in the future."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.access.policy import access_giving
from xunchar.access.services import handover_grant
from xunchar.accounts.roles import OFFICE_ROLES, Role
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_is_locked, approval_state, approval_submit
from xunchar.core.rules import refuse as _refuse
from xunchar.files.services import UploadRefused, attachment_upload
from xunchar.notifications.services import notifications_create
from xunchar.workdays.calendar import WorkCalendar, chinese_date

from . import rules
from .models import (
    EntryMeeting,
    FieldVisit,
    ImmediateFix,
    MajorMatter,
    MeetingAttended,
    MidTermReport,
    Publicity,
    Referral,
    SpecialCheck,
    Symposium,
    UnitReport,
)

PUBLICITY_CHAIN = "onsite.publicity"
INVESTIGATION_CHAIN = "onsite.immediate_investigation"
EIGHT_RULES_CHAIN = "onsite.eight_rules"
REFERRAL_CHAINS = {Referral.Kind.IMMEDIATE_INVESTIGATION: INVESTIGATION_CHAIN, Referral.Kind.EIGHT_RULES: EIGHT_RULES_CHAIN}
MAX_FIX_WORKDAYS = 60


def _manager(actor, group) -> None:
    _refuse(rules.manages(actor, group), _("The group's leader, deputy leader or liaison keep the on-site records."))


def _leader(actor, group, message) -> None:
    _refuse(rules.leads(actor, group), message)


def _people(queryset):
    return list(queryset.filter(is_active=True).distinct())


def _office():
    return _people(get_user_model().objects.filter(role_grants__role__in=OFFICE_ROLES))


def _with_role(*roles):
    return _people(get_user_model().objects.filter(role_grants__role__in=roles))


def _group_people(group, roles):
    """The accounts of the group's people in these roles who still reach its material: after the
    withdrawal only the leader and the liaison (policy.access_giving)."""
    memberships = access_giving(GroupMembership.objects.filter(group=group, role__in=roles))
    return _people(get_user_model().objects.filter(cadre__in=memberships.values("cadre_id")))


def _managers(group):
    return _group_people(group, rules.MANAGERS)


def _text(value) -> str:
    return (value or "").strip()


def _required(errors: dict, values: dict, messages: dict) -> dict:
    """Strip the texts and note each missing one."""
    cleaned = {}
    for name, message in messages.items():
        cleaned[name] = _text(values.get(name))
        if not cleaned[name]:
            errors[name] = message
    return cleaned


def _day_on_site(errors: dict, field: str, group: InspectionGroup, day: date | None, missing: str) -> None:
    """A day of the group's work on site: given, not in the future, not after the withdrawal."""
    if day is None:
        errors[field] = missing
    elif day > timezone.localdate():
        errors[field] = _("This date is in the future.")
    elif group.withdrawn_on and day > group.withdrawn_on:
        errors[field] = _("The group withdrew on %(date)s: nothing on site is dated after that.") % {"date": chinese_date(group.withdrawn_on)}


def _save(obj, reason: str, fields=None):
    obj._change_reason = reason
    obj.save(update_fields=fields) if fields else obj.save()
    return obj


def _own_people(errors: dict, field: str, group: InspectionGroup, people, message: str) -> list:
    people = [p for p in (people or []) if p is not None]
    if any(p.group_id != group.pk for p in people):
        errors[field] = message
    return people


def _own_inspection(errors: dict, group: InspectionGroup, inspection) -> None:
    if inspection is not None and inspection.group_id != group.pk:
        errors["inspection"] = _("Choose one of the units the group inspects.")


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# --- Entry (S08–S11) -----------------------------------------------------------------------------------------


@transaction.atomic
def entry_meeting_save(
    *, inspection: Inspection, actor, kind: str, held_on: date | None, place: str, attendees: str,
    retiree_count: int | None = None, retirees: str = "", agenda: str = "", speeches_circulated: bool | None = None,
    notes: str = "",
) -> EntryMeeting:
    """Record (or correct) the meeting with the unit's principal leader or the mobilization meeting."""
    group = inspection.group
    _manager(actor, group)
    errors = {}
    if kind not in EntryMeeting.Kind.values:
        raise ValidationError(_("Say which meeting this is."))
    texts = _required(errors, {"place": place, "attendees": attendees}, {
        "place": _("Give the place."), "attendees": _("Say who attended."),
    })
    _day_on_site(errors, "held_on", group, held_on, _("Give the date of the meeting."))
    mobilization = kind == EntryMeeting.Kind.MOBILIZATION
    if mobilization:
        if not _text(agenda):
            errors["agenda"] = _("List the agenda of the mobilization meeting.")
        if retiree_count is None:
            errors["retiree_count"] = _("Say how many retired cadres of the last three years attended (0 if none).")
        if speeches_circulated is None:
            errors["speeches_circulated"] = _("Say whether the speeches were circulated in the unit.")
    other_kind = EntryMeeting.Kind.PRINCIPAL if mobilization else EntryMeeting.Kind.MOBILIZATION
    other = EntryMeeting.objects.filter(inspection=inspection, kind=other_kind).values_list("held_on", flat=True).first()
    if held_on and other and (held_on > other if not mobilization else held_on < other):
        errors["held_on"] = _("The leader meets the unit's principal leader before the mobilization meeting.")
    if errors:
        raise ValidationError(errors)
    values = {
        "held_on": held_on, "place": texts["place"], "attendees": texts["attendees"],
        "retiree_count": retiree_count if mobilization else None, "retirees": _text(retirees) if mobilization else "",
        "agenda": _text(agenda), "speeches_circulated": speeches_circulated if mobilization else None, "notes": _text(notes),
    }
    meeting = EntryMeeting.objects.select_for_update().filter(inspection=inspection, kind=kind).first()
    if meeting is None:
        return _save(EntryMeeting(inspection=inspection, kind=kind, recorded_by=actor, **values), "记录进驻会议")
    if all(getattr(meeting, name) == value for name, value in values.items()):
        return meeting
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.recorded_by, meeting.recorded_at = actor, timezone.now()
    return _save(meeting, "修改进驻会议记录")


PUBLICITY_FIELDS = ("title", "body", "contact_phone", "address", "mailbox", "accepts_from", "accepts_until", "hours")


@transaction.atomic
def publicity_save(
    *, inspection: Inspection, actor, kind: str, title: str, body: str, contact_phone: str, address: str, mailbox: str,
    accepts_from: date | None, accepts_until: date | None, hours: str,
) -> Publicity:
    """Draft (or revise) the news release or the announcement. A revised text needs the unit leader's
    risk check again; nothing is changed while it is under review or once approved."""
    _manager(actor, inspection.group)
    if kind not in Publicity.Kind.values:
        raise ValidationError(_("Say whether this is the news release or the announcement."))
    errors = {}
    values = _required(errors, {
        "title": title, "body": body, "contact_phone": contact_phone, "address": address, "mailbox": mailbox, "hours": hours,
    }, {
        "title": _("Give the title."), "body": _("Write the text."), "contact_phone": _("Give the contact phone."),
        "address": _("Give the address."), "mailbox": _("Give the e-mail address or the postbox."),
        "hours": _("Say when calls and visits are received."),
    })
    if accepts_from is None:
        errors["accepts_from"] = _("Give the first day of the acceptance period.")
    if accepts_until is None:
        errors["accepts_until"] = _("Give the last day of the acceptance period.")
    elif accepts_from and accepts_until < accepts_from:
        errors["accepts_until"] = _("The acceptance period ends on or after the day it starts.")
    if errors:
        raise ValidationError(errors)
    values.update(accepts_from=accepts_from, accepts_until=accepts_until)
    publicity = Publicity.objects.select_for_update().filter(inspection=inspection, kind=kind).first()
    if publicity is None:
        return _save(Publicity(inspection=inspection, kind=kind, created_by=actor, **values), "起草")
    if approval_is_locked(publicity, PUBLICITY_CHAIN):
        raise ValidationError(_("It is under review or approved: it can no longer be changed."))
    if all(getattr(publicity, name) == value for name, value in values.items()):
        return publicity
    for name, value in values.items():
        setattr(publicity, name, value)
    # The unit's leader checked the earlier text, not this one.
    publicity.risk_checked_by, publicity.risk_checked_on, publicity.risk_note, publicity.risk_recorded_by = "", None, "", None
    return _save(publicity, "修改")


@transaction.atomic
def publicity_record_risk_check(*, publicity: Publicity, actor, checked_by: str, checked_on: date | None, note: str = "") -> Publicity:
    """The unit's leader checked the text for risks (审核把关); the group records who and when."""
    current = _lock(Publicity, publicity)
    _manager(actor, current.inspection.group)
    if approval_is_locked(current, PUBLICITY_CHAIN):
        raise ValidationError(_("It is under review or approved: it can no longer be changed."))
    errors = {}
    checked_by = _text(checked_by)
    if not checked_by:
        errors["checked_by"] = _("Name the unit leader who checked it.")
    if checked_on is None:
        errors["checked_on"] = _("Give the date of the risk check.")
    elif checked_on > timezone.localdate():
        errors["checked_on"] = _("This date is in the future.")
    if errors:
        raise ValidationError(errors)
    if (current.risk_checked_by, current.risk_checked_on, current.risk_note) == (checked_by, checked_on, _text(note)):
        return current
    current.risk_checked_by, current.risk_checked_on, current.risk_note = checked_by, checked_on, _text(note)
    current.risk_recorded_by = actor
    return _save(current, "记录被巡察单位主要负责人风险审核", ["risk_checked_by", "risk_checked_on", "risk_note", "risk_recorded_by"])


def may_submit_publicity(user, publicity: Publicity) -> bool:
    return publicity.risk_checked and rules.manages(user, publicity.inspection.group)


@transaction.atomic
def publicity_submit(*, publicity: Publicity, actor) -> ApprovalRequest:
    """To the group leader, then the office — only after the unit leader's risk check."""
    current = _lock(Publicity, publicity)
    _manager(actor, current.inspection.group)
    state = approval_state(current, PUBLICITY_CHAIN)
    if state in (ApprovalRequest.State.IN_REVIEW, ApprovalRequest.State.APPROVED):
        return ApprovalRequest.objects.of(current).get(chain=PUBLICITY_CHAIN)
    if not current.risk_checked:
        raise ValidationError(_("Record the unit leader's risk check first: the group leader and the office approve it after the unit's leader."))
    return approval_submit(chain=PUBLICITY_CHAIN, subject=current, actor=actor)


def publicity_approved(publicity: Publicity) -> bool:
    return approval_state(publicity, PUBLICITY_CHAIN) == ApprovalRequest.State.APPROVED


def unit_report_add(*, inspection: Inspection, actor, kind: str, title: str, received_on: date | None, file, request=None) -> UnitReport:
    """The unit's work report or a thematic report, with its file. The file is stored outside the
    report's transaction (as xunchar.files asks), so that a refused upload keeps its audit entry; the
    report is then taken back and nothing is left behind."""
    group = inspection.group
    _manager(actor, group)
    errors = {}
    if kind not in UnitReport.Kind.values:
        errors["kind"] = _("Say whether it is the work report or a thematic report.")
    title = _text(title)
    if not title:
        errors["title"] = _("Give the report's title.")
    _day_on_site(errors, "received_on", group, received_on, _("Give the date it was received."))
    if file is None:
        errors["file"] = _("Attach the report's file.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = _save(UnitReport(inspection=inspection, kind=kind, title=title, received_on=received_on, created_by=actor), "登记单位报告")
    try:
        attachment_upload(owner=report, file=file, actor=actor, request=request)
    except UploadRefused as refused:
        with transaction.atomic():
            report._change_reason = "上传文件被拒绝，撤回登记"
            report.delete()
        raise ValidationError({"file": refused.message}) from refused
    return report


# --- Symposia, meetings attended, field visits, special checks (S17, S18, S20, S22) ---------------------------


@transaction.atomic
def symposium_create(
    *, group: InspectionGroup, actor, topic: str, held_on: date | None, participants: str, chair: GroupMembership | None,
    minute_taker: GroupMembership | None, inspection: Inspection | None = None, place: str = "", notes: str = "",
) -> Symposium:
    _manager(actor, group)
    errors = {}
    texts = _required(errors, {"topic": topic, "participants": participants}, {
        "topic": _("Give the topic."), "participants": _("Say who took part."),
    })
    _day_on_site(errors, "held_on", group, held_on, _("Give the date."))
    _own_inspection(errors, group, inspection)
    if chair is None:
        errors["chair"] = _("A symposium is chaired by someone of the group.")
    if minute_taker is None:
        errors["minute_taker"] = _("Name the minute-taker.")
    _own_people(errors, "chair", group, [chair], _("A symposium is chaired by someone of the group."))
    _own_people(errors, "minute_taker", group, [minute_taker], _("The minute-taker is one of the group's people."))
    if chair is not None and minute_taker is not None and chair.pk == minute_taker.pk:
        errors["minute_taker"] = _("The chair does not take the minutes: name someone else.")
    if errors:
        raise ValidationError(errors)
    return _save(Symposium(
        group=group, inspection=inspection, topic=texts["topic"], held_on=held_on, place=_text(place),
        participants=texts["participants"], chair=chair, minute_taker=minute_taker, notes=_text(notes), created_by=actor,
    ), "记录座谈会")


@transaction.atomic
def meeting_attended_create(
    *, group: InspectionGroup, actor, meeting: str, held_on: date | None, attendees, inspection: Inspection | None = None,
    notes: str = "",
) -> MeetingAttended:
    """The leader names who attends the unit's meeting (they listen; they do not speak)."""
    _leader(actor, group, _("The group leader names who attends the unit's meetings."))
    errors = {}
    meeting = _text(meeting)
    if not meeting:
        errors["meeting"] = _("Say which of the unit's meetings.")
    _day_on_site(errors, "held_on", group, held_on, _("Give the date."))
    _own_inspection(errors, group, inspection)
    people = _own_people(errors, "attendees", group, attendees, _("Only the group's own people attend for it."))
    if not people:
        errors["attendees"] = _("Name who attended.")
    if errors:
        raise ValidationError(errors)
    record = _save(MeetingAttended(group=group, inspection=inspection, meeting=meeting, held_on=held_on, named_by=actor, notes=_text(notes)), "记录列席会议")
    record.attendees.set(people)
    return record


@transaction.atomic
def field_visit_plan(
    *, group: InspectionGroup, actor, place: str, purpose: str, planned_on: date | None, staff,
    inspection: Inspection | None = None, people_to_see: str = "",
) -> FieldVisit:
    """A visit plan: place, purpose, people — at least two of the group's staff."""
    _manager(actor, group)
    errors = {}
    texts = _required(errors, {"place": place, "purpose": purpose}, {"place": _("Give the place."), "purpose": _("Say what the visit is for.")})
    _own_inspection(errors, group, inspection)
    if planned_on is None:
        errors["planned_on"] = _("Give the date of the visit.")
    elif group.withdrawn_on and planned_on > group.withdrawn_on:
        errors["planned_on"] = _("The group withdrew on %(date)s: nothing on site is dated after that.") % {"date": chinese_date(group.withdrawn_on)}
    people = {p.pk: p for p in _own_people(errors, "staff", group, staff, _("Only the group's own people make its visits."))}
    if "staff" not in errors and len(people) < 2:
        errors["staff"] = _("At least two of the group's staff make a field visit.")
    if errors:
        raise ValidationError(errors)
    visit = _save(FieldVisit(
        group=group, inspection=inspection, place=texts["place"], purpose=texts["purpose"], people_to_see=_text(people_to_see),
        planned_on=planned_on, created_by=actor,
    ), "拟定实地走访计划")
    visit.staff.set(people.values())
    leaders = _group_people(group, [GroupMembership.RoundRole.LEADER])
    notifications_create(recipients=[u for u in leaders if u.pk != actor.pk], title=f"{group.full_name}实地走访方案待批准",
                         body=f"{chinese_date(planned_on)} {visit.place}", url=visit.get_absolute_url())
    return visit


def _state_error(visit: FieldVisit, what: str) -> ValidationError:
    return ValidationError(_("%(what)s: this visit is “%(state)s”.") % {"what": what, "state": visit.get_state_display()})


@transaction.atomic
def field_visit_approve(*, visit: FieldVisit, actor) -> FieldVisit:
    """The leader approves the plan — before the visit date has passed."""
    current = _lock(FieldVisit, visit)
    _leader(actor, current.group, _("The group leader approves field visits."))
    if current.state == FieldVisit.State.APPROVED:
        return current
    if current.state != FieldVisit.State.PLANNED:
        raise _state_error(current, _("Only a planned visit is approved"))
    today = timezone.localdate()
    if today > current.planned_on:
        raise ValidationError(_("The visit date (%(date)s) has passed: a visit is approved before it takes place.") % {"date": chinese_date(current.planned_on)})
    if current.staff.count() < 2:
        raise ValidationError(_("At least two of the group's staff make a field visit."))
    current.state, current.approved_by, current.approved_on = FieldVisit.State.APPROVED, actor, today
    return _save(current, "组长批准实地走访", ["state", "approved_by", "approved_on"])


@transaction.atomic
def field_visit_record(*, visit: FieldVisit, actor, held_on: date | None, record: str) -> FieldVisit:
    current = _lock(FieldVisit, visit)
    _manager(actor, current.group)
    record = _text(record)
    if current.state == FieldVisit.State.HELD and (current.held_on, current.record) == (held_on, record):
        return current
    if current.state != FieldVisit.State.APPROVED:
        raise _state_error(current, _("A visit is recorded once the leader has approved it"))
    errors = {}
    if not record:
        errors["record"] = _("Write what was found.")
    _day_on_site(errors, "held_on", current.group, held_on, _("Give the date of the visit."))
    if "held_on" not in errors and held_on < current.approved_on:
        errors["held_on"] = _("The visit took place after the leader's approval (%(date)s).") % {"date": chinese_date(current.approved_on)}
    if errors:
        raise ValidationError(errors)
    current.state, current.held_on, current.record, current.closed_by = FieldVisit.State.HELD, held_on, record, actor
    return _save(current, "记录实地走访情况", ["state", "held_on", "record", "closed_by"])


@transaction.atomic
def field_visit_cancel(*, visit: FieldVisit, actor, reason: str) -> FieldVisit:
    current = _lock(FieldVisit, visit)
    _manager(actor, current.group)
    if current.state == FieldVisit.State.CANCELLED:
        return current
    if current.state == FieldVisit.State.HELD:
        raise _state_error(current, _("A visit that took place is not cancelled"))
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the visit is cancelled.")})
    current.state, current.cancel_reason, current.closed_by = FieldVisit.State.CANCELLED, reason, actor
    return _save(current, "取消实地走访", ["state", "cancel_reason", "closed_by"])


def special_check_create(
    *, group: InspectionGroup, actor, kind: str, checked_on: date | None, report: str, other_kind: str = "",
    inspection: Inspection | None = None, file=None, request=None,
) -> SpecialCheck:
    """The special check report, with its attachment if any (stored outside the record's transaction,
    as for the unit's reports: a refused file takes the record back and keeps its audit entry)."""
    _manager(actor, group)
    errors = {}
    if kind not in SpecialCheck.Kind.values:
        errors["kind"] = _("Say which special check this is.")
    elif kind == SpecialCheck.Kind.OTHER and not _text(other_kind):
        errors["other_kind"] = _("Name the check.")
    report = _text(report)
    if not report:
        errors["report"] = _("Write the special check report.")
    _day_on_site(errors, "checked_on", group, checked_on, _("Give the report's date."))
    _own_inspection(errors, group, inspection)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        check = _save(SpecialCheck(
            group=group, inspection=inspection, kind=kind, other_kind=_text(other_kind) if kind == SpecialCheck.Kind.OTHER else "",
            checked_on=checked_on, report=report, created_by=actor,
        ), "撰写专项检查报告")
    if file is not None:
        try:
            attachment_upload(owner=check, file=file, actor=actor, request=request)
        except UploadRefused as refused:
            with transaction.atomic():
                check._change_reason = "上传附件被拒绝，撤回登记"
                check.delete()
            raise ValidationError({"file": refused.message}) from refused
    return check


@transaction.atomic
def special_check_sign_off(*, check: SpecialCheck, actor) -> SpecialCheck:
    current = _lock(SpecialCheck, check)
    _leader(actor, current.group, _("The group leader signs off special check reports."))
    if current.signed_off_at:
        return current
    current.signed_off_by, current.signed_off_at = actor, timezone.now()
    return _save(current, "组长签批专项检查报告", ["signed_off_by", "signed_off_at"])


# --- Mid-term report (S24) -----------------------------------------------------------------------------------


@transaction.atomic
def mid_term_save(*, group: InspectionGroup, actor, main_problems: str, clues: str = "", other: str = "") -> MidTermReport:
    _manager(actor, group)
    main_problems = _text(main_problems)
    if not main_problems:
        raise ValidationError({"main_problems": _("Write the main problems found so far.")})
    values = {"main_problems": main_problems, "clues": _text(clues), "other": _text(other)}
    report = MidTermReport.objects.select_for_update().filter(group=group).first()
    if report is None:
        return _save(MidTermReport(group=group, updated_by=actor, **values), "起草中期汇报")
    if report.submitted_at:
        raise ValidationError(_("The mid-term report has been submitted: it is no longer changed."))
    if all(getattr(report, name) == value for name, value in values.items()):
        return report
    for name, value in values.items():
        setattr(report, name, value)
    report.updated_by, report.updated_at = actor, timezone.now()
    return _save(report, "修改中期汇报")


@transaction.atomic
def mid_term_submit(*, report: MidTermReport, actor) -> MidTermReport:
    current = _lock(MidTermReport, report)
    _leader(actor, current.group, _("The group leader submits the mid-term report."))
    if current.submitted_at:
        return current
    current.submitted_by, current.submitted_at = actor, timezone.now()
    _save(current, "组长报送中期汇报", ["submitted_by", "submitted_at"])
    notifications_create(recipients=_office(), title=f"{current.group.full_name}报送中期汇报", url=current.get_absolute_url())
    return current


@transaction.atomic
def mid_term_receive(*, report: MidTermReport, actor) -> MidTermReport:
    current = _lock(MidTermReport, report)
    _refuse(rules.is_office(actor), _("The office receives the mid-term report."))
    if current.received_at:
        return current
    if not current.submitted_at:
        raise ValidationError(_("The leader has not submitted the mid-term report yet."))
    current.received_by, current.received_at = actor, timezone.now()
    return _save(current, "巡察办接收中期汇报", ["received_by", "received_at"])


# --- 立行立改 (S25) ------------------------------------------------------------------------------------------


def fix_deadline(notified_on: date, workdays: int, calendar: WorkCalendar | None = None) -> date:
    return (calendar or WorkCalendar.load()).add_workdays(notified_on, workdays).date


@transaction.atomic
def immediate_fix_create(
    *, group: InspectionGroup, actor, inspection: Inspection | None, problem: str, notified_on: date | None, workdays: int | None,
) -> ImmediateFix:
    """The group tells the unit to fix a clear-cut problem at once, within so many working days."""
    _manager(actor, group)
    errors = {}
    problem = _text(problem)
    if not problem:
        errors["problem"] = _("Describe the problem to fix.")
    if inspection is None:
        errors["inspection"] = _("Choose the unit that must fix it.")
    _own_inspection(errors, group, inspection)
    _day_on_site(errors, "notified_on", group, notified_on, _("Give the date the unit was told."))
    if workdays is None or not 1 <= workdays <= MAX_FIX_WORKDAYS:
        errors["workdays"] = _("Give the time to fix it in working days (1 to %(max)s).") % {"max": MAX_FIX_WORKDAYS}
    if errors:
        raise ValidationError(errors)
    return _save(ImmediateFix(
        group=group, inspection=inspection, problem=problem, notified_on=notified_on, workdays=workdays,
        deadline=fix_deadline(notified_on, workdays), created_by=actor,
    ), "责令立行立改")


@transaction.atomic
def immediate_fix_record_response(*, fix: ImmediateFix, actor, response: str, responded_on: date | None) -> ImmediateFix:
    """The unit's response (it has no account: the group records it)."""
    current = _lock(ImmediateFix, fix)
    _manager(actor, current.group)
    response = _text(response)
    if (current.response, current.responded_on) == (response, responded_on) and current.responded_on:
        return current
    if current.checked_on:
        raise ValidationError(_("The group has checked the response: it is no longer changed."))
    errors = {}
    if not response:
        errors["response"] = _("Write what the unit did.")
    if responded_on is None:
        errors["responded_on"] = _("Give the date of the unit's response.")
    elif responded_on > timezone.localdate():
        errors["responded_on"] = _("This date is in the future.")
    elif responded_on < current.notified_on:
        errors["responded_on"] = _("The unit responds after it was told (%(date)s).") % {"date": chinese_date(current.notified_on)}
    if errors:
        raise ValidationError(errors)
    current.response, current.responded_on, current.response_recorded_by = response, responded_on, actor
    return _save(current, "记录单位整改情况", ["response", "responded_on", "response_recorded_by"])


@transaction.atomic
def immediate_fix_check(*, fix: ImmediateFix, actor, check_result: str, checked_on: date | None) -> ImmediateFix:
    current = _lock(ImmediateFix, fix)
    _manager(actor, current.group)
    check_result = _text(check_result)
    if current.checked_on and (current.check_result, current.checked_on) == (check_result, checked_on):
        return current
    if not current.responded_on:
        raise ValidationError(_("The group checks the unit's response once it is recorded."))
    errors = {}
    if not check_result:
        errors["check_result"] = _("Write the result of the group's check.")
    if checked_on is None:
        errors["checked_on"] = _("Give the date of the check.")
    elif checked_on > timezone.localdate():
        errors["checked_on"] = _("This date is in the future.")
    elif checked_on < current.responded_on:
        errors["checked_on"] = _("The check follows the unit's response.")
    if errors:
        raise ValidationError(errors)
    current.check_result, current.checked_on, current.checked_by = check_result, checked_on, actor
    return _save(current, "巡察组核查整改情况", ["check_result", "checked_on", "checked_by"])


def immediate_fix_overdue_sweep(*, today: date) -> int:
    """Tell the group's leader, deputy and liaison once of each item whose deadline has passed with no
    response from the unit. Idempotent: the item records when they were told."""
    told = 0
    due = ImmediateFix.objects.filter(responded_on__isnull=True, deadline__lt=today, overdue_notified_at__isnull=True).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            item = ImmediateFix.objects.select_for_update().select_related("group__round", "inspection__unit").filter(
                pk=pk, responded_on__isnull=True, overdue_notified_at__isnull=True).first()
            if item is None:
                continue
            item.overdue_notified_at = timezone.now()
            _save(item, "逾期提醒", ["overdue_notified_at"])
            notifications_create(
                recipients=_managers(item.group), title=f"{item.group.full_name}立行立改事项已逾期",
                body=f"{item.inspection.unit}：{item.problem[:60]}（整改期限{chinese_date(item.deadline)}）", url=item.get_absolute_url(),
            )
            told += 1
    return told


# --- Referrals to the discipline commission (S25 eight rules, S26 立查立处) -------------------------------------


@transaction.atomic
def referral_create(
    *, group: InspectionGroup, actor, kind: str, person: str, facts: str, proposal: str, public_notice: str = "",
    immediate_fix: ImmediateFix | None = None,
) -> Referral:
    _manager(actor, group)
    errors = {}
    if kind not in Referral.Kind.values:
        raise ValidationError(_("Say whether this is 立查立处 or an eight-rules clue."))
    texts = _required(errors, {"person": person, "facts": facts, "proposal": proposal}, {
        "person": _("Name the person concerned."), "facts": _("Set out the facts."), "proposal": _("Write the proposal."),
    })
    if kind == Referral.Kind.IMMEDIATE_INVESTIGATION and not _text(public_notice):
        errors["public_notice"] = _("Write the public notice: 立查立处 is made public.")
    if immediate_fix is not None and (kind != Referral.Kind.EIGHT_RULES or immediate_fix.group_id != group.pk):
        errors["immediate_fix"] = _("Only an eight-rules clue refers to one of the group's 立行立改 items.")
    if errors:
        raise ValidationError(errors)
    return _save(Referral(
        group=group, kind=kind, person=texts["person"][:100], facts=texts["facts"], proposal=texts["proposal"],
        public_notice=_text(public_notice), immediate_fix=immediate_fix, created_by=actor,
    ), "拟定移交建议")


def _referral_state_error(referral: Referral, what: str) -> ValidationError:
    return ValidationError(_("%(what)s: this referral is “%(state)s”.") % {"what": what, "state": referral.get_state_display()})


@transaction.atomic
def referral_propose(*, referral: Referral, actor) -> Referral:
    """The group sends its proposal to the office, which submits it to the head or executive deputy head."""
    current = _lock(Referral, referral)
    _manager(actor, current.group)
    if current.state == Referral.State.PROPOSED:
        return current
    if current.state != Referral.State.DRAFT:
        raise _referral_state_error(current, _("Only a proposal being drawn up is sent to the office"))
    current.state, current.proposed_by, current.proposed_at = Referral.State.PROPOSED, actor, timezone.now()
    _save(current, "报巡察办", ["state", "proposed_by", "proposed_at"])
    notifications_create(recipients=_office(), title=f"{current}报巡察办", url=current.get_absolute_url())
    return current


@transaction.atomic
def referral_submit(*, referral: Referral, actor) -> ApprovalRequest:
    """The office submits the group's proposal to the leading group."""
    current = _lock(Referral, referral)
    _refuse(rules.is_office(actor), _("The office submits the proposal to the leading group."))
    chain = REFERRAL_CHAINS[current.kind]
    if approval_state(current, chain) in (ApprovalRequest.State.IN_REVIEW, ApprovalRequest.State.APPROVED):
        return ApprovalRequest.objects.of(current).get(chain=chain)
    if current.state != Referral.State.PROPOSED:
        raise _referral_state_error(current, _("Only a proposal sent to the office is submitted"))
    return approval_submit(chain=chain, subject=current, actor=actor)


def referral_approved(referral: Referral, request) -> None:
    """The chain's last step passed (inside its transaction)."""
    referral.state, referral.approved_at = Referral.State.APPROVED, request.completed_at or timezone.now()
    _save(referral, "领导小组批准", ["state", "approved_at"])


def referral_returned(referral: Referral, request) -> None:
    referral.state = Referral.State.DRAFT
    _save(referral, "退回修改", ["state"])
    notifications_create(recipients=_managers(referral.group), title=f"{referral}退回修改", url=referral.get_absolute_url())


@transaction.atomic
def referral_hand_over(*, referral: Referral, actor) -> Referral:
    """The office hands the approved referral to the discipline commission: each of its receivers is
    granted this one record."""
    current = _lock(Referral, referral)
    _refuse(rules.is_office(actor), _("The office hands referrals to the discipline commission."))
    if current.state == Referral.State.HANDED:
        return current
    if current.state != Referral.State.APPROVED or approval_state(current, REFERRAL_CHAINS[current.kind]) != ApprovalRequest.State.APPROVED:
        raise _referral_state_error(current, _("Only a referral the leading group approved is handed over"))
    receivers = _with_role(Role.RECEIVER_DISCIPLINE)
    if not receivers:
        raise ValidationError(_("No account receives for the discipline commission: ask the security administrator."))
    for receiver in receivers:
        handover_grant(obj=current, receiver=receiver, actor=actor)
    current.state, current.handed_by, current.handed_at = Referral.State.HANDED, actor, timezone.now()
    _save(current, "移交县纪委监委", ["state", "handed_by", "handed_at"])
    notifications_create(recipients=receivers, title=f"巡察办移交{current}", url=current.get_absolute_url())
    return current


# --- Major matters (S27) -------------------------------------------------------------------------------------


@transaction.atomic
def major_matter_report(*, group: InspectionGroup, actor, kind: str, channel: str, occurred_on: date | None, text: str) -> MajorMatter:
    """Reported through the office to the leading group; in special cases the leader reports directly to the head."""
    rights = rules.onsite_rights(actor, group)
    _refuse(rights.manages, _("The group's leader, deputy leader or liaison report major matters."))
    errors = {}
    if kind not in MajorMatter.Kind.values:
        errors["kind"] = _("Say what kind of matter it is.")
    if channel not in MajorMatter.Channel.values:
        errors["channel"] = _("Say whether it goes through the office or directly to the head.")
    elif channel == MajorMatter.Channel.DIRECT and not rights.leads:
        errors["channel"] = _("Only the group leader reports directly to the head.")
    text = _text(text)
    if not text:
        errors["text"] = _("Say what happened.")
    if occurred_on is None:
        errors["occurred_on"] = _("Give the date.")
    elif occurred_on > timezone.localdate():
        errors["occurred_on"] = _("This date is in the future.")
    if errors:
        raise ValidationError(errors)
    matter = _save(MajorMatter(group=group, kind=kind, channel=channel, occurred_on=occurred_on, text=text, reported_by=actor), "报告重大事项")
    recipients = _with_role(Role.SECRETARY) if channel == MajorMatter.Channel.DIRECT else _office()
    title = f"{group.full_name}重大事项报告" + ("（直接报告组长）" if channel == MajorMatter.Channel.DIRECT else "")
    notifications_create(recipients=recipients, title=title, url=matter.get_absolute_url())
    return matter


def may_acknowledge(user, matter: MajorMatter) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.has_role(Role.SECRETARY) if matter.direct else user.is_office


@transaction.atomic
def major_matter_acknowledge(*, matter: MajorMatter, actor) -> MajorMatter:
    current = _lock(MajorMatter, matter)
    _refuse(may_acknowledge(actor, current), _("A major matter is received by the office, or by the head when reported directly."))
    if current.acknowledged_at:
        return current
    current.acknowledged_by, current.acknowledged_at = actor, timezone.now()
    return _save(current, "签收重大事项报告", ["acknowledged_by", "acknowledged_at"])
