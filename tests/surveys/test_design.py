"""Designing a survey: the one-click 民主测评表, the default scale, states, frozen questions, rights."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.surveys import services, standards
from groups.surveys.models import Question, Survey
from groups.surveys.services import QuestionData, SurveyData

from .records import known_survey

pytestmark = pytest.mark.django_db


def test_standard_evaluation_in_one_click(client, county):
    client.force_login(county.deputy1)
    response = client.post(reverse("surveys:create_from_template", args=[county.group1.pk]), {"inspection": county.inspection1.pk})
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    assert survey.kind == Survey.Kind.EVALUATION and survey.state == Survey.State.DRAFT
    assert survey.title == "对示例县财政局领导班子及其成员的民主测评表"
    assert survey.respondent_groups == ["县管干部", "中层干部", "一般干部", "退休干部", "服务对象"]
    questions = list(survey.questions.order_by("position"))
    assert [q.text for q in questions[:-1]] == list(standards.EVALUATION_ITEMS)
    assert "落实全面从严治党主体责任" in [q.text for q in questions] and "选人用人工作" in [q.text for q in questions]
    assert questions[-1].kind == Question.Kind.TEXT
    assert [(o.label, o.satisfied) for o in questions[0].options.all()] == [("好", True), ("较好", True), ("一般", False), ("差", False)]


def test_rating_scale_with_its_own_options_and_satisfied(county):
    survey = known_survey(county, open_it=False)
    question = services.question_add(survey=survey, actor=county.leader1, data=QuestionData(
        kind=Question.Kind.RATING, text="服务态度", options=["满意", "基本满意", "不满意", "不了解"], satisfied=[1, 2],
    ))
    assert [(o.label, o.satisfied) for o in question.options.all()] == [("满意", True), ("基本满意", True), ("不满意", False), ("不了解", False)]
    with pytest.raises(ValidationError):
        services.question_add(survey=survey, actor=county.leader1, data=QuestionData(kind=Question.Kind.RATING, text="x", options=["好", "差"], satisfied=[]))
    with pytest.raises(ValidationError):
        services.question_add(survey=survey, actor=county.leader1, data=QuestionData(kind=Question.Kind.SINGLE, text="只有一个选项", options=["甲"]))


def test_questions_frozen_once_open(client, county):
    survey = known_survey(county)  # opened
    question = survey.questions.order_by("position").first()
    before = list(survey.questions.values_list("position", "text"))
    with pytest.raises(ValidationError, match="不能再修改|no longer be changed"):
        services.question_add(survey=survey, actor=county.liaison1, data=QuestionData(kind=Question.Kind.TEXT, text="新增"))
    with pytest.raises(ValidationError):
        services.question_update(question=question, actor=county.liaison1, data=QuestionData(kind=question.kind, text="改过的"))
    with pytest.raises(ValidationError):
        services.question_remove(question=question, actor=county.liaison1)
    with pytest.raises(ValidationError):
        services.survey_update(survey=survey, actor=county.liaison1, data=SurveyData(title="改名"))
    client.force_login(county.liaison1)
    response = client.post(reverse("surveys:question_edit", args=[question.pk]), {"text": "网页上改", "options": "", "satisfied": "1,2"})
    assert response.status_code == 200  # the form again, with the refusal
    assert list(survey.questions.values_list("position", "text")) == before
    assert question.options.count() == 4


def test_states_draft_open_closed(county):
    survey = services.survey_create(inspection=county.inspection1, actor=county.leader1, data=SurveyData(title="空表"))
    with pytest.raises(ValidationError, match="至少添加一道题目|at least one question"):
        services.survey_open(survey=survey, actor=county.leader1)
    with pytest.raises(ValidationError):
        services.survey_close(survey=survey, actor=county.leader1)
    services.question_add(survey=survey, actor=county.leader1, data=QuestionData(kind=Question.Kind.RATING, text="总体评价"))
    survey = services.survey_open(survey=survey, actor=county.leader1)
    opened_at = survey.opened_at
    assert services.survey_open(survey=survey, actor=county.leader1).opened_at == opened_at  # no-op
    survey = services.survey_close(survey=survey, actor=county.leader1)
    assert survey.state == Survey.State.CLOSED
    with pytest.raises(ValidationError, match="不能重新开始|not opened again"):
        services.survey_open(survey=survey, actor=county.leader1)
    assert survey.history.count() == 3


def test_sample_needs_its_size(client, county):
    with pytest.raises(ValidationError):
        services.survey_create(inspection=county.inspection1, actor=county.leader1, data=SurveyData(title="抽样", method="sample"))
    client.force_login(county.leader1)
    response = client.post(reverse("surveys:create", args=[county.group1.pk]), {
        "inspection": county.inspection1.pk, "kind": "questionnaire", "title": "抽样问卷", "method": "sample", "respondent_groups": "县管干部\n服务对象",
    })
    assert response.status_code == 200 and not Survey.objects.exists()
    response = client.post(reverse("surveys:create", args=[county.group1.pk]), {
        "inspection": county.inspection1.pk, "kind": "questionnaire", "title": "抽样问卷", "method": "sample", "planned_size": "30",
        "respondent_groups": "县管干部\n服务对象\n县管干部",
    })
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.planned_size == 30 and survey.respondent_groups == ["县管干部", "服务对象"]


def test_question_order(county):
    survey = known_survey(county, open_it=False)
    second = survey.questions.get(position=2)
    services.question_move(question=second, actor=county.leader1, up=True)
    assert list(survey.questions.order_by("position").values_list("text", flat=True)) == ["单选题", "领导班子总体评价", "多选题", "意见建议"]
    services.question_remove(question=survey.questions.get(position=1), actor=county.leader1)
    assert list(survey.questions.order_by("position").values_list("position", "text")) == [(1, "领导班子总体评价"), (2, "多选题"), (3, "意见建议")]


@pytest.mark.parametrize("username", ["member1", "office", "secretary", "leader2"])
def test_only_the_groups_leader_deputy_liaison_design(client, county, username):
    user = county.users[username]
    with pytest.raises(ValidationError):
        services.survey_create(inspection=county.inspection1, actor=user, data=SurveyData(title="越权"))
    survey = known_survey(county, open_it=False)
    with pytest.raises(ValidationError):
        services.survey_open(survey=survey, actor=user)
    client.force_login(user)
    response = client.post(reverse("surveys:open", args=[survey.pk]))
    assert response.status_code == (404 if username == "leader2" else 403)
    survey.refresh_from_db()
    assert survey.state == Survey.State.DRAFT


def test_unit_contact_and_other_group_find_nothing(client, county):
    survey = known_survey(county)
    for username in ("unit1", "member2", "liaison2"):
        client.force_login(county.users[username])
        for name in ("surveys:detail", "surveys:results", "surveys:results_export"):
            assert client.get(reverse(name, args=[survey.pk])).status_code == 404
        assert client.get(reverse("surveys:list", args=[county.group1.pk])).status_code == 404
