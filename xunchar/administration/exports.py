"""The audit log as an Excel workbook: the rows the audit administrator filtered, all pages.

Written row by row (openpyxl's write-only mode) from one query, so a long log costs memory for one row.
"""

import io

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from xunchar.audit.models import AuditEvent

from .timefmt import zone_label

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "审计日志"
TIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm:ss'
HEADERS = ["序号", "时间", "用户", "事件", "结果", "对象类型", "对象编号", "对象", "地址", "路径", "详情", "校验值"]
WIDTHS = [10, 24, 16, 22, 8, 22, 10, 30, 16, 40, 50, 20]


def _text(sheet, value) -> WriteOnlyCell:
    # Text from a request (a path, a name) may hold control characters openpyxl refuses, or begin
    # with "=": it stays text, never a formula the spreadsheet evaluates.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value or "")))
    cell.data_type = "s"
    return cell


def audit_workbook(events) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    zone = zone_label(timezone.localtime())
    headers = [h if h != "时间" else f"时间（{zone}）" for h in HEADERS]
    header_cells = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    with translation.override("zh-hans"):  # the export is a Chinese document, whatever the UI language
        events_labels = {value: str(label) for value, label in AuditEvent.Event.choices}
        result_labels = {value: str(label) for value, label in AuditEvent.Result.choices}
    for event in events:
        at = WriteOnlyCell(sheet, value=timezone.localtime(event.at).replace(tzinfo=None))
        at.number_format = TIME_FORMAT
        sheet.append([
            event.pk, at, _text(sheet, event.username), events_labels.get(event.event, event.event),
            result_labels.get(event.result, event.result),
            *(_text(sheet, value) for value in (event.object_type, event.object_id, event.object_repr,
                                                 event.address, event.path, event.detail)),
            event.hash[:16],
        ])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
