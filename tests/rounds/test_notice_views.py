"""The notice pages: the unit contact reads only its own notice, and only once issued; a group reads
the copies of its own notices; the office drafts, edits and issues."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rounds.models import InspectionNotice
from rounds.prep_services import notice_issue, notice_update, notices_prepare
from tests.factories import InspectionFactory, InspectionGroupFactory, RoundFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = date


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


def _listed(client, user, round_):
    response = _get(client, user, "rounds:notice_list", round_.pk)
    assert response.status_code == 200
    return {n.pk for n in response.context["notices"]}


def test_unit1_sees_only_the_notice_to_its_unit(client, county):
    assert _listed(client, county.unit1, county.round) == {county.notice1.pk}
    assert _get(client, county.unit1, "rounds:notice_detail", county.notice1.pk).status_code == 200
    assert _get(client, county.unit1, "rounds:notice_detail", county.notice2.pk).status_code == 404


def test_unit1_sees_nothing_before_the_notice_is_issued(client, county):
    """A later round inspects unit1's unit again: its draft notice stays hidden until issued."""
    round_ = RoundFactory(year=2027, number=1, mobilization_date=D(2027, 3, 1))
    group = InspectionGroupFactory(round=round_, number=1)
    InspectionFactory(group=group, unit=county.unit_a)
    from rounds.models import MobilizationMeeting

    MobilizationMeeting.objects.create(round=round_, held_on=D(2027, 3, 1), place="会议室", chair="县委书记",
                                       recorded_by=county.office)
    (draft,) = notices_prepare(round=round_, actor=county.office)
    assert _listed(client, county.unit1, round_) == set()
    response = _get(client, county.unit1, "rounds:notice_detail", draft.pk)
    assert response.status_code == 404
    assert draft.title not in response.content.decode()
    notice_update(notice=draft, actor=county.office, contact_person="联络员", contact_phone="0999-1")
    notice_issue(notice=draft, actor=county.office, issued_on=D(2027, 3, 2))
    assert _listed(client, county.unit1, round_) == {draft.pk}
    assert _get(client, county.unit1, "rounds:notice_detail", draft.pk).status_code == 200


def test_group_two_is_refused_group_ones_notice(client, county):
    for persona in ("leader2", "liaison2", "member2"):
        response = _get(client, county.users[persona], "rounds:notice_detail", county.notice1.pk)
        assert response.status_code == 404
        assert "示例县财政局党组织" not in response.content.decode()
    assert _listed(client, county.liaison2, county.round) == set()  # group 2's own is still a draft


def test_a_group_reads_the_copy_of_its_issued_notice_not_drafts(client, county):
    assert _listed(client, county.member1, county.round) == {county.notice1.pk}
    page = _get(client, county.member1, "rounds:notice_detail", county.notice1.pk).content.decode()
    assert "巡察办发〔2026〕1号" in page and "县委第一巡察组" in page
    assert reverse("rounds:notice_edit", args=[county.notice1.pk]) not in page


def test_office_and_leadership_see_drafts(client, county):
    for persona in ("office", "secretary"):
        assert _listed(client, county.users[persona], county.round) == {county.notice1.pk, county.notice2.pk}


def test_an_issued_notice_cannot_be_edited_through_the_page(client, county):
    client.force_login(county.office)
    url = reverse("rounds:notice_edit", args=[county.notice1.pk])
    assert client.get(url).status_code == 302
    data = {field: getattr(county.notice1, field) for field in (
        "title", "addressee", "opening", "main_tasks", "working_methods", "schedule", "contact_person",
        "contact_phone", "contact_mailbox", "contact_arrangements", "requirements")}
    data["title"] = "被改动的标题"
    client.post(url, data)
    county.notice1.refresh_from_db()
    assert county.notice1.title != "被改动的标题"


def test_the_office_edits_a_draft(client, county):
    client.force_login(county.office)
    data = {field: getattr(county.notice2, field) for field in (
        "title", "addressee", "opening", "main_tasks", "working_methods", "schedule", "contact_person",
        "contact_phone", "contact_mailbox", "contact_arrangements", "requirements")}
    data["contact_phone"] = "0999-7654321"
    response = client.post(reverse("rounds:notice_edit", args=[county.notice2.pk]), data)
    assert response.status_code == 302
    county.notice2.refresh_from_db()
    assert county.notice2.contact_phone == "0999-7654321"


@pytest.mark.parametrize("persona", ["secretary", "leader2", "unit1"])
def test_only_the_office_edits_and_issues_through_the_pages(client, county, persona):
    user = county.users[persona]
    client.force_login(user)
    assert client.get(reverse("rounds:notice_edit", args=[county.notice2.pk])).status_code in (403, 404)
    response = client.post(reverse("rounds:notice_issue", args=[county.notice2.pk]), {"issued_on": "2026-10-13"})
    assert response.status_code in (403, 404)
    response = client.post(reverse("rounds:notice_issue_all", args=[county.round.pk]), {"issued_on": "2026-10-13"})
    assert response.status_code in (403, 404)
    response = client.post(reverse("rounds:notice_prepare", args=[county.round.pk]))
    assert response.status_code in (403, 404)
    county.notice2.refresh_from_db()
    assert county.notice2.status == "draft"


def test_issue_all_through_the_page(client, county):
    InspectionFactory(group=county.group1, unit=UnitFactory(name="示例县水务局"))
    client.force_login(county.office)
    client.post(reverse("rounds:notice_prepare", args=[county.round.pk]))
    response = client.post(reverse("rounds:notice_issue_all", args=[county.round.pk]), {"issued_on": "2026-10-12"})
    assert response.status_code == 302
    assert not InspectionNotice.objects.filter(status="draft").exists()
    assert sorted(InspectionNotice.objects.values_list("serial", flat=True)) == [1, 2, 3]


def test_a_refused_issue_all_shows_why(client, county):
    InspectionNotice.objects.filter(pk=county.notice2.pk).update(contact_phone="")
    client.force_login(county.office)
    response = client.post(
        reverse("rounds:notice_issue_all", args=[county.round.pk]), {"issued_on": "2026-10-12"}, follow=True
    )
    assert "示例县教育局" in response.content.decode()
    county.notice2.refresh_from_db()
    assert county.notice2.status == "draft"


def test_the_list_makes_the_same_queries_for_3_or_30_notices(client, county):
    client.force_login(county.office)

    def grow(n):
        for _ in range(n):
            InspectionFactory(group=county.group2, unit=UnitFactory())
        notices_prepare(round=county.round, actor=county.office)

    grow(1)
    url = reverse("rounds:notice_list", args=[county.round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow(27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["notices"]) == 30
    assert len(many) == len(few)


def test_the_detail_makes_the_same_queries_for_a_short_or_long_notice(client, county):
    client.force_login(county.member1)
    url = reverse("rounds:notice_detail", args=[county.notice1.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    InspectionNotice.objects.filter(pk=county.notice1.pk).update(main_tasks="\n".join(["一段"] * 30))
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
