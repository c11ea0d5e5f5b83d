"""The 测评/问卷结果 report as a PDF (xunchar.documents): the counts, percentages, satisfaction rates
and the cross-tabulation by respondent group, with bar charts drawn as SVG here on the server
(WeasyPrint runs no JavaScript)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Survey
from .selectors import group_label, survey_results

BAR_WIDTH = 300  # px of the longest bar
ROW = 18


def bar_chart_svg(labels, values, *, suffix="", maximum=None) -> str:
    """Horizontal bars, one per label, the value written after each bar."""
    maximum = maximum or max([v for v in values if v] or [1])
    label_width = 12 * max([len(str(label)) for label in labels] or [1]) + 8
    height = ROW * len(labels) + 4
    width = label_width + BAR_WIDTH + 70
    bars = format_html_join(
        "", '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#8b1a1a"/>'
        '<text x="{}" y="{}" font-size="11">{}{}</text>',
        (
            (label_width - 6, i * ROW + 13, label, label_width, i * ROW + 3, round(BAR_WIDTH * (value or 0) / maximum, 1), ROW - 6,
             label_width + round(BAR_WIDTH * (value or 0) / maximum, 1) + 4, i * ROW + 13, value if value is not None else "—", suffix)
            for i, (label, value) in enumerate(zip(labels, values, strict=True))
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">{}</svg>', width, height, width, height, bars,
    )


def results_paper(survey: Survey) -> tuple[str, dict]:
    results = survey_results(survey)
    for result in results.questions:
        if result.question.has_options:
            result.chart = bar_chart_svg([o.option.label for o in result.options], [o.count for o in result.options])
    rating = results.rating_questions
    context = {
        "title": f"{survey.title}结果" if survey.kind == Survey.Kind.EVALUATION else f"{survey.title}问卷结果",
        "survey": survey,
        "method": "全面" if survey.method == Survey.Method.CENSUS else f"抽样（计划{survey.planned_size}份）",
        "results": results,
        "groups": [group_label(name) for name in results.groups],
        "groups_with_counts": list(zip([group_label(n) for n in results.groups], results.sheets_by_group, strict=True)),
        "satisfaction_chart": bar_chart_svg(
            [f"{q.question.position}" for q in rating], [q.satisfaction for q in rating], suffix="%", maximum=100,
        ) if rating else mark_safe(""),
    }
    return "surveys/papers/results.html", context
