"""Excel exports of the registers, in the layout the import reads back (see `excel`).

The callers pass querysets already restricted by `visible_to(user)`; the query count does not grow
with the number of rows (one query per sheet).
"""

import datetime
import io
import unicodedata
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .excel import (
    CADRE_SHEET,
    GENDER_LABELS_ZH,
    KIND_LABELS_ZH,
    NO,
    POST_HEADERS,
    POST_SHEET,
    RANK_LABELS_ZH,
    RELATION_LABELS_ZH,
    RELATIVE_HEADERS,
    RELATIVE_SHEET,
    UNIT_SHEET,
    YES,
    CadreColumn,
    UnitColumn,
)
from .models import CadrePost, CadreRelative

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
# Drop-down lists reach this many rows below the data, so that rows typed in later get them too.
CHOICE_ROWS_EXTRA = 1000
MIN_WIDTH, MAX_WIDTH = 8, 60


def units_workbook(units) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = UNIT_SHEET
    rows = (
        [
            unit.name,
            KIND_LABELS_ZH.get(unit.kind, unit.kind),
            _name(unit.supervising_department),
            _name(unit.parent),
        ]
        for unit in units
    )
    _fill(sheet, UnitColumn.ALL, rows)
    _choice_list(sheet, UnitColumn.ALL.index(UnitColumn.KIND), KIND_LABELS_ZH.values())
    return workbook


def cadres_workbook(cadres) -> Workbook:
    """The cadre pool, with the posts held and the relatives on their own sheets (for reading only:
    the import reads the first sheet)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = CADRE_SHEET
    rows = (
        [
            cadre.name,
            GENDER_LABELS_ZH.get(cadre.gender, cadre.gender),
            cadre.birth_date,
            _name(cadre.unit),
            cadre.post,
            RANK_LABELS_ZH.get(cadre.rank, cadre.rank),
            YES if cadre.is_county_managed else NO,
            YES if cadre.is_retired else NO,
        ]
        for cadre in cadres
    )
    _fill(sheet, CadreColumn.ALL, rows)
    _choice_list(sheet, CadreColumn.ALL.index(CadreColumn.GENDER), GENDER_LABELS_ZH.values())
    _choice_list(sheet, CadreColumn.ALL.index(CadreColumn.RANK), RANK_LABELS_ZH.values())
    _choice_list(sheet, CadreColumn.ALL.index(CadreColumn.COUNTY_MANAGED), (YES, NO))
    _choice_list(sheet, CadreColumn.ALL.index(CadreColumn.RETIRED), (YES, NO))

    posts = (
        CadrePost.objects.filter(cadre__in=cadres)
        .select_related("cadre", "unit")
        .order_by("cadre__name", "cadre_id", "start_date", "id")
    )
    _fill(
        workbook.create_sheet(POST_SHEET),
        POST_HEADERS,
        ([p.cadre.name, p.unit.name, p.title, p.start_date, p.end_date] for p in posts),
    )
    relatives = (
        CadreRelative.objects.filter(cadre__in=cadres)
        .select_related("cadre", "workplace_unit")
        .order_by("cadre__name", "cadre_id", "id")
    )
    _fill(
        workbook.create_sheet(RELATIVE_SHEET),
        RELATIVE_HEADERS,
        (
            [
                r.cadre.name,
                RELATION_LABELS_ZH.get(r.relation, r.relation),
                r.name,
                _name(r.workplace_unit),
                r.workplace,
            ]
            for r in relatives
        ),
    )
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _name(obj) -> str:
    return obj.name if obj is not None else ""


def _fill(sheet, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Header row in bold and frozen, one row per record, dates as real dates, columns wide enough."""
    widths = [_display_width(header) for header in headers]
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=header).font = Font(bold=True)
    row_number = 1
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, datetime.date):
                cell.value = value
                cell.number_format = DATE_FORMAT
                width = len("2026-01-01")
            elif value:
                text = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.value = text
                # A name beginning with "=" must stay text, never become a formula Excel evaluates.
                cell.data_type = "s"
                width = _display_width(text)
            else:
                continue
            widths[column - 1] = max(widths[column - 1], width)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{row_number}"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _display_width(text: str) -> int:
    """Chinese characters take two columns of width in Excel, Latin letters and digits one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _choice_list(sheet, index: int, labels: Iterable[str]) -> None:
    """A drop-down of the allowed Chinese labels; the import checks the values anyway."""
    letter = get_column_letter(index + 1)
    validation = DataValidation(type="list", formula1='"{}"'.format(",".join(labels)), allow_blank=True)
    validation.add(f"{letter}2:{letter}{sheet.max_row + CHOICE_ROWS_EXTRA}")
    sheet.add_data_validation(validation)
