"""After signing, the leader or liaison hands the paper to a named custodian (only then); a reopened
paper is no longer with its custodian. Tags: into the report, the problem list, or as a clue linked
to a clue of the same group the user may see."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups.workpapers import services
from groups.workpapers.models import Stage, WorkingPaper
from tests.clues.records import add_group1_inquiries
from tests.petitions.records import membership

from .records import checked, signed, submitted, write

pytestmark = pytest.mark.django_db


def stage(paper) -> str:
    return WorkingPaper.objects.with_stage().get(pk=paper.pk).stage


@pytest.mark.parametrize("make", [write, submitted, checked])
def test_no_handover_before_signing(county, make):
    paper = make(county)
    with pytest.raises(ValidationError) as refused:
        services.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=membership(county, "liaison1"))
    assert refused.value.code == "not_signed"
    paper.refresh_from_db()
    assert paper.custodian is None


def test_the_leader_or_liaison_hands_a_signed_paper_to_a_group_member(county):
    paper = signed(county)
    for who in ("member1", "deputy1", "office"):
        with pytest.raises(PermissionDenied):
            services.working_paper_hand_over(paper=paper, actor=county.users[who], custodian=membership(county, "liaison1"))
    outsider = county.group2.memberships.first()
    with pytest.raises(ValidationError):
        services.working_paper_hand_over(paper=paper, actor=county.liaison1, custodian=outsider)
    services.working_paper_hand_over(paper=paper, actor=county.liaison1, custodian=membership(county, "member1"))
    paper.refresh_from_db()
    assert paper.custodian == membership(county, "member1") and paper.handed_by == county.liaison1 and paper.handed_at
    assert stage(paper) == Stage.HANDED
    when = paper.handed_at
    services.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=membership(county, "member1"))
    paper.refresh_from_db()
    assert paper.handed_at == when and paper.handed_by == county.liaison1  # repeated: nothing changes


def test_reopening_ends_the_custody(county):
    paper = signed(county)
    services.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=membership(county, "liaison1"))
    services.working_paper_reopen(paper=paper, actor=county.leader1, reason="需补充材料")
    paper.refresh_from_db()
    assert paper.custodian is None and stage(paper) == Stage.RETURNED
    assert paper.history.filter(custodian__isnull=False).exists()


def test_tags_and_the_linked_clue(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_group1_inquiries(county)
    paper = write(county)
    services.working_paper_tag(paper=paper, actor=county.member1, for_report=True, for_problem_list=True, as_clue=False)
    paper.refresh_from_db()
    assert paper.for_report and paper.for_problem_list and not paper.as_clue
    # member1 does not see clues (only the leader, deputy and liaison keep them)
    with pytest.raises(ValidationError):
        services.working_paper_tag(paper=paper, actor=county.member1, for_report=True, for_problem_list=True, as_clue=True, clue=county.clue)
    with pytest.raises(ValidationError):
        services.working_paper_tag(paper=paper, actor=county.leader1, for_report=False, for_problem_list=False, as_clue=False, clue=county.clue)
    services.working_paper_tag(paper=paper, actor=county.leader1, for_report=True, for_problem_list=False, as_clue=True, clue=county.clue)
    paper.refresh_from_db()
    assert paper.as_clue and paper.clue == county.clue and not paper.for_problem_list
    # the author, who cannot see the clue, changes a tag: the link stays
    services.working_paper_tag(paper=paper, actor=county.member1, for_report=False, for_problem_list=False, as_clue=True)
    paper.refresh_from_db()
    assert paper.clue == county.clue
    with pytest.raises(PermissionDenied):
        services.working_paper_tag(paper=paper, actor=county.liaison1, for_report=True, for_problem_list=True, as_clue=False)
