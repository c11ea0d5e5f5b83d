"""Starting, meeting and sweeping deadlines. The sweep is idempotent and runs a fixed number of queries."""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from xunchar.accounts.roles import Role
from xunchar.notifications.services import notifications_create_many
from xunchar.workdays.calendar import CountResult, WorkCalendar, chinese_date

from .models import Deadline, Reminder
from .rules import LimitKind, Responsible, Scope, get_rule

logger = logging.getLogger(__name__)


def compute_due(rule, started_on: date, calendar: WorkCalendar) -> CountResult:
    if rule.limit_kind == LimitKind.WORKDAYS:
        return calendar.add_workdays(started_on, rule.limit)
    if rule.limit_kind == LimitKind.MONTHS:
        return calendar.add_months(started_on, rule.limit)
    # "Promptly": due the day the clock starts. No day is counted, so no calendar can move it.
    return CountResult(started_on)


def _scope_key(rule, *, round, group, unit) -> str:
    if rule.scope == Scope.GROUP:
        if group is None:
            raise ValueError(f"{rule.code} runs per group")
        return f"group:{group.pk}"
    if rule.scope == Scope.UNIT:
        if unit is None:
            raise ValueError(f"{rule.code} runs per unit")
        return f"unit:{round.pk}:{unit.pk}"
    return f"round:{round.pk}"


@transaction.atomic
def deadline_start(*, rule_code: str, round, started_on: date, group=None, unit=None, calendar=None) -> Deadline:
    """Start a rule's clock. Repeating it returns the deadline unchanged (also once it is met);
    recording a different start date re-counts a clock that is still running (a corrected event date)."""
    rule = get_rule(rule_code)
    key = _scope_key(rule, round=round, group=group, unit=unit)
    deadline = Deadline.objects.select_for_update().filter(rule=rule.code, scope_key=key).first()
    if deadline is not None and deadline.started_on == started_on:
        return deadline
    if deadline is not None and deadline.state != Deadline.State.OPEN:
        raise ValidationError(_("This time limit has already been met; its start can no longer be changed."))
    result = compute_due(rule, started_on, calendar or WorkCalendar.load())
    if deadline is None:
        deadline = Deadline(rule=rule.code, scope_key=key, round=round, group=group, unit=unit)
    elif deadline.due_on != result.date:
        _forget_reminders(deadline)
    deadline.started_on = started_on
    deadline.due_on = result.date
    deadline.provisional = result.provisional
    deadline.save()
    return deadline


def _forget_reminders(deadline: Deadline) -> None:
    """The due date moved: the stages sent for the old date say nothing about the new one, so they
    go out again for the new date (and an escalation for a date that no longer holds is withdrawn)."""
    Reminder.objects.filter(deadline=deadline).delete()


@transaction.atomic
def deadline_meet(*, rule_code: str, met_on: date, round, group=None, unit=None) -> Deadline:
    """Close a rule's clock when its meeting event is recorded: met, or met late."""
    rule = get_rule(rule_code)
    key = _scope_key(rule, round=round, group=group, unit=unit)
    deadline = Deadline.objects.select_for_update().filter(rule=rule.code, scope_key=key).first()
    if deadline is None:
        raise ValidationError(_("The clock of %(code)s has not started yet.") % {"code": rule.code})
    if deadline.state != Deadline.State.OPEN:
        return deadline
    if met_on < deadline.started_on:
        raise ValidationError(
            _("The date cannot be before the clock started (%(date)s).") % {"date": chinese_date(deadline.started_on)}
        )
    deadline.met_on = met_on
    deadline.state = Deadline.State.MET if met_on <= deadline.due_on else Deadline.State.MET_LATE
    deadline.save()
    return deadline


def deadlines_recount_provisional(*, calendar: WorkCalendar | None = None) -> int:
    """Re-count open provisional deadlines, e.g. after the office confirmed a year's calendar.
    Returns how many changed (due date or provisional mark)."""
    return deadlines_recount_open(calendar=calendar, only_provisional=True)


@transaction.atomic
def deadlines_recount_open(*, calendar: WorkCalendar | None = None, only_provisional: bool = False) -> int:
    """Re-count the open deadlines against the calendar as it is now, e.g. after the office
    corrected a day: a day off entered in a confirmed year moves the deadlines that run over it."""
    calendar = calendar or WorkCalendar.load()
    deadlines = Deadline.objects.open()
    if only_provisional:
        deadlines = deadlines.filter(provisional=True)
    changed = 0
    for deadline in deadlines.select_for_update().order_by("pk"):
        result = compute_due(get_rule(deadline.rule), deadline.started_on, calendar)
        if (result.date, result.provisional) != (deadline.due_on, deadline.provisional):
            if result.date != deadline.due_on:
                _forget_reminders(deadline)
            deadline.due_on, deadline.provisional = result.date, result.provisional
            deadline.save(update_fields=["due_on", "provisional"])
            changed += 1
    return changed


def deadline_stage(deadline: Deadline, today: date, calendar: WorkCalendar, lead_workdays: int) -> str | None:
    if today > deadline.due_on:
        return Reminder.Stage.OVERDUE
    if today == deadline.due_on:
        return Reminder.Stage.DUE_TODAY
    if calendar.workdays_between(today, deadline.due_on) <= lead_workdays:
        return Reminder.Stage.DUE_SOON
    return None


_STAGE_TITLES = {
    Reminder.Stage.DUE_SOON: "【即将到期】",
    Reminder.Stage.DUE_TODAY: "【今日到期】",
    Reminder.Stage.OVERDUE: "【已逾期】",
}


def _reminder_title(deadline: Deadline, stage: str) -> str:
    return f"{_STAGE_TITLES[stage]}{deadline.rule} {deadline.rule_obj.title}（{deadline.subject_display}）"


def _reminder_body(deadline: Deadline) -> str:
    rule = deadline.rule_obj
    started = f"{rule.starts_when}（{chinese_date(deadline.started_on)}）"
    if rule.limit_kind == LimitKind.PROMPTLY:
        text = f"{started}后应及时{rule.met_when}。"
    else:
        text = f"{started}起{rule.limit_display}内应{rule.met_when}，期限为{chinese_date(deadline.due_on)}。"
    if deadline.provisional:
        text += "该期限涉及尚未确认节假日安排的年份，为暂定日期。"
    return text


def _recipients(deadlines, stages) -> dict[int, list]:
    """Who hears of each deadline's stage, in a fixed number of queries."""
    from django.contrib.auth import get_user_model

    from groups.models import GroupMembership

    User = get_user_model()
    standing = list(
        User.objects.filter(
            is_active=True,
            role_grants__role__in=[Role.OFFICE_DIRECTOR, Role.OFFICE_STAFF, Role.SECRETARY, Role.LG_EXECUTIVE_DEPUTY, Role.LG_DEPUTY],
        )
        .prefetch_related("role_grants")
        .distinct()
    )
    by_role: dict[str, list] = {}
    for user in standing:
        for grant in user.role_grants.all():
            by_role.setdefault(grant.role, []).append(user)

    group_ids = {d.group_id for d in deadlines if d.group_id}
    group_leads: dict[int, list] = {}
    for membership in (
        GroupMembership.objects.filter(
            group_id__in=group_ids,
            role__in=[GroupMembership.RoundRole.LEADER, GroupMembership.RoundRole.LIAISON],
            cadre__user__is_active=True,
        ).select_related("cadre__user")
    ):
        group_leads.setdefault(membership.group_id, []).append(membership.cadre.user)

    unit_ids = {d.unit_id for d in deadlines if d.unit_id}
    unit_contacts: dict[int, list] = {}
    for user in User.objects.filter(is_active=True, contact_unit_id__in=unit_ids):
        unit_contacts.setdefault(user.contact_unit_id, []).append(user)

    recipients = {}
    for deadline in deadlines:
        rule = deadline.rule_obj
        people = list(by_role.get(Role.OFFICE_STAFF, [])) + list(by_role.get(Role.OFFICE_DIRECTOR, []))
        if rule.responsible == Responsible.GROUP and deadline.group_id:
            people += group_leads.get(deadline.group_id, [])
        if rule.responsible == Responsible.UNIT and deadline.unit_id:
            people += unit_contacts.get(deadline.unit_id, [])
        if stages[deadline.pk] == Reminder.Stage.OVERDUE:
            # Escalation: the office director and the leading group's leaders.
            people += by_role.get(Role.SECRETARY, []) + by_role.get(Role.LG_EXECUTIVE_DEPUTY, []) + by_role.get(Role.LG_DEPUTY, [])
        recipients[deadline.pk] = people
    return recipients


def deadline_sweep(*, today: date, lead_workdays: int | None = None, _retry: bool = True) -> int:
    """Send each open deadline's current reminder stage once. Returns the number of reminders sent.

    Safe to run twice or concurrently: a stage is recorded as a `Reminder` row (unique per deadline
    and stage) in the same transaction as its notifications, so a second run, or a run racing
    another, finds it sent; a run that dies before committing leaves nothing behind.
    """
    if lead_workdays is None:
        lead_workdays = settings.XUNCHAR_REMINDER_WORKDAYS
    calendar = WorkCalendar.load()
    open_deadlines = list(
        Deadline.objects.open().filter(started_on__lte=today).select_related("round", "group", "unit")
    )
    stages = {}
    for deadline in open_deadlines:
        stage = deadline_stage(deadline, today, calendar, lead_workdays)
        if stage:
            stages[deadline.pk] = stage
    if not stages:
        return 0
    already = set(Reminder.objects.filter(deadline_id__in=stages).values_list("deadline_id", "stage"))
    due = [d for d in open_deadlines if d.pk in stages and (d.pk, stages[d.pk]) not in already]
    if not due:
        return 0
    recipients = _recipients(due, stages)
    try:
        with transaction.atomic():
            Reminder.objects.bulk_create(
                [Reminder(deadline=d, stage=stages[d.pk], for_date=today) for d in due]
            )
            url = reverse("deadlines:list")
            notifications_create_many(
                messages=[(recipients[d.pk], _reminder_title(d, stages[d.pk]), _reminder_body(d), url) for d in due]
            )
    except IntegrityError:
        # Another sweep recorded some of these stages first; start over once with what it left.
        if not _retry:
            raise
        logger.info("deadline sweep raced another run; retrying")
        return deadline_sweep(today=today, lead_workdays=lead_workdays, _retry=False)
    return len(due)
