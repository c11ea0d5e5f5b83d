"""The talk pages: the plan with its filters and proposals, planning through the form, recording a
talk as held (the one-to-one refusal shown to the user), the record page, the roster export and the
个别谈话记录 PDF; in scope but without the right is 403."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from groups.talk_models import Talk, TalkProblem, TalkRecord
from tests.documents.helpers import compact, pdf_text
from tests.factories import CadreFactory
from xunchar.documents.registry import document_kind
from xunchar.documents.rendering import render_pdf
from xunchar.registry.models import Cadre

from .talk_records import SECRET_PROBLEM, SECRET_RECORD, SUBJECT_NAME, add_group1_talks, member, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def talked(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return add_group1_talks(county)


def test_the_group_page_links_the_talks(client, county):
    client.force_login(county.member1)
    page = client.get(reverse("groups:detail", args=[county.group1.pk])).content.decode()
    assert reverse("groups:talk_list", args=[county.group1.pk]) in page


def test_the_plan_lists_filters_and_searches(client, talked):
    client.force_login(talked.member1)
    url = reverse("groups:talk_list", args=[talked.group1.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["page"].paginator.count == 3
    body = page.content.decode()
    assert SUBJECT_NAME in body and "孙明礼" in body and SECRET_RECORD not in body
    assert client.get(url, {"state": "planned"}).context["page"].paginator.count == 1
    assert client.get(url, {"q": "孙明"}).context["page"].paginator.count == 1
    assert client.get(url, {"q": SECRET_RECORD[:6]}).context["page"].paginator.count == 0  # the plan only


def test_the_plan_proposes_the_units_leadership_and_fills_the_form(client, talked):
    head = CadreFactory(name="班子首长", unit=talked.unit_a, post="党组书记、局长", rank=Cadre.Rank.SECTION_PRINCIPAL)
    client.force_login(talked.liaison1)
    page = client.get(reverse("groups:talk_list", args=[talked.group1.pk]))
    assert [p.cadre for p in page.context["proposals"]] == [head]
    form = client.get(reverse("groups:talk_create", args=[talked.group1.pk]), {"cadre": head.pk}).context["form"]
    assert form.initial["subject_name"] == "班子首长" and form.initial["subject_kind"] == "leadership"
    # the office reads the plan but plans nothing: no proposals
    client.force_login(talked.office)
    assert client.get(reverse("groups:talk_list", args=[talked.group1.pk])).context["proposals"] == []


def test_the_list_makes_the_same_queries_for_more_talks(client, talked, django_assert_num_queries):
    client.force_login(talked.leader1)
    url = reverse("groups:talk_list", args=[talked.group1.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        talk = plan(talked, name=f"对象{n}", planned_on=datetime.date(2026, 10, 21))
        if n % 2:
            from .talk_records import hold

            hold(talked, talk, held_on=datetime.date(2026, 10, 21))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_planning_through_the_form(client, county):
    client.force_login(county.liaison1)
    url = reverse("groups:talk_create", args=[county.group1.pk])
    assert client.get(url).status_code == 200
    data = {"inspection": county.inspection1.pk, "subject_name": "周某某", "subject_post": "财政局办公室主任",
            "subject_kind": "department_head", "planned_on": "2026-12-01", "planned_time": "09:30", "place": "驻地二号谈话室",
            "safety_notes": "谈话室不放置文件", "outline": "请谈谈办公室经费管理", "staff": [member(county, "liaison1").pk, member(county, "member1").pk],
            "recorder": member(county, "member1").pk}
    response = client.post(url, data)
    talk = Talk.objects.get(subject_name="周某某")
    assert response.status_code == 302 and response["Location"] == talk.get_absolute_url()
    assert talk.staff.count() == 2 and talk.planned_time == datetime.time(9, 30)
    # one staff and no reason: the form says why
    data.update(subject_name="吴某某", staff=[member(county, "liaison1").pk], recorder=member(county, "liaison1").pk)
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["one_to_one_reason"]
    assert not Talk.objects.filter(subject_name="吴某某").exists()


def test_a_group_member_of_another_round_role_is_refused_planning_and_reading_marks(client, talked):
    # in scope (office) but without the right: 403
    client.force_login(talked.office)
    assert client.get(reverse("groups:talk_create", args=[talked.group1.pk])).status_code == 403
    assert client.post(reverse("groups:talk_held", args=[talked.talk3.pk])).status_code == 403
    assert client.post(reverse("groups:talk_record", args=[talked.talk1.pk]), {"content": "改"}).status_code == 403
    client.force_login(talked.member1)
    assert client.post(reverse("groups:talk_record_read", args=[talked.talk1.pk])).status_code == 403
    assert TalkRecord.objects.get(pk=talked.talk_record1.pk).read_by_leader_at is None


def test_one_staff_without_approval_is_refused_with_the_message(client, talked):
    client.force_login(talked.liaison1)
    response = client.post(reverse("groups:talk_held", args=[talked.talk3.pk]), {
        "held_on": "2026-10-25", "staff": [member(talked, "liaison1").pk], "recorder": member(talked, "liaison1").pk,
    }, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert any("approval" in t or "批准" in t for t in texts), texts
    assert Talk.objects.get(pk=talked.talk3.pk).state == Talk.State.PLANNED


def test_held_through_the_page_opens_the_record(client, talked):
    client.force_login(talked.liaison1)
    response = client.post(reverse("groups:talk_held", args=[talked.talk3.pk]), {
        "held_on": "2026-10-25", "staff": [member(talked, "liaison1").pk, member(talked, "member1").pk],
        "recorder": member(talked, "member1").pk,
    })
    assert response.status_code == 302 and response["Location"] == reverse("groups:talk_record", args=[talked.talk3.pk])
    assert Talk.objects.get(pk=talked.talk3.pk).state == Talk.State.HELD


def test_the_record_page_saves_tags_and_is_read_by_the_leader(client, talked):
    client.force_login(talked.member1)
    url = reverse("groups:talk_record", args=[talked.talk1.pk])
    page = client.get(url).content.decode()
    assert SECRET_RECORD in page and SECRET_PROBLEM in page and "惠农补贴" in page
    client.post(url, {"content": "新的记录内容"})
    assert TalkRecord.objects.get(pk=talked.talk_record1.pk).content == "新的记录内容"
    client.post(reverse("groups:talk_problem_add", args=[talked.talk1.pk]),
                {"category": "personnel", "text": "干部提拔程序不规范", "person_concerned": "", "tags": "选人用人"})
    assert TalkProblem.objects.filter(record=talked.talk_record1, category="personnel").exists()
    client.force_login(talked.leader1)
    assert client.post(reverse("groups:talk_record_read", args=[talked.talk1.pk])).status_code == 302
    assert TalkRecord.objects.get(pk=talked.talk_record1.pk).read_by_leader == talked.leader1
    assert 'data-testid="mark-read"' not in client.get(url).content.decode()


def test_a_planned_talk_has_no_record_page(client, talked):
    client.force_login(talked.member1)
    assert client.get(reverse("groups:talk_record", args=[talked.talk3.pk])).status_code == 404


def test_the_roster_export(client, talked):
    client.force_login(talked.director)
    response = client.get(reverse("groups:talk_export", args=[talked.group1.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "谈话对象", "单位及职务") and len(rows) == 4
    assert any(row[1] == "孙明礼" and row[-1] == "一对一谈话" for row in rows[1:])
    assert not any(SECRET_RECORD in str(cell) for row in rows for cell in row if cell)


def test_the_talk_record_pdf(client, talked):
    template, context = document_kind("groups.talk_record").build(talked.talk_record1)
    text = compact(pdf_text(render_pdf(template, context)))
    for phrase in ("个别谈话记录", SUBJECT_NAME, SECRET_RECORD, SECRET_PROBLEM, "巡察组驻地谈话室"):
        assert compact(phrase) in text, phrase
    client.force_login(talked.member1)
    assert client.post(reverse("documents:request", args=["groups.talk_record", talked.talk_record1.pk])).status_code == 302
    for other_group in (talked.member2, talked.liaison2):  # liaison2 still reaches group 2's material
        client.force_login(other_group)
        assert client.post(reverse("documents:request", args=["groups.talk_record", talked.talk_record1.pk])).status_code == 404


def test_the_one_to_one_talk_shows_its_approval(client, talked):
    client.force_login(talked.member1)
    page = client.get(reverse("groups:talk_detail", args=[talked.talk2.pk])).content.decode()
    assert "approval-panel" in page and "反映人要求单独谈话" in page


def test_the_office_edits_the_generic_outline_and_the_groups_read_it(client, talked):
    url = reverse("groups:talk_outline", args=[talked.round.pk])
    client.force_login(talked.office)
    client.post(url, {"text": "二、对选人用人工作的评价"})
    client.force_login(talked.member1)
    page = client.get(url)
    assert "二、对选人用人工作的评价" in page.content.decode()
    assert client.post(url, {"text": "组员改"}).status_code == 403


def test_the_page_says_in_chinese_why_a_one_to_one_talk_is_refused(client, county):
    """Done-when of issue 5: a one-to-one talk without approval is refused with a clear message."""
    from tests.groups.talk_records import member, plan

    talk = plan(county)
    client.force_login(county.liaison1)
    liaison = member(county, "liaison1")
    response = client.post(reverse("groups:talk_held", args=[talk.pk]),
                           {"held_on": "2026-10-20", "staff": [liaison.pk], "recorder": liaison.pk}, follow=True)
    assert "一对一谈话须经巡察组组长批准后方可进行" in response.content.decode()
    talk.refresh_from_db()
    assert talk.state == talk.State.PLANNED
