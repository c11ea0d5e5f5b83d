"""The withdrawal's moves (S28). Each refuses an illegal move in Chinese and is a no-op when repeated."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.core.rules import refuse as _refuse
from xunchar.deadlines.services import deadline_start
from xunchar.workdays.calendar import chinese_date

from . import rules, selectors
from .models import BorrowedEquipment, ExitTalk, PaperDestruction, ZeroHoldingReport
from .standards import zero_holding_statement


def _keeper(actor, group: InspectionGroup) -> None:
    _refuse(rules.rights(actor, group).keeps_checklist, _("Only the group's leader, deputy leader or liaison keeps the withdrawal checklist."))


def _locked_group(group: InspectionGroup) -> InspectionGroup:
    return InspectionGroup.objects.select_for_update().select_related("round").get(pk=group.pk)


def _on_site(group: InspectionGroup) -> None:
    """The checklist is kept while the group is on site; once withdrawn it is a record."""
    if group.entered_on is None:
        raise ValidationError(_("The group has not entered its units yet."))
    if group.withdrawn_on is not None:
        raise ValidationError(_("The group has withdrawn; its withdrawal checklist can no longer be changed."))


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _of_group(membership: GroupMembership | None, group: InspectionGroup, field: str) -> None:
    if membership is None or membership.group_id != group.pk:
        raise ValidationError({field: _("Choose a member of this group.")})


# --- The talk with each unit's principal leader --------------------------------------------------------------


@transaction.atomic
def exit_talk_record(*, inspection: Inspection, held_on: date, unit_leader: str, notes: str, actor) -> ExitTalk:
    group = _locked_group(inspection.group)
    _keeper(actor, group)
    _on_site(group)
    unit_leader = unit_leader.strip()
    if not unit_leader:
        raise ValidationError({"unit_leader": _("Enter the name and post of the unit's principal leader.")})
    _not_future(held_on, "held_on")
    if held_on < group.entered_on:
        raise ValidationError({"held_on": _("The talk cannot be before the group entered (%(date)s).") % {"date": chinese_date(group.entered_on)}})
    talk = ExitTalk.objects.filter(inspection=inspection).first() or ExitTalk(inspection=inspection, recorded_by=actor)
    if talk.pk and (talk.held_on, talk.unit_leader, talk.notes) == (held_on, unit_leader, notes):
        return talk
    talk.held_on, talk.unit_leader, talk.notes = held_on, unit_leader, notes
    talk.save()
    return talk


# --- Borrowed equipment -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EquipmentData:
    name: str
    lent_by: str
    holder: GroupMembership
    lent_on: date
    asset_number: str = ""
    classified: bool = False


@transaction.atomic
def equipment_add(*, group: InspectionGroup, data: EquipmentData, actor) -> BorrowedEquipment:
    group = _locked_group(group)
    _keeper(actor, group)
    _on_site(group)
    errors = {}
    if not data.name.strip():
        errors["name"] = _("Name the item.")
    if not data.lent_by.strip():
        errors["lent_by"] = _("Say who lent the item.")
    if data.holder is None or data.holder.group_id != group.pk:
        errors["holder"] = _("Choose a member of this group.")
    if data.lent_on > timezone.localdate():
        errors["lent_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return BorrowedEquipment.objects.create(
        group=group, name=data.name.strip(), asset_number=data.asset_number.strip(), classified=data.classified,
        lent_by=data.lent_by.strip(), holder=data.holder, lent_on=data.lent_on, recorded_by=actor,
    )


@transaction.atomic
def equipment_return(
    *, equipment: BorrowedEquipment, returned_on: date, returned_to: str, checked_by: GroupMembership | None, actor
) -> BorrowedEquipment:
    equipment = BorrowedEquipment.objects.select_for_update().get(pk=equipment.pk)
    group = _locked_group(equipment.group)
    _keeper(actor, group)
    _on_site(group)
    if not equipment.is_out:
        return equipment
    errors = {}
    if not returned_to.strip():
        errors["returned_to"] = _("Name who received it back.")
    if returned_on > timezone.localdate():
        errors["returned_on"] = _("The date cannot be in the future.")
    elif returned_on < equipment.lent_on:
        errors["returned_on"] = _("Equipment is returned after it was lent.")
    if equipment.classified:
        # 涉密设备由专人清点核对 (S28): a named member, not the one who held it.
        if checked_by is None or checked_by.group_id != group.pk:
            errors["checked_by"] = _("Classified equipment is checked back by a named member of the group.")
        elif checked_by.pk == equipment.holder_id:
            errors["checked_by"] = _("The check is made by someone other than who held the equipment.")
    elif checked_by is not None and checked_by.group_id != group.pk:
        errors["checked_by"] = _("Choose a member of this group.")
    if errors:
        raise ValidationError(errors)
    equipment.returned_on, equipment.returned_to, equipment.checked_by = returned_on, returned_to.strip(), checked_by
    equipment.save(update_fields=["returned_on", "returned_to", "checked_by"])
    return equipment


# --- Destruction of papers no longer needed ------------------------------------------------------------------


@dataclass(frozen=True)
class DestructionData:
    destroyed_on: date
    description: str
    sheets: int
    method: str
    destroyed_by: GroupMembership
    checker: GroupMembership


@transaction.atomic
def destruction_record(*, group: InspectionGroup, data: DestructionData, actor) -> PaperDestruction:
    group = _locked_group(group)
    _keeper(actor, group)
    _on_site(group)
    errors = {}
    if not data.description.strip():
        errors["description"] = _("Say what was destroyed.")
    if data.method not in PaperDestruction.Method.values:
        errors["method"] = _("Choose how the papers were destroyed.")
    if data.destroyed_on > timezone.localdate():
        errors["destroyed_on"] = _("The date cannot be in the future.")
    for field in ("destroyed_by", "checker"):
        membership = getattr(data, field)
        if membership is None or membership.group_id != group.pk:
            errors[field] = _("Choose a member of this group.")
    if not errors and data.checker.pk == data.destroyed_by.pk:
        errors["checker"] = _("The destruction is checked by someone other than who destroyed the papers.")
    if errors:
        raise ValidationError(errors)
    return PaperDestruction.objects.create(
        group=group, destroyed_on=data.destroyed_on, description=data.description.strip(), sheets=data.sheets,
        method=data.method, destroyed_by=data.destroyed_by, checker=data.checker, recorded_by=actor,
    )


@transaction.atomic
def destruction_check(*, destruction: PaperDestruction, actor) -> PaperDestruction:
    """The named checker confirms the papers were destroyed as recorded."""
    destruction = PaperDestruction.objects.select_for_update().get(pk=destruction.pk)
    group = _locked_group(destruction.group)
    _refuse(
        rules.rights(actor, group).membership_id == destruction.checker_id,
        _("Only the member named as its checker checks the destruction."),
    )
    if destruction.checked_at is not None:
        return destruction
    _on_site(group)
    destruction.checked_at = timezone.now()
    destruction.save(update_fields=["checked_at"])
    return destruction


# --- Zero-holding reports -----------------------------------------------------------------------------------


@transaction.atomic
def zero_holding_sign(*, membership: GroupMembership, actor, signed_on: date | None = None, on_paper: bool = False) -> ZeroHoldingReport:
    """A member signs their own report; a report signed on paper is recorded by the leader or the liaison."""
    group = _locked_group(membership.group)
    rights = rules.rights(actor, group)
    if on_paper:
        _refuse(rights.records_paper_reports, _("Only the group leader or the liaison records a report signed on paper."))
    else:
        _refuse(rights.membership_id == membership.pk, _("Each member signs their own zero-holding report."))
    existing = ZeroHoldingReport.objects.filter(membership=membership).first()
    if existing is not None:
        return existing
    _on_site(group)
    signed_on = signed_on or timezone.localdate()
    _not_future(signed_on, "signed_on")
    report = ZeroHoldingReport.objects.create(
        membership=membership, statement=zero_holding_statement(group), signed_on=signed_on, on_paper=on_paper,
        recorded_by=actor,
    )
    detail = "纸质签署，代为登记" if on_paper else ""
    audit_record(event=AuditEvent.Event.ZERO_HOLDING_SIGNED, actor=actor, obj=report, detail=detail)
    return report


# --- Marking the group withdrawn ----------------------------------------------------------------------------


@transaction.atomic
def group_withdraw(*, group: InspectionGroup, withdrawn_on: date, actor) -> InspectionGroup:
    """S28: the group leaves its units. Refused, naming every open item, while anything is open. Starts D1
    (10 working days) and D2 (one month) and takes the members' access away (policy.access_giving).

    Once withdrawn, the office may still correct the date until the report is heard."""
    group = _locked_group(group)
    rights = rules.rights(actor, group)
    _refuse(rights.marks_withdrawn, _("Only the group leader or the office marks the group withdrawn."))
    if group.entered_on is None:
        raise ValidationError(_("The group has not entered its units yet."))
    if withdrawn_on < group.entered_on:
        raise ValidationError(
            _("The withdrawal date cannot be before the entry date (%(date)s).") % {"date": chinese_date(group.entered_on)}
        )
    _not_future(withdrawn_on, "withdrawn_on")
    if group.withdrawn_on == withdrawn_on:
        return group
    if group.withdrawn_on is None:
        blocking = selectors.open_items(group)
        if blocking:
            raise ValidationError(
                [_("The group cannot be marked withdrawn while anything is open:")] + blocking
            )
    else:
        _refuse(rights.office, _("Only the office corrects the withdrawal date."))
        if group.deadlines.exclude(state="open").exists():
            raise ValidationError(_("The report has already been heard; the withdrawal date can no longer be changed."))
    group.withdrawn_on = withdrawn_on
    group._change_reason = "撤离驻地"
    group.save(update_fields=["withdrawn_on"])
    for code in ("D1", "D2"):
        deadline_start(rule_code=code, round=group.round, group=group, started_on=withdrawn_on)
    audit_record(event=AuditEvent.Event.GROUP_WITHDRAWN, actor=actor, obj=group, detail=f"撤离日期 {withdrawn_on:%Y-%m-%d}")
    return group
