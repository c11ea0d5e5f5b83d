"""Reads of the surveys: lists and the results. The results are counted by the database (a handful
of aggregate queries, whatever the number of sheets), then arranged here per question and per
respondent group."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from groups.models import Inspection, InspectionGroup
from xunchar.access import policy

from .models import Answer, Option, Question, Sheet, Survey

UNNAMED_GROUP = ""


def group_for(user, pk):
    """A group whose material the user may see (None: out of scope, a 404)."""
    return policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk").filter(pk=pk).first()


def surveys_of(user, group):
    return (
        Survey.objects.visible_to(user).filter(inspection__group=group).select_related("inspection__unit")
        .annotate(
            question_count=Count("questions", distinct=True),
            sheet_count=Count("sheets", filter=Q(sheets__voided=False), distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def inspections_of(group):
    return Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name")


def questions_of(survey):
    return list(survey.questions.prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position", "id"))))


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class OptionResult:
    option: Option
    count: int
    percent: float | None
    by_group: list[int]  # counts in the order of Results.groups


@dataclass
class QuestionResult:
    question: Question
    valid: int  # sheets that answered the question
    valid_by_group: list[int]
    options: list[OptionResult] = field(default_factory=list)
    satisfied: int = 0
    satisfaction: float | None = None  # 满意率, rating questions only
    satisfaction_by_group: list[float | None] = field(default_factory=list)
    texts: list[tuple[int, str, str]] = field(default_factory=list)  # (sheet number, respondent group, text)
    group_names: list[str] = field(default_factory=list)

    @property
    def group_rows(self):
        """One row per respondent group for the cross-tabulation: (group, counts, valid, satisfaction)."""
        return [
            (name, [o.by_group[i] for o in self.options], self.valid_by_group[i],
             self.satisfaction_by_group[i] if self.satisfaction_by_group else None)
            for i, name in enumerate(self.group_names)
        ]


@dataclass
class Results:
    survey: Survey
    groups: list[str]  # respondent groups, in the survey's order (then any others found on sheets)
    sheet_count: int  # valid sheets
    sheets_by_group: list[int]
    voided_count: int
    online_count: int
    questions: list[QuestionResult]

    @property
    def planned(self):
        return self.survey.planned_size

    @property
    def response_rate(self):
        return percent(self.sheet_count, self.survey.planned_size) if self.survey.planned_size else None

    @property
    def rating_questions(self):
        return [q for q in self.questions if q.question.kind == Question.Kind.RATING]


def group_label(name: str) -> str:
    return name or _("Not given")


def survey_results(survey: Survey) -> Results:
    """Counts, percentages, satisfaction rates and the cross-tabulation by respondent group of the
    survey's valid sheets — six queries however many sheets there are."""
    questions = questions_of(survey)
    valid_answers = Answer.objects.filter(sheet__survey=survey, sheet__voided=False)

    sheet_rows = list(Sheet.objects.filter(survey=survey).values("respondent_group", "voided", "channel").annotate(n=Count("id")).order_by())
    option_rows = list(valid_answers.filter(option__isnull=False).values("option_id", "sheet__respondent_group").annotate(n=Count("id")).order_by())
    answered_rows = list(
        valid_answers.values("question_id", "sheet__respondent_group").annotate(n=Count("sheet", distinct=True)).order_by()
    )
    text_rows = list(
        valid_answers.filter(option__isnull=True).order_by("question_id", "sheet__number")
        .values_list("question_id", "sheet__number", "sheet__respondent_group", "text")
    )

    groups = list(survey.respondent_groups)
    for name in [r["respondent_group"] for r in sheet_rows]:
        if name not in groups:
            groups.append(name)
    index = {name: i for i, name in enumerate(groups)}
    width = len(groups)

    sheets_by_group = [0] * width
    voided = online = 0
    for row in sheet_rows:
        if row["voided"]:
            voided += row["n"]
            continue
        sheets_by_group[index[row["respondent_group"]]] += row["n"]
        if row["channel"] == Sheet.Channel.ONLINE:
            online += row["n"]

    by_option: dict[int, list[int]] = {}
    for row in option_rows:
        by_option.setdefault(row["option_id"], [0] * width)[index[row["sheet__respondent_group"]]] += row["n"]
    answered: dict[int, list[int]] = {}
    for row in answered_rows:
        answered.setdefault(row["question_id"], [0] * width)[index[row["sheet__respondent_group"]]] += row["n"]
    texts: dict[int, list] = {}
    for question_id, number, name, text in text_rows:
        texts.setdefault(question_id, []).append((number, group_label(name), text))

    results = []
    for question in questions:
        valid_by_group = answered.get(question.pk, [0] * width)
        valid = sum(valid_by_group)
        result = QuestionResult(question=question, valid=valid, valid_by_group=valid_by_group, texts=texts.get(question.pk, []))
        result.group_names = [group_label(name) for name in groups]
        satisfied_by_group = [0] * width
        for option in question.options.all():
            counts = by_option.get(option.pk, [0] * width)
            count = sum(counts)
            result.options.append(OptionResult(option=option, count=count, percent=percent(count, valid), by_group=counts))
            if option.satisfied:
                satisfied_by_group = [a + b for a, b in zip(satisfied_by_group, counts, strict=True)]
        if question.kind == Question.Kind.RATING:
            result.satisfied = sum(satisfied_by_group)
            result.satisfaction = percent(result.satisfied, valid)
            result.satisfaction_by_group = [percent(s, v) for s, v in zip(satisfied_by_group, valid_by_group, strict=True)]
        results.append(result)

    return Results(
        survey=survey, groups=groups, sheet_count=sum(sheets_by_group), sheets_by_group=sheets_by_group,
        voided_count=voided, online_count=online, questions=results,
    )


def chart_data(results: Results) -> dict:
    """What the page's charts draw (Chart.js reads it from a json_script element)."""
    return {
        "questions": [
            {"id": q.question.pk, "labels": [o.option.label for o in q.options], "counts": [o.count for o in q.options]}
            for q in results.questions if q.question.has_options
        ],
        "satisfaction": {
            "labels": [f"{q.question.position}. {q.question.text}"[:24] for q in results.rating_questions],
            "rates": [q.satisfaction or 0 for q in results.rating_questions],
        },
    }


def code_counts(survey) -> dict:
    return survey.codes.aggregate(total=Count("id"), spent=Count("id", filter=Q(spent_at__isnull=False)))


def withdrawal_open_items(group) -> list[str]:
    """For the withdrawal gate (S28): a survey still taking answers is closed before the group leaves, so
    that no sheet comes in once its members no longer reach the results."""
    surveys = Survey.objects.filter(inspection__group=group, state=Survey.State.OPEN).select_related("inspection__unit")
    return [
        f"{survey.get_kind_display()}“{survey.title}”（{survey.inspection.unit}）仍在收集答卷，撤离前应结束收集。"
        for survey in surveys.order_by("id")
    ]
