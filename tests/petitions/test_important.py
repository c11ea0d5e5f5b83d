"""重要信访呈批单: an important item goes to the group leader, the only one who instructs; the
instruction shows on the item's page and on the PDF, which never prints the petitioner."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from petitions import services
from petitions.models import Petition
from tests.documents.helpers import compact, pdf_fonts, pdf_text
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.selectors import pending_for
from xunchar.approvals.services import approval_decide
from xunchar.documents.registry import document_kind
from xunchar.documents.rendering import render_pdf

from .records import SECRET_ID_NUMBER, SECRET_PETITIONER, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def important(county):
    petition = register(county, summary="反映财政局局长插手项目招标")
    services.petition_mark_important(petition=petition, actor=county.liaison1, proposal="建议报组长批示，列为重点了解事项。")
    return Petition.objects.get(pk=petition.pk)


def test_it_reaches_the_leaders_inbox_only(county, important):
    request = services.important_request(important)
    assert request.state == ApprovalRequest.State.IN_REVIEW
    assert [r.pk for r in pending_for(county.leader1)] == [request.pk]
    for persona in ("deputy1", "liaison1", "member1", "leader2", "secretary", "director"):
        assert pending_for(county.users[persona]) == [], persona


@pytest.mark.parametrize("persona", ["deputy1", "liaison1", "leader2", "secretary", "director"])
def test_only_the_groups_leader_instructs(county, important, persona):
    request = services.important_request(important)
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.users[persona], passed=True, opinion="同意")
    request.refresh_from_db()
    assert request.state == ApprovalRequest.State.IN_REVIEW


def test_the_instruction_shows_on_the_page_and_the_pdf(client, county, important):
    request = services.important_request(important)
    approval_decide(request=request, actor=county.leader1, passed=True, opinion="请副组长牵头，十日内了解核实。")
    decision = request.decisions.get(outcome="signed")
    assert decision.actor_title == "第一巡察组组长" or "第一巡察组" in decision.actor_title
    client.force_login(county.member1)
    page = client.get(reverse("petitions:detail", args=[important.pk])).content.decode()
    assert "请副组长牵头，十日内了解核实。" in page
    template, context = document_kind("petitions.important").build(important)
    content = render_pdf(template, context)
    text = compact(pdf_text(content))
    for phrase in ("重要信访呈批单", "一组信〔2026〕1号", "反映财政局局长插手项目招标", "建议报组长批示", "请副组长牵头，十日内了解核实。",
                   county.leader1.display_name, "（按规定另行保管）"):
        assert compact(phrase) in text, phrase
    assert SECRET_PETITIONER not in text and SECRET_ID_NUMBER not in text
    fonts = pdf_fonts(content)
    assert fonts and all(font["embedded"] and font["unicode"] for font in fonts)


def test_the_pdf_is_refused_outside_the_group_and_for_an_ordinary_item(client, county, important):
    ordinary = register(county)
    for other_group in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        client.force_login(other_group)
        assert client.post(reverse("documents:request", args=["petitions.important", important.pk])).status_code == 404
    client.force_login(county.leader1)
    assert client.post(reverse("documents:request", args=["petitions.important", ordinary.pk])).status_code == 404


def test_an_anonymous_item_prints_as_anonymous(county):
    petition = register(county, anonymous=True)
    services.petition_mark_important(petition=petition, actor=county.deputy1, proposal="报组长")
    _template, context = document_kind("petitions.important").build(Petition.objects.get(pk=petition.pk))
    assert context["petitioner"] == "匿名"


def test_returned_by_the_leader_the_proposal_is_revised_and_sent_again(county, important):
    request = services.important_request(important)
    approval_decide(request=request, actor=county.leader1, passed=False, opinion="拟办意见过于笼统，请具体化。")
    services.petition_mark_important(petition=important, actor=county.liaison1, proposal="建议调阅2025年以来招投标档案，约谈相关股室负责人。")
    request.refresh_from_db()
    assert request.state == ApprovalRequest.State.IN_REVIEW
    assert request.versions.count() == 2
    important.content.refresh_from_db()
    assert important.content.proposal.startswith("建议调阅")
    # while it is with the leader, marking it again changes nothing
    services.petition_mark_important(petition=important, actor=county.liaison1, proposal="另一个意见")
    important.content.refresh_from_db()
    assert important.content.proposal.startswith("建议调阅")
