"""The pages: the group's list with its state filter and counts, the paper page, the form, the
decisions on the paper's page, the PDF. Who reaches what: the author edits, another member reads,
the office and leadership read (they don't write), another group, a unit contact and the receivers
get 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.workpapers.models import Stage, WorkingPaper
from tests.documents.helpers import compact, pdf_text
from tests.petitions.records import membership
from xunchar.documents.registry import document_kind
from xunchar.documents.rendering import render_pdf

from .records import SECRET_FACTS, TITLE, checked, signed, submitted, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def papers(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    county.draft = write(county)
    county.signed = signed(county, title="工程项目未招标问题")
    return county


def test_the_list_filters_by_state_and_counts(client, papers):
    submitted(papers)
    client.force_login(papers.member1)
    url = reverse("workpapers:list", args=[papers.group1.pk])
    page = client.get(url).content.decode()
    assert "一组底稿〔2026〕1号" in page and "一组底稿〔2026〕3号" in page
    assert "（1）" in page
    assert client.get(url, {"stage": "checking"}).context["papers"][0].stage == Stage.CHECKING
    counts = {value: n for value, _, n in client.get(url).context["stages"]}
    assert counts == {"draft": 1, "checking": 1, "signing": 0, "returned": 0, "signed": 1, "handed": 0}
    only = client.get(url, {"stage": "signed"}).context["papers"]
    assert [p.pk for p in only] == [papers.signed.pk]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["member1", "leader1", "deputy1", "office"])
def test_list_queries_do_not_grow_with_rows(client, papers, who):
    """Three papers (a draft, one awaiting the check, one signed), then twenty at every stage: the
    same number of queries — the list, the counts and the approvals inbox of the page's header."""
    from groups.workpapers.services import working_paper_hand_over

    submitted(papers)
    client.force_login(papers.users[who])
    url = reverse("workpapers:list", args=[papers.group1.pk])
    few = _queries(client, url)
    for _ in range(4):
        submitted(papers)
        checked(papers)
        write(papers, actor="liaison1")
        working_paper_hand_over(paper=signed(papers), actor=papers.leader1, custodian=membership(papers, "member1"))
    assert _queries(client, url) == few


def test_detail_queries_do_not_grow_with_sources(client, papers):
    """One source of each kind, then two of each: the same number of queries."""
    from groups.surveys.services import SurveyData, survey_create
    from groups.talks import talk_problem_add
    from tests.docrequests.records import add_group1_documents
    from tests.groups.talk_records import add_group1_talks
    from tests.petitions.records import add_group1_petitions

    add_group1_petitions(papers)
    add_group1_talks(papers)
    problem2 = talk_problem_add(talk=papers.talk1, actor=papers.member1, category="conduct", text="公车私用")
    add_group1_documents(papers)
    surveys = [survey_create(inspection=papers.inspection1, actor=papers.liaison1, data=SurveyData(title=f"问卷{n}")) for n in (1, 2)]
    one = write(papers, petitions=[papers.petition1], talks=[papers.talk1], talk_problems=[papers.talk_problem1],
                documents=[papers.doc_out], surveys=surveys[:1])
    two = write(papers, petitions=[papers.petition1, papers.petition2], talks=[papers.talk1, papers.talk2],
                talk_problems=[papers.talk_problem1, problem2], other_sources="一\n二\n三",
                documents=[papers.doc_out, papers.doc_classified], surveys=surveys)
    client.force_login(papers.member1)
    page = client.get(reverse("workpapers:detail", args=[two.pk])).content.decode()
    assert page.count('class="source-document"') == 2 and page.count('class="source-survey"') == 2
    assert _queries(client, reverse("workpapers:detail", args=[two.pk])) == _queries(client, reverse("workpapers:detail", args=[one.pk]))


def test_the_paper_page_shows_content_trail_and_versions(client, papers):
    client.force_login(papers.office)
    page = client.get(reverse("workpapers:detail", args=[papers.signed.pk])).content.decode()
    for phrase in ("工程项目未招标问题", SECRET_FACTS, "财务股长谈话笔录", "第1版", "同意。", 'data-step="check"', 'data-step="sign"'):
        assert phrase in page, phrase
    assert reverse("workpapers:edit", args=[papers.signed.pk]) not in page  # signed: no editing
    assert 'data-testid="submit-paper"' not in page


@pytest.mark.parametrize(("who", "status"), [
    ("member1", 200), ("deputy1", 200), ("leader1", 200), ("liaison1", 403), ("office", 403), ("secretary", 403),
    ("member2", 404), ("leader2", 404), ("unit1", 404), ("jiwei", 404), ("zuzhibu", 404),
])
def test_who_edits_a_draft(client, papers, who, status):
    client.force_login(papers.users[who])
    assert client.get(reverse("workpapers:edit", args=[papers.draft.pk])).status_code == status


@pytest.mark.parametrize(("who", "status"), [
    ("member1", 200), ("liaison1", 200), ("office", 200), ("director", 200), ("secretary", 200), ("deputy", 200),
    ("member2", 404), ("liaison2", 404), ("unit1", 404), ("jiwei", 404), ("zuzhibu", 404), ("sysadmin", 404),
])
def test_who_reads_a_paper(client, papers, who, status):
    client.force_login(papers.users[who])
    response = client.get(reverse("workpapers:detail", args=[papers.draft.pk]))
    assert response.status_code in ((status,) if status == 200 else (403, 404))
    if status != 200:
        assert SECRET_FACTS not in response.content.decode()


def test_the_office_reads_but_does_not_write(client, papers):
    client.force_login(papers.office)
    assert client.get(reverse("workpapers:create", args=[papers.group1.pk])).status_code == 403
    assert client.post(reverse("workpapers:create", args=[papers.group1.pk]), {"title": "x", "summary": "y"}).status_code == 403
    assert WorkingPaper.objects.count() == 2


def test_writing_through_the_form(client, papers):
    client.force_login(papers.member1)
    url = reverse("workpapers:create", args=[papers.group1.pk])
    response = client.post(url, {"title": "", "summary": ""})
    assert response.status_code == 200 and WorkingPaper.objects.count() == 2
    response = client.post(url, {"title": TITLE, "summary": "摘要", "inspection": papers.inspection1.pk, "facts": "查实"})
    paper = WorkingPaper.objects.get(number=3)
    assert response.status_code == 302 and response["Location"] == paper.get_absolute_url()
    assert paper.author == papers.member1


def test_submit_check_and_sign_on_the_paper_page(client, papers):
    paper = papers.draft
    url = reverse("workpapers:detail", args=[paper.pk])
    client.force_login(papers.member1)
    assert 'data-testid="submit-paper"' in client.get(url).content.decode()
    client.post(reverse("workpapers:submit", args=[paper.pk]))
    client.force_login(papers.leader1)
    response = client.post(reverse("workpapers:decide", args=[paper.pk]), {"action": "sign"}, follow=True)
    assert "deputy" in response.content.decode() or "副组长" in response.content.decode()  # refused: the check first
    assert WorkingPaper.objects.with_stage().get(pk=paper.pk).stage == Stage.CHECKING
    client.force_login(papers.member1)
    assert client.post(reverse("workpapers:decide", args=[paper.pk]), {"action": "check"}).status_code == 403
    client.force_login(papers.deputy1)
    client.post(reverse("workpapers:decide", args=[paper.pk]), {"action": "sign"})  # refused: the check first
    assert WorkingPaper.objects.with_stage().get(pk=paper.pk).stage == Stage.CHECKING
    client.post(reverse("workpapers:decide", args=[paper.pk]), {"action": "check", "opinion": "属实。"})
    client.force_login(papers.leader1)
    client.post(reverse("workpapers:decide", args=[paper.pk]), {"action": "sign", "opinion": "同意。"})
    assert WorkingPaper.objects.with_stage().get(pk=paper.pk).stage == Stage.SIGNED
    client.post(reverse("workpapers:hand_over", args=[paper.pk]), {"custodian": membership(papers, "liaison1").pk})
    assert WorkingPaper.objects.with_stage().get(pk=paper.pk).stage == Stage.HANDED


def test_the_pdf_carries_the_content_and_the_signatures(client, papers):
    template, context = document_kind("workpapers.working_paper").build(papers.signed)
    text = compact(pdf_text(render_pdf(template, context)))
    for phrase in ("巡察工作底稿", "一组底稿〔2026〕2号", "工程项目未招标问题", SECRET_FACTS, "审核人", "签批人",
                   papers.deputy1.display_name, papers.leader1.display_name):
        assert compact(phrase) in text, phrase
    client.force_login(papers.member1)
    assert client.post(reverse("documents:request", args=["workpapers.working_paper", papers.signed.pk])).status_code == 302
    for other_group in (papers.member2, papers.liaison2):  # liaison2 still reaches group 2's material
        client.force_login(other_group)
        assert client.post(reverse("documents:request", args=["workpapers.working_paper", papers.signed.pk])).status_code == 404


def test_a_draft_pdf_leaves_the_signature_lines_blank(papers):
    _, context = document_kind("workpapers.working_paper").build(papers.draft)
    assert context["checker"] == "" and context["signer"] == ""


def test_supporting_files_are_added_while_the_paper_may_be_edited(client, papers):
    """The author adds files to a draft; nobody adds to a signed paper; another group finds nothing."""
    from groups.workpapers.selectors import approval_of
    from groups.workpapers.services import working_paper_submit
    from tests.files.samples import make_pdf, upload
    from xunchar.files.models import Attachment
    from xunchar.files.services import UploadRefused, attachment_upload

    attachment = attachment_upload(owner=papers.draft, file=upload("记账凭证.pdf", make_pdf()), actor=papers.member1)
    for who in ("leader1", "member1"):
        with pytest.raises(UploadRefused):
            attachment_upload(owner=papers.signed, file=upload("补充.pdf", make_pdf()), actor=papers.users[who])
    with pytest.raises(UploadRefused):
        attachment_upload(owner=papers.draft, file=upload("补充.pdf", make_pdf()), actor=papers.liaison1)
    assert list(Attachment.objects.visible_to(papers.office).filter(pk=attachment.pk)) == [attachment]
    for other_group in (papers.member2, papers.liaison2):  # liaison2 still reaches group 2's material
        assert not Attachment.objects.visible_to(other_group).filter(pk=attachment.pk).exists()
        client.force_login(other_group)
        assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 404
    client.force_login(papers.member1)
    assert "记账凭证.pdf" in client.get(reverse("workpapers:detail", args=[papers.draft.pk])).content.decode()
    working_paper_submit(paper=papers.draft, actor=papers.member1)
    assert "附件：记账凭证.pdf" in str(approval_of(papers.draft).versions.get().content)


def test_the_decision_form_appears_for_whoever_decides_the_current_step(client, papers):
    paper = submitted(papers)
    url = reverse("workpapers:detail", args=[paper.pk])
    for who, shown in (("deputy1", 'value="check"'), ("leader1", None), ("member1", None)):
        client.force_login(papers.users[who])
        page = client.get(url).content.decode()
        assert ('data-testid="decide-paper"' in page) == bool(shown), who
        if shown:
            assert shown in page and 'value="sign"' not in page
    from groups.workpapers.services import working_paper_check

    working_paper_check(paper=paper, actor=papers.deputy1)
    client.force_login(papers.leader1)
    page = client.get(url).content.decode()
    assert 'value="sign"' in page and 'value="check"' not in page
    client.force_login(papers.deputy1)
    assert 'data-testid="decide-paper"' not in client.get(url).content.decode()
