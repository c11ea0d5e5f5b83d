"""The group's petition ledger as Excel: the office's 信访件登记台账 layout, one row per item.

The caller passes the rows of `selectors.ledger` (already restricted to what the reader may see)
and says whether the reader may see petitioners; when not, the 反映人 column says only 匿名 or 实名.
"""

import io

from openpyxl import Workbook

from xunchar.registry.exports import XLSX_CONTENT_TYPE, _fill  # noqa: F401 (re-exported for the view)

from .models import Petition
from .papers import complained_about

SEALED = "径送件（已密封）"
HEADERS = ["序号", "编号", "收件日期", "来信来访方式", "反映人（匿名）", "被反映人", "反映问题摘要", "处理方式", "办理情况", "备注"]


def _petitioner(petition: Petition, with_petitioner: bool) -> str:
    if petition.anonymous:
        return "匿名"
    if not with_petitioner:
        return "实名"
    petitioner = getattr(petition, "petitioner", None)
    return petitioner.display if petitioner is not None else "实名"


def _progress(petition: Petition, instruction) -> str:
    if petition.state == Petition.State.IMPORTANT:
        return f"组长批示：{instruction.opinion}" if instruction else "已报组长批示"
    if petition.state == Petition.State.NOT_HANDLED:
        return f"只接收、不处理（{petition.get_not_handled_reason_display()}），待移交"
    return ""


def ledger_workbook(group, rows, *, with_petitioner: bool, instructions: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "信访件登记台账"
    values = []
    for index, petition in enumerate(rows, start=1):
        if getattr(petition, "sealed", False):
            # A direct-delivery item: its number, date and routing, nothing else.
            values.append([str(index), petition.reference, petition.received_on, "", "", "", "", SEALED, "", ""])
            continue
        content = petition.content
        values.append([
            str(index), petition.reference, petition.received_on, petition.get_channel_display(),
            _petitioner(petition, with_petitioner), complained_about(content), content.summary,
            petition.get_state_display(), _progress(petition, instructions.get(petition.pk)),
            str(petition.inspection.unit) if petition.inspection_id else "",
        ])
    _fill(sheet, HEADERS, values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
