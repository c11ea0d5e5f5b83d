"""The demo county's Preparation phase (S01–S07), seeded through the same services the office uses.

Round 2 (on site) shows its preparation done — plans approved on the dates they were, the work plan
filed, authorizations announced at mobilization, every declaration in and every recusal conflict
resolved. Round 3 is being prepared now: its task allocation plan reviewed by the executive deputy
and waiting for the secretary, one recusal conflict open, declarations half made.
"""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from groups.models import GroupMembership, InspectionGroup
from rounds import plans, staffing
from rounds.models import RecusalConflict, Round
from xunchar.approvals.services import approval_decide, approval_submit
from xunchar.registry.models import Cadre, CadreRelative, Unit

Role = GroupMembership.RoundRole


@contextmanager
def as_of(day: datetime.date, hour: int = 10):
    """Record what happens inside as happening at `day`, `hour` o'clock (the demo's past)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


ROUND_2_DATES = {
    "task_plan": datetime.date(2026, 9, 21),
    "task_plan_reviewed": datetime.date(2026, 9, 22),
    "task_plan_approved": datetime.date(2026, 9, 24),
    "work_plan": datetime.date(2026, 9, 28),
    "work_plan_approved": datetime.date(2026, 9, 29),
    "authorization_approved": datetime.date(2026, 9, 30),
    "filed": datetime.date(2026, 10, 13),
}

ROUND_2_CONSULTATION = (
    "2026年9月15日、16日分别征求了县纪委监委、县委组织部对本轮巡察对象和组长人选的意见，"
    "两部门均同意将住房城乡建设、自然资源、医疗卫生领域的单位列为本轮巡察对象。"
)
ROUND_2_TASKS = (
    "一、准备阶段（9月下旬至10月上旬）：召开动员部署会，印发巡察通知，开展集中培训，商请有关部门通报情况。\n"
    "二、了解阶段（10月14日至11月下旬）：进驻被巡察单位，通过个别谈话、受理信访、调阅资料、走访调研等方式深入了解情况。\n"
    "三、报告阶段：撤离后10个工作日内向领导小组汇报，一个月内向县委常委会和书记专题会报告。"
)
ROUND_2_REQUIREMENTS = (
    "严守政治纪律、组织纪律、廉洁纪律和保密纪律；严格执行请示报告制度；"
    "巡察期间不干预被巡察单位正常工作，不处理被巡察单位具体问题。"
)
DUTIES = "组长负责巡察组全面工作；副组长协助组长开展工作，负责工作底稿复核；联络员负责联络协调、日常管理和问题线索管理。"

# Round 3, being prepared now: who leads, which units. Nobody leads a unit they led before.
ROUND_3 = {
    "year": 2026, "number": 3,
    "mobilization": datetime.date(2026, 12, 14), "entry": datetime.date(2026, 12, 16),
    "withdrawal": datetime.date(2027, 1, 29),
    "focus": "聚焦乡村振兴，重点检查惠农资金管理使用、农村集体“三资”管理和基层党组织建设情况。",
    "groups": {
        1: {"leader": "r1_deputy1", "deputy": "r2_deputy2", "units": ["示例县农业农村局", "示例县柳河乡"]},
        2: {"leader": "r1_leader1", "deputy": "r1_member1", "units": ["示例县水利局", "示例县实验小学"]},
    },
}
ROUND_3_REVIEWED = "已审核。人选安排合理，第二巡察组组长例外情况理由充分，同意报书记审批。"
ROUND_3_ROTATION = "该同志熟悉水利系统，上轮整改尚待跟踪，经研究由其带队，另配副组长加强力量。"


def seed_preparation(*, by_tag, users, round_2: Round, groups_2: dict[int, InspectionGroup]) -> Round:
    office, director = users["office"], users["director"]
    deputy, secretary = users["deputy"], users["secretary"]
    _round_2_done(round_2, groups_2, office=office, director=director, deputy=deputy, secretary=secretary, by_tag=by_tag)
    return _round_3_live(by_tag=by_tag, office=office, deputy=deputy)


def _round_2_done(round_2, groups_2, *, office, director, deputy, secretary, by_tag):
    phase = round_2.phase
    round_2.phase = Round.Phase.PREPARATION  # it was then
    round_2.save(update_fields=["phase"])
    d = ROUND_2_DATES
    with as_of(d["task_plan"]):
        plan = plans.task_plan_of(round_2)
        plans.task_plan_update(plan=plan, actor=office, consultation=ROUND_2_CONSULTATION, explanation="")
        request = approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=office)
    with as_of(d["task_plan_reviewed"]):
        request = approval_decide(request=request, actor=deputy, passed=True, opinion="审核同意，报书记审批。")
    with as_of(d["task_plan_approved"]):
        request = approval_decide(request=request, actor=secretary, passed=True, opinion="同意。")
    with as_of(d["work_plan"]):
        work_plan = plans.work_plan_of(round_2)
        plans.work_plan_update(plan=work_plan, actor=office, tasks=ROUND_2_TASKS, requirements=ROUND_2_REQUIREMENTS)
        request = approval_submit(chain=plans.WORK_PLAN, subject=work_plan, actor=office)
    with as_of(d["work_plan_approved"]):
        request = approval_decide(request=request, actor=deputy, passed=True, opinion="同意。")
    with as_of(d["authorization_approved"]):
        for group in groups_2.values():
            decision = plans.authorization_of(group)
            plans.authorization_update(decision=decision, actor=office, duties=DUTIES)
            request = approval_submit(chain=plans.AUTHORIZATION, subject=decision, actor=office)
            request = approval_decide(request=request, actor=secretary, passed=True, opinion="同意。")
    with as_of(round_2.mobilization_date, hour=9):
        for group in groups_2.values():
            plans.authorization_announce(decision=plans.authorization_of(group), announced_on=round_2.mobilization_date, actor=office)
            staffing.recusal_scan(group=group)
            wife = by_tag["r2_member1a_wife"].cadre
            for membership in group.memberships.select_related("cadre"):
                # People with an account declare in the app; the others on paper, entered by the office.
                user = _account_of(membership.cadre) or office
                if membership.cadre_id == by_tag["r2_member1a"].cadre.pk:
                    staffing.recusal_declare(
                        group=group, actor=user, cadre=membership.cadre, nothing_to_declare=False, unit=wife.unit,
                        statement=f"本人配偶{wife.name}在{wife.unit}{wife.post}岗位工作。",
                    )
                else:
                    staffing.recusal_declare(group=group, actor=user, cadre=membership.cadre, nothing_to_declare=True)
    with as_of(round_2.mobilization_date, hour=16):
        for conflict in RecusalConflict.objects.filter(round=round_2, state=RecusalConflict.State.OPEN):
            staffing.recusal_resolve(
                conflict=conflict, keep=True, actor=director,
                reason="其配偶所在股室不在本组了解重点范围内；经巡察办研究，该同志不参与涉及住建局村镇建设股的谈话和资料调阅。",
            )
    with as_of(d["filed"]):
        plans.work_plan_record_filing(plan=work_plan, filed_on=d["filed"], actor=office)
    round_2.phase = phase
    round_2.save(update_fields=["phase"])


def _account_of(cadre):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(cadre=cadre, is_active=True).first()


def _round_3_live(*, by_tag, office, deputy) -> Round:
    plan = ROUND_3
    round_3 = Round(
        year=plan["year"], number=plan["number"], phase=Round.Phase.PREPARATION,
        mobilization_date=plan["mobilization"], entry_date=plan["entry"], planned_withdrawal_date=plan["withdrawal"],
        focus=plan["focus"],
    )
    round_3._change_reason = "新建巡察轮次"
    round_3.save()
    units = {unit.name: unit for unit in Unit.objects.all()}
    liaisons = list(staffing.liaison_candidates().exclude(group_memberships__group__round__phase=Round.Phase.ON_SITE))
    taken = set()
    with as_of(datetime.date(2026, 11, 16)):
        for group_plan in plan["groups"].values():
            group = staffing.group_create(round=round_3, actor=office)
            leader = by_tag[group_plan["leader"]].cadre
            staffing.membership_add(group=group, cadre=leader, role=Role.LEADER, actor=office)
            staffing.membership_add(group=group, cadre=by_tag[group_plan["deputy"]].cadre, role=Role.DEPUTY, actor=office)
            for name in group_plan["units"]:
                repeats = staffing.rotation_repeats(round_=round_3, cadre=leader, units=[units[name]])
                staffing.inspection_add(
                    group=group, unit=units[name], actor=office, justification=ROUND_3_ROTATION if repeats else "",
                )
            taken.update({leader.pk, by_tag[group_plan["deputy"]].cadre.pk})
            liaison = next((c for c in liaisons if c.pk not in taken), None)
            if liaison is not None:
                staffing.membership_add(group=group, cadre=liaison, role=Role.LIAISON, actor=office)
                taken.add(liaison.pk)
            for cadre in _members_for(group, taken):
                staffing.membership_add(group=group, cadre=cadre, role=Role.MEMBER, actor=office)
                staffing.secondment_request(round=round_3, cadre=cadre, actor=office)
                taken.add(cadre.pk)
        task_plan = plans.task_plan_of(round_3)
        plans.task_plan_update(
            plan=task_plan, actor=office,
            consultation="11月12日征求了县纪委监委、县委组织部对本轮巡察对象和组长人选的意见。",
            explanation="第二巡察组组长曾于2026年第一轮带队巡察县水利局，因该局整改事项尚待跟踪，经研究仍由其带队，"
                        "已记录理由；其余组长人选均未在以往轮次带队巡察同一单位。",
        )
        request = approval_submit(chain=plans.TASK_PLAN, subject=task_plan, actor=office)
    with as_of(datetime.date(2026, 11, 18)):
        request = approval_decide(request=request, actor=deputy, passed=True, opinion=ROUND_3_REVIEWED)
    _one_open_conflict(round_3, taken)
    return round_3


def _members_for(group, taken, count=3):
    """Members seconded from bureaus the group does not inspect, none with a conflict already."""
    unit_ids = set(group.inspections.values_list("unit_id", flat=True))
    busy = GroupMembership.objects.filter(group__round__phase=Round.Phase.ON_SITE).values("cadre_id")
    candidates = (
        Cadre.objects.filter(is_retired=False, rank__in=["staff", "section_deputy", "section"], unit__kind=Unit.Kind.DEPARTMENT)
        .exclude(pk__in=taken).exclude(pk__in=busy).exclude(unit_id__in=unit_ids)
        .exclude(relatives__workplace_unit_id__in=unit_ids).exclude(posts__unit_id__in=unit_ids)
        .exclude(user__isnull=False)
        .select_related("unit").order_by("-birth_date", "name")  # young cadres first (S01.4)
    )
    chosen, units = [], set()
    for cadre in candidates:
        if cadre.unit_id not in units:  # one from each bureau, as secondments are spread
            chosen.append(cadre)
            units.add(cadre.unit_id)
        if len(chosen) == count:
            break
    return chosen


def _one_open_conflict(round_3, taken):
    """A person whose relative works in one of group 1's units joins it: the scan finds it, and it
    stays open for the office to resolve."""
    group = round_3.groups.get(number=1)
    unit_ids = list(group.inspections.values_list("unit_id", flat=True))
    relative = (
        CadreRelative.objects.filter(workplace_unit_id__in=unit_ids, cadre__is_retired=False)
        .exclude(cadre_id__in=taken).exclude(cadre__user__isnull=False)
        .exclude(cadre__unit_id__in=unit_ids)
        .select_related("cadre").order_by("pk").first()
    )
    if relative is None:
        return
    office = None
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.get(username="office")
    with as_of(datetime.date(2026, 11, 20)):
        staffing.membership_add(group=group, cadre=relative.cadre, role=Role.MEMBER, actor=office)
