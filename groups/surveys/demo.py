"""The demo's surveys (issue 6 §4), for round 2's group 1: a finished 民主测评 of the first unit it
inspects — the standard form, about three hundred paper sheets from five respondent groups with a
realistic spread (a fixed seed: the same every load), some opinions in free text, one sheet voided —
and an open questionnaire of service users answered in the browser with one-time codes, some spent.

The forms, their opening and closing, the codes and the online answers go through the services, as
clicks would; the three hundred paper sheets are written with bulk_create (their history is not
needed for the demo, and typing them one by one through the service would slow the load)."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from groups.models import Inspection

from . import services
from .models import Answer, Question, Sheet, Survey
from .services import QuestionData, SurveyData

SEED = 20261019
SHEETS_BY_GROUP = {"县管干部": 14, "中层干部": 46, "一般干部": 148, "退休干部": 31, "服务对象": 61}
# The spread of 好 / 较好 / 一般 / 差 by respondent group (service users and ordinary staff are harder to please).
SPREAD = {
    "县管干部": (0.74, 0.22, 0.04, 0.00),
    "中层干部": (0.64, 0.27, 0.08, 0.01),
    "一般干部": (0.55, 0.30, 0.12, 0.03),
    "退休干部": (0.58, 0.28, 0.11, 0.03),
    "服务对象": (0.46, 0.31, 0.17, 0.06),
}
# Items the group heard most about in talks and petitions score lower.
WEAKER_ITEMS = {"选人用人工作": 0.10, "作风建设（落实中央八项规定精神）": 0.08, "上轮巡察及审计等监督发现问题整改落实情况": 0.12}
OPINIONS = [
    "建议进一步规范专项资金拨付程序，公开拨付进度。",
    "个别股室办事效率不高，群众办事需要多次跑腿。",
    "干部提拔程序不够透明，希望加大竞争性选拔力度。",
    "单位食堂和公务用车管理有待加强。",
    "上轮巡察反馈的问题整改还不彻底，有的只是建了制度。",
    "领导班子团结，工作作风扎实，希望继续保持。",
    "基层党支部活动形式单一，学习流于形式。",
    "希望多深入基层调研，少开会、少发文。",
    "对退休干部关心不够，希望多通报单位情况。",
    "窗口服务态度明显好转，但部分审批事项时限仍偏长。",
    "工程项目招投标管理需要进一步规范。",
    "建议加强对年轻干部的教育管理。",
]
QUESTIONNAIRE_TITLE = "{unit}服务群众和优化营商环境情况问卷调查"
CONTACT = ["窗口办事", "电话咨询", "网上办理", "项目对接"]
IMPROVE = ["办事效率", "服务态度", "政策宣传", "信息公开", "廉洁自律"]
SERVICE_SCALE = ["满意", "基本满意", "不满意", "不了解"]
SERVICE_COMMENTS = ["材料清单能不能一次性告知。", "网上办理系统经常卡顿。", "窗口人员态度很好。", "希望公开办理时限。"]


def _moment(day, rng) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)) + timedelta(minutes=rng.randrange(0, 8 * 60)))


def _pick(rng, weights, shift=0.0):
    good, fair, middling, poor = weights
    good -= shift
    middling += shift * 0.7
    poor += shift * 0.3
    return rng.choices(range(4), weights=(good, fair, middling, poor))[0]


def _evaluation(inspection, users, rng) -> Survey:
    liaison, member = users["liaison1"], users["member1"]
    survey = services.survey_from_template(inspection=inspection, actor=liaison)
    survey = services.survey_open(survey=survey, actor=users["leader1"])
    questions = list(survey.questions.prefetch_related("options"))
    entry_day = survey.inspection.group.entered_on or timezone.localdate()
    sheets = []
    plan = [name for name, count in SHEETS_BY_GROUP.items() for _ in range(count)]
    rng.shuffle(plan)
    for number, name in enumerate(plan, 1):
        day = entry_day + timedelta(days=3 + number // 120)
        sheets.append(Sheet(survey=survey, number=number, respondent_group=name, channel=Sheet.Channel.PAPER,
                            entered_by=rng.choice((liaison, member)), entered_at=_moment(day, rng)))
    sheets = Sheet.objects.bulk_create(sheets)
    answers = []
    for sheet in sheets:
        mood = rng.uniform(-0.06, 0.06)  # one respondent rates all items alike, more or less
        for question in questions:
            if question.kind == Question.Kind.TEXT:
                if rng.random() < 0.14:
                    answers.append(Answer(sheet=sheet, question=question, text=rng.choice(OPINIONS)))
                continue
            if rng.random() < 0.012:
                continue  # left blank
            options = list(question.options.all())
            choice = _pick(rng, SPREAD[sheet.respondent_group], WEAKER_ITEMS.get(question.text, 0.0) + mood)
            answers.append(Answer(sheet=sheet, question=question, option=options[choice]))
    Answer.objects.bulk_create(answers, batch_size=1000)
    # A sheet typed twice by mistake, voided through the service.
    first = questions[0]
    duplicate = services.sheet_enter(survey=survey, actor=member, respondent_group="一般干部",
                                     answers={first.pk: [first.options.all()[0].pk]})
    services.sheet_void(sheet=duplicate, actor=member, reason="与第37份重复录入")
    return services.survey_close(survey=survey, actor=users["leader1"])


def _questionnaire(inspection, users, rng) -> Survey:
    liaison = users["liaison1"]
    survey = services.survey_create(inspection=inspection, actor=liaison, data=SurveyData(
        title=QUESTIONNAIRE_TITLE.format(unit=inspection.unit.name), kind=Survey.Kind.QUESTIONNAIRE,
        instructions="为了解该单位服务群众、优化营商环境情况，请您根据亲身感受如实填写。问卷不记名，每个验证码只能作答一次。",
        respondent_groups=["服务对象", "一般干部"], method=Survey.Method.SAMPLE, planned_size=80,
    ))
    add = lambda **kw: services.question_add(survey=survey, actor=liaison, data=QuestionData(**kw))  # noqa: E731
    contact = add(kind=Question.Kind.SINGLE, text="您与该单位打交道的主要方式", options=CONTACT)
    improve = add(kind=Question.Kind.MULTIPLE, text="您认为该单位在哪些方面需要改进（可多选）", options=IMPROVE)
    rating = add(kind=Question.Kind.RATING, text="您对该单位办事效率的总体评价", options=SERVICE_SCALE, satisfied=[1, 2])
    comment = add(kind=Question.Kind.TEXT, text="您的其他意见和建议")
    survey = services.survey_open(survey=survey, actor=users["leader1"])
    codes = services.codes_generate(survey=survey, actor=users["office"], count=40, respondent_group="服务对象")
    options = {q.pk: [o.pk for o in q.options.order_by("position")] for q in (contact, improve, rating)}
    for code in codes[:13]:
        answers = {
            contact.pk: [rng.choice(options[contact.pk])],
            improve.pk: rng.sample(options[improve.pk], rng.randint(1, 3)),
            rating.pk: [options[rating.pk][rng.choices(range(4), weights=(5, 3, 1.5, 0.5))[0]]],
            comment.pk: rng.choice(SERVICE_COMMENTS) if rng.random() < 0.4 else "",
        }
        services.sheet_submit_online(code=code, respondent_group="", answers=answers)
    return survey


@transaction.atomic
def demo_surveys(groups: dict, users: dict) -> dict:
    """Round 2's group 1: `groups` by number, `users` the demo accounts by name."""
    rng = random.Random(SEED)
    inspections = list(Inspection.objects.filter(group=groups[1]).select_related("unit", "group").order_by("unit__name", "id"))
    evaluation = _evaluation(inspections[0], users, rng)
    questionnaire = _questionnaire(inspections[-1], users, rng)
    return {"evaluation": evaluation, "questionnaire": questionnaire}
