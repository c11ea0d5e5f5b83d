"""Two approval chains over models that exist today, standing in for the phase apps' own chains:
registered for the whole test session by tests/conftest.py.

- `tests.round_plan` — like the task allocation plan (S01): the office submits, the executive
  deputy head reviews, the secretary approves; only the office and leadership see it.
- `tests.group_paper` — like a working paper (S23): a group's member writes it, the deputy leader
  checks it, the leader signs it; it is the group's material.
"""

from operator import attrgetter

from groups.models import GroupMembership
from xunchar.access import policy
from xunchar.accounts.roles import Role
from xunchar.approvals.chains import Chain, Step
from xunchar.approvals.models import ApprovalDecision
from xunchar.approvals.predicates import (
    group_people,
    group_role,
    group_title,
    standing_role,
    standing_title,
    users_with_role,
)
from xunchar.workdays.calendar import chinese_date

Outcome = ApprovalDecision.Outcome
RoundRole = GroupMembership.RoundRole


def _office_and_leadership(queryset, user):
    return queryset if policy.sees_all_working_material(user) else queryset.none()


def _round_snapshot(round_):
    return {
        "title": f"{round_}任务分工方案",
        "sections": [
            {"heading": "巡察重点", "text": round_.focus},
            {"heading": "时间安排", "text": f"动员会：{chinese_date(round_.mobilization_date) if round_.mobilization_date else '待定'}"},
        ],
    }


ROUND_PLAN = Chain(
    code="tests.round_plan",
    label="任务分工方案（测试）",
    model_label="rounds.round",
    steps=(
        Step(
            code="review", outcome=Outcome.REVIEWED, label="常务副组长审核",
            may_decide=standing_role(Role.LG_EXECUTIVE_DEPUTY),
            deciders=users_with_role(Role.LG_EXECUTIVE_DEPUTY),
            title=standing_title(Role.LG_EXECUTIVE_DEPUTY),
        ),
        Step(
            code="approve", outcome=Outcome.APPROVED, label="书记审批",
            may_decide=standing_role(Role.SECRETARY),
            deciders=users_with_role(Role.SECRETARY),
            title=standing_title(Role.SECRETARY),
        ),
    ),
    may_submit=lambda user, round_: policy.can_manage_rounds(user),
    snapshot=_round_snapshot,
    visible=_office_and_leadership,
)


def _group_snapshot(group):
    units = "、".join(i.unit.name for i in group.inspections.select_related("unit").order_by("unit__name"))
    return {
        "title": f"{group}工作底稿",
        "sections": [
            {"heading": "被巡察单位", "text": units},
            {"heading": "进驻日期", "text": chinese_date(group.entered_on) if group.entered_on else "未进驻"},
        ],
    }


_group_pk = attrgetter("pk")

GROUP_PAPER = Chain(
    code="tests.group_paper",
    label="工作底稿（测试）",
    model_label="groups.inspectiongroup",
    steps=(
        Step(
            code="check", outcome=Outcome.CHECKED, label="副组长审核",
            may_decide=group_role(RoundRole.DEPUTY, group_id=_group_pk),
            deciders=group_people(RoundRole.DEPUTY, group_id=_group_pk),
            title=group_title(group=lambda group: group),
        ),
        Step(
            code="sign", outcome=Outcome.SIGNED, label="组长签批",
            may_decide=group_role(RoundRole.LEADER, group_id=_group_pk),
            deciders=group_people(RoundRole.LEADER, group_id=_group_pk),
            title=group_title(group=lambda group: group),
        ),
    ),
    may_submit=group_role(*RoundRole.values, group_id=_group_pk),
    snapshot=_group_snapshot,
    visible=lambda queryset, user: policy.group_material_visible_to(queryset, user, group_field="pk"),
    related=("round",),
    submitter_title=group_title(group=lambda group: group),
)

TEST_CHAINS = [ROUND_PLAN, GROUP_PAPER]
