"""S05.1–S05.2: public-opinion notes about a unit and its focus list with integrity risk points, in an
order the group sets. Group material: not for the unit's contact, nor for the other group."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.models import FocusItem, OpinionNote
from groups.services import focus_item_add, focus_item_move, opinion_note_record

pytestmark = pytest.mark.django_db


def test_a_member_records_a_note_with_source_date_summary_and_link(client, county):
    client.force_login(county.member1)
    response = client.post(reverse("groups:opinion_create", args=[county.inspection1.pk]), {
        "source": "某论坛", "noted_on": "2026-09-30", "summary": "反映办事窗口态度生硬", "link": "https://bbs.example.cn/t/1",
    })
    assert response.status_code == 302
    note = OpinionNote.objects.get(source="某论坛")
    assert (note.recorded_by, note.noted_on, note.link) == (county.member1, datetime.date(2026, 9, 30), "https://bbs.example.cn/t/1")
    body = client.get(reverse("groups:opinion_list", args=[county.inspection1.pk])).content.decode()
    assert "反映办事窗口态度生硬" in body


def test_focus_items_keep_their_order_and_move_up_and_down(client, county):
    second = focus_item_add(inspection=county.inspection1, actor=county.member1, area="干部选拔任用", description="近三年提拔情况",
                            risk_points="超职数配备", source="briefing", priority="high")
    third = focus_item_add(inspection=county.inspection1, actor=county.member1, area="窗口服务", description="群众反映",
                           risk_points="吃拿卡要", source="opinion", priority="low", opinion_note=county.opinion1)
    assert [second.position, third.position] == [2, 3]
    client.force_login(county.liaison1)
    client.post(reverse("groups:focus_move", args=[third.pk]), {"direction": "up"})
    assert list(FocusItem.objects.filter(inspection=county.inspection1).values_list("area", flat=True)) == [
        "财政资金管理", "窗口服务", "干部选拔任用"
    ]
    focus_item_move(item=county.focus1, direction="up", actor=county.member1)  # already first: nothing moves
    assert FocusItem.objects.get(pk=county.focus1.pk).position == 1


def test_only_an_opinion_item_names_a_note_of_the_same_unit(county):
    with pytest.raises(ValidationError):
        focus_item_add(inspection=county.inspection1, actor=county.member1, area="a", description="b", risk_points="c",
                       source="briefing", priority="low", opinion_note=county.opinion1)
    other = opinion_note_record(inspection=county.inspection2, actor=county.liaison2, source="报纸",
                                noted_on=datetime.date(2026, 9, 1), summary="学校收费")
    with pytest.raises(ValidationError):
        focus_item_add(inspection=county.inspection1, actor=county.member1, area="a", description="b", risk_points="c",
                       source="opinion", priority="low", opinion_note=other)


@pytest.mark.parametrize("persona", ["office", "secretary"])
def test_the_office_and_leadership_read_but_do_not_write(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(reverse("groups:focus_list", args=[county.inspection1.pk])).status_code == 200
    assert client.get(reverse("groups:opinion_list", args=[county.inspection1.pk])).status_code == 200
    assert client.post(reverse("groups:focus_create", args=[county.inspection1.pk]), {}).status_code == 403
    assert client.post(reverse("groups:opinion_create", args=[county.inspection1.pk]), {}).status_code == 403
    assert client.post(reverse("groups:focus_move", args=[county.focus1.pk]), {"direction": "down"}).status_code == 403
    assert client.post(reverse("groups:opinion_edit", args=[county.opinion1.pk]), {}).status_code == 403


@pytest.mark.parametrize("persona", ["member2", "liaison2", "unit1", "jiwei"])
def test_others_do_not_find_them(client, county, persona):
    client.force_login(county.users[persona])
    for url in (reverse("groups:focus_list", args=[county.inspection1.pk]),
                reverse("groups:focus_edit", args=[county.focus1.pk]),
                reverse("groups:opinion_list", args=[county.inspection1.pk]),
                reverse("groups:opinion_edit", args=[county.opinion1.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert "专项资金挪用" not in response.content.decode()


@pytest.mark.parametrize("name", ["groups:focus_list", "groups:opinion_list"])
def test_the_lists_make_the_same_queries_for_3_rows_as_for_30(client, county, django_assert_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add():
        note = opinion_note_record(inspection=county.inspection1, actor=county.member1, source="网站",
                                   noted_on=datetime.date(2026, 9, 1), summary="情况")
        focus_item_add(inspection=county.inspection1, actor=county.member1, area="领域", description="内容",
                       risk_points="风险", source="opinion", priority="medium", opinion_note=note)

    url = reverse(name, args=[county.inspection1.pk])
    client.force_login(county.member1)
    for _ in range(2):
        add()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(27):
        add()
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
