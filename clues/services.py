"""Writes of the clue register and the in-depth inquiries (S14, S15, S21; issue 5 §4–§6).

One service per transition, keyword-only, atomic; each checks the actor's right (clues/rules.py)
and the record's state, refuses an illegal move with a Chinese message, and changes nothing when
repeated."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, InspectionGroup
from xunchar.access import policy
from xunchar.access.services import handover_grant
from xunchar.accounts.roles import OFFICE_ROLES, Role
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_state
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.core.rules import refuse as _refuse
from xunchar.notifications.services import notifications_create

from . import rules
from .models import Clue, ClueEntry, HelpRequest, Inquiry, SpotCheck, SpotCheckPerson

SPOT_CHECK_CHAIN = "clues.spot_check"
DETAINED_CHAIN = "clues.inquiry_detained"
# Written to the audit log (AuditEvent.event is free text in the database; the audit app may add
# these to its choices for a translated label).
AUDIT_CLUE = AuditEvent.Event.CLUE_ENTRY
AUDIT_SPOT_CHECK = AuditEvent.Event.SPOT_CHECK
AUDIT_INQUIRY = AuditEvent.Event.INQUIRY
AUDIT_HELP = AuditEvent.Event.HELP_REQUEST


def _lock_group(group: InspectionGroup) -> None:
    InspectionGroup.objects.select_for_update().filter(pk=group.pk).first()


def _people(queryset):
    return list(queryset.filter(is_active=True).distinct())


def _office():
    return _people(get_user_model().objects.filter(role_grants__role__in=OFFICE_ROLES))


def _clue_keepers(group):
    # After the withdrawal the deputy keeps nothing (policy.access_giving): they are not told either.
    keepers = policy.access_giving(GroupMembership.objects.filter(group=group, role__in=rules.KEEPERS))
    return _people(get_user_model().objects.filter(cadre__in=keepers.values("cadre_id")))


def _org_receivers():
    return _people(get_user_model().objects.filter(role_grants__role=Role.RECEIVER_ORGANIZATION))


def cadre_display(cadre) -> str:
    return f"{cadre.name}（{cadre.unit or ''}{cadre.post}）" if (cadre.unit_id or cadre.post) else cadre.name


# --- Clues ---------------------------------------------------------------------------------------------------


@transaction.atomic
def clue_for_person(*, group: InspectionGroup, actor, cadre=None, person: str = "", summary: str = "") -> Clue:
    """The group's clue about a person — found by the cadre-pool record, or by the name as written
    when there is none — or a new one. Only the group's leader, deputy leader or liaison keep clues."""
    _refuse(rules.keeps_clues(actor, group), _("Only the group's leader, deputy leader or liaison keep its clues."))
    person = (person or "").strip() or (cadre_display(cadre) if cadre is not None else "")
    if not person:
        raise ValidationError({"person": _("Name the person the clue is about.")})
    _lock_group(group)
    existing = Clue.objects.filter(group=group)
    existing = existing.filter(cadre=cadre) if cadre is not None else existing.filter(cadre__isnull=True, person=person)
    clue = existing.first()
    if clue is not None:
        return clue
    clue = Clue(group=group, cadre=cadre, person=person[:100], summary=(summary or "").strip()[:300], created_by=actor)
    clue._change_reason = "建立问题线索"
    clue.save()
    audit_record(event=AUDIT_CLUE, actor=actor, obj=clue, detail="建立问题线索")
    return clue


@transaction.atomic
def clue_add_entry(*, clue: Clue, actor, source: str, text: str, spot_check_person: SpotCheckPerson | None = None) -> ClueEntry:
    """Add what was learned to a clue. An entry made from a spot-check result is made once."""
    _refuse(rules.keeps_clues(actor, clue.group), _("Only the group's leader, deputy leader or liaison keep its clues."))
    if source not in ClueEntry.Source.values:
        raise ValidationError({"source": _("Say where this came from.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what was found.")})
    if spot_check_person is not None:
        if source != ClueEntry.Source.SPOT_CHECK:
            raise ValidationError(_("A spot-check result enters a clue as a spot-check entry."))
        earlier = ClueEntry.objects.filter(spot_check_person=spot_check_person).first()
        if earlier is not None:
            return earlier
    entry = ClueEntry(clue=clue, source=source, text=text, spot_check_person=spot_check_person, created_by=actor)
    entry._change_reason = "补充问题线索"
    entry.save()
    audit_record(event=AUDIT_CLUE, actor=actor, obj=clue, detail=f"补充问题线索（{entry.get_source_display()}）")
    return entry


# --- Spot checks (S14) ---------------------------------------------------------------------------------------


def _locked_spot_check(spot_check: SpotCheck) -> SpotCheck:
    return SpotCheck.objects.select_for_update().select_related("group__round").get(pk=spot_check.pk)


def _move(spot_check: SpotCheck, actor, state: str, reason: str, **fields) -> SpotCheck:
    spot_check.state = state
    for name, value in fields.items():
        setattr(spot_check, name, value)
    spot_check._change_reason = reason
    spot_check.save(update_fields=["state", *fields])
    audit_record(event=AUDIT_SPOT_CHECK, actor=actor, obj=spot_check, detail=f"{spot_check.reference} {reason}")
    return spot_check


def _state_error(spot_check: SpotCheck, what: str) -> ValidationError:
    return ValidationError(_("%(what)s: this spot check is “%(state)s”.") % {"what": what, "state": spot_check.get_state_display()})


@transaction.atomic
def spot_check_create(*, group: InspectionGroup, actor) -> SpotCheck:
    """A new list of names to propose, numbered in the group's sequence."""
    _refuse(rules.keeps_clues(actor, group), _("The group's leader, deputy leader or liaison propose spot checks."))
    if group.withdrawn_on:
        raise ValidationError(_("The group has withdrawn: spot checks are proposed while on site."))
    _lock_group(group)
    last = SpotCheck.objects.filter(group=group).aggregate(last=Max("number"))["last"]
    spot_check = SpotCheck(group=group, number=(last or 0) + 1, created_by=actor)
    spot_check._change_reason = "拟定抽查核实名单"
    spot_check.save()
    return spot_check


@transaction.atomic
def spot_check_add_person(*, spot_check: SpotCheck, actor, cadre, reason: str) -> SpotCheckPerson:
    current = _locked_spot_check(spot_check)
    _refuse(rules.keeps_clues(actor, current.group), _("The group's leader, deputy leader or liaison propose spot checks."))
    if current.state != SpotCheck.State.DRAFT:
        raise _state_error(current, _("Names are added while the group draws up the list"))
    reason = (reason or "").strip()
    errors = {}
    if cadre is None:
        errors["cadre"] = _("Choose the cadre to check.")
    elif not current.group.inspections.filter(unit_id=cadre.unit_id).exists():
        errors["cadre"] = _("Only cadres of the units the group inspects are checked.")
    elif current.people.filter(cadre=cadre).exists():
        errors["cadre"] = _("This cadre is already on the list.")
    if not reason:
        errors["reason"] = _("Say why this cadre's report should be checked.")
    if errors:
        raise ValidationError(errors)
    person = SpotCheckPerson(spot_check=current, cadre=cadre, reason=reason)
    person._change_reason = "提出抽查对象"
    person.save()
    return person


@transaction.atomic
def spot_check_remove_person(*, person: SpotCheckPerson, actor) -> SpotCheck:
    current = _locked_spot_check(person.spot_check)
    _refuse(rules.keeps_clues(actor, current.group), _("The group's leader, deputy leader or liaison propose spot checks."))
    if current.state != SpotCheck.State.DRAFT:
        raise _state_error(current, _("Names are removed while the group draws up the list"))
    SpotCheckPerson.objects.filter(pk=person.pk).delete()
    return current


@transaction.atomic
def spot_check_propose(*, spot_check: SpotCheck, actor) -> SpotCheck:
    """The group sends its list to the office, which submits it to the head or executive deputy head."""
    current = _locked_spot_check(spot_check)
    _refuse(rules.keeps_clues(actor, current.group), _("The group's leader, deputy leader or liaison propose spot checks."))
    if current.state == SpotCheck.State.PROPOSED:
        return current
    if current.state != SpotCheck.State.DRAFT:
        raise _state_error(current, _("Only a list being drawn up is proposed"))
    if not current.people.exists():
        raise ValidationError(_("Name at least one cadre to check."))
    _move(current, actor, SpotCheck.State.PROPOSED, "报巡察办", proposed_by=actor, proposed_at=timezone.now())
    notifications_create(
        recipients=_office(), title=f"{current.group.full_name}提出抽查核实名单", body=current.reference,
        url=current.get_absolute_url(),
    )
    return current


def spot_check_approved(spot_check: SpotCheck, request) -> None:
    """The approval chain's last step passed (inside its transaction)."""
    spot_check.state = SpotCheck.State.APPROVED
    spot_check.approved_at = request.completed_at or timezone.now()
    spot_check._change_reason = "领导小组批准"
    spot_check.save(update_fields=["state", "approved_at"])


def spot_check_returned(spot_check: SpotCheck, request) -> None:
    """Returned by the leading group: the list goes back to the group for revision."""
    spot_check.state = SpotCheck.State.DRAFT
    spot_check._change_reason = "退回修改"
    spot_check.save(update_fields=["state"])
    notifications_create(
        recipients=_clue_keepers(spot_check.group), title=f"{spot_check.reference}退回修改", url=spot_check.get_absolute_url(),
    )


@transaction.atomic
def spot_check_send(*, spot_check: SpotCheck, actor) -> SpotCheck:
    """The office sends the approved request to the organization department: each of its receivers
    is granted this one request, and nothing else of the group."""
    current = _locked_spot_check(spot_check)
    _refuse(rules.is_office(actor), _("The office sends spot checks to the organization department."))
    if current.state == SpotCheck.State.SENT:
        return current
    if current.state != SpotCheck.State.APPROVED or approval_state(current, SPOT_CHECK_CHAIN) != ApprovalRequest.State.APPROVED:
        raise _state_error(current, _("Only an approved spot check is sent"))
    receivers = _org_receivers()
    if not receivers:
        raise ValidationError(_("No account receives for the organization department: ask the security administrator."))
    for receiver in receivers:
        handover_grant(obj=current, receiver=receiver, actor=actor)
    current.sent_to.set(receivers)
    _move(current, actor, SpotCheck.State.SENT, "函送县委组织部", sent_by=actor, sent_at=timezone.now())
    notifications_create(recipients=receivers, title="巡察办函送抽查核实请求", body=current.reference, url=current.get_absolute_url())
    return current


@dataclass
class SpotCheckResult:
    result: str
    details: str = ""
    review_opinion: str = ""


@transaction.atomic
def spot_check_fill(*, person: SpotCheckPerson, actor, data: SpotCheckResult) -> SpotCheckPerson:
    """The organization department fills one row of its 抽查核实情况表."""
    current = _locked_spot_check(person.spot_check)
    _refuse(rules.may_fill_spot_check(actor, current), _("Only the organization department's receiver fills in the table."))
    if current.state != SpotCheck.State.SENT:
        raise _state_error(current, _("The table is filled in while the request is with the department"))
    row = SpotCheckPerson.objects.select_for_update().get(pk=person.pk, spot_check=current)
    details, opinion = (data.details or "").strip(), (data.review_opinion or "").strip()
    errors = {}
    if data.result not in SpotCheckPerson.Result.values:
        errors["result"] = _("Give the result of the check.")
    elif data.result == SpotCheckPerson.Result.DISCREPANCY and not details:
        errors["details"] = _("Describe the discrepancy.")
    if not opinion:
        errors["review_opinion"] = _("Give the department's review opinion.")
    if errors:
        raise ValidationError(errors)
    if (row.result, row.details, row.review_opinion) == (data.result, details, opinion):
        return row
    row.result, row.details, row.review_opinion = data.result, details, opinion
    row.filled_by, row.filled_at = actor, timezone.now()
    row._change_reason = "填写抽查核实情况表"
    row.save(update_fields=["result", "details", "review_opinion", "filled_by", "filled_at"])
    return row


@transaction.atomic
def spot_check_answer(*, spot_check: SpotCheck, actor) -> SpotCheck:
    """The department returns the filled table to the office."""
    current = _locked_spot_check(spot_check)
    _refuse(rules.may_fill_spot_check(actor, current), _("Only the organization department's receiver returns the table."))
    if current.state in (SpotCheck.State.ANSWERED, SpotCheck.State.DELIVERED):
        return current
    if current.state != SpotCheck.State.SENT:
        raise _state_error(current, _("Only a request with the department is answered"))
    if current.people.filter(result="").exists():
        raise ValidationError(_("Fill in the table for every person before returning it."))
    _move(current, actor, SpotCheck.State.ANSWERED, "组织部反馈抽查核实情况", answered_by=actor, answered_at=timezone.now())
    notifications_create(recipients=_office(), title="组织部反馈抽查核实情况", body=current.reference, url=current.get_absolute_url())
    return current


@transaction.atomic
def spot_check_deliver(*, spot_check: SpotCheck, actor) -> SpotCheck:
    """The office forwards the department's answer to the group."""
    current = _locked_spot_check(spot_check)
    _refuse(rules.is_office(actor), _("The office forwards the answer to the group."))
    if current.state == SpotCheck.State.DELIVERED:
        return current
    if current.state != SpotCheck.State.ANSWERED:
        raise _state_error(current, _("Only an answered spot check is forwarded"))
    _move(current, actor, SpotCheck.State.DELIVERED, "反馈巡察组", delivered_by=actor, delivered_at=timezone.now())
    notifications_create(
        recipients=_clue_keepers(current.group), title="抽查核实情况已反馈", body=current.reference, url=current.get_absolute_url(),
    )
    return current


def spot_check_entry_text(person: SpotCheckPerson) -> str:
    return f"抽查核实发现：{person.details}\n组织部审核意见：{person.review_opinion}"


@transaction.atomic
def spot_check_to_clue(*, person: SpotCheckPerson, actor) -> ClueEntry:
    """S14.3: a suspected violation found by the check goes into that person's clue."""
    current = _locked_spot_check(person.spot_check)
    _refuse(rules.keeps_clues(actor, current.group), _("Only the group's leader, deputy leader or liaison keep its clues."))
    if current.state != SpotCheck.State.DELIVERED:
        raise _state_error(current, _("A result enters a clue once the office has forwarded it"))
    row = SpotCheckPerson.objects.select_related("cadre__unit").get(pk=person.pk, spot_check=current)
    if row.result != SpotCheckPerson.Result.DISCREPANCY:
        raise ValidationError(_("Only a check that found a discrepancy goes into a clue."))
    clue = clue_for_person(group=current.group, actor=actor, cadre=row.cadre)
    return clue_add_entry(clue=clue, actor=actor, source=ClueEntry.Source.SPOT_CHECK, text=spot_check_entry_text(row), spot_check_person=row)


# --- Informants (S15) ----------------------------------------------------------------------------------------


@dataclass
class InquiryData:
    informant: str
    purpose: str
    plan: str
    readers: list  # GroupMembership
    detained: bool = False


@transaction.atomic
def inquiry_create(*, group: InspectionGroup, actor, data: InquiryData) -> Inquiry:
    """An inquiry with its purpose and plan, known only to the people named (the creator always)."""
    rights = rules.group_rights(actor, group)
    _refuse(rights.keeps_clues, _("The group's leader, deputy leader or liaison arrange informant inquiries."))
    errors = {}
    for name in ("informant", "purpose", "plan"):
        if not (getattr(data, name) or "").strip():
            errors[name] = {
                "informant": _("Name the informant."), "purpose": _("Say what the inquiry is for."),
                "plan": _("Write the plan."),
            }[name]
    readers = {m.pk: m for m in data.readers}
    if any(m.group_id != group.pk for m in readers.values()):
        errors["readers"] = _("Only the group's own people may know of its inquiries.")
    if errors:
        raise ValidationError(errors)
    readers.setdefault(rights.membership_id, GroupMembership.objects.get(pk=rights.membership_id))
    inquiry = Inquiry(
        group=group, informant=data.informant.strip(), detained=data.detained, purpose=data.purpose.strip(),
        plan=data.plan.strip(), created_by=actor,
    )
    inquiry._change_reason = "拟定询问知情人方案"
    inquiry.save()
    inquiry.readers.set(readers.values())
    audit_record(event=AUDIT_INQUIRY, actor=actor, obj=inquiry, detail="拟定询问知情人方案" + ("（在押或被采取审查措施人员）" if data.detained else ""))
    return inquiry


def inquiry_approved(inquiry: Inquiry) -> bool:
    return approval_state(inquiry, DETAINED_CHAIN) == ApprovalRequest.State.APPROVED


DETAINED_NOT_APPROVED = (
    "询问在押或被采取审查措施人员，须报经领导小组同意，并通过县纪委监委协调办理。"
    "本次询问尚未经领导小组批准，不能登记询问情况。"
)
DETAINED_NOT_ARRANGED = "本次询问已经领导小组批准，但尚未记录县纪委监委的协调安排（联系人和日期），请先记录协调安排。"


@transaction.atomic
def inquiry_record_arrangement(*, inquiry: Inquiry, actor, commission_contact: str, arranged_on: date) -> Inquiry:
    """Who at the discipline commission arranged the questioning of a detained person, and when."""
    current = Inquiry.objects.select_for_update().select_related("group").get(pk=inquiry.pk)
    _refuse(rules.may_record_arrangement(actor, current), _("The office or the group's leader, deputy leader or liaison named on the inquiry record the arrangement."))
    if not current.detained:
        raise ValidationError(_("Only the questioning of a detained person is arranged through the discipline commission."))
    if not inquiry_approved(current):
        raise ValidationError(_("The leading group has not approved this inquiry yet: the commission arranges it after approval."))
    contact = (commission_contact or "").strip()
    errors = {}
    if not contact:
        errors["commission_contact"] = _("Name who at the discipline commission arranged it.")
    if arranged_on is None:
        errors["arranged_on"] = _("Give the date of the arrangement.")
    elif arranged_on > timezone.localdate():
        errors["arranged_on"] = _("An arrangement cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    if (current.commission_contact, current.arranged_on) == (contact, arranged_on):
        return current
    current.commission_contact, current.arranged_on, current.arranged_by = contact, arranged_on, actor
    current._change_reason = "记录县纪委监委协调安排"
    current.save(update_fields=["commission_contact", "arranged_on", "arranged_by"])
    audit_record(event=AUDIT_INQUIRY, actor=actor, obj=current, detail="记录县纪委监委协调安排")
    return current


@transaction.atomic
def inquiry_record_interview(*, inquiry: Inquiry, actor, interviewed_on: date, record: str) -> Inquiry:
    """What the informant said. A detained person: only after the leading group's approval and the
    commission's arrangement."""
    current = Inquiry.objects.select_for_update().select_related("group").get(pk=inquiry.pk)
    _refuse(rules.named_on_inquiry(actor, current), _("Only the people named on the inquiry record it."))
    if current.detained:
        if not inquiry_approved(current):
            raise ValidationError(DETAINED_NOT_APPROVED)
        if not current.commission_contact or current.arranged_on is None:
            raise ValidationError(DETAINED_NOT_ARRANGED)
    record = (record or "").strip()
    errors = {}
    if not record:
        errors["record"] = _("Write what the informant said.")
    if interviewed_on is None:
        errors["interviewed_on"] = _("Give the date of the questioning.")
    elif interviewed_on > timezone.localdate():
        errors["interviewed_on"] = _("The questioning cannot be dated in the future.")
    elif current.arranged_on and interviewed_on < current.arranged_on:
        errors["interviewed_on"] = _("The questioning follows the commission's arrangement.")
    if errors:
        raise ValidationError(errors)
    if (current.interviewed_on, current.record) == (interviewed_on, record):
        return current
    current.interviewed_on, current.record, current.interview_recorded_by = interviewed_on, record, actor
    current._change_reason = "登记询问情况"
    current.save(update_fields=["interviewed_on", "record", "interview_recorded_by"])
    audit_record(event=AUDIT_INQUIRY, actor=actor, obj=current, detail="登记询问情况")
    return current


# --- Help from specialist bodies (S21) -----------------------------------------------------------------------

# A run of the summary this long, found in what the body is told, reveals the clue.
CLUE_PHRASE_LENGTH = 4
_SEPARATORS = re.compile(r"[\s，。、；：！？,.;:!?（）()《》“”‘’\"'【】\[\]—\-…·/]+")


def clue_words(group: InspectionGroup) -> set[str]:
    """What of the group's clues must never reach a helping body: each person's name (as written
    and in the cadre pool) and every run of CLUE_PHRASE_LENGTH characters of each summary."""
    words = set()
    for person, cadre_name, summary in Clue.objects.filter(group=group).values_list("person", "cadre__name", "summary"):
        for name in (cadre_name, _SEPARATORS.split(person or "")[0]):
            if name and len(name) >= 2:
                words.add(name)
        for part in _SEPARATORS.split(summary or ""):
            words.update(part[i:i + CLUE_PHRASE_LENGTH] for i in range(len(part) - CLUE_PHRASE_LENGTH + 1))
    return words


def clue_words_in(group: InspectionGroup, text: str) -> list[str]:
    """The clue names and phrases found in `text`, longest first."""
    compact = _SEPARATORS.sub("", text or "")
    return sorted((word for word in clue_words(group) if word in compact), key=lambda w: (-len(w), w))


@dataclass
class HelpRequestData:
    body: object  # registry.Unit
    channel: str
    what_is_asked: str
    told_to_body: str
    helpers: str
    starts_on: date
    ends_on: date | None = None


@transaction.atomic
def help_request_create(*, group: InspectionGroup, actor, data: HelpRequestData) -> HelpRequest:
    """Ask a specialist body for help. What the body is told must not carry a clue (S21: the real
    purpose of a clue about a leading cadre is never revealed): refused if it names a person the
    group keeps a clue about, or repeats words of a clue's summary."""
    _refuse(rules.keeps_clues(actor, group), _("The group's leader, deputy leader or liaison ask for help."))
    errors = {}
    if data.channel not in HelpRequest.Channel.values:
        errors["channel"] = _("Say whether the request goes through the unit or the office.")
    if data.body is None:
        errors["body"] = _("Choose the body asked for help.")
    for name in ("what_is_asked", "told_to_body", "helpers"):
        if not (getattr(data, name) or "").strip():
            errors[name] = {
                "what_is_asked": _("Say what the group needs."), "told_to_body": _("Write what the body is told."),
                "helpers": _("Name the helpers."),
            }[name]
    if data.ends_on and data.starts_on and data.ends_on < data.starts_on:
        errors["ends_on"] = _("The help ends on or after the day it starts.")
    if "told_to_body" not in errors:
        found = clue_words_in(group, data.told_to_body)
        if found:
            errors["told_to_body"] = _(
                "What the body is told contains “%(words)s” from the group's clues: a clue must never be revealed to a "
                "helping body. Describe the task without names or the matters under inquiry."
            ) % {"words": "”“".join(found[:3])}
    if errors:
        raise ValidationError(errors)
    help_request = HelpRequest(
        group=group, body=data.body, channel=data.channel, what_is_asked=data.what_is_asked.strip(),
        told_to_body=data.told_to_body.strip(), helpers=data.helpers.strip(), starts_on=data.starts_on,
        ends_on=data.ends_on, created_by=actor,
    )
    help_request._change_reason = "提请有关单位协助"
    help_request.save()
    audit_record(event=AUDIT_HELP, actor=actor, obj=help_request, detail=f"提请{data.body}协助")
    if data.channel == HelpRequest.Channel.THROUGH_OFFICE:
        notifications_create(
            recipients=_office(), title=f"{group.full_name}提请巡察办协调{data.body}协助",
            url=reverse("clues:help_detail", args=[help_request.pk]),
        )
    return help_request
