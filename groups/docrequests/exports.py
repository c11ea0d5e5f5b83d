"""The group's register as Excel: 调阅资料清单与签收单 — one row per item, with its sign-out and
return. The caller passes rows already restricted to what the reader may see (selectors.register).
Classified items by their registration data only, as everywhere."""

import io

from openpyxl import Workbook

from xunchar.registry.exports import XLSX_CONTENT_TYPE, _fill  # noqa: F401 (re-exported for the view)

from .models import DocumentItem

SHEET = "调阅资料清单与签收单"
HEADERS = [
    "序号", "被巡察单位", "资料名称", "类别", "时间范围", "份数", "原件/复印件", "纸质/电子", "密级", "文号", "重要资料",
    "状态", "签收日期", "签收人", "移交人（单位）", "保管人", "存放保密柜", "应清退日期", "清退日期", "清退人", "接收人（单位）",
    "不提供理由", "备注",
]


def _name(membership) -> str:
    return membership.cadre.name if membership is not None else ""


def _row(index: int, item: DocumentItem) -> list:
    return [
        str(index), str(item.inspection.unit), item.title, str(item.get_category_display()),
        f"{item.period_from:%Y-%m-%d}至{item.period_to:%Y-%m-%d}", str(item.copies), item.form_display_zh,
        "纸质" if item.medium == DocumentItem.Medium.PAPER else "电子", item.level_display or "非涉密",
        item.document_number, "是" if item.important else "", str(item.get_state_display()),
        item.signed_out_on, _name(item.received_by), item.handed_over_by, _name(item.custodian), item.cabinet,
        item.due_back_on, item.returned_on, _name(item.returned_by), item.received_back_by,
        item.not_provided_reason, item.note,
    ]


def register_workbook(group, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _fill(sheet, HEADERS, [_row(index, item) for index, item in enumerate(rows, start=1)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
