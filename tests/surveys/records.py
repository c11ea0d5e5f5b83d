"""Surveys for the tests and the permission matrix, made through the services.

`known_survey` builds a small questionnaire of group 1 and `enter_known` types in ten sheets with
hand-chosen answers (and one voided sheet), whose statistics the tests know by heart:

question 1 (rating 好/较好/一般/差, satisfied 好+较好), 2 (single A/B/C), 3 (multiple X/Y/Z), 4 (text)
   县管干部: 好 A XY 意见一 · 较好 A X · 一般 B – · 好 – Z
   中层干部: 差 C Y 意见二 · 好 A XYZ · 一般 B Y · – B – · 较好 C X · 好 A Y
   voided (中层干部): 差 C X
"""

from groups.surveys import services
from groups.surveys.models import Question
from groups.surveys.services import QuestionData, SurveyData

GROUPS = ["县管干部", "中层干部"]
SHEETS = [
    ("县管干部", "好", "A", "XY", "意见一"),
    ("县管干部", "较好", "A", "X", ""),
    ("县管干部", "一般", "B", "", ""),
    ("县管干部", "好", "", "Z", ""),
    ("中层干部", "差", "C", "Y", "意见二"),
    ("中层干部", "好", "A", "XYZ", ""),
    ("中层干部", "一般", "B", "Y", ""),
    ("中层干部", "", "B", "", ""),
    ("中层干部", "较好", "C", "X", ""),
    ("中层干部", "好", "A", "Y", ""),
]
VOIDED = ("中层干部", "差", "C", "X", "")
SURVEY_TITLE = "财政局干部作风问卷"
FREE_TEXT = "意见一"


def known_survey(county, *, title=SURVEY_TITLE, open_it=True):
    actor = county.liaison1
    survey = services.survey_create(inspection=county.inspection1, actor=actor, data=SurveyData(
        title=title, respondent_groups=list(GROUPS), method="sample", planned_size=20,
    ))
    services.question_add(survey=survey, actor=actor, data=QuestionData(kind=Question.Kind.RATING, text="领导班子总体评价"))
    services.question_add(survey=survey, actor=actor, data=QuestionData(kind=Question.Kind.SINGLE, text="单选题", options=["A", "B", "C"]))
    services.question_add(survey=survey, actor=actor, data=QuestionData(kind=Question.Kind.MULTIPLE, text="多选题", options=["X", "Y", "Z"]))
    services.question_add(survey=survey, actor=actor, data=QuestionData(kind=Question.Kind.TEXT, text="意见建议"))
    if open_it:
        survey = services.survey_open(survey=survey, actor=actor)
    return survey


def answers_for(survey, row) -> tuple[str, dict]:
    group, rating, single, multiple, text = row
    q1, q2, q3, q4 = survey.questions.order_by("position")
    by_label = {(o.question_id, o.label): o.pk for q in (q1, q2, q3) for o in q.options.all()}
    answers = {
        q1.pk: [by_label[(q1.pk, rating)]] if rating else [],
        q2.pk: [by_label[(q2.pk, single)]] if single else [],
        q3.pk: [by_label[(q3.pk, char)] for char in multiple],
        q4.pk: text,
    }
    return group, answers


def enter_known(county, survey, rows=SHEETS, *, voided=True):
    sheets = []
    for row in rows:
        group, answers = answers_for(survey, row)
        sheets.append(services.sheet_enter(survey=survey, actor=county.member1, respondent_group=group, answers=answers))
    if voided:
        group, answers = answers_for(survey, VOIDED)
        sheet = services.sheet_enter(survey=survey, actor=county.member1, respondent_group=group, answers=answers)
        services.sheet_void(sheet=sheet, actor=county.member1, reason="重复录入")
    return sheets


def add_group1_surveys(county):
    """The permission matrix's surveys: an open questionnaire with its ten sheets and a spare code
    (county.survey, its first question county.survey_open_question, county.survey_sheet), and a draft
    (county.survey_draft, with one question county.survey_question)."""
    county.survey = known_survey(county)
    county.survey_open_question = county.survey.questions.order_by("position").first()
    county.survey_sheet = enter_known(county, county.survey, voided=False)[0]
    county.survey_codes = services.codes_generate(survey=county.survey, actor=county.liaison1, count=3)
    county.survey_draft = services.survey_create(inspection=county.inspection1, actor=county.liaison1, data=SurveyData(
        title="草拟中的测评表", respondent_groups=list(GROUPS),
    ))
    county.survey_question = services.question_add(
        survey=county.survey_draft, actor=county.liaison1, data=QuestionData(kind=Question.Kind.RATING, text="选人用人"),
    )
    return county
