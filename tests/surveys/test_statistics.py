"""The statistics of a known answer set (issue 6 "Done when"): ten sheets with hand-chosen answers
and one voided sheet — exact counts, percentages, satisfaction rates and the cross-tabulation, on
the page, in the Excel export and in the PDF report's context."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from groups.surveys.papers import results_paper
from groups.surveys.selectors import survey_results

from .records import enter_known, known_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(county):
    survey = known_survey(county)
    enter_known(county, survey)
    return survey


def _rows(sheet):
    """The sheet's rows without the empty cells openpyxl pads them with."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        rows.append(tuple(row))
    return rows


def _by_label(result):
    return {o.option.label: (o.count, o.percent) for o in result.options}


def test_counts_percentages_and_satisfaction(survey):
    results = survey_results(survey)
    assert results.groups == ["县管干部", "中层干部"]
    assert (results.sheet_count, results.sheets_by_group, results.voided_count, results.online_count) == (10, [4, 6], 1, 0)
    assert results.response_rate == 50.0  # 10 of the planned 20
    rating, single, multiple, text = results.questions

    assert rating.valid == 9  # one sheet left it blank; the voided sheet is not counted
    assert _by_label(rating) == {"好": (4, 44.4), "较好": (2, 22.2), "一般": (2, 22.2), "差": (1, 11.1)}
    assert (rating.satisfied, rating.satisfaction) == (6, 66.7)

    assert single.valid == 9
    assert _by_label(single) == {"A": (4, 44.4), "B": (3, 33.3), "C": (2, 22.2)}
    assert single.satisfaction is None

    # a multiple choice: shares of the 8 respondents who ticked anything (they add up to more than 100)
    assert multiple.valid == 8
    assert _by_label(multiple) == {"X": (4, 50.0), "Y": (5, 62.5), "Z": (2, 25.0)}

    assert [(number, group, answer) for number, group, answer in text.texts] == [(1, "县管干部", "意见一"), (5, "中层干部", "意见二")]


def test_cross_tabulation_by_respondent_group(survey):
    rating, single, multiple, _ = survey_results(survey).questions
    assert rating.group_rows == [
        ("县管干部", [2, 1, 1, 0], 4, 75.0),
        ("中层干部", [2, 1, 1, 1], 5, 60.0),
    ]
    assert rating.satisfaction_by_group == [75.0, 60.0]
    assert [row[:3] for row in single.group_rows] == [("县管干部", [2, 1, 0], 3), ("中层干部", [2, 2, 2], 6)]
    assert [row[:3] for row in multiple.group_rows] == [("县管干部", [2, 1, 1], 3), ("中层干部", [2, 4, 1], 5)]


def test_results_page_shows_them(client, county, survey):
    client.force_login(county.leader1)
    response = client.get(reverse("surveys:results", args=[survey.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "66.7%" in page and "75.0%" in page and "60.0%" in page and "意见二" in page
    assert "vendor/chartjs/chart.umd.min.js" in page and 'id="survey-chart-data"' in page


def test_excel_export_has_the_numbers(client, county, survey):
    client.force_login(county.office)
    response = client.get(reverse("surveys:results_export", args=[survey.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["概况", "第1题", "第2题", "第3题", "第4题", "交叉分析"]
    summary = {row[0]: row[1] for row in _rows(book["概况"]) if len(row) > 1}
    assert summary["有效答卷"] == 10 and summary["作废答卷"] == 1 and summary["县管干部"] == 4 and summary["中层干部"] == 6
    first = _rows(book["第1题"])
    assert ("好", 4, 44.4) in first and ("差", 1, 11.1) in first
    assert ("满意率（%）", 66.7) in first
    assert ("县管干部", 2, 1, 1, 0, 4, 75.0) in first and ("中层干部", 2, 1, 1, 1, 5, 60.0) in first
    third = _rows(book["第3题"])
    assert ("Y", 5, 62.5) in [row[:3] for row in third]
    cross = _rows(book["交叉分析"])
    assert cross[1] == ("测评项目", "县管干部", "中层干部", "总体")
    assert cross[2] == ("1. 领导班子总体评价", 75.0, 60.0, 66.7)
    texts = [row for row in _rows(book["第4题"]) if row and row[0] in (1, 5)]
    assert texts == [(1, "县管干部", "意见一"), (5, "中层干部", "意见二")]


def test_pdf_report_context_and_svg_charts(survey):
    template, context = results_paper(survey)
    assert template == "surveys/papers/results.html"
    assert context["results"].questions[0].satisfaction == 66.7
    chart = str(context["results"].questions[0].chart)
    assert chart.startswith("<svg") and chart.count("<rect") == 4 and ">4</text>" in chart
    assert str(context["satisfaction_chart"]).count("<rect") == 1
