"""Building and reading .xlsx files in the tests, as an office worker's Excel would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

UNIT_HEADERS = ["单位名称", "单位类别", "主管部门", "上级单位"]
CADRE_HEADERS = ["姓名", "性别", "出生日期", "现工作单位", "现任职务", "职级", "是否县管干部", "是否退休"]


def xlsx_bytes(rows, *, title="Sheet1") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, *, name="名录.xlsx", title="Sheet1") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, title=title), content_type="application/octet-stream")


def workbook_from(response):
    return load_workbook(io.BytesIO(response.content))


def values(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def problems(response) -> list[tuple[int, str]]:
    """(row, column) of each problem the import page lists."""
    return [(error.row, error.column) for error in response.context["rejected"].row_errors]
