"""The keyboard entry screen of paper sheets: keys pick options, Enter saves and opens the next blank
sheet, a running count; a sheet corrected or voided keeps its history."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.surveys import services
from groups.surveys.models import Answer, Sheet
from groups.surveys.selectors import survey_results

from .records import answers_for, known_survey

pytestmark = pytest.mark.django_db


def _fields(survey, group, rating="", single="", multiple="", text=""):
    q1, q2, q3, q4 = survey.questions.order_by("position")
    return {"group": group, f"q{q1.pk}": rating, f"q{q2.pk}": single, f"q{q3.pk}": multiple, f"q{q4.pk}": text}


def test_keys_save_the_sheet_and_open_the_next(client, county):
    survey = known_survey(county)
    client.force_login(county.member1)
    url = reverse("surveys:entry", args=[survey.pk])
    page = client.get(url).content.decode()
    assert 'id="entry-group"' in page and "autofocus" in page and 'data-keys="1234"' in page
    assert re.search(r'data-testid="entered-count">(已录入)?0', page)
    # group 2 (中层干部), rating key 2 (较好), single key 3 (C), multiple keys 1 and 3 (X, Z), a text
    response = client.post(url, _fields(survey, "2", "2", "3", "1 3", "食堂管理不规范"))
    assert response.status_code == 302 and response["Location"] == url
    sheet = Sheet.objects.get()
    assert (sheet.number, sheet.respondent_group, sheet.channel, sheet.entered_by) == (1, "中层干部", "paper", county.member1)
    assert sorted(str(a.option or a.text) for a in sheet.answers.select_related("option")) == ["C", "X", "Z", "较好", "食堂管理不规范"]
    follow = client.get(url).content.decode()
    assert re.search(r'data-testid="entered-count">(已录入)?1', follow)
    assert 'value="2"' not in follow  # a blank sheet


@pytest.mark.parametrize("fields, message", [
    (("9", "1", "1", "", ""), ("对象类别：请输入其对应的键（12）", "Respondent group: type its key (12)")),
    (("1", "", "", "", ""), ("空白答卷不计入", "a blank sheet is not counted")),
    (("1", "5", "1", "", ""), ("第1题：“5”不是选项键", "Question 1: “5” is not an option key")),
    (("1", "12", "1", "", ""), ("第1题只能选一项", "Question 1 takes one answer")),
    (("1", "1", "x", "", ""), ("第2题：“x”不是选项键", "Question 2: “x” is not an option key")),
])
def test_a_wrong_key_saves_nothing_and_says_where(client, county, fields, message):
    survey = known_survey(county)
    client.force_login(county.member1)
    response = client.post(reverse("surveys:entry", args=[survey.pk]), _fields(survey, *fields))
    assert response.status_code == 400
    assert any(words in response.content.decode() for words in message)
    assert not Sheet.objects.exists()


def test_correct_and_void_keep_history(client, county):
    survey = known_survey(county)
    group, answers = answers_for(survey, ("县管干部", "好", "A", "XY", "意见一"))
    sheet = services.sheet_enter(survey=survey, actor=county.member1, respondent_group=group, answers=answers)
    client.force_login(county.deputy1)
    page = client.get(reverse("surveys:sheet_edit", args=[sheet.pk])).content.decode()
    assert 'value="12"' in page  # X and Y shown by their keys
    response = client.post(reverse("surveys:sheet_edit", args=[sheet.pk]), _fields(survey, "1", "4", "1", "", ""))
    assert response.status_code == 302
    rating = survey_results(survey).questions[0]
    assert [o.count for o in rating.options] == [0, 0, 0, 1]
    assert Answer.history.filter(history_type="-").count() == 5  # the five replaced answers kept in the history
    assert sheet.history.count() == 2  # entered, corrected

    response = client.post(reverse("surveys:sheet_void", args=[sheet.pk]), {"reason": ""})
    sheet.refresh_from_db()
    assert not sheet.voided
    client.post(reverse("surveys:sheet_void", args=[sheet.pk]), {"reason": "同一人重复填写"})
    sheet.refresh_from_db()
    assert sheet.voided and sheet.void_reason == "同一人重复填写"
    assert survey_results(survey).sheet_count == 0
    with pytest.raises(ValidationError):
        services.sheet_correct(sheet=sheet, actor=county.member1, respondent_group=group, answers=answers)
    assert services.sheet_void(sheet=sheet, actor=county.member1, reason="再次").void_reason == "同一人重复填写"  # no-op


def test_no_entry_unless_open(county):
    survey = known_survey(county, open_it=False)
    group, answers = answers_for(survey, ("县管干部", "好", "A", "", ""))
    with pytest.raises(ValidationError):
        services.sheet_enter(survey=survey, actor=county.member1, respondent_group=group, answers=answers)
    services.survey_open(survey=survey, actor=county.leader1)
    services.survey_close(survey=survey, actor=county.leader1)
    with pytest.raises(ValidationError):
        services.sheet_enter(survey=survey, actor=county.member1, respondent_group=group, answers=answers)


def test_answers_must_belong_to_the_form(county):
    survey = known_survey(county)
    other = known_survey(county, title="另一份")
    _, foreign = answers_for(other, ("县管干部", "好", "", "", ""))
    with pytest.raises(ValidationError):
        services.sheet_enter(survey=survey, actor=county.member1, respondent_group="县管干部", answers=foreign)
    q1 = survey.questions.get(position=1)
    with pytest.raises(ValidationError):
        services.sheet_enter(survey=survey, actor=county.member1, respondent_group="县管干部",
                             answers={q1.pk: list(q1.options.values_list("pk", flat=True)[:2])})
    assert not Sheet.objects.exists()


@pytest.mark.parametrize("username, status", [("office", 403), ("secretary", 403), ("member2", 404), ("liaison2", 404),
                                              ("unit1", 404)])
def test_only_the_group_enters(client, county, username, status):
    survey = known_survey(county)
    client.force_login(county.users[username])
    assert client.post(reverse("surveys:entry", args=[survey.pk]), _fields(survey, "1", "1", "1", "", "")).status_code == status
    assert not Sheet.objects.exists()
