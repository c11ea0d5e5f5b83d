"""Reads of the request lists. Everything a user sees starts from `DocumentItem.objects.visible_to`;
`withdrawal_open_items` is the withdrawal gate's (S28), which asks about a group, not a reader."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from groups.models import InspectionGroup
from xunchar.access import policy
from xunchar.workdays.calendar import WorkCalendar

from .models import DocumentItem

State = DocumentItem.State
# An item still out is flagged when the round's planned withdrawal is this close (working days).
WITHDRAWAL_WARNING_WORKDAYS = 3

ROW_RELATED = (
    "inspection__unit", "inspection__group__round", "custodian__cadre", "received_by__cadre", "returned_by__cadre",
)


def group_for(user, pk):
    """A group whose requested documents the user may see (None: out of scope, a 404)."""
    return policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk").filter(pk=pk).first()


def register(user, group, *, state: str = "", inspection=None, classified: str = ""):
    """The group's register: every item of every unit, filtered; units in name order, then the list's order."""
    items = DocumentItem.objects.visible_to(user).filter(inspection__group=group).select_related(*ROW_RELATED)
    if state:
        items = items.filter(state=state)
    if inspection is not None:
        items = items.filter(inspection=inspection)
    if classified == "yes":
        items = items.exclude(classification=DocumentItem.Classification.NONE)
    elif classified == "no":
        items = items.filter(classification=DocumentItem.Classification.NONE)
    return items.order_by("inspection__unit__name", "number")


@dataclass(frozen=True)
class Flag:
    overdue: bool = False
    reason: str = ""


def withdrawal_near(group: InspectionGroup, today: date, calendar: WorkCalendar) -> bool:
    """The round's planned withdrawal is within three working days (or past) and the group is still on site."""
    planned = group.round.planned_withdrawal_date
    if planned is None or group.withdrawn_on is not None:
        return False
    return calendar.workdays_between(today, planned) <= WITHDRAWAL_WARNING_WORKDAYS


def flag(item: DocumentItem, today: date, near_withdrawal: bool) -> Flag:
    """Why an item still out needs chasing: past its due-back date, or the withdrawal is near."""
    if item.state != State.SIGNED_OUT:
        return Flag()
    if item.due_back_on and item.due_back_on < today:
        return Flag(True, "past_due")
    if near_withdrawal:
        return Flag(True, "withdrawal")
    return Flag()


def mark_flags(items, group: InspectionGroup, today: date | None = None, calendar: WorkCalendar | None = None) -> list:
    """Set `item.flag` on each of a group's items (the calendar read once)."""
    today = today or timezone.localdate()
    items = list(items)
    near = withdrawal_near(group, today, calendar or WorkCalendar.load()) if any(i.state == State.SIGNED_OUT for i in items) else False
    for item in items:
        item.flag = flag(item, today, near)
    return items


def counts(user, group) -> dict:
    """How many of the group's items are in each state (one query)."""
    from django.db.models import Count

    rows = DocumentItem.objects.visible_to(user).filter(inspection__group=group).values("state").annotate(n=Count("pk"))
    by_state = dict.fromkeys(State.values, 0) | {row["state"]: row["n"] for row in rows}
    by_state["awaiting"] = by_state[State.REQUESTED] + by_state[State.APPROVED]
    return by_state


# --- The withdrawal gate (S28) -------------------------------------------------------------------------------


def _custodian_name(item: DocumentItem) -> str:
    return item.custodian.cadre.name if item.custodian_id else "（未指定）"


def open_item_sentence(item: DocumentItem) -> str:
    unit = item.inspection.unit
    if item.state == State.SIGNED_OUT:
        if item.classified:
            return (
                f"涉密资料“{item.title}”（{unit}，{item.level_display}，文号{item.document_number}，{item.copies}份）尚未清退，"
                f"保管人：{_custodian_name(item)}，存放：{item.cabinet}"
            )
        return f"调阅资料“{item.title}”（{unit}，{item.form_display_zh}）尚未清退，保管人：{_custodian_name(item)}"
    what = "涉密资料" if item.classified else "调阅资料"
    approved = "已经组长批准，" if item.state == State.APPROVED else ""
    return f"{what}“{item.title}”（{unit}）{approved}尚未提供，也未登记为单位不提供"


def withdrawal_open_items(group: InspectionGroup) -> list[str]:
    """One Chinese sentence per item of the group not yet settled: signed out and not returned, or
    requested (or approved) and neither provided nor marked as not provided. Empty: nothing blocks
    the withdrawal. Items out come first."""
    items = (
        DocumentItem.objects.filter(inspection__group=group).open()
        .select_related("inspection__unit", "custodian__cadre")
        .order_by("inspection__unit__name", "number")
    )
    out = [item for item in items if item.state == State.SIGNED_OUT]
    asked = [item for item in items if item.state != State.SIGNED_OUT]
    return [open_item_sentence(item) for item in out + asked]


# --- Reminders -----------------------------------------------------------------------------------------------


def items_to_remind(today: date, calendar: WorkCalendar) -> list[DocumentItem]:
    """Items out that need chasing today, in groups still on site: past their due-back date, or in a
    round whose planned withdrawal is within three working days."""
    items = (
        DocumentItem.objects.still_out().filter(inspection__group__withdrawn_on__isnull=True)
        .filter(Q(due_back_on__lt=today) | Q(inspection__group__round__planned_withdrawal_date__isnull=False))
        .select_related("inspection__unit", "inspection__group__round", "custodian__cadre")
        .order_by("pk")
    )
    near: dict[int, bool] = {}
    due = []
    for item in items:
        group = item.inspection.group
        if group.pk not in near:
            near[group.pk] = withdrawal_near(group, today, calendar)
        if flag(item, today, near[group.pk]).overdue:
            due.append(item)
    return due
