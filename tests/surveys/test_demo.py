"""The demo's surveys: a closed 民主测评 with a few hundred answers and an open questionnaire whose
codes are partly spent — the same every load (a fixed seed)."""

import pytest

from groups.surveys.demo import demo_surveys
from groups.surveys.models import AccessCode, Answer, Sheet, Survey
from groups.surveys.selectors import survey_results

pytestmark = pytest.mark.django_db


def _load(county):
    return demo_surveys({1: county.group1, 2: county.group2}, county.users)


def test_demo_surveys(county):
    made = _load(county)
    evaluation, questionnaire = made["evaluation"], made["questionnaire"]
    assert evaluation.state == Survey.State.CLOSED and evaluation.kind == Survey.Kind.EVALUATION
    results = survey_results(evaluation)
    assert results.sheet_count == 300 and results.voided_count == 1
    assert all(count > 0 for count in results.sheets_by_group) and len(results.groups) == 5
    overall = results.questions[0]
    assert 75 < overall.satisfaction < 95  # a realistic spread, not all 好
    assert min(q.satisfaction for q in results.rating_questions) < overall.satisfaction
    assert 20 < len(results.questions[-1].texts) < 80

    assert questionnaire.state == Survey.State.OPEN
    assert AccessCode.objects.filter(survey=questionnaire).count() == 40
    assert AccessCode.objects.filter(survey=questionnaire, spent_at__isnull=False).count() == 13
    assert Sheet.objects.filter(survey=questionnaire, channel="online").count() == 13


def test_demo_is_deterministic(county):
    first = _load(county)["evaluation"]
    counts = list(Answer.objects.filter(sheet__survey=first).order_by("sheet__number", "question__position").values_list("option__label", flat=True))
    Answer.objects.filter(sheet__survey=first).delete()
    second = _load(county)["evaluation"]
    again = list(Answer.objects.filter(sheet__survey=second).order_by("sheet__number", "question__position").values_list("option__label", flat=True))
    assert counts == again
