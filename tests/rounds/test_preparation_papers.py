"""Every paper of the preparation phase comes out as a PDF whose text holds the expected Chinese and
whose fonts are all embedded — the project's own, so any machine prints it the same."""

import datetime

import pytest
from django.urls import reverse

from groups import services as group_services
from groups.models import GroupMembership
from groups.standards import CURRENT_PLEDGE
from rounds import plans, staffing
from rounds.models import RecusalDeclaration, Round
from tests.documents.helpers import compact, pdf_fonts, pdf_text
from tests.factories import CadreFactory, RoundFactory, UnitFactory
from xunchar.approvals.services import approval_decide, approval_submit
from xunchar.documents.registry import document_kind
from xunchar.documents.rendering import render_pdf

pytestmark = pytest.mark.django_db
Role = GroupMembership.RoundRole


def _pdf(code, subject) -> bytes:
    template, context = document_kind(code).build(subject)
    return render_pdf(template, context)


def _check(content: bytes, *phrases):
    text = compact(pdf_text(content))
    for phrase in phrases:
        assert compact(phrase) in text, f"{phrase!r} not in the PDF's text"
    fonts = pdf_fonts(content)
    assert fonts, "no font in the PDF"
    for font in fonts:
        assert font["embedded"] and font["unicode"] and font["type"] != "Type 3", font
        assert "Xunchar" in font["name"], f"a font the project does not ship: {font['name']}"


@pytest.fixture
def round3(county):
    round_ = RoundFactory(year=2026, number=3, phase=Round.Phase.PREPARATION, mobilization_date=datetime.date(2026, 12, 14))
    group = staffing.group_create(round=round_, actor=county.office)
    staffing.inspection_add(group=group, unit=UnitFactory(name="示例县农业农村局"), actor=county.office)
    staffing.membership_add(group=group, cadre=CadreFactory(name="欧阳明"), role=Role.LEADER, actor=county.office)
    staffing.membership_add(group=group, cadre=CadreFactory(name="司马静"), role=Role.DEPUTY, actor=county.office)
    return round_


def test_task_allocation_plan_prints_the_approved_version(county, round3):
    plan = plans.task_plan_of(round3)
    plans.task_plan_update(plan=plan, actor=county.office, consultation="征求了县纪委监委意见", explanation="")
    request = approval_submit(chain=plans.TASK_PLAN, subject=plan, actor=county.office)
    draft = _pdf("rounds.task_plan", plan)
    _check(draft, "2026年第三轮巡察任务分工方案", "欧阳明", "示例县农业农村局", "此为送审稿")
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="同意")
    approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    approved = _pdf("rounds.task_plan", plan)
    _check(approved, "2026年第三轮巡察任务分工方案", "中共示例县委巡察工作领导小组办公室", "第一巡察组", "司马静")
    assert "送审稿" not in pdf_text(approved)


def test_work_plan_and_authorization_decision(county, round3):
    work_plan = plans.work_plan_of(round3)
    work_plan = plans.work_plan_update(plan=work_plan, actor=county.office, tasks="召开动员部署会", requirements="严守保密纪律")
    _check(_pdf("rounds.work_plan", work_plan), "2026年第三轮巡察工作方案", "时间安排", "2026年12月14日", "严守保密纪律")
    decision = plans.authorization_of(round3.groups.get())
    _check(_pdf("rounds.authorization", decision), "组长授权任职及任务分工的决定", "欧阳明", "临时党支部书记")


def test_inspection_notice_and_briefing_letter(county):
    _check(_pdf("rounds.inspection_notice", county.notice1), "关于县委第一巡察组对示例县财政局党组织开展巡察的通知", "巡察办发〔2026〕1号", "2026年10月12日")
    _check(_pdf("rounds.briefing_letter", county.briefing_sent), "关于商请通报被巡察党组织有关情况的函", "第一巡察组")


def test_recusal_declaration_form(county, round3):
    group = round3.groups.get()
    cadre = group.memberships.get(role=Role.DEPUTY).cadre
    staffing.recusal_declare(group=group, actor=county.office, cadre=cadre, nothing_to_declare=False, statement="本人妻子在县农业农村局工作")
    declaration = RecusalDeclaration.objects.get(cadre=cadre)
    _check(_pdf("rounds.recusal_declaration", declaration), "巡察干部回避申请表", "司马静", "本人妻子在县农业农村局工作")


def test_pledge_and_entry_checklist(county):
    pledge = group_services.pledge_sign(group=county.group1, actor=county.member1, text_version=CURRENT_PLEDGE)
    _check(_pdf("groups.pledge", pledge), "巡察工作保密承诺书", str(county.member1.cadre))
    _check(_pdf("groups.entry_checklist", county.inspection1), "进驻准备工作清单", "示例县财政局")


def test_a_paper_is_printed_only_by_who_may_read_it(client, county, round3, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = plans.task_plan_of(round3)
    url = reverse("documents:request", args=["rounds.task_plan", plan.pk])
    for persona in ("leader1", "member1", "unit1", "jiwei"):
        client.force_login(county.users[persona])
        assert client.post(url).status_code == 404
    client.force_login(county.office)
    assert client.post(url).status_code == 302


def test_a_declaration_is_read_and_printed_by_its_person_and_the_office_only(client, county, settings, tmp_path):
    """It names relatives and their workplaces: not for the person's group leader or colleagues."""
    settings.MEDIA_ROOT = tmp_path
    Round.objects.filter(pk=county.round.pk).update(phase=Round.Phase.PREPARATION)
    staffing.recusal_declare(group=county.group1, actor=county.member1, nothing_to_declare=False, statement="妻子在县财政局工作")
    declaration = RecusalDeclaration.objects.get(cadre=county.member1.cadre)
    url = reverse("documents:request", args=["rounds.recusal_declaration", declaration.pk])
    for persona in ("leader1", "deputy1", "liaison1", "member2", "liaison2", "unit1", "jiwei"):
        client.force_login(county.users[persona])
        assert client.post(url).status_code == 404, persona
        assert not RecusalDeclaration.objects.visible_to(county.users[persona]).exists()
    for persona in ("member1", "office", "secretary"):
        client.force_login(county.users[persona])
        assert client.post(url).status_code == 302, persona
