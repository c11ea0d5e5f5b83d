"""Reads of the on-site records. Everything starts from a model's `visible_to(user)`, so a list and a
page never reach a record the reader may not see."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from groups.models import GroupMembership, InspectionGroup
from xunchar.access import policy
from xunchar.workdays.calendar import chinese_date

from .models import FieldVisit, ImmediateFix, MeetingAttended, SpecialCheck, Symposium


def group_for(user, pk, scope=policy.group_material_visible_to):
    """A group whose material of this kind the user may see (None: out of scope, a 404)."""
    return scope(InspectionGroup.objects.select_related("round"), user, group_field="pk").filter(pk=pk).first()


@dataclass(frozen=True)
class Activity:
    day: date
    kind: str  # "symposium", "meeting", "visit", "special_check"
    record: object


def _members():
    return GroupMembership.objects.select_related("cadre")


def group_activities(user, group) -> list[Activity]:
    """The group's symposia, meetings attended, field visits and special checks, by date (four
    queries for the records and two for their people, however many there are)."""
    symposia = Symposium.objects.visible_to(user).filter(group=group).select_related("inspection__unit", "chair__cadre", "minute_taker__cadre")
    meetings = MeetingAttended.objects.visible_to(user).filter(group=group).select_related("inspection__unit", "named_by").prefetch_related(
        Prefetch("attendees", queryset=_members()))
    visits = FieldVisit.objects.visible_to(user).filter(group=group).select_related("inspection__unit", "approved_by").prefetch_related(
        Prefetch("staff", queryset=_members()))
    checks = SpecialCheck.objects.visible_to(user).filter(group=group).select_related("inspection__unit", "signed_off_by", "created_by")
    rows = [Activity(s.held_on, "symposium", s) for s in symposia]
    rows += [Activity(m.held_on, "meeting", m) for m in meetings]
    rows += [Activity(v.held_on or v.planned_on, "visit", v) for v in visits]
    rows += [Activity(c.checked_on, "special_check", c) for c in checks]
    order = {"symposium": 0, "meeting": 1, "visit": 2, "special_check": 3}
    return sorted(rows, key=lambda a: (a.day, order[a.kind], a.record.pk))


def withdrawal_open_items(group) -> list[str]:
    """One sentence per matter that must be settled on site before the group withdraws (S28):
    a 立行立改 item with no response from the unit recorded, a field visit approved but neither
    recorded as held nor cancelled. (Referrals, major matters and the mid-term report go on after
    withdrawal through the office: they do not hold the group on site.)"""
    items = []
    fixes = ImmediateFix.objects.filter(group=group, responded_on__isnull=True).select_related("inspection__unit").order_by("deadline", "pk")
    for fix in fixes:
        items.append(
            f"立行立改事项“{_short(fix.problem)}”（{fix.inspection.unit}，整改期限{chinese_date(fix.deadline)}）尚未记录被巡察单位的整改情况。"
        )
    visits = FieldVisit.objects.filter(group=group, state=FieldVisit.State.APPROVED).order_by("planned_on", "pk")
    for visit in visits:
        items.append(f"{chinese_date(visit.planned_on)}赴{visit.place}的实地走访已经批准，尚未记录走访情况或取消。")
    return items


def _short(text: str, length: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length] + "…"
