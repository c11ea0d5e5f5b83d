"""The pages' query counts stay the same for few and many rows; a refused role for each page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.surveys import services

from .records import SHEETS, enter_known, known_survey

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _survey_with(county, count, title):
    survey = known_survey(county, title=title)
    enter_known(county, survey, rows=[SHEETS[i % len(SHEETS)] for i in range(count)], voided=False)
    return survey


@pytest.mark.parametrize("name", ["surveys:results", "surveys:detail", "surveys:sheet_list", "surveys:entry"])
def test_same_queries_for_10_and_100_sheets(client, county, name):
    few = _survey_with(county, 10, "十份")
    many = _survey_with(county, 100, "一百份")
    services.codes_generate(survey=many, actor=county.liaison1, count=30)
    client.force_login(county.leader1)
    client.get(reverse(name, args=[few.pk]))  # warm the caches (content types, session)
    assert _queries(client, reverse(name, args=[few.pk])) == _queries(client, reverse(name, args=[many.pk]))


def test_results_counted_by_the_database(client, county):
    survey = _survey_with(county, 100, "一百份")
    client.force_login(county.office)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "100 / " in page  # 100 of the planned 20: a sample can exceed its plan
    from groups.surveys.selectors import survey_results

    with CaptureQueriesContext(connection) as captured:
        results = survey_results(survey)
    assert len(captured) == 6
    assert results.questions[0].options[0].count == 40  # 好: 4 in every 10


def test_list_same_queries_for_few_and_many_surveys(client, county):
    known_survey(county, title="一")
    client.force_login(county.member1)
    url = reverse("surveys:list", args=[county.group1.pk])
    client.get(url)
    few = _queries(client, url)
    for n in range(5):
        known_survey(county, title=f"问卷{n}")
    assert _queries(client, url) == few


def test_exports_and_pdf_refused_outside(client, county):
    survey = known_survey(county)
    client.force_login(county.leader2)
    assert client.get(reverse("surveys:results_export", args=[survey.pk])).status_code == 404
    assert client.post(reverse("documents:request", args=["surveys.results", survey.pk])).status_code == 404


def test_pdf_report_renders(client, county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    survey = known_survey(county)
    enter_known(county, survey)
    client.force_login(county.leader1)
    response = client.post(reverse("documents:request", args=["surveys.results", survey.pk]))
    assert response.status_code == 302
    from xunchar.documents.models import GeneratedDocument

    document = GeneratedDocument.objects.get(kind="surveys.results")
    assert document.status == GeneratedDocument.Status.READY, document.error
