"""A paper's sources: chosen only from the group's material the author may see, never an item under
seal (径送件); an item sealed after it was linked shows as 径送件（已密封） only — on the page, in the
frozen version and in the PDF — and stays linked when the paper is edited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.workpapers import services
from groups.workpapers.forms import WorkingPaperForm
from groups.workpapers.papers import paper_snapshot, working_paper_pdf
from groups.workpapers.selectors import SEALED_LABEL, approval_of, sources_for
from tests.groups.talk_records import add_group1_talks
from tests.petitions.records import SECRET_SUMMARY, add_group1_petitions, register
from tests.sealing.records import SEALED_SUMMARY, proposed_petition
from xunchar.sealing.services import delivery_propose

from .records import paper_data, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def sourced(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_group1_petitions(county)
    add_group1_talks(county)
    return county


def test_sources_are_linked_and_shown(client, sourced):
    c = sourced
    paper = write(c, petitions=[c.petition1], talks=[c.talk1], talk_problems=[c.talk_problem1])
    lines = sources_for(c.member1, paper)
    labels = [line.label for line in lines]
    assert any(c.petition1.reference in label and SECRET_SUMMARY in label for label in labels)
    assert any(str(c.talk1) == label for label in labels)
    assert any(c.talk_problem1.text in label for label in labels)
    assert "2025年财务账簿" in labels


def test_a_sealed_petition_cannot_be_chosen(sourced):
    c = sourced
    sealed_petition = proposed_petition(c)
    with pytest.raises(ValidationError) as refused:
        write(c, petitions=[sealed_petition])
    assert "petitions" in refused.value.error_dict
    form = WorkingPaperForm(group=c.group1, user=c.member1)
    assert sealed_petition not in form.fields["petitions"].queryset
    assert c.petition1 in form.fields["petitions"].queryset


def test_a_sealed_talk_record_cannot_be_chosen(sourced):
    c = sourced
    delivery_propose(record=c.talk_record1, actor=c.member1, reason="谈话涉及县纪委监委干部")
    with pytest.raises(ValidationError):
        write(c, talks=[c.talk1])
    with pytest.raises(ValidationError):
        write(c, talk_problems=[c.talk_problem1])
    form = WorkingPaperForm(group=c.group1, user=c.member1)
    assert c.talk1 not in form.fields["talks"].queryset
    assert c.talk_problem1 not in form.fields["talk_problems"].queryset


def test_another_groups_petition_cannot_be_chosen(sourced):
    c = sourced
    other = register(c, actor="liaison2", receivers=("liaison2",), group=c.group2, summary="二组信访件")
    with pytest.raises(ValidationError):
        write(c, petitions=[other])


def test_a_source_sealed_later_shows_only_as_sealed(client, sourced):
    c = sourced
    paper = write(c, petitions=[c.petition1], talk_problems=[c.talk_problem1])
    delivery_propose(record=c.petition1, actor=c.liaison1, reason="被反映人系县纪委监委干部")
    delivery_propose(record=c.talk_record1, actor=c.member1, reason="谈话涉及县纪委监委干部")
    for reader in (c.member1, c.leader1, c.office, c.secretary):
        lines = sources_for(reader, paper)
        assert [line.label for line in lines if line.sealed] == [SEALED_LABEL, SEALED_LABEL]
        assert not any(SECRET_SUMMARY in line.label or c.talk_problem1.text in line.label for line in lines)
    client.force_login(c.secretary)
    page = client.get(reverse("workpapers:detail", args=[paper.pk])).content.decode()
    assert SEALED_LABEL in page and SECRET_SUMMARY not in page and c.petition1.reference not in page
    snapshot = str(paper_snapshot(paper))
    assert SEALED_LABEL in snapshot and c.petition1.reference not in snapshot
    _, context = working_paper_pdf(paper)
    assert context["sources"].count(SEALED_LABEL) == 2
    # Edited by its author, who can no longer see or choose them, the paper keeps both links.
    services.working_paper_update(paper=paper, actor=c.member1, data=paper_data(c, title="修改后"))
    assert list(paper.petitions.all()) == [c.petition1]
    assert list(paper.talk_problems.all()) == [c.talk_problem1]


def test_the_snapshot_names_sources_by_reference_not_content(sourced):
    c = sourced
    paper = write(c, petitions=[c.petition1], talk_problems=[c.talk_problem1])
    services.working_paper_submit(paper=paper, actor=c.member1)
    content = str(approval_of(paper).versions.get().content)
    assert c.petition1.reference in content and SECRET_SUMMARY not in content and c.talk_problem1.text not in content


def test_a_sealed_summary_never_shows_on_the_form(client, sourced):
    c = sourced
    proposed_petition(c)
    client.force_login(c.member1)
    page = client.get(reverse("workpapers:create", args=[c.group1.pk])).content.decode()
    assert SEALED_SUMMARY not in page and c.petition1.reference in page
