"""The chain as the procedure runs it: submit → review → approve, or return with an opinion."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.approvals.chains import ROUND_PLAN
from xunchar.approvals import chains
from xunchar.approvals.models import ApprovalDecision, ApprovalRequest, ApprovalVersion
from xunchar.approvals.services import (
    approval_decide,
    approval_is_locked,
    approval_request,
    approval_state,
    approval_submit,
)
from xunchar.audit.models import AuditEvent
from xunchar.notifications.models import Notification

pytestmark = pytest.mark.django_db
Outcome = ApprovalDecision.Outcome
State = ApprovalRequest.State


def plan(county, focus="财政资金使用"):
    county.round.focus = focus
    county.round.save()
    return approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)


def code(error) -> str:
    return error.value.code


def test_submission_freezes_version_one_and_waits_for_the_review(county):
    request = plan(county)
    assert request.state == State.IN_REVIEW and request.step_index == 0
    assert request.submitted_by == county.office and request.submitted_at is not None
    (version,) = request.versions.all()
    assert version.number == 1
    assert version.content["title"] == "2026年第二轮巡察任务分工方案"
    assert version.content["sections"][0] == {"heading": "巡察重点", "text": "财政资金使用"}
    (decision,) = request.decisions.all()
    assert decision.outcome == Outcome.SUBMITTED and decision.version == version and decision.step_index is None
    assert decision.actor_title == "巡察办工作人员"


def test_review_then_approval_in_order(county):
    request = plan(county)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    assert request.state == State.IN_REVIEW and request.step_index == 1
    request = approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意。")
    assert request.state == State.APPROVED and request.completed_at is not None
    outcomes = list(request.decisions.values_list("outcome", "step_code", "actor__username", "actor_title", "opinion"))
    assert outcomes == [
        (Outcome.SUBMITTED, "", "office", "巡察办工作人员", ""),
        (Outcome.REVIEWED, "review", "deputy", "领导小组常务副组长", ""),
        (Outcome.APPROVED, "approve", "secretary", "县委书记（领导小组组长）", "同意。"),
    ]


def test_the_approver_cannot_approve_before_the_review(county):
    request = plan(county)
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    request.refresh_from_db()
    assert request.step_index == 0 and request.decisions.count() == 1


@pytest.mark.parametrize("persona", ["office", "director", "leader1", "member2", "unit1", "jiwei"])
def test_a_decider_of_the_wrong_role_is_refused_by_the_service(county, persona):
    request = plan(county)
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.users[persona], passed=True, opinion="")
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.users[persona], passed=False, opinion="请修改")
    assert request.decisions.count() == 1


def test_group_steps_are_decided_by_the_groups_own_people(county):
    request = approval_submit(chain="tests.group_paper", subject=county.group1, actor=county.member1)
    for outsider in (county.leader1, county.deputy, county.leader2, county.office):
        with pytest.raises(PermissionDenied):
            approval_decide(request=request, actor=outsider, passed=True, opinion="")
    request = approval_decide(request=request, actor=county.deputy1, passed=True, opinion="事实清楚")
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.deputy1, passed=True, opinion="")
    request = approval_decide(request=request, actor=county.leader1, passed=True, opinion="")
    assert request.state == State.APPROVED
    titles = list(request.decisions.order_by("id").values_list("outcome", "actor_title"))
    assert titles == [(Outcome.SUBMITTED, "第一巡察组成员"), (Outcome.CHECKED, "第一巡察组副组长"), (Outcome.SIGNED, "第一巡察组组长")]


def test_only_who_may_submit_submits(county):
    for persona in ("deputy", "secretary", "leader1", "unit1"):
        with pytest.raises(PermissionDenied):
            approval_submit(chain="tests.round_plan", subject=county.round, actor=county.users[persona])
    for other_group in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        with pytest.raises(PermissionDenied):
            approval_submit(chain="tests.group_paper", subject=county.group1, actor=other_group)
    assert not ApprovalRequest.objects.exists()


def test_submitting_again_while_in_review_or_approved_is_refused(county):
    request = plan(county)
    with pytest.raises(ValidationError) as error:
        approval_submit(chain="tests.round_plan", subject=county.round, actor=county.director)
    assert code(error) == "in_review"
    approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    approval_decide(request=approval_request(county.round, "tests.round_plan"), actor=county.secretary, passed=True, opinion="")
    with pytest.raises(ValidationError) as error:
        approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    assert code(error) == "approved"
    assert ApprovalDecision.objects.filter(outcome=Outcome.SUBMITTED).count() == 1


def test_a_return_needs_an_opinion(county):
    request = plan(county)
    for blank in ("", "   \n"):
        with pytest.raises(ValidationError) as error:
            approval_decide(request=request, actor=county.deputy, passed=False, opinion=blank)
        assert code(error) == "opinion_required"
    request.refresh_from_db()
    assert request.state == State.IN_REVIEW and request.decisions.count() == 1


def test_return_edit_resubmit_makes_a_new_version_and_starts_the_chain_again(county):
    request = plan(county, focus="财政资金使用")
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    request = approval_decide(request=request, actor=county.secretary, passed=False, opinion="重点不够具体，请补充专项资金。")
    assert request.state == State.RETURNED and request.step_index == 0
    assert not approval_is_locked(county.round)
    county.round.focus = "财政资金使用，重点是专项资金"
    county.round.save()
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    assert request.state == State.IN_REVIEW and request.step_index == 0
    first, second = request.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.content["sections"][0]["text"] == "财政资金使用"
    assert second.content["sections"][0]["text"] == "财政资金使用，重点是专项资金"
    versions = list(request.decisions.order_by("id").values_list("outcome", "version__number"))
    assert versions == [
        (Outcome.SUBMITTED, 1), (Outcome.REVIEWED, 1), (Outcome.RETURNED, 1), (Outcome.SUBMITTED, 2),
    ]
    # The review must be done again: the secretary cannot approve the new version straight away.
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.secretary, passed=True, opinion="")


def test_resubmitting_unchanged_content_keeps_the_version(county):
    request = plan(county)
    approval_decide(request=request, actor=county.deputy, passed=False, opinion="请说明理由")
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    assert request.versions.count() == 1
    assert request.decisions.filter(outcome=Outcome.SUBMITTED).count() == 2


def test_a_decision_on_changed_content_freezes_what_was_decided_on(county):
    """Nothing should change a locked subject; if something did, the decision names the new content."""
    request = plan(county)
    type(county.round).objects.filter(pk=county.round.pk).update(focus="被改动的重点")
    approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    decision = request.decisions.get(outcome=Outcome.REVIEWED)
    assert decision.version.number == 2 and decision.version.content["sections"][0]["text"] == "被改动的重点"


def test_a_repeated_decision_is_refused_not_applied_twice(county):
    request = plan(county)
    seen = request.decisions.get().pk
    approval_decide(request=request, actor=county.deputy, passed=True, opinion="", seen_decision_id=seen)
    # The same call again — the request object still says step 0, the seen decision is no longer the latest.
    with pytest.raises(ValidationError) as error:
        approval_decide(request=request, actor=county.deputy, passed=True, opinion="", seen_decision_id=seen)
    assert code(error) == "stale"
    fresh = ApprovalRequest.objects.get(pk=request.pk)
    with pytest.raises(ValidationError) as error:
        approval_decide(request=fresh, actor=county.secretary, passed=True, opinion="", seen_decision_id=seen)
    assert code(error) == "stale"
    assert fresh.decisions.filter(outcome=Outcome.REVIEWED).count() == 1 and fresh.step_index == 1


def test_a_decision_after_approval_is_refused(county):
    request = plan(county)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    request = approval_decide(request=request, actor=county.secretary, passed=True, opinion="")
    with pytest.raises(ValidationError) as error:
        approval_decide(request=request, actor=county.secretary, passed=True, opinion="")
    assert code(error) == "not_in_review"


def test_locked_while_in_review_and_once_approved(county):
    assert approval_state(county.round, "tests.round_plan") == State.DRAFT
    assert not approval_is_locked(county.round)
    request = plan(county)
    assert approval_is_locked(county.round) and approval_is_locked(county.round, "tests.round_plan")
    assert not approval_is_locked(county.round, "tests.other")
    assert not approval_is_locked(county.group1)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    approval_decide(request=request, actor=county.secretary, passed=True, opinion="")
    assert approval_state(county.round, "tests.round_plan") == State.APPROVED
    assert approval_is_locked(county.round)


def test_the_next_decider_is_notified_then_the_submitter(county):
    request = plan(county)
    (to_deputy,) = Notification.objects.filter(recipient=county.deputy)
    assert "任务分工方案（测试）" in to_deputy.title and to_deputy.url == f"/approvals/{request.pk}/"
    assert not Notification.objects.filter(recipient=county.secretary).exists()
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    assert Notification.objects.filter(recipient=county.secretary, url=f"/approvals/{request.pk}/").count() == 1
    approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    assert Notification.objects.filter(recipient=county.office, url=f"/approvals/{request.pk}/").count() == 1
    assert not Notification.objects.exclude(recipient__in=[county.deputy, county.secretary, county.office]).exists()


def test_the_submitter_is_told_of_a_return_with_the_opinion(county):
    request = approval_submit(chain="tests.group_paper", subject=county.group1, actor=county.member1)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["deputy1"]
    approval_decide(request=request, actor=county.deputy1, passed=False, opinion="证据不足，请补充谈话笔录。")
    (returned,) = Notification.objects.filter(recipient=county.member1)
    assert "证据不足，请补充谈话笔录。" in returned.body


def test_each_submission_and_decision_is_audited(county):
    request = plan(county)
    approval_decide(request=request, actor=county.deputy, passed=False, opinion="请补充")
    events = list(AuditEvent.objects.filter(event="approval").order_by("id").values_list("username", "object_type", "object_id", "detail"))
    assert [e[:3] for e in events] == [("office", "rounds.round", str(county.round.pk)), ("deputy", "rounds.round", str(county.round.pk))]
    assert "returned" in events[1][3] and "请补充" in events[1][3]


def test_the_chain_hooks_run_inside_the_decision(county, monkeypatch):

    calls = []

    def approved(subject, request):
        assert request.state == State.APPROVED
        calls.append(("approved", subject.pk, request.pk))

    def returned(subject, request):
        calls.append(("returned", subject.pk, request.pk))

    hooked = dataclasses.replace(ROUND_PLAN, on_approved=approved, on_returned=returned)
    monkeypatch.setitem(chains._CHAINS, ROUND_PLAN.code, hooked)
    request = plan(county)
    request = approval_decide(request=request, actor=county.deputy, passed=False, opinion="请修改")
    request = approval_submit(chain=hooked, subject=county.round, actor=county.office)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    approval_decide(request=request, actor=county.secretary, passed=True, opinion="")
    assert calls == [("returned", county.round.pk, request.pk), ("approved", county.round.pk, request.pk)]


def test_a_failing_hook_undoes_the_decision(county, monkeypatch):

    def refuse(subject, request):
        raise ValidationError("归档失败")

    monkeypatch.setitem(chains._CHAINS, ROUND_PLAN.code, dataclasses.replace(ROUND_PLAN, on_approved=refuse))
    request = plan(county)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    with pytest.raises(ValidationError):
        approval_decide(request=request, actor=county.secretary, passed=True, opinion="")
    request.refresh_from_db()
    assert request.state == State.IN_REVIEW and request.step_index == 1
    assert not request.decisions.filter(outcome=Outcome.APPROVED).exists()


def test_versions_are_numbered_per_request(county):
    plan(county)
    approval_submit(chain="tests.group_paper", subject=county.group1, actor=county.member1)
    assert sorted(ApprovalVersion.objects.values_list("number", flat=True)) == [1, 1]
