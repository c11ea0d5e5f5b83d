"""A survey's results as Excel (like petitions/exports.py): a summary sheet, one sheet per question
(counts and percentages, then the same by respondent group), a cross-tab sheet of the satisfaction
rates by question × respondent group, and the free-text answers. Numbers stay numbers."""

import io
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from xunchar.registry.exports import XLSX_CONTENT_TYPE  # noqa: F401 (re-exported for the view)

from .models import Question
from .selectors import Results, group_label

KIND_ZH = {Question.Kind.SINGLE: "单选", Question.Kind.MULTIPLE: "多选", Question.Kind.RATING: "评价", Question.Kind.TEXT: "文字"}
METHOD_ZH = {"census": "全面", "sample": "抽样"}
INVALID_TITLE = str.maketrans({c: "_" for c in "[]:*?/\\"})


def attachment_header(name: str) -> str:
    return f"attachment; filename=\"survey-results.xlsx\"; filename*=UTF-8''{quote(name)}"


def _put(sheet, row: int, values) -> None:
    for column, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.data_type = "s"  # never a formula
        else:
            cell.value = value


def _bold(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _title(question) -> str:
    return f"第{question.position}题"[:31].translate(INVALID_TITLE)


def results_workbook(results: Results) -> bytes:
    survey = results.survey
    groups = [group_label(name) for name in results.groups]
    book = Workbook()
    summary = book.active
    summary.title = "概况"
    rows = [
        ["标题", survey.title], ["被巡察单位", survey.inspection.unit.name], ["方式", METHOD_ZH[survey.method]],
        ["计划样本数", survey.planned_size], ["有效答卷", results.sheet_count], ["作废答卷", results.voided_count],
        ["网上作答", results.online_count], ["回收率（%）", results.response_rate],
    ]
    for number, row in enumerate(rows, 1):
        _put(summary, number, row)
    _put(summary, len(rows) + 2, ["对象类别", "有效答卷"])
    _bold(summary, len(rows) + 2)
    for offset, (name, count) in enumerate(zip(groups, results.sheets_by_group, strict=True), len(rows) + 3):
        _put(summary, offset, [name, count])
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 50

    for result in results.questions:
        question = result.question
        sheet = book.create_sheet(_title(question))
        _put(sheet, 1, [f"{question.position}. {question.text}（{KIND_ZH[question.kind]}）"])
        _bold(sheet, 1)
        if question.kind == Question.Kind.TEXT:
            _put(sheet, 3, ["答卷编号", "对象类别", "意见建议"])
            _bold(sheet, 3)
            for row, (number, name, text) in enumerate(result.texts, 4):
                _put(sheet, row, [number, name, text])
            sheet.column_dimensions["C"].width = 80
            continue
        _put(sheet, 3, ["选项", "人数", "比例（%）"])
        _bold(sheet, 3)
        row = 4
        for option in result.options:
            _put(sheet, row, [option.option.label, option.count, option.percent])
            row += 1
        _put(sheet, row, ["有效回答", result.valid])
        if question.kind == Question.Kind.RATING:
            _put(sheet, row + 1, ["满意率（%）", result.satisfaction])
            row += 1
        row += 2
        labels = [o.option.label for o in result.options]
        header = ["对象类别", *labels, "有效回答"] + (["满意率（%）"] if question.kind == Question.Kind.RATING else [])
        _put(sheet, row, header)
        _bold(sheet, row)
        for name, counts, valid, rate in result.group_rows:
            row += 1
            _put(sheet, row, [name, *counts, valid] + ([rate] if question.kind == Question.Kind.RATING else []))
        sheet.column_dimensions["A"].width = 24

    rating = results.rating_questions
    if rating:
        cross = book.create_sheet("交叉分析")
        _put(cross, 1, ["满意率（%）：测评项目 × 对象类别"])
        _bold(cross, 1)
        _put(cross, 2, ["测评项目", *groups, "总体"])
        _bold(cross, 2)
        for row, result in enumerate(rating, 3):
            _put(cross, row, [f"{result.question.position}. {result.question.text}", *result.satisfaction_by_group, result.satisfaction])
        cross.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
