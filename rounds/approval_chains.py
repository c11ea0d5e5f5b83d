"""The approval chains of S01 (see xunchar/approvals/chains.py for the mechanism)."""

from django.utils.translation import gettext_lazy as _

from xunchar.access import policy
from xunchar.accounts.roles import Role
from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import standing_role, standing_title, users_with_role

from . import plans
from .models import Round


def _office_drafts(user, subject) -> bool:
    return policy.can_manage_rounds(user) and _round_of(subject).phase == Round.Phase.PREPARATION


def _round_of(subject) -> Round:
    return subject.group.round if hasattr(subject, "group") else subject.round


def _leadership_and_office(queryset, user):
    return queryset if policy.sees_all_working_material(user) else queryset.none()


HEAD_OR_EXECUTIVE = (Role.SECRETARY, Role.LG_EXECUTIVE_DEPUTY)

# 任务分工方案: office drafts → executive deputy head reviews → secretary (head) approves (S01.1).
register(Chain(
    code=plans.TASK_PLAN,
    label=_("Task allocation plan"),
    model_label="rounds.taskallocationplan",
    steps=(
        Step(code="review", outcome="reviewed", label=_("Review by the executive deputy head"),
             may_decide=standing_role(Role.LG_EXECUTIVE_DEPUTY), deciders=users_with_role(Role.LG_EXECUTIVE_DEPUTY),
             title=standing_title(Role.LG_EXECUTIVE_DEPUTY)),
        Step(code="approve", outcome="approved", label=_("Approval by the county party secretary"),
             may_decide=standing_role(Role.SECRETARY), deciders=users_with_role(Role.SECRETARY),
             title=standing_title(Role.SECRETARY)),
    ),
    may_submit=lambda user, plan: _office_drafts(user, plan) and not plans.task_plan_gaps(plan.round),
    snapshot=plans.task_plan_snapshot,
    visible=_leadership_and_office,
    related=("round",),
    # After approval a leader or deputy may still have to be replaced (recusal declared at the
    # mobilization meeting, S02.3): the office reopens the plan, which is then approved again.
    may_reopen=lambda user, plan: _office_drafts(user, plan) and not plan.round.groups.filter(entered_on__isnull=False).exists(),
))

# 工作方案: approved by the head or the executive deputy, then filed with the prefecture (S01.2).
register(Chain(
    code=plans.WORK_PLAN,
    label=_("Round work plan"),
    model_label="rounds.roundworkplan",
    steps=(
        Step(code="approve", outcome="approved", label=_("Approval by the head or the executive deputy head"),
             may_decide=standing_role(*HEAD_OR_EXECUTIVE), deciders=users_with_role(*HEAD_OR_EXECUTIVE),
             title=standing_title(*HEAD_OR_EXECUTIVE)),
    ),
    may_submit=lambda user, plan: _office_drafts(user, plan) and plans.task_plan_approved(plan.round),
    snapshot=plans.work_plan_snapshot,
    visible=_leadership_and_office,
    related=("round",),
))

# 组长授权任职及任务分工的决定: one per group, approved by the head or the executive deputy (S01.3).
register(Chain(
    code=plans.AUTHORIZATION,
    label=_("Authorization decision"),
    model_label="rounds.authorizationdecision",
    steps=(
        Step(code="approve", outcome="approved", label=_("Approval by the head or the executive deputy head"),
             may_decide=standing_role(*HEAD_OR_EXECUTIVE), deciders=users_with_role(*HEAD_OR_EXECUTIVE),
             title=standing_title(*HEAD_OR_EXECUTIVE)),
    ),
    may_submit=lambda user, decision: _office_drafts(user, decision) and plans.task_plan_approved(decision.group.round),
    snapshot=plans.authorization_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    related=("group__round",),
))
