"""Writes of the petition ledger (S13, issue 5 §1). One service per transition, keyword-only, atomic;
each checks the actor's right (petitions/rules.py) and the item's state and refuses an illegal move
with a Chinese message; repeating a move changes nothing."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_request, approval_submit
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.core.rules import refuse as _refuse
from xunchar.sealing.policy import under_seal
from xunchar.sealing.rules import direct_delivery_reason
from xunchar.sealing.services import delivery_propose
from xunchar.workdays.calendar import chinese_date

from . import rules
from .models import Petition, PetitionContent, PetitionEmergencyPlan, Petitioner, PetitionIncident

IMPORTANT_CHAIN = "petitions.important"
# Written to the audit log (AuditEvent.event is free text in the database).
AUDIT_REGISTERED = AuditEvent.Event.PETITION_REGISTERED
AUDIT_SCOPE = AuditEvent.Event.PETITION_SCOPE
PETITIONER_FIELDS = ("name", "id_number", "phone", "address", "workplace")


@dataclass
class PetitionerData:
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    workplace: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in PETITIONER_FIELDS)


@dataclass
class PetitionData:
    received_on: date
    channel: str
    summary: str
    receivers: list = field(default_factory=list)  # GroupMembership
    anonymous: bool = False
    inspection: Inspection | None = None
    full_text: str = ""
    complained_about: str = ""
    complained_cadre: object = None  # registry.Cadre
    petitioner: PetitionerData | None = None


def _next_number(group: InspectionGroup) -> int:
    """The next number in the group's ledger. The group's row stays locked until the caller's
    transaction ends, so two registrations at once get consecutive numbers and a rolled-back one
    gives its number back: the ledger has no gaps."""
    InspectionGroup.objects.select_for_update().filter(pk=group.pk).first()
    last = Petition.objects.filter(group=group).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _check(group: InspectionGroup, data: PetitionData) -> None:
    errors = {}
    if data.channel not in Petition.Channel.values:
        errors["channel"] = _("Choose how the item came in.")
    if not (data.summary or "").strip():
        errors["summary"] = _("Summarise what the item says.")
    receivers = list(data.receivers)
    if any(m.group_id != group.pk for m in receivers):
        errors["receivers"] = _("Only the group's own people receive its petitions.")
    elif not receivers:
        errors["receivers"] = _("Name who received the item.")
    elif data.channel == Petition.Channel.VISIT and len({m.pk for m in receivers}) < 2:
        errors["receivers"] = _("A visit is received by at least two of the group's people: tick a second receiver.")
    if data.inspection is not None and data.inspection.group_id != group.pk:
        errors["inspection"] = _("The unit concerned must be one the group inspects.")
    if data.received_on and data.received_on > timezone.localdate():
        errors["received_on"] = _("An item cannot be received in the future.")
    elif data.received_on and group.withdrawn_on and data.received_on > group.withdrawn_on:
        errors["received_on"] = _(
            "The group withdrew on %(date)s: what arrives after that goes to the office, not into the group's ledger."
        ) % {"date": chinese_date(group.withdrawn_on)}
    if data.anonymous and data.petitioner is not None and not data.petitioner.is_empty:
        errors["anonymous"] = _("An anonymous item has no petitioner: clear the petitioner's details or untick anonymous.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def petition_register(*, group: InspectionGroup, actor, data: PetitionData) -> Petition:
    """Register one item in the group's ledger: the row, its content and (unless anonymous) its
    petitioner, all or nothing."""
    _refuse(rules.can_register_petition(actor, group), _("Only the group's own people register its petitions."))
    _check(group, data)
    petition = Petition(
        group=group, round_id=group.round_id, inspection=data.inspection, number=_next_number(group),
        received_on=data.received_on, channel=data.channel, anonymous=data.anonymous, recorded_by=actor,
    )
    petition._change_reason = "登记信访件"
    petition.save()
    petition.receivers.set(data.receivers)
    PetitionContent.objects.create(
        petition=petition, summary=data.summary.strip(), full_text=data.full_text, complained_about=data.complained_about,
        complained_cadre=data.complained_cadre,
    )
    if not data.anonymous and data.petitioner is not None and not data.petitioner.is_empty:
        Petitioner.objects.create(petition=petition, **{name: getattr(data.petitioner, name).strip() for name in PETITIONER_FIELDS})
    audit_record(event=AUDIT_REGISTERED, actor=actor, obj=petition, detail=f"登记 {petition.reference}")
    # §2: about someone S13.2 lists (the cadre pool says so) → straight to the group leader, sealed.
    reason = direct_delivery_reason(data.complained_cadre, group.round)
    if reason:
        delivery_propose(record=petition, actor=actor, reason=reason, automatic=True)
    return petition


def _locked(petition: Petition, actor) -> Petition:
    current = Petition.objects.select_for_update().select_related("group", "round").get(pk=petition.pk)
    _refuse(rules.can_decide_petition(actor, current.group), _("Only the group's leader, deputy leader or liaison decide how a petition is handled."))
    if under_seal(Petition).filter(source_id=current.pk).exists():
        raise ValidationError(_("A direct-delivery item goes to the group leader and is sealed: it is not handled in the group."))
    return current


def _decide(petition: Petition, actor, state: str, reason: str = "", change_reason: str = "") -> Petition:
    petition.state = state
    petition.not_handled_reason = reason
    petition.decided_by = actor
    petition.decided_at = timezone.now()
    petition._change_reason = change_reason
    petition.save(update_fields=["state", "not_handled_reason", "decided_by", "decided_at"])
    audit_record(event=AUDIT_SCOPE, actor=actor, obj=petition, detail=f"{petition.reference} {change_reason}")
    return petition


@transaction.atomic
def petition_mark_within_scope(*, petition: Petition, actor) -> Petition:
    current = _locked(petition, actor)
    if current.state == Petition.State.WITHIN_SCOPE:
        return current
    if current.state != Petition.State.REGISTERED:
        raise ValidationError(_("Only a newly registered item can be marked within scope; this one is “%(state)s”.") % {"state": current.get_state_display()})
    return _decide(current, actor, Petition.State.WITHIN_SCOPE, change_reason="属于巡察受理范围")


@transaction.atomic
def petition_mark_important(*, petition: Petition, actor, proposal: str) -> Petition:
    """An important item (about the unit's leadership team or next-level principal leaders, or judged
    important): its 重要信访呈批单 goes to the group leader, whose instruction is the approval's opinion."""
    current = _locked(petition, actor)
    returned = False
    if current.state == Petition.State.IMPORTANT:
        request = important_request(current)
        returned = request is not None and request.state == ApprovalRequest.State.RETURNED
        if not returned:
            return current  # already with the leader, or instructed: nothing to do
    elif current.state not in (Petition.State.REGISTERED, Petition.State.WITHIN_SCOPE):
        raise ValidationError(_("An item received but not handled cannot become important."))
    proposal = (proposal or "").strip()
    if not proposal:
        raise ValidationError({"proposal": _("Write the proposed handling for the leader.")})
    content = PetitionContent.objects.select_for_update().get(petition=current)
    if content.proposal != proposal:
        content.proposal = proposal
        content._change_reason = "拟办意见"
        content.save(update_fields=["proposal"])
    if not returned:
        _decide(current, actor, Petition.State.IMPORTANT, change_reason="重要信访件，报组长批示")
    # A first submission, or — after the leader returned it — the revised proposal submitted again.
    approval_submit(chain=IMPORTANT_CHAIN, subject=current, actor=actor)
    return current


@transaction.atomic
def petition_mark_not_handled(*, petition: Petition, actor, reason: str) -> Petition:
    """Personal claims and law-related items: received, not handled, marked for transfer (S13.1; the
    transfer itself, S39's 转办单, is a later issue's)."""
    current = _locked(petition, actor)
    if reason not in Petition.NotHandledReason.values:
        raise ValidationError({"reason": _("Say why the item is not handled.")})
    if current.state == Petition.State.NOT_HANDLED and current.not_handled_reason == reason:
        return current
    if current.state not in (Petition.State.REGISTERED, Petition.State.WITHIN_SCOPE):
        raise ValidationError(_("Only an item not yet sent to the leader can be marked not handled; this one is “%(state)s”.") % {"state": current.get_state_display()})
    return _decide(current, actor, Petition.State.NOT_HANDLED, reason=reason, change_reason="只接收、不处理，待移交")


def important_request(petition: Petition):
    return approval_request(petition, IMPORTANT_CHAIN)


# --- Emergencies (S13.3) -----------------------------------------------------------------------------------


@transaction.atomic
def emergency_plan_save(*, group: InspectionGroup, actor, text: str) -> PetitionEmergencyPlan:
    _refuse(rules.petition_rights(actor, group).can_edit_emergency_plan, _("The group's leader, deputy leader or liaison keep its emergency plan."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the plan.")})
    InspectionGroup.objects.select_for_update().filter(pk=group.pk).first()
    plan = PetitionEmergencyPlan.objects.filter(group=group).first()
    if plan is not None and plan.text == text:
        return plan
    if plan is None:
        plan = PetitionEmergencyPlan(group=group, text=text, updated_by=actor)
        plan._change_reason = "制定信访突发事件处置预案"
        plan.save()
    else:
        plan.text, plan.updated_by, plan.updated_at = text, actor, timezone.now()
        plan._change_reason = "修改信访突发事件处置预案"
        plan.save(update_fields=["text", "updated_by", "updated_at"])
    return plan


@transaction.atomic
def incident_report(*, group: InspectionGroup, actor, occurred_on: date, what_happened: str, how_handled: str, reported_on: date) -> PetitionIncident:
    """Record a petition emergency and its report to the office; the office is told at once."""
    _refuse(rules.petition_rights(actor, group).can_report_incident, _("Only the group's own people report its petition incidents."))
    if reported_on < occurred_on:
        raise ValidationError({"reported_on": _("An incident is reported on or after the day it happened.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("An incident cannot happen in the future.")})
    incident = PetitionIncident(
        group=group, occurred_on=occurred_on, what_happened=what_happened.strip(), how_handled=how_handled.strip(),
        reported_on=reported_on, recorded_by=actor,
    )
    incident._change_reason = "报告信访突发事件"
    incident.save()
    _tell_the_office(incident)
    return incident


def _tell_the_office(incident: PetitionIncident) -> None:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from xunchar.accounts.roles import OFFICE_ROLES
    from xunchar.notifications.services import notifications_create

    office = get_user_model().objects.filter(is_active=True, role_grants__role__in=OFFICE_ROLES).distinct()
    notifications_create(
        recipients=list(office), title=f"{incident.group.full_name}报告信访突发事件",
        body=f"发生于{incident.occurred_on:%Y-%m-%d}", url=reverse("petitions:incident_list", args=[incident.group_id]),
    )


def memberships_of(group: InspectionGroup):
    return GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")
