"""The three-level review (S23): written → checked by the deputy leader → signed by the leader. No
signature before the check, by the service and by the approvals mechanism alike; the deputy cannot
sign; the leader cannot skip the check; a returned paper revised and resubmitted keeps both versions;
a signed paper can no longer be edited until the leader reopens it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups.models import GroupMembership
from groups.workpapers import services
from groups.workpapers.models import Stage, WorkingPaper
from groups.workpapers.selectors import approval_of
from tests.factories import CadreFactory, GroupMembershipFactory, InspectionGroupFactory, UserFactory
from xunchar.approvals.models import ApprovalDecision, ApprovalRequest
from xunchar.approvals.services import approval_decide

from .records import checked, paper_data, signed, submitted, write

pytestmark = pytest.mark.django_db


def stage(paper) -> str:
    return WorkingPaper.objects.with_stage().get(pk=paper.pk).stage


def test_numbers_are_given_at_creation_gap_free_per_group(county):
    first, second = write(county), write(county, actor="liaison1")
    assert (first.number, second.number) == (1, 2)
    assert first.reference == "一组底稿〔2026〕1号"
    assert stage(first) == Stage.DRAFT


def test_the_whole_way_draft_check_sign(county):
    paper = submitted(county)
    assert stage(paper) == Stage.CHECKING
    services.working_paper_check(paper=paper, actor=county.deputy1, opinion="事实清楚。")
    assert stage(paper) == Stage.SIGNING
    services.working_paper_sign(paper=paper, actor=county.leader1, opinion="同意。")
    assert stage(paper) == Stage.SIGNED
    outcomes = list(approval_of(paper).decisions.order_by("id").values_list("outcome", "actor"))
    assert outcomes == [("submitted", county.member1.pk), ("checked", county.deputy1.pk), ("signed", county.leader1.pk)]


def test_no_signature_before_the_check(county):
    paper = submitted(county)
    with pytest.raises(ValidationError) as refused:
        services.working_paper_sign(paper=paper, actor=county.leader1)
    assert refused.value.code == "not_checked"
    assert stage(paper) == Stage.CHECKING
    assert not approval_of(paper).decisions.filter(outcome=ApprovalDecision.Outcome.SIGNED).exists()


def test_the_leader_cannot_skip_the_check_through_the_mechanism_either(county):
    """Deciding the request directly: at the check step the leader is not a decider while the group has a deputy."""
    paper = submitted(county)
    with pytest.raises(PermissionDenied):
        approval_decide(request=approval_of(paper), actor=county.leader1, passed=True, opinion="")
    with pytest.raises(PermissionDenied):
        services.working_paper_check(paper=paper, actor=county.leader1)
    assert stage(paper) == Stage.CHECKING


def test_the_deputy_cannot_sign(county):
    paper = checked(county)
    with pytest.raises(PermissionDenied):
        services.working_paper_sign(paper=paper, actor=county.deputy1)
    with pytest.raises(PermissionDenied):
        approval_decide(request=approval_of(paper), actor=county.deputy1, passed=True, opinion="")
    assert stage(paper) == Stage.SIGNING


@pytest.mark.parametrize("who", ["member1", "liaison1", "office", "secretary", "leader2"])
def test_nobody_else_checks_or_signs(county, who):
    paper = submitted(county)
    with pytest.raises(PermissionDenied):
        services.working_paper_check(paper=paper, actor=county.users[who])
    services.working_paper_check(paper=paper, actor=county.deputy1)
    with pytest.raises(PermissionDenied):
        services.working_paper_sign(paper=paper, actor=county.users[who])
    assert stage(paper) == Stage.SIGNING


def test_repeated_decisions_change_nothing(county):
    paper = checked(county)
    services.working_paper_check(paper=paper, actor=county.deputy1)
    services.working_paper_sign(paper=paper, actor=county.leader1)
    services.working_paper_sign(paper=paper, actor=county.leader1)
    assert approval_of(paper).decisions.count() == 3


def test_without_a_deputy_the_leader_checks_and_signs(county):
    group = InspectionGroupFactory(round=county.round, number=3)
    leader = UserFactory(cadre=CadreFactory())
    writer = UserFactory(cadre=CadreFactory())
    GroupMembershipFactory(group=group, cadre=leader.cadre, role=GroupMembership.RoundRole.LEADER)
    GroupMembershipFactory(group=group, cadre=writer.cadre, role=GroupMembership.RoundRole.MEMBER)
    paper = services.working_paper_create(group=group, actor=writer, data=paper_data(county, inspection=None))
    services.working_paper_submit(paper=paper, actor=writer)
    with pytest.raises(ValidationError):
        services.working_paper_sign(paper=paper, actor=leader)  # still the check first
    services.working_paper_check(paper=paper, actor=leader)
    services.working_paper_sign(paper=paper, actor=leader)
    assert stage(paper) == Stage.SIGNED


@pytest.mark.parametrize("returner", ["deputy1", "leader1"])
def test_a_returned_paper_revised_and_resubmitted_keeps_both_versions(county, returner):
    paper = submitted(county)
    if returner == "leader1":
        services.working_paper_check(paper=paper, actor=county.deputy1)
    with pytest.raises(ValidationError):
        services.working_paper_return(paper=paper, actor=county.users[returner], opinion="")  # an opinion is required
    services.working_paper_return(paper=paper, actor=county.users[returner], opinion="请补充凭证号。")
    assert stage(paper) == Stage.RETURNED
    services.working_paper_update(paper=paper, actor=county.member1, data=paper_data(county, evidence="2025年第12号记账凭证"))
    services.working_paper_submit(paper=paper, actor=county.member1)
    assert stage(paper) == Stage.CHECKING  # the whole chain again
    versions = list(approval_of(paper).versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    evidence = [next(s["text"] for s in v.content["sections"] if s["heading"] == "佐证材料") for v in versions]
    assert "财务股长谈话笔录" in evidence[0] and "财务股长谈话笔录" not in evidence[1]


def test_under_review_and_signed_papers_cannot_be_edited(county):
    paper = submitted(county)
    with pytest.raises(ValidationError):
        services.working_paper_update(paper=paper, actor=county.member1, data=paper_data(county, title="改"))
    services.working_paper_check(paper=paper, actor=county.deputy1)
    services.working_paper_sign(paper=paper, actor=county.leader1)
    for who in ("member1", "deputy1", "leader1"):
        with pytest.raises(ValidationError):
            services.working_paper_update(paper=paper, actor=county.users[who], data=paper_data(county, title="改"))
    paper.refresh_from_db()
    assert paper.title != "改"


def test_only_the_leader_reopens_and_the_paper_goes_through_the_chain_again(county):
    paper = signed(county)
    for who in ("deputy1", "member1", "liaison1"):
        with pytest.raises(PermissionDenied):
            services.working_paper_reopen(paper=paper, actor=county.users[who], reason="需补充")
    services.working_paper_reopen(paper=paper, actor=county.leader1, reason="审计局补充材料，需修改查实情况。")
    assert stage(paper) == Stage.RETURNED
    services.working_paper_update(paper=paper, actor=county.member1, data=paper_data(county, facts="补充后的查实情况。"))
    services.working_paper_submit(paper=paper, actor=county.member1)
    with pytest.raises(ValidationError):
        services.working_paper_sign(paper=paper, actor=county.leader1)
    assert approval_of(paper).state == ApprovalRequest.State.IN_REVIEW


def test_who_may_write_and_edit(county):
    for who in ("office", "secretary", "member2", "leader2", "unit1", "jiwei"):
        with pytest.raises(PermissionDenied):
            write(county, actor=who)
    paper = write(county, actor="member1")
    for who in ("liaison1", "member2", "liaison2", "office"):
        with pytest.raises(PermissionDenied):
            services.working_paper_update(paper=paper, actor=county.users[who], data=paper_data(county, title="改"))
    for who in ("member1", "deputy1", "leader1"):
        services.working_paper_update(paper=paper, actor=county.users[who], data=paper_data(county, title=f"{who}改"))
    with pytest.raises(PermissionDenied):
        services.working_paper_submit(paper=paper, actor=county.liaison1)


def test_bad_input_changes_nothing(county):
    with pytest.raises(ValidationError) as refused:
        write(county, title=" ", summary="", inspection=county.inspection2)
    assert set(refused.value.error_dict) == {"title", "summary", "inspection"}
    assert not WorkingPaper.objects.exists()
