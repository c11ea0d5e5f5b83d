"""S07.1 and S07.3: the entry preparation checklist handed to the unit, marked item by item, and the
office space, suggestion box and petition channels agreed with it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.models import EntryChecklistMark, EntryFacilities
from groups.papers import entry_checklist_paper, pledge_paper
from groups.services import checklist_mark, pledge_sign
from groups.standards import CURRENT_PLEDGE, ENTRY_CHECKLIST

pytestmark = pytest.mark.django_db
FACILITIES = {
    "office_space": "局机关三楼301室", "suggestion_box": "办公楼一楼大厅东侧", "petition_phone": "0000-1234567",
    "petition_address": "示例县人民路8号", "petition_email": "xcz1@example.cn", "petition_mailbox": "示例县邮政信箱8号",
    "petition_hours": "工作日8:30—17:30",
}


def test_the_group_marks_items_sent_and_done_and_the_page_counts_the_done(client, county):
    client.force_login(county.member1)
    url = reverse("groups:checklist", args=[county.inspection1.pk])
    client.post(url, {"code": "M1", "state": "sent"})
    client.post(url, {"code": "L3", "state": "done", "note": "已设置"})
    client.post(url, {"code": "L1", "state": "done"})
    marks = dict(EntryChecklistMark.objects.filter(inspection=county.inspection1).values_list("code", "state"))
    assert marks == {"M1": "sent", "L3": "done", "L1": "done"}
    body = client.get(url).content.decode()
    assert f'data-testid="checklist-progress">2/{len(ENTRY_CHECKLIST)}<' in body
    assert "已设置" in body


def test_marking_twice_changes_nothing_and_an_unknown_item_is_refused(county):
    first = checklist_mark(inspection=county.inspection1, code="M2", state="done", actor=county.member1)
    again = checklist_mark(inspection=county.inspection1, code="M2", state="done", actor=county.leader1)
    assert again.marked_by == county.member1 and again.marked_at == first.marked_at
    with pytest.raises(ValidationError):
        checklist_mark(inspection=county.inspection1, code="Z9", state="done", actor=county.member1)


def test_the_unit_contact_reads_its_checklist_but_does_not_mark_it(client, county):
    checklist_mark(inspection=county.inspection1, code="M1", state="sent", actor=county.member1)
    client.force_login(county.unit1)
    url = reverse("groups:checklist", args=[county.inspection1.pk])
    body = client.get(url).content.decode()
    assert ENTRY_CHECKLIST[0].text in body and 'name="state"' not in body
    assert client.post(url, {"code": "M1", "state": "done"}).status_code == 403
    assert client.get(reverse("groups:checklist", args=[county.inspection2.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["member2", "liaison2", "jiwei"])
def test_others_do_not_find_the_checklist(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(reverse("groups:checklist", args=[county.inspection1.pk])).status_code == 404
    assert client.post(reverse("groups:checklist", args=[county.inspection1.pk]), {"code": "M1", "state": "done"}).status_code == 404


def test_the_office_reads_the_checklist_but_does_not_mark_it(client, county):
    client.force_login(county.office)
    url = reverse("groups:checklist", args=[county.inspection1.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"code": "M1", "state": "done"}).status_code == 403
    assert not EntryChecklistMark.objects.exists()


def test_the_group_records_the_facilities(client, county):
    client.force_login(county.liaison1)
    url = reverse("groups:facilities", args=[county.inspection1.pk])
    assert client.post(url, FACILITIES).status_code == 302
    facilities = EntryFacilities.objects.get(inspection=county.inspection1)
    assert facilities.suggestion_box == "办公楼一楼大厅东侧" and facilities.updated_by == county.liaison1
    client.force_login(county.director)
    body = client.get(url).content.decode()
    assert "0000-1234567" in body and 'name="office_space"' not in body
    assert client.post(url, FACILITIES).status_code == 403


@pytest.mark.parametrize("persona", ["member2", "liaison2", "unit1"])
def test_others_do_not_find_the_facilities(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(reverse("groups:facilities", args=[county.inspection1.pk])).status_code == 404


def test_the_checklist_paper_lists_every_item_with_its_state(county):
    checklist_mark(inspection=county.inspection1, code="M1", state="done", actor=county.member1, note="已报送")
    template, context = entry_checklist_paper(county.inspection1)
    assert template == "groups/papers/entry_checklist.html"
    assert context["title"] == "进驻准备工作清单" and context["unit"] == "示例县财政局"
    rows = [row for _label, section in context["sections"] for row in section]
    assert len(rows) == len(ENTRY_CHECKLIST)
    assert rows[0] == (1, ENTRY_CHECKLIST[0].text, "已完成", "已报送")
    assert rows[1][2:] == ("", "")


def test_the_pledge_paper_carries_the_wording_signed(county):
    pledge = pledge_sign(group=county.group1, actor=county.deputy1, text_version=CURRENT_PLEDGE)
    template, context = pledge_paper(pledge)
    assert template == "groups/papers/pledge.html"
    assert context["name"] == str(county.deputy1.cadre)
    assert context["version"] == CURRENT_PLEDGE and context["text"] == pledge.text
    assert context["signed_on"].endswith("日")
