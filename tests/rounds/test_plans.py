"""S01's papers through the approval chain: the task allocation plan (office → executive deputy →
secretary), the round work plan (head or executive deputy; then filed), authorization decisions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groups.models import GroupMembership
from rounds import plans, staffing
from rounds.models import Round
from tests.factories import CadreFactory, RoundFactory, UnitFactory
from xunchar.approvals.chains import chain_for
from xunchar.approvals.models import ApprovalDecision, ApprovalRequest
from xunchar.approvals.services import approval_decide, approval_submit

pytestmark = pytest.mark.django_db
Role = GroupMembership.RoundRole


@pytest.fixture
def round3(county):
    round_ = RoundFactory(year=2027, number=1, phase=Round.Phase.PREPARATION, mobilization_date=None, entry_date=None)
    group = staffing.group_create(round=round_, actor=county.office)
    staffing.inspection_add(group=group, unit=UnitFactory(name="示例县水利局"), actor=county.office)
    staffing.membership_add(group=group, cadre=CadreFactory(name="拟任组长"), role=Role.LEADER, actor=county.office)
    return round_


def _approve_task_plan(county, round_):
    plan = plans.task_plan_of(round_)
    request = approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="同意")
    request = approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    return plan


def test_a_plan_with_a_group_missing_its_deputy_cannot_be_submitted(county, round3):
    plan = plans.task_plan_of(round3)
    assert plans.task_plan_gaps(round3) == ["第一巡察组尚未提出副组长人选。"]
    with pytest.raises(PermissionDenied):
        approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)
    assert not ApprovalRequest.objects.exists()


def test_task_plan_goes_office_then_executive_deputy_then_secretary(county, round3):
    group = round3.groups.get()
    staffing.membership_add(group=group, cadre=CadreFactory(name="拟任副组长"), role=Role.DEPUTY, actor=county.office)
    plan = plans.task_plan_of(round3)
    plans.task_plan_update(plan=plan, actor=county.office, consultation="已征求县纪委监委、组织部意见", explanation="")
    request = approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)

    content = request.versions.get().content
    assert "拟任组长" in str(content) and "示例县水利局" in str(content)
    with pytest.raises((PermissionDenied, ValidationError)):
        request = approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")  # not before the review
    with pytest.raises((PermissionDenied, ValidationError)):
        plans.task_plan_update(plan=plan, actor=county.office, consultation="改", explanation="")  # frozen in review
    with pytest.raises(ValidationError):
        staffing.membership_add(group=group, cadre=CadreFactory(), role=Role.DEPUTY, actor=county.office)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="审核同意，报书记审批")
    request = approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")

    request.refresh_from_db()
    assert request.state == ApprovalRequest.State.APPROVED
    outcomes = list(request.decisions.order_by("decided_at", "pk").values_list("outcome", "actor_title"))
    assert [outcome for outcome, _ in outcomes] == [
        ApprovalDecision.Outcome.SUBMITTED, ApprovalDecision.Outcome.REVIEWED, ApprovalDecision.Outcome.APPROVED,
    ]
    assert outcomes[1][1] == "领导小组常务副组长"
    # Members can still be arranged; leaders and units are frozen.
    staffing.membership_add(group=group, cadre=CadreFactory(), role=Role.MEMBER, actor=county.office)
    with pytest.raises(ValidationError):
        staffing.inspection_add(group=group, unit=UnitFactory(), actor=county.office)


def test_a_returned_plan_can_be_changed_and_submitted_again(county, round3):
    group = round3.groups.get()
    staffing.membership_add(group=group, cadre=CadreFactory(), role=Role.DEPUTY, actor=county.office)
    plan = plans.task_plan_of(round3)
    request = approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)
    request = approval_decide(request=request, actor=county.deputy, passed=False, opinion="请补充征求意见情况")
    plans.task_plan_update(plan=plan, actor=county.office, consultation="11月2日征求了县纪委监委、组织部意见", explanation="")
    approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)
    versions = list(request.versions.order_by("number"))
    assert len(versions) == 2 and "11月2日" in str(versions[1].content) and "11月2日" not in str(versions[0].content)


def test_work_plan_follows_the_approved_task_plan_and_is_filed_after_approval(county, round3):
    staffing.membership_add(group=round3.groups.get(), cadre=CadreFactory(), role=Role.DEPUTY, actor=county.office)
    work_plan = plans.work_plan_of(round3)
    with pytest.raises(PermissionDenied):
        approval_submit(chain=plans.WORK_PLAN, subject=work_plan, actor=county.office)
    _approve_task_plan(county, round3)
    with pytest.raises(ValidationError):
        plans.work_plan_record_filing(plan=work_plan, filed_on=datetime.date(2027, 1, 5), actor=county.office)

    request = approval_submit(chain=plans.WORK_PLAN, subject=work_plan, actor=county.office)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="同意")  # the executive deputy may approve
    request.refresh_from_db()
    assert request.state == ApprovalRequest.State.APPROVED
    with pytest.raises(ValidationError):
        plans.work_plan_record_filing(plan=work_plan, filed_on=datetime.date(2020, 1, 1), actor=county.office)
    today = request.completed_at.date()
    plans.work_plan_record_filing(plan=work_plan, filed_on=today, actor=county.office)
    work_plan.refresh_from_db()
    assert (work_plan.filed_on, work_plan.filed_by) == (today, county.office)


def test_only_the_head_or_executive_deputy_approve_the_work_plan(county, round3):
    from tests.factories import UserFactory
    from xunchar.accounts.roles import Role as Standing

    staffing.membership_add(group=round3.groups.get(), cadre=CadreFactory(), role=Role.DEPUTY, actor=county.office)
    _approve_task_plan(county, round3)
    request = approval_submit(chain=plans.WORK_PLAN, subject=plans.work_plan_of(round3), actor=county.office)
    other_deputy = UserFactory(username="lgdeputy", roles=[Standing.LG_DEPUTY])
    for persona in (county.director, other_deputy, county.leader1):
        with pytest.raises((PermissionDenied, ValidationError)):
            request = approval_decide(request=request, actor=persona, passed=True, opinion="同意")
    assert chain_for(plans.WORK_PLAN).steps[0].may_decide(county.secretary, request)


def test_authorization_decision_approved_then_announced(county, round3):
    group = round3.groups.get()
    staffing.membership_add(group=group, cadre=CadreFactory(), role=Role.DEPUTY, actor=county.office)
    decision = plans.authorization_of(group)
    snapshot = str(plans.authorization_snapshot(decision))
    assert "拟任组长" in snapshot and "临时党支部书记" in snapshot
    with pytest.raises(ValidationError):
        plans.authorization_announce(decision=decision, announced_on=datetime.date(2027, 1, 5), actor=county.office)
    _approve_task_plan(county, round3)
    request = approval_submit(chain=plans.AUTHORIZATION, subject=decision, actor=county.office)
    request = approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    plans.authorization_announce(decision=decision, announced_on=datetime.date(2027, 1, 5), actor=county.office)
    decision.refresh_from_db()
    assert decision.announced_on == datetime.date(2027, 1, 5)
    assert "The leader's authorization decision has not been approved." not in plans.preparation_blockers(group)


def test_preparation_blockers_name_each_missing_approval(county, round3):
    reasons = plans.preparation_blockers(round3.groups.get())
    assert len(reasons) == 3


def test_group_people_read_their_own_authorization_only_once_approved(client, county):
    client.force_login(county.member1)
    assert client.get(reverse("rounds:authorization", args=[county.group1.pk])).status_code == 404  # a draft
    from tests.rounds.helpers import s01_done

    s01_done(county)
    assert client.get(reverse("rounds:authorization", args=[county.group1.pk])).status_code == 200
    assert client.get(reverse("rounds:authorization", args=[county.group2.pk])).status_code == 404
    assert client.post(reverse("rounds:authorization", args=[county.group1.pk]), {"duties": "x"}).status_code == 403


@pytest.mark.parametrize("persona", ["leader1", "member2", "jiwei", "unit1"])
def test_round_papers_refuse_group_people_receivers_and_units(client, county, round3, persona):
    client.force_login(county.users[persona])
    for name in ("rounds:task_plan", "rounds:work_plan"):
        assert client.get(reverse(name, args=[round3.pk])).status_code in (403, 404)


def test_office_edits_the_task_plan_in_the_browser(client, county, round3):
    client.force_login(county.office)
    client.post(reverse("rounds:task_plan", args=[round3.pk]), {"consultation": "征求了意见", "explanation": "按三个不固定要求安排"})
    plan = plans.task_plan_of(round3)
    assert plan.explanation == "按三个不固定要求安排"
    page = client.get(reverse("rounds:task_plan", args=[round3.pk])).content.decode()
    assert "拟任组长" in page


def test_an_approved_plan_is_reopened_to_replace_a_leader_and_approved_again(client, county, round3):
    """S02.3 comes after S01: a leader who declares a conflict at mobilization must be replaceable."""
    group = round3.groups.get()
    staffing.membership_add(group=group, cadre=CadreFactory(), role=Role.DEPUTY, actor=county.office)
    plan = _approve_task_plan(county, round3)
    leader = group.memberships.get(role=Role.LEADER)
    with pytest.raises(ValidationError):
        staffing.membership_remove(membership=leader, actor=county.office)
    for persona in ("secretary", "leader1"):
        with pytest.raises(PermissionDenied):
            plans.task_plan_reopen(plan=plan, actor=county.users[persona], reason="x")
    with pytest.raises(ValidationError):
        plans.task_plan_reopen(plan=plan, actor=county.office, reason="  ")

    client.force_login(county.office)
    client.post(reverse("rounds:task_plan_reopen", args=[round3.pk]), {"reason": "拟任组长申报回避，需调整人选"})
    request = ApprovalRequest.objects.get(chain=plans.TASK_PLAN)
    assert request.state == ApprovalRequest.State.RETURNED and request.completed_at is None
    assert request.decisions.filter(outcome=ApprovalDecision.Outcome.APPROVED).exists()  # the approval stays on record
    staffing.membership_remove(membership=leader, actor=county.office)
    staffing.membership_add(group=group, cadre=CadreFactory(name="新任组长"), role=Role.LEADER, actor=county.office)
    request = approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)
    assert "新任组长" in str(request.versions.order_by("-number").first().content)
    with pytest.raises(ValidationError):  # not twice
        plans.task_plan_reopen(plan=plan, actor=county.office, reason="again")
