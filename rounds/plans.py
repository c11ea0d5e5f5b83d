"""The round's papers of S01: the task allocation plan, the round work plan and each group
leader's authorization decision. Their content is edited here while they are drafts (or returned);
the approval chains in `approval_chains.py` take them through review and approval."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import GroupMembership, InspectionGroup
from xunchar.access import policy
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_is_locked, approval_request
from xunchar.workdays.calendar import chinese_date

from .models import AuthorizationDecision, RotationJustification, Round, RoundWorkPlan, TaskAllocationPlan

TASK_PLAN = "rounds.task_plan"
WORK_PLAN = "rounds.work_plan"
AUTHORIZATION = "rounds.authorization"

Role = GroupMembership.RoundRole


def _require_office(actor) -> None:
    if not policy.can_manage_rounds(actor):
        raise PermissionDenied(_("Only the inspection office drafts the round's plans."))


def _require_editable(subject, chain_code: str) -> None:
    if approval_is_locked(subject, chain_code):
        raise ValidationError(_("%(paper)s is in review or approved and can no longer be edited.") % {"paper": subject})


def is_approved(subject, chain_code: str) -> bool:
    request = approval_request(subject, chain_code) if subject is not None and subject.pk else None
    return request is not None and request.state == ApprovalRequest.State.APPROVED


def task_plan_of(round_: Round) -> TaskAllocationPlan:
    plan, _ = TaskAllocationPlan.objects.get_or_create(round=round_)
    return plan


def work_plan_of(round_: Round) -> RoundWorkPlan:
    plan, _ = RoundWorkPlan.objects.get_or_create(round=round_)
    return plan


def authorization_of(group: InspectionGroup) -> AuthorizationDecision:
    decision, _ = AuthorizationDecision.objects.get_or_create(group=group)
    return decision


def task_plan_approved(round_: Round) -> bool:
    plan = TaskAllocationPlan.objects.filter(round=round_).first()
    return plan is not None and is_approved(plan, TASK_PLAN)


@transaction.atomic
def task_plan_update(*, plan: TaskAllocationPlan, actor, consultation: str, explanation: str) -> TaskAllocationPlan:
    _require_office(actor)
    plan = TaskAllocationPlan.objects.select_for_update().select_related("round").get(pk=plan.pk)
    _require_editable(plan, TASK_PLAN)
    plan.consultation, plan.explanation = consultation.strip(), explanation.strip()
    plan._change_reason = "修改任务分工方案"
    plan.save(update_fields=["consultation", "explanation"])
    return plan


def task_plan_gaps(round_: Round) -> list[str]:
    """What keeps the plan from being submitted: a group without a leader, deputy or unit."""
    gaps = []
    groups = list(round_.groups.prefetch_related("memberships", "inspections").order_by("number"))
    if not groups:
        gaps.append(_("The round has no inspection group yet."))
    for group in groups:
        roles = {m.role for m in group.memberships.all()}
        if Role.LEADER not in roles:
            gaps.append(_("%(group)s has no proposed leader.") % {"group": group})
        if Role.DEPUTY not in roles:
            gaps.append(_("%(group)s has no proposed deputy leader.") % {"group": group})
        if not group.inspections.all():
            gaps.append(_("%(group)s has no unit to inspect.") % {"group": group})
    return gaps


def _person(membership) -> str:
    cadre = membership.cadre
    return f"{cadre.name}（{cadre.unit}{cadre.post}）"


def _groups_text(round_: Round) -> list[dict]:
    sections = []
    groups = round_.groups.prefetch_related("inspections__unit", "memberships__cadre__unit").order_by("number")
    for group in groups:
        people = {role: [m for m in group.memberships.all() if m.role == role] for role in Role.values}
        lines = [
            _("Leader: %(names)s") % {"names": "、".join(_person(m) for m in people[Role.LEADER]) or "—"},
            _("Deputy leader: %(names)s") % {"names": "、".join(_person(m) for m in people[Role.DEPUTY]) or "—"},
            _("Units: %(units)s") % {"units": "、".join(str(i.unit) for i in group.inspections.all()) or "—"},
        ]
        sections.append({"heading": str(group), "text": "\n".join(lines)})
    return sections


def task_plan_snapshot(plan: TaskAllocationPlan) -> dict:
    round_ = plan.round
    sections = [{"heading": _("Views sought"), "text": plan.consultation or "—"}]
    sections += _groups_text(round_)
    exceptions = RotationJustification.objects.filter(round=round_).select_related("cadre", "unit")
    if exceptions:
        sections.append({
            "heading": _("Exceptions to the rotation rule"),
            "text": "\n".join(f"{e.cadre.name}—{e.unit}：{e.reason}" for e in exceptions),
        })
    sections.append({"heading": _("Explanation"), "text": plan.explanation or "—"})
    return {"title": str(plan), "sections": sections}


def task_plan_reopen(*, plan: TaskAllocationPlan, actor, reason: str) -> TaskAllocationPlan:
    """Reopen the approved plan so that its leaders, deputies or units can change; it goes through
    the executive deputy and the secretary again."""
    from xunchar.approvals.services import approval_reopen

    request = approval_request(plan, TASK_PLAN)
    if request is None:
        raise ValidationError(_("Only an approved document can be reopened."))
    approval_reopen(request=request, actor=actor, reason=reason)
    return plan


@transaction.atomic
def work_plan_update(*, plan: RoundWorkPlan, actor, tasks: str, requirements: str) -> RoundWorkPlan:
    _require_office(actor)
    plan = RoundWorkPlan.objects.select_for_update().select_related("round").get(pk=plan.pk)
    _require_editable(plan, WORK_PLAN)
    plan.tasks, plan.requirements = tasks.strip(), requirements.strip()
    plan._change_reason = "修改巡察工作方案"
    plan.save(update_fields=["tasks", "requirements"])
    return plan


def work_plan_snapshot(plan: RoundWorkPlan) -> dict:
    round_ = plan.round

    def day(value):
        return chinese_date(value) if value else "—"

    schedule = "\n".join([
        _("Mobilization meeting: %(date)s") % {"date": day(round_.mobilization_date)},
        _("Entry into the units: %(date)s") % {"date": day(round_.entry_date)},
        _("Planned withdrawal: %(date)s") % {"date": day(round_.planned_withdrawal_date)},
    ])
    sections = [{"heading": _("Schedule"), "text": schedule}]
    sections += _groups_text(round_)
    sections += [
        {"heading": _("Focus of the supervision"), "text": round_.focus or "—"},
        {"heading": _("Tasks of each stage"), "text": plan.tasks or "—"},
        {"heading": _("Requirements"), "text": plan.requirements or "—"},
    ]
    return {"title": str(plan), "sections": sections}


@transaction.atomic
def work_plan_record_filing(*, plan: RoundWorkPlan, filed_on: datetime.date, actor) -> RoundWorkPlan:
    """S01.2: the approved work plan is filed with the prefecture inspection office."""
    _require_office(actor)
    plan = RoundWorkPlan.objects.select_for_update().select_related("round").get(pk=plan.pk)
    request = approval_request(plan, WORK_PLAN)
    if request is None or request.state != ApprovalRequest.State.APPROVED:
        raise ValidationError(_("Only an approved work plan can be filed with the prefecture office."))
    approved_on = request.completed_at.date() if request.completed_at else None
    if approved_on and filed_on < approved_on:
        raise ValidationError(
            _("The filing date cannot be before the approval (%(date)s).") % {"date": chinese_date(approved_on)}
        )
    if plan.filed_on == filed_on:
        return plan
    plan.filed_on, plan.filed_by = filed_on, actor
    plan._change_reason = "向州委巡察办报备"
    plan.save(update_fields=["filed_on", "filed_by"])
    return plan


@transaction.atomic
def authorization_update(*, decision: AuthorizationDecision, actor, duties: str) -> AuthorizationDecision:
    _require_office(actor)
    decision = AuthorizationDecision.objects.select_for_update().select_related("group__round").get(pk=decision.pk)
    _require_editable(decision, AUTHORIZATION)
    decision.duties = duties.strip()
    decision._change_reason = "修改授权决定"
    decision.save(update_fields=["duties"])
    return decision


def authorization_snapshot(decision: AuthorizationDecision) -> dict:
    group = decision.group
    people = list(group.memberships.in_role_order().select_related("cadre__unit"))
    leaders = [m for m in people if m.role == Role.LEADER]
    lines = []
    for m in leaders:
        lines.append(_("%(name)s is authorized as leader of %(group)s and secretary of its temporary party branch.") % {"name": _person(m), "group": group})
    for m in people:
        if m.role != Role.LEADER:
            lines.append(f"{m.get_role_display()}：{_person(m)}")
    return {
        "title": str(decision),
        "sections": [
            {"heading": _("Authorization"), "text": "\n".join(lines) or "—"},
            {"heading": _("Units"), "text": "、".join(str(i.unit) for i in group.inspections.select_related("unit")) or "—"},
            {"heading": _("Division of tasks"), "text": decision.duties or "—"},
        ],
    }


@transaction.atomic
def authorization_announce(*, decision: AuthorizationDecision, announced_on: datetime.date, actor) -> AuthorizationDecision:
    """The approved decision is announced at the mobilization meeting (S01.3, S02.1)."""
    _require_office(actor)
    decision = AuthorizationDecision.objects.select_for_update().select_related("group__round").get(pk=decision.pk)
    if not is_approved(decision, AUTHORIZATION):
        raise ValidationError(_("Only an approved authorization decision can be announced."))
    if decision.announced_on == announced_on:
        return decision
    decision.announced_on = announced_on
    decision._change_reason = "动员部署会宣布"
    decision.save(update_fields=["announced_on"])
    return decision


def preparation_blockers(group: InspectionGroup) -> list[str]:
    """What of S01 keeps a group from entering its units."""
    reasons = []
    round_ = group.round
    if not task_plan_approved(round_):
        reasons.append(_("The task allocation plan has not been approved by the secretary."))
    work_plan = RoundWorkPlan.objects.filter(round=round_).first()
    if work_plan is None or not is_approved(work_plan, WORK_PLAN):
        reasons.append(_("The round work plan has not been approved."))
    decision = AuthorizationDecision.objects.filter(group=group).first()
    if decision is None or not is_approved(decision, AUTHORIZATION):
        reasons.append(_("The leader's authorization decision has not been approved."))
    return reasons
