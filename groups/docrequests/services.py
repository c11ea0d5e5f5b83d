"""Writes of the request lists (S16): one service per move, keyword-only, atomic.

requested → (approved by the group leader, if important: the `docrequests.important_item` chain) →
signed out (签收) → returned (清退); requested or approved → not provided. Each service checks the
actor's right (rules.py) and the item's state, refuses an illegal move with a Chinese message and
changes nothing when repeated."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, Inspection
from xunchar.access import policy
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_is_locked, approval_request, approval_state
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.core.rules import refuse as _refuse
from xunchar.files.models import Attachment
from xunchar.notifications.services import notifications_create
from xunchar.workdays.calendar import WorkCalendar, chinese_date

from . import rules
from .models import DocumentItem, DocumentReminder

IMPORTANT_CHAIN = "docrequests.important_item"
# Written to the audit log (AuditEvent.event is free text in the database; the audit app may add it
# to its choices for a translated label).
AUDIT_DOCUMENT = AuditEvent.Event.DOCUMENT_ITEM

State = DocumentItem.State


def _keeper_message() -> str:
    return _("Only the group's leader, deputy leader or liaison keep the list of requested documents.")


def _locked(item: DocumentItem) -> DocumentItem:
    return DocumentItem.objects.select_for_update().select_related("inspection__group__round", "inspection__unit").get(pk=item.pk)


def _state_error(item: DocumentItem, what: str) -> ValidationError:
    return ValidationError(_("%(what)s: this item is “%(state)s”.") % {"what": what, "state": item.get_state_display()})


def _check_day(day: date | None, field: str, group, *, not_before: date | None = None, before_label: str = "") -> dict:
    """A day of a move: given, not in the future, not after the group withdrew, not before `not_before`."""
    if day is None:
        return {field: _("Give the date.")}
    if day > timezone.localdate():
        return {field: _("The date cannot be in the future.")}
    if group.withdrawn_on and day > group.withdrawn_on:
        return {field: _("The group withdrew on %(date)s: nothing is recorded for a later day.") % {"date": group.withdrawn_on}}
    if not_before and day < not_before:
        return {field: _("The date cannot be before %(what)s (%(date)s).") % {"what": before_label, "date": not_before}}
    return {}


def _audit(actor, item: DocumentItem, detail: str) -> None:
    audit_record(event=AUDIT_DOCUMENT, actor=actor, obj=item, detail=f"{item}“{item.title}” {detail}"[:500])


def has_attachments(item: DocumentItem) -> bool:
    return Attachment.objects.filter(owner_type=ContentType.objects.get_for_model(DocumentItem), owner_id=item.pk).exists()


# --- The request list ----------------------------------------------------------------------------------------


@dataclass
class ItemData:
    title: str
    category: str
    period_from: date | None
    period_to: date | None
    copies: int = 1
    form: str = DocumentItem.Form.COPY
    medium: str = DocumentItem.Medium.PAPER
    classification: str = DocumentItem.Classification.NONE
    document_number: str = ""
    important: bool = False
    note: str = ""
    requested_on: date | None = None


def _clean(data: ItemData, group) -> dict:
    values = {
        "title": (data.title or "").strip(),
        "category": data.category,
        "period_from": data.period_from,
        "period_to": data.period_to,
        "copies": data.copies,
        "form": data.form,
        "medium": data.medium,
        "classification": data.classification or DocumentItem.Classification.NONE,
        "document_number": (data.document_number or "").strip(),
        "important": bool(data.important),
        "note": (data.note or "").strip(),
        "requested_on": data.requested_on or timezone.localdate(),
    }
    errors = {}
    if not values["title"]:
        errors["title"] = _("Name the document.")
    elif len(values["title"]) > 200:
        errors["title"] = _("The name is too long (200 characters at most).")
    if values["category"] not in DocumentItem.Category.values:
        errors["category"] = _("Choose the category.")
    if values["period_from"] is None or values["period_to"] is None:
        errors["period_from"] = _("Give the period the documents cover.")
    elif values["period_to"] < values["period_from"]:
        errors["period_to"] = _("The period ends on or after the day it starts.")
    if not isinstance(values["copies"], int) or values["copies"] < 1:
        errors["copies"] = _("At least one copy.")
    if values["form"] not in DocumentItem.Form.values:
        errors["form"] = _("Say whether the original or a copy is asked for.")
    if values["medium"] not in DocumentItem.Medium.values:
        errors["medium"] = _("Say whether it is on paper or electronic.")
    if values["classification"] not in DocumentItem.Classification.values:
        errors["classification"] = _("Choose the classification.")
    elif values["classification"] != DocumentItem.Classification.NONE and not values["document_number"]:
        errors["document_number"] = _("A classified item is registered with its document number.")
    errors.update(_check_day(values["requested_on"], "requested_on", group))
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def item_create(*, inspection: Inspection, actor, data: ItemData) -> DocumentItem:
    """Add a line to the unit's request list, numbered in the list's sequence."""
    group = inspection.group
    _refuse(rules.keeps_list(actor, group), _keeper_message())
    values = _clean(data, group)
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    last = DocumentItem.objects.filter(inspection=inspection).aggregate(last=Max("number"))["last"]
    item = DocumentItem(inspection=inspection, number=(last or 0) + 1, created_by=actor, **values)
    item._change_reason = "列入调阅资料清单"
    item.save()
    return item


@transaction.atomic
def item_update(*, item: DocumentItem, actor, data: ItemData) -> DocumentItem:
    """Change a line of the list while it is still only requested and not with the leader."""
    current = _locked(item)
    _refuse(rules.keeps_list(actor, current.inspection.group), _keeper_message())
    if current.state != State.REQUESTED:
        raise _state_error(current, _("Only a requested item is changed"))
    if approval_is_locked(current, IMPORTANT_CHAIN):
        raise ValidationError(_("The item is with the group leader for approval or approved as it stands: it can no longer be changed."))
    values = _clean(data, current.inspection.group)
    if current.important and not values["important"] and approval_request(current, IMPORTANT_CHAIN) is not None:
        # Once before the leader, an item stays important: un-marking it must not get round a return.
        raise ValidationError({"important": _("The item has gone to the group leader for approval: it stays important.")})
    if values["classification"] != DocumentItem.Classification.NONE and has_attachments(current):
        raise ValidationError({"classification": _(
            "Files are attached to this item, and a classified document's content is never uploaded: "
            "register the classified document as an item of its own."
        )})
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, values[name])
    current._change_reason = "修改调阅资料清单"
    current.save(update_fields=changed)
    return current


# --- The important item's approval (the chain's callbacks) ----------------------------------------------------


def may_submit_important(user, item: DocumentItem) -> bool:
    return item.important and item.state == State.REQUESTED and rules.keeps_list(user, item.inspection.group)


def item_approved(item: DocumentItem, request) -> None:
    """The group leader approved the important item (inside the chain's transaction)."""
    if item.state != State.REQUESTED:
        return
    item.state = State.APPROVED
    item.approved_at = request.completed_at or timezone.now()
    item._change_reason = "组长批准调阅"
    item.save(update_fields=["state", "approved_at"])


def leader_approved(item: DocumentItem) -> bool:
    return approval_state(item, IMPORTANT_CHAIN) == ApprovalRequest.State.APPROVED


# --- Sign-out (签收), return (清退), not provided -------------------------------------------------------------


@transaction.atomic
def item_sign_out(
    *, item: DocumentItem, actor, signed_out_on: date, handed_over_by: str, custodian: GroupMembership,
    cabinet: str = "", due_back_on: date | None = None,
) -> DocumentItem:
    """The unit hands the item over; the actor, one of the group's people, receives it and names
    the custodian who keeps it. An important item only after the leader's approval; a classified
    one only into a locked cabinet, recorded."""
    current = _locked(item)
    group = current.inspection.group
    rights = rules.group_rights(actor, group)
    _refuse(rights.signs_out, _("Only the group's own people receive the unit's documents."))
    if current.state == State.SIGNED_OUT:
        return current
    if current.state not in (State.REQUESTED, State.APPROVED):
        raise _state_error(current, _("Only a requested item is signed out"))
    if current.important and (current.state != State.APPROVED or not leader_approved(current)):
        raise ValidationError(_("An important item is signed out only after the group leader has approved it."))
    handed_over_by, cabinet = (handed_over_by or "").strip(), (cabinet or "").strip()
    errors = _check_day(signed_out_on, "signed_out_on", group, not_before=current.requested_on, before_label=_("the request"))
    if not handed_over_by:
        errors["handed_over_by"] = _("Name who at the unit handed it over.")
    if custodian is None or custodian.group_id != group.pk:
        errors["custodian"] = _("Name the custodian: one of the group's people.")
    elif not policy.access_giving(GroupMembership.objects.filter(pk=custodian.pk)).exists():
        # After the withdrawal only the leader and the liaison still hold the group's material (S28).
        errors["custodian"] = _("Name the custodian: one of the group's people.")
    if current.classified and not cabinet:
        errors["cabinet"] = _("A classified item is kept in a locked cabinet: say which.")
    if due_back_on is not None and signed_out_on is not None and due_back_on < signed_out_on:
        errors["due_back_on"] = _("It is due back on or after the day it is signed out.")
    if errors:
        raise ValidationError(errors)
    current.state = State.SIGNED_OUT
    current.signed_out_on = signed_out_on
    current.received_by_id = rights.membership_id
    current.handed_over_by = handed_over_by[:100]
    current.custodian = custodian
    current.cabinet = cabinet[:200]
    current.due_back_on = due_back_on
    current.signed_out_recorded_by = actor
    current._change_reason = "签收"
    current.save(update_fields=[
        "state", "signed_out_on", "received_by", "handed_over_by", "custodian", "cabinet", "due_back_on", "signed_out_recorded_by",
    ])
    _audit(actor, current, f"签收，保管人{custodian.cadre}" + (f"，存放于{current.cabinet}" if current.classified else ""))
    return current


@transaction.atomic
def item_return(*, item: DocumentItem, actor, returned_on: date, received_back_by: str) -> DocumentItem:
    """The item goes back to the unit; the actor, one of the group's people, hands it back."""
    current = _locked(item)
    group = current.inspection.group
    rights = rules.group_rights(actor, group)
    _refuse(rights.signs_out, _("Only the group's own people return the unit's documents."))
    if current.state == State.RETURNED:
        return current
    if current.state != State.SIGNED_OUT:
        raise _state_error(current, _("Only a signed-out item is returned"))
    received_back_by = (received_back_by or "").strip()
    errors = _check_day(returned_on, "returned_on", group, not_before=current.signed_out_on, before_label=_("the sign-out"))
    if not received_back_by:
        errors["received_back_by"] = _("Name who at the unit received it back.")
    if errors:
        raise ValidationError(errors)
    current.state = State.RETURNED
    current.returned_on = returned_on
    current.returned_by_id = rights.membership_id
    current.received_back_by = received_back_by[:100]
    current.return_recorded_by = actor
    current._change_reason = "清退"
    current.save(update_fields=["state", "returned_on", "returned_by", "received_back_by", "return_recorded_by"])
    _audit(actor, current, f"清退，单位接收人{current.received_back_by}")
    return current


@transaction.atomic
def item_mark_not_provided(*, item: DocumentItem, actor, reason: str, not_provided_on: date | None = None) -> DocumentItem:
    """The unit says the document does not exist (or cannot be provided), and why."""
    current = _locked(item)
    group = current.inspection.group
    _refuse(rules.keeps_list(actor, group), _keeper_message())
    if current.state == State.NOT_PROVIDED:
        return current
    if current.state not in (State.REQUESTED, State.APPROVED):
        raise _state_error(current, _("Only an item not yet signed out is marked as not provided"))
    reason = (reason or "").strip()
    on = not_provided_on or timezone.localdate()
    errors = _check_day(on, "not_provided_on", group, not_before=current.requested_on, before_label=_("the request"))
    if not reason:
        errors["reason"] = _("Say why the unit does not provide it.")
    if errors:
        raise ValidationError(errors)
    current.state = State.NOT_PROVIDED
    current.not_provided_on = on
    current.not_provided_reason = reason[:300]
    current.not_provided_recorded_by = actor
    current._change_reason = "单位不提供"
    current.save(update_fields=["state", "not_provided_on", "not_provided_reason", "not_provided_recorded_by"])
    _audit(actor, current, f"单位不提供：{current.not_provided_reason}")
    return current


# --- Reminders (the daily task) -------------------------------------------------------------------------------


def _reminder_recipients(item: DocumentItem) -> list:
    """The custodian and the group's liaison (their accounts, active ones)."""
    from django.contrib.auth import get_user_model

    condition = Q(cadre__group_memberships__group_id=item.inspection.group_id, cadre__group_memberships__role=GroupMembership.RoundRole.LIAISON)
    if item.custodian_id:
        condition |= Q(cadre_id=item.custodian.cadre_id)
    return list(get_user_model().objects.filter(condition, is_active=True).distinct().order_by("pk"))


def _reminder_text(item: DocumentItem, today: date) -> tuple[str, str]:
    from .selectors import open_item_sentence

    if item.due_back_on and item.due_back_on < today:
        why = f"应于{chinese_date(item.due_back_on)}清退，已逾期"
    else:
        planned = item.inspection.group.round.planned_withdrawal_date
        why = f"本轮计划于{chinese_date(planned)}撤离，请在撤离前清退"
    return f"调阅资料待清退：{item.inspection.unit}“{item.title}”", f"{open_item_sentence(item)}。{why}。"


def reminders_send(*, today: date) -> int:
    """Remind the custodian and the liaison of every item out past its due-back date or near the
    planned withdrawal — once per item per day, however often it runs. Returns how many went out."""
    from .selectors import items_to_remind

    sent = 0
    for item in items_to_remind(today, WorkCalendar.load()):
        with transaction.atomic():
            _, created = DocumentReminder.objects.get_or_create(item=item, sent_on=today)
            if not created:
                continue
            title, body = _reminder_text(item, today)
            notifications_create(recipients=_reminder_recipients(item), title=title[:200], body=body, url=item.get_absolute_url())
            sent += 1
    return sent
