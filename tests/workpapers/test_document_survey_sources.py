"""Requested documents (调阅资料) and surveys as a paper's sources: chosen only from the group's own
items the author may see (a posted pk of another group's item is refused, by the form and by the
service); a classified document is named by its registration data only; a reader who may not see a
linked item does not get it listed; the frozen version and the PDF name them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.surveys import services as survey_services
from groups.surveys.models import Survey
from groups.surveys.services import SurveyData
from groups.workpapers import services
from groups.workpapers.forms import WorkingPaperForm
from groups.workpapers.models import WorkingPaper
from groups.workpapers.papers import paper_snapshot, working_paper_pdf
from groups.workpapers.selectors import approval_of, document_label, sources_for, survey_label
from tests.docrequests.records import CLASSIFIED, MINUTES, add_group1_documents, item
from tests.documents.helpers import compact, pdf_text
from xunchar.documents.rendering import render_pdf

from .records import TITLE, paper_data, write

pytestmark = pytest.mark.django_db

SURVEY_TITLE = "财政局干部作风问卷"


def survey(county, *, inspection=None, actor="liaison1", title=SURVEY_TITLE, kind=Survey.Kind.QUESTIONNAIRE):
    return survey_services.survey_create(inspection=inspection or county.inspection1, actor=county.users[actor],
                                         data=SurveyData(title=title, kind=kind))


@pytest.fixture
def sourced(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_group1_documents(county)
    county.survey1 = survey(county)
    county.evaluation1 = survey(county, title="财政局领导班子民主测评", kind=Survey.Kind.EVALUATION)
    county.doc_other = item(county, "二组调阅的会议纪要", inspection=county.inspection2, actor="liaison2")
    county.survey_other = survey(county, inspection=county.inspection2, actor="liaison2", title="二组问卷")
    return county


def test_documents_and_surveys_are_chosen_and_shown(sourced):
    c = sourced
    paper = write(c, documents=[c.doc_out, c.doc_classified], surveys=[c.survey1])
    assert set(paper.documents.all()) == {c.doc_out, c.doc_classified}
    assert list(paper.surveys.all()) == [c.survey1]
    lines = {line.kind: [] for line in sources_for(c.member1, paper)}
    for line in sources_for(c.member1, paper):
        lines[line.kind].append(line)
    labels = [line.label for line in lines["document"]]
    assert f"调阅资料 {c.inspection1.unit}第{c.doc_out.number}项“{MINUTES}”" in labels
    classified = next(label for label in labels if CLASSIFIED in label)
    assert "秘密" in classified and "示财〔2024〕7号" in classified
    assert [line.label for line in lines["survey"]] == [f"问卷调查“{SURVEY_TITLE}”"]
    assert lines["survey"][0].url == c.survey1.get_absolute_url()


def test_the_form_offers_the_groups_own_documents_and_surveys(client, sourced):
    c = sourced
    form = WorkingPaperForm(group=c.group1, user=c.member1)
    documents, surveys = form.fields["documents"].queryset, form.fields["surveys"].queryset
    assert c.doc_classified in documents and c.doc_other not in documents
    assert {c.survey1, c.evaluation1} <= set(surveys) and c.survey_other not in surveys
    client.force_login(c.member1)
    page = client.get(reverse("workpapers:create", args=[c.group1.pk])).content.decode()
    assert document_label(c.doc_out) in page and survey_label(c.evaluation1) in page and "二组问卷" not in page


def test_choosing_them_through_the_form_and_keeping_them_on_edit(client, sourced):
    c = sourced
    client.force_login(c.member1)
    response = client.post(reverse("workpapers:create", args=[c.group1.pk]), {
        "title": TITLE, "summary": "摘要", "documents": [c.doc_requested.pk], "surveys": [c.evaluation1.pk],
    })
    assert response.status_code == 302
    paper = WorkingPaper.objects.get()
    assert list(paper.documents.all()) == [c.doc_requested] and list(paper.surveys.all()) == [c.evaluation1]
    edit = client.get(reverse("workpapers:edit", args=[paper.pk]))
    assert edit.context["form"].initial["documents"] == [c.doc_requested.pk]
    assert edit.context["form"].initial["surveys"] == [c.evaluation1.pk]


@pytest.mark.parametrize("kind", ["documents", "surveys"])
def test_another_groups_item_is_refused_by_the_service(sourced, kind):
    c = sourced
    other = c.doc_other if kind == "documents" else c.survey_other
    with pytest.raises(ValidationError) as refused:
        write(c, **{kind: [other]})
    assert kind in refused.value.error_dict
    assert not WorkingPaper.objects.exists()
    paper = write(c)
    with pytest.raises(ValidationError):
        services.working_paper_update(paper=paper, actor=c.member1, data=paper_data(c, **{kind: [other]}))
    assert not getattr(paper, kind).exists()


@pytest.mark.parametrize("kind", ["documents", "surveys"])
def test_another_groups_item_posted_is_refused(client, sourced, kind):
    c = sourced
    other = c.doc_other if kind == "documents" else c.survey_other
    client.force_login(c.member1)
    response = client.post(reverse("workpapers:create", args=[c.group1.pk]), {"title": TITLE, "summary": "摘要", kind: [other.pk]})
    assert response.status_code == 200 and kind in response.context["form"].errors
    assert not WorkingPaper.objects.exists()


@pytest.mark.parametrize("kind", ["documents", "surveys"])
def test_the_service_refuses_in_chinese(sourced, kind):
    from django.utils import translation

    c = sourced
    other = c.doc_other if kind == "documents" else c.survey_other
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        write(c, **{kind: [other]})
    message = refused.value.error_dict[kind][0].messages[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_a_reader_who_may_not_see_a_linked_item_does_not_get_it(client, sourced):
    """Linked outside the form (an item of group 2): group 1's people do not see it listed, the
    office (who sees both groups) does."""
    c = sourced
    paper = write(c, documents=[c.doc_out], surveys=[c.survey1])
    paper.documents.add(c.doc_other)
    paper.surveys.add(c.survey_other)
    mine = [line.label for line in sources_for(c.member1, paper)]
    assert document_label(c.doc_out) in mine and survey_label(c.survey1) in mine
    assert not any("二组" in label for label in mine)
    office = [line.label for line in sources_for(c.office, paper)]
    assert document_label(c.doc_other) in office and survey_label(c.survey_other) in office
    client.force_login(c.member1)
    page = client.get(reverse("workpapers:detail", args=[paper.pk])).content.decode()
    assert document_label(c.doc_out) in page and "二组调阅的会议纪要" not in page and "二组问卷" not in page
    # Edited by its author, who cannot see or drop them, the paper keeps both links.
    services.working_paper_update(paper=paper, actor=c.member1, data=paper_data(c, title="修改后", documents=[], surveys=[]))
    assert list(paper.documents.all()) == [c.doc_other] and list(paper.surveys.all()) == [c.survey_other]


def test_the_version_and_the_pdf_name_them(sourced):
    c = sourced
    paper = write(c, documents=[c.doc_classified], surveys=[c.evaluation1])
    services.working_paper_submit(paper=paper, actor=c.member1)
    content = str(approval_of(paper).versions.get().content)
    assert document_label(c.doc_classified) in content and "秘密" in content
    assert "民主测评“财政局领导班子民主测评”" in content
    assert document_label(c.doc_classified) in str(paper_snapshot(paper))
    template, context = working_paper_pdf(paper)
    assert document_label(c.doc_classified) in context["sources"] and survey_label(c.evaluation1) in context["sources"]
    text = compact(pdf_text(render_pdf(template, context)))
    # (the extracted text interleaves the cell's heading 问题来源 with the first line: look for its ends)
    assert f"调阅资料示例县财政局第{c.doc_classified.number}项" in text and "（秘密，示财〔2024〕7号）" in text
    assert compact("民主测评“财政局领导班子民主测评”") in text
