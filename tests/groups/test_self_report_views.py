"""The unit's self-report (S07.2): the unit's contact or the group's people submit it section by section,
the system measures it, the group's leader, deputy or liaison accept or return it; every version is kept."""

import pytest
from django.urls import reverse

from groups.models import SelfReport, SelfReportVersion
from groups.services import self_report_submit

from .helpers import report_of, zh

pytestmark = pytest.mark.django_db


def _post_sections(client, inspection, sections):
    data = {"sections-TOTAL_FORMS": str(len(sections)), "sections-INITIAL_FORMS": "0"}
    for i, (kind, text) in enumerate(sections):
        data[f"sections-{i}-kind"] = kind
        data[f"sections-{i}-text"] = text
    return client.post(reverse("groups:self_report_submit", args=[inspection.pk]), data, follow=True)


def test_the_unit_contact_submits_from_the_units_side_and_sees_the_figure(client, county):
    client.force_login(county.unit1)
    response = _post_sections(client, county.inspection1, [("problems", "资金拨付滞后" * 10), ("other", "工作成效" * 5)])
    assert response.status_code == 200
    report = SelfReport.objects.get(inspection=county.inspection1)
    assert report.version_count == 2  # the fixture's version 1, then this one
    latest = report.versions.get(number=2)
    assert latest.submitted_by == county.unit1
    assert latest.outcome == SelfReportVersion.Outcome.PENDING
    assert report.versions.get(number=1).outcome == SelfReportVersion.Outcome.SUPERSEDED
    assert "75%" in response.content.decode()  # 60 of 80 characters
    # the group's leader, deputy and liaison are told; the member is not
    for persona, told in (("leader1", True), ("deputy1", True), ("liaison1", True), ("member1", False)):
        assert county.users[persona].notifications.filter(url=report.get_absolute_url()).exists() is told


def test_a_report_below_sixty_percent_is_returned_with_the_figure_in_the_message(client, county):
    client.force_login(county.liaison2)
    response = _post_sections(client, county.inspection2, report_of(523, 0, 477))
    body = response.content.decode()
    version = SelfReportVersion.objects.get(report__inspection=county.inspection2)
    assert version.outcome == SelfReportVersion.Outcome.RETURNED
    assert version.decision_note in body
    assert "52.3%" in body
    assert zh("Problems and their causes take only %(share)s%% of the report, less than 60%%; returned for revision.") % {
        "share": "52.3"
    } == version.decision_note


def test_versions_are_kept_and_an_accepted_report_takes_no_new_version(client, county):
    first = self_report_submit(inspection=county.inspection2, sections=report_of(10, 0, 90), actor=county.liaison2)
    second = self_report_submit(inspection=county.inspection2, sections=report_of(70, 0, 30), actor=county.liaison2)
    client.force_login(county.liaison2)
    client.post(reverse("groups:self_report_decide", args=[second.pk]), {"decision": "accept"})
    assert [v.outcome for v in SelfReportVersion.objects.filter(report__inspection=county.inspection2).order_by("number")] == [
        "returned", "accepted"
    ]
    assert [s.kind for s in first.sections.all()] == ["problems", "other"]
    response = _post_sections(client, county.inspection2, report_of(90, 0, 10))
    assert zh("The self-report has already been accepted.") in response.content.decode()
    assert SelfReportVersion.objects.filter(report__inspection=county.inspection2).count() == 2


def test_the_group_returns_a_report_with_its_reason_and_the_submitter_is_told(client, county):
    client.force_login(county.deputy1)
    response = client.post(reverse("groups:self_report_decide", args=[county.self_report_version1.pk]),
                           {"decision": "return", "reason": "原因分析不够深刻"})
    assert response.status_code == 302
    county.self_report_version1.refresh_from_db()
    assert county.self_report_version1.outcome == SelfReportVersion.Outcome.RETURNED
    assert county.self_report_version1.decision_note == "原因分析不够深刻"
    assert county.unit1.notifications.filter(body="原因分析不够深刻").exists()


@pytest.mark.parametrize("persona", ["member1", "unit1", "office"])
def test_only_the_leader_deputy_or_liaison_decide(client, county, persona):
    client.force_login(county.users[persona])
    response = client.post(reverse("groups:self_report_decide", args=[county.self_report_version1.pk]), {"decision": "accept"})
    assert response.status_code == 403
    county.self_report_version1.refresh_from_db()
    assert county.self_report_version1.outcome == SelfReportVersion.Outcome.PENDING


@pytest.mark.parametrize("persona", ["member2", "liaison2", "jiwei"])
def test_others_do_not_find_the_report(client, county, persona):
    client.force_login(county.users[persona])
    for url in (reverse("groups:self_report", args=[county.inspection1.pk]),
                reverse("groups:self_report_submit", args=[county.inspection1.pk]),
                reverse("groups:self_report_version", args=[county.self_report_version1.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert "资金拨付滞后" not in response.content.decode()


def test_the_office_reads_but_does_not_submit(client, county):
    client.force_login(county.office)
    assert client.get(reverse("groups:self_report", args=[county.inspection1.pk])).status_code == 200
    assert client.get(reverse("groups:self_report_submit", args=[county.inspection1.pk])).status_code == 403


def test_the_unit_contact_of_another_unit_sees_nothing(client, county):
    from tests.factories import UserFactory
    from xunchar.accounts.roles import Role

    other = UserFactory(username="unit2", roles=[Role.UNIT_CONTACT], contact_unit=county.unit_b)
    client.force_login(other)
    assert client.get(reverse("groups:self_report", args=[county.inspection1.pk])).status_code == 404


def test_the_report_page_makes_the_same_queries_for_3_versions_as_for_12(client, county, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("groups:self_report", args=[county.inspection2.pk])
    client.force_login(county.leader2)
    for _ in range(3):
        self_report_submit(inspection=county.inspection2, sections=report_of(10, 0, 90), actor=county.liaison2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(9):
        self_report_submit(inspection=county.inspection2, sections=report_of(10, 0, 90), actor=county.liaison2)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
