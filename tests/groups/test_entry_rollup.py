"""S07.4: the office compiles every group's entry status for the leading group, on a page and in Excel."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from groups.services import checklist_mark, facilities_save, self_report_accept, self_report_submit
from groups.standards import ENTRY_CHECKLIST

from .helpers import report_of, sign_pledges

pytestmark = pytest.mark.django_db


def _prepare(county):
    sign_pledges(county, county.group1, except_for={"member1"})
    self_report_accept(version=county.self_report_version1, actor=county.leader1)
    for code in ("M1", "M2", "L1"):
        checklist_mark(inspection=county.inspection1, code=code, state="done", actor=county.member1)
    # Group 2 did its entry work on site; since its withdrawal (S28) member2 holds no rights in it.
    group2 = county.group2
    withdrawn_on = group2.withdrawn_on
    type(group2).objects.filter(pk=group2.pk).update(withdrawn_on=None)
    group2.refresh_from_db()
    sign_pledges(county, group2)
    self_report_submit(inspection=county.inspection2, sections=report_of(30, 0, 70), actor=county.member2)
    facilities_save(inspection=county.inspection2, actor=county.member2, office_space="三楼", suggestion_box="大厅",
                    petition_phone="0000-1", petition_hours="工作日")
    type(group2).objects.filter(pk=group2.pk).update(withdrawn_on=withdrawn_on)
    group2.refresh_from_db()


def test_the_page_shows_each_groups_status(client, county):
    _prepare(county)
    client.force_login(county.director)
    body = client.get(reverse("groups:entry_rollup", args=[county.round.pk])).content.decode()
    table = body.split('data-testid="entry-rollup"')[1].split("</table>")[0]
    group1, group2 = table.split("第二巡察组")[0], table.split("第二巡察组")[1]
    assert "3/4" in group1 and f"3/{len(ENTRY_CHECKLIST)}" in group1 and "83.33%" in group1
    assert "3/3" in group2 and "30%" in group2
    assert "2026年10月14日" in table


def test_the_round_page_links_to_it_for_the_office_only(client, county):
    url = reverse("groups:entry_rollup", args=[county.round.pk])
    client.force_login(county.secretary)
    assert url in client.get(reverse("rounds:detail", args=[county.round.pk])).content.decode()
    client.force_login(county.leader1)
    assert url not in client.get(reverse("rounds:detail", args=[county.round.pk])).content.decode()


def test_the_excel_has_one_row_per_unit(client, county):
    _prepare(county)
    client.force_login(county.office)
    response = client.get(reverse("groups:entry_rollup_export", args=[county.round.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("巡察组", "组长", "被巡察单位", "保密承诺书")
    assert rows[1][:4] == ("第一巡察组", str(county.leader1.cadre), "示例县财政局", "3/4")
    assert rows[2][2:4] == ("示例县教育局", "3/3")
    assert rows[2][9] == "30%" and rows[2][10] == "已登记"
    assert rows[1][11].date().isoformat() == "2026-10-14"


@pytest.mark.parametrize("persona", ["leader1", "member2", "unit1", "jiwei"])
def test_the_groups_and_others_are_refused(client, county, persona):
    client.force_login(county.users[persona])
    for name in ("groups:entry_rollup", "groups:entry_rollup_export"):
        assert client.get(reverse(name, args=[county.round.pk])).status_code == 403


def test_the_same_queries_for_2_groups_as_for_12(client, county, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import GroupMembershipFactory, InspectionFactory, InspectionGroupFactory

    url = reverse("groups:entry_rollup", args=[county.round.pk])
    client.force_login(county.office)
    _prepare(county)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(3, 13):
        group = InspectionGroupFactory(round=county.round, number=number, entered_on=None)
        GroupMembershipFactory(group=group, role="leader")
        GroupMembershipFactory(group=group)
        InspectionFactory(group=group)
        InspectionFactory(group=group)
    with django_assert_num_queries(len(few.captured_queries)):
        assert "第十二巡察组" in client.get(url).content.decode()
