"""Writes to the registers: the Excel import of units and of the cadre pool.

An import is all or nothing. The whole sheet is read and checked first; if any row is wrong nothing
is written and `ImportRejected` lists every problem with its Excel row number, its column and the
reason, in Chinese, so that the office can fix the file in one go. Otherwise every row is written in
one transaction through `save()`, so django-simple-history records each change with its author.
Rows that would change nothing are not saved, so re-importing an unchanged export adds no history.

The import never deletes: a record missing from the file is left as it is.
"""

import datetime
import logging
import math
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import load_workbook

from xunchar.access.policy import can_manage_registries

from .excel import (
    BOOLEAN_WORDS,
    CADRE_SHEET,
    GENDER_ALIASES,
    GENDER_LABELS_ZH,
    KIND_ALIASES,
    KIND_LABELS_ZH,
    NO,
    RANK_ALIASES,
    RANK_LABELS_ZH,
    UNIT_SHEET,
    YES,
    CadreColumn,
    UnitColumn,
    choice_lookup,
    normalize,
)
from .models import Cadre, Unit

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An .xlsx file is a zip archive: a small upload must not unpack into gigabytes.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_DATA_ROWS = 10_000
# A title line or two above the header row is common ("示例县单位名录"); look this far for the header.
HEADER_SEARCH_ROWS = 10
CHANGE_REASON = "Excel 导入"
# Encrypted workbooks and old .xls files are OLE compound files, not zip archives.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_A_WORKBOOK = "无法读取该文件：它不是有效的 Excel 工作簿（.xlsx），可能已损坏，或是改了扩展名的其他文件。"

KIND_LOOKUP = choice_lookup(KIND_LABELS_ZH, KIND_ALIASES)
RANK_LOOKUP = choice_lookup(RANK_LABELS_ZH, RANK_ALIASES)
GENDER_LOOKUP = choice_lookup(GENDER_LABELS_ZH, GENDER_ALIASES)
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


@dataclass(frozen=True)
class RowError:
    row: int  # the row number Excel shows
    column: str  # the Chinese header
    reason: str


class ImportRejected(ValidationError):
    """Nothing was imported. `message` says why; `row_errors` lists each bad cell, in sheet order
    (empty when the file itself could not be read)."""

    def __init__(self, message: str, row_errors=()):
        super().__init__(message)
        self.row_errors = sorted(row_errors, key=lambda error: error.row)


@dataclass(frozen=True)
class ImportResult:
    register: str
    created: int
    updated: int
    unchanged: int

    @property
    def summary(self) -> str:
        return (
            f"{self.register}导入完成：新增 {self.created} 条，更新 {self.updated} 条，"
            f"{self.unchanged} 条无变化。"
        )


@dataclass(frozen=True)
class SheetRow:
    number: int
    values: dict  # header -> the cell's value as openpyxl read it


# --- reading the file ----------------------------------------------------------------------------


def read_sheet(file, *, sheet_name: str, headers: tuple[str, ...]) -> list[SheetRow]:
    """The data rows under the header row, blank rows skipped. The sheet called `sheet_name` is
    read, or the first sheet when there is none by that name; columns may come in any order and
    extra columns are ignored."""
    _check_upload(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged or foreign file
        logger.warning("Excel import: cannot open %r", file.name, exc_info=True)
        raise ImportRejected(NOT_A_WORKBOOK) from error
    try:
        sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
        # Some programs write a wrong sheet size, which would cut rows or columns off: read every cell.
        sheet.reset_dimensions()
        return _data_rows(sheet, headers)
    except ImportRejected:
        raise
    except Exception as error:  # the sheet is parsed while it is read, so damage shows up here too
        logger.warning("Excel import: cannot read %r", file.name, exc_info=True)
        raise ImportRejected(NOT_A_WORKBOOK) from error
    finally:
        workbook.close()


def _check_upload(file) -> None:
    name = (getattr(file, "name", "") or "").lower()
    if name.endswith(".xls"):
        raise ImportRejected("这是旧版 Excel 文件（.xls）。请在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后再上传。")
    if not name.endswith(".xlsx"):
        raise ImportRejected("只能导入 Excel 工作簿（.xlsx 文件）。")
    if file.size == 0:
        raise ImportRejected("上传的文件是空的。")
    if file.size > MAX_UPLOAD_BYTES:
        megabytes = math.ceil(file.size / 1024 / 1024 * 10) / 10
        raise ImportRejected(
            f"文件太大（{megabytes} MB），不能超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB。"
            "请删去无关的工作表或图片，或分批导入。"
        )
    signature = file.read(len(OLE_SIGNATURE))
    file.seek(0)
    if signature == OLE_SIGNATURE:
        raise ImportRejected(
            "无法读取该文件：它设置了打开密码，或是改了扩展名的旧版 .xls 文件。"
            "请取消密码、另存为“Excel 工作簿（*.xlsx）”后再上传。"
        )
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportRejected(NOT_A_WORKBOOK) from error
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRejected("文件解压后过大，无法导入。请删去无关的工作表或图片后再试。")


def _data_rows(sheet, headers: tuple[str, ...]) -> list[SheetRow]:
    numbered = enumerate(sheet.iter_rows(values_only=True), start=1)
    positions = None
    first_filled = None
    for number, values in numbered:
        found = {}
        for index, value in enumerate(values):
            key = normalize(_text(value)).strip("*")
            if key:
                found.setdefault(key, index)
        if found and first_filled is None:
            first_filled = found
        if normalize(headers[0]) in found:
            positions = found
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if first_filled is None:
        raise ImportRejected("文件中没有内容：第一个工作表是空的。")
    header_cells = positions or first_filled
    missing = [header for header in headers if normalize(header) not in header_cells]
    if missing:
        raise ImportRejected(
            f"表头缺少列：{'、'.join(missing)}。第一行应为表头，依次为：{'、'.join(headers)}。"
            "可先导出一份作为模板。"
        )
    columns = {header: header_cells[normalize(header)] for header in headers}
    rows = []
    for number, values in numbered:
        cells = {header: values[index] if index < len(values) else None for header, index in columns.items()}
        if all(_text(value) == "" for value in cells.values()):
            continue
        rows.append(SheetRow(number=number, values=cells))
        if len(rows) > MAX_DATA_ROWS:
            raise ImportRejected(f"数据超过 {MAX_DATA_ROWS} 行，请分成几个文件导入。")
    if not rows:
        raise ImportRejected("表头下面没有数据行，没有可导入的内容。")
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _RowReader:
    """Reads the cells of one row into Python values, noting each bad cell."""

    def __init__(self, row: SheetRow, errors: list[RowError]):
        self.row = row
        self.errors = errors

    def error(self, column: str, reason: str) -> None:
        self.errors.append(RowError(row=self.row.number, column=column, reason=reason))

    def text(self, column: str, *, max_length: int, required: bool = False, squeeze: bool = False) -> str:
        text = _text(self.row.values[column])
        if squeeze:
            # 姓名 are often padded for alignment ("张  三"); the spaces are not part of the name.
            text = "".join(text.split())
        if required and not text:
            self.error(column, f"{column}不能为空")
        elif len(text) > max_length:
            self.error(column, f"{column}不能超过 {max_length} 个字（现有 {len(text)} 个字）")
            return ""
        return text

    def choice(self, column: str, lookup: dict[str, str], labels: dict) -> str | None:
        text = _text(self.row.values[column])
        if not text:
            self.error(column, f"{column}不能为空")
            return None
        code = lookup.get(normalize(text))
        if code is None:
            self.error(column, f"{column}“{text}”无效，应为：{'、'.join(labels.values())}")
        return code

    def boolean(self, column: str) -> bool:
        """A blank cell means no."""
        value = self.row.values[column]
        if isinstance(value, bool):
            return value
        text = _text(value)
        if not text:
            return False
        answer = BOOLEAN_WORDS.get(normalize(text))
        if answer is None:
            self.error(column, f"{column}“{text}”无效，应为：{YES}、{NO}")
            return False
        return answer

    def date(self, column: str) -> datetime.date | None:
        value = self.row.values[column]
        if isinstance(value, datetime.datetime):
            parsed = value.date()
        elif isinstance(value, datetime.date):
            parsed = value
        else:
            text = _text(value)
            if not text:
                return None
            parsed = _parse_date(text)
            if parsed is None:
                self.error(column, f"{column}格式无效（“{text}”），应为 1975-03-02 这样的日期")
                return None
        if parsed > timezone.localdate():
            self.error(column, f"{column}（{parsed.isoformat()}）不能晚于今天")
            return None
        return parsed


def _parse_date(text: str) -> datetime.date | None:
    text = unicodedata.normalize("NFKC", text).split(" ")[0]
    if text.isdigit():
        # Only the full 8 digits: strptime would also read "197532" as 1975-03-02.
        formats = ("%Y%m%d",) if len(text) == 8 else ()
    else:
        formats = DATE_FORMATS
    for date_format in formats:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def _rejected(errors: list[RowError]) -> ImportRejected:
    rows = len({error.row for error in errors})
    return ImportRejected(f"共有 {rows} 行有误（{len(errors)} 处），未导入任何数据。请改正后重新上传。", errors)


def _check_actor(actor) -> None:
    if not can_manage_registries(actor):
        raise PermissionDenied


def _save(instance, actor) -> None:
    instance._history_user = actor  # explicit, so that the history is right outside a request too
    instance._change_reason = CHANGE_REASON
    instance.save()


def _atomic_import(work):
    try:
        with transaction.atomic():
            return work()
    except IntegrityError as error:
        # Someone saved the same record between our check and our write; the transaction is undone.
        raise ImportRejected("导入时名录正被他人同时修改，未导入任何数据。请稍后重新上传。") from error


# --- units ---------------------------------------------------------------------------------------


@dataclass
class _UnitRow:
    number: int
    name: str
    kind: str | None
    supervising: str  # the name of the supervising department, "" for none
    parent: str


# (column, attribute of _UnitRow, field of Unit)
UNIT_REFERENCES = (
    (UnitColumn.SUPERVISING, "supervising", "supervising_department"),
    (UnitColumn.PARENT, "parent", "parent"),
)


def import_units(*, file, actor) -> ImportResult:
    """Units are matched by their (unique) name: a known name is updated, a new one is created.
    主管部门 and 上级单位 may name a unit in the system or any unit of the same file, in any row."""
    _check_actor(actor)
    rows = read_sheet(file, sheet_name=UNIT_SHEET, headers=UnitColumn.ALL)

    def work():
        existing = {unit.name: unit for unit in Unit.objects.visible_to(actor)}
        planned, errors = _check_unit_rows(rows, existing)
        if errors:
            raise _rejected(errors)
        return _write_units(planned, existing, actor)

    return _atomic_import(work)


def _check_unit_rows(rows: list[SheetRow], existing: dict[str, Unit]) -> tuple[list[_UnitRow], list[RowError]]:
    errors: list[RowError] = []
    planned: dict[str, _UnitRow] = {}
    for row in rows:
        reader = _RowReader(row, errors)
        unit_row = _UnitRow(
            number=row.number,
            name=reader.text(UnitColumn.NAME, max_length=100, required=True),
            kind=reader.choice(UnitColumn.KIND, KIND_LOOKUP, KIND_LABELS_ZH),
            supervising=reader.text(UnitColumn.SUPERVISING, max_length=100),
            parent=reader.text(UnitColumn.PARENT, max_length=100),
        )
        if not unit_row.name:
            continue
        if unit_row.name in planned:
            reader.error(
                UnitColumn.NAME, f"单位名称“{unit_row.name}”与第 {planned[unit_row.name].number} 行重复"
            )
            continue
        planned[unit_row.name] = unit_row

    for unit_row in planned.values():
        for column, attribute, _field in UNIT_REFERENCES:
            name = getattr(unit_row, attribute)
            if name and name not in planned and name not in existing:
                errors.append(RowError(unit_row.number, column, f"{column}“{name}”不存在（系统和本文件中都没有这个单位）"))

    # The links as they will be after the import, to refuse a unit that ends up above itself.
    by_id = {unit.pk: unit.name for unit in existing.values()}
    for column, attribute, field in UNIT_REFERENCES:
        links = {name: by_id.get(getattr(unit, f"{field}_id"), "") for name, unit in existing.items()}
        links.update({name: getattr(unit_row, attribute) for name, unit_row in planned.items()})
        for unit_row in planned.values():
            loop = _loop_through(unit_row.name, links)
            if loop is None:
                continue
            if len(loop) == 2:
                reason = f"{column}不能是本单位"
            else:
                reason = f"{column}关系形成循环：{' → '.join(loop)}"
            errors.append(RowError(unit_row.number, column, reason))
    return list(planned.values()), errors


def _loop_through(start: str, links: dict[str, str]) -> list[str] | None:
    """The chain start → … → start if following `links` comes back to `start`, else None."""
    chain, seen = [start], {start}
    current = links.get(start, "")
    while current:
        chain.append(current)
        if current == start:
            return chain
        if current in seen:
            return None
        seen.add(current)
        current = links.get(current, "")
    return None


def _write_units(planned: list[_UnitRow], existing: dict[str, Unit], actor) -> ImportResult:
    units = dict(existing)
    saved: set[str] = set()

    def linked(unit_row: _UnitRow) -> bool:
        return all(name in units for name in (unit_row.supervising, unit_row.parent) if name)

    def write(unit_row: _UnitRow) -> None:
        unit = units.get(unit_row.name) or Unit(name=unit_row.name)
        before = (unit.kind, unit.supervising_department_id, unit.parent_id)
        unit.kind = unit_row.kind
        unit.supervising_department = units[unit_row.supervising] if unit_row.supervising else None
        unit.parent = units[unit_row.parent] if unit_row.parent else None
        if unit.pk is None or before != (unit.kind, unit.supervising_department_id, unit.parent_id):
            _save(unit, actor)
            units[unit_row.name] = unit
            saved.add(unit_row.name)

    # Write a unit after the new units it names, so that each is saved once, in its final state.
    pending = planned
    while pending:
        ready = {unit_row.number for unit_row in pending if linked(unit_row)}
        if not ready:
            break
        for unit_row in pending:
            if unit_row.number in ready:
                write(unit_row)
        pending = [unit_row for unit_row in pending if unit_row.number not in ready]
    if pending:
        # New units naming each other across the two links (A is B's parent, B supervises A): create
        # them without links first, then link them.
        for unit_row in pending:
            if unit_row.name not in units:
                unit = Unit(name=unit_row.name, kind=unit_row.kind)
                _save(unit, actor)
                units[unit_row.name] = unit
        for unit_row in pending:
            write(unit_row)

    created = sum(1 for unit_row in planned if unit_row.name not in existing)
    updated = len(saved & existing.keys())
    return ImportResult(register="单位名录", created=created, updated=updated, unchanged=len(planned) - created - updated)


# --- cadres --------------------------------------------------------------------------------------


@dataclass
class _CadreRow:
    number: int
    name: str
    gender: str | None
    birth_date: datetime.date | None
    unit_name: str
    post: str
    rank: str | None
    is_county_managed: bool
    is_retired: bool


CADRE_FIELDS = ("name", "gender", "birth_date", "unit_id", "post", "rank", "is_county_managed", "is_retired")


def import_cadres(*, file, actor) -> ImportResult:
    """Cadres are matched by 姓名 together with 现工作单位 (the same person at the same unit): such a
    cadre is updated, any other row creates a cadre. There is no better key in the sheet — no ID
    number is kept — so namesakes at different units stay apart, and a cadre moved to another unit
    must be moved in the system, not in the file (the file would add a second record)."""
    _check_actor(actor)
    rows = read_sheet(file, sheet_name=CADRE_SHEET, headers=CadreColumn.ALL)

    def work():
        planned, units, matches, errors = _check_cadre_rows(rows, actor)
        if errors:
            raise _rejected(errors)
        return _write_cadres(planned, units, matches, actor)

    return _atomic_import(work)


def _check_cadre_rows(rows: list[SheetRow], actor):
    errors: list[RowError] = []
    planned: list[_CadreRow] = []
    for row in rows:
        reader = _RowReader(row, errors)
        planned.append(
            _CadreRow(
                number=row.number,
                name=reader.text(CadreColumn.NAME, max_length=50, required=True, squeeze=True),
                gender=reader.choice(CadreColumn.GENDER, GENDER_LOOKUP, GENDER_LABELS_ZH),
                birth_date=reader.date(CadreColumn.BIRTH_DATE),
                unit_name=reader.text(CadreColumn.UNIT, max_length=100),
                post=reader.text(CadreColumn.POST, max_length=100),
                rank=reader.choice(CadreColumn.RANK, RANK_LOOKUP, RANK_LABELS_ZH),
                is_county_managed=reader.boolean(CadreColumn.COUNTY_MANAGED),
                is_retired=reader.boolean(CadreColumn.RETIRED),
            )
        )

    unit_names = {cadre_row.unit_name for cadre_row in planned if cadre_row.unit_name}
    units = Unit.objects.visible_to(actor).in_bulk(unit_names, field_name="name")
    known: dict[tuple[str, int | None], list[Cadre]] = {}
    names = {cadre_row.name for cadre_row in planned if cadre_row.name}
    for cadre in Cadre.objects.visible_to(actor).filter(name__in=names).order_by("id"):
        known.setdefault((cadre.name, cadre.unit_id), []).append(cadre)

    matches: dict[int, Cadre] = {}
    first_row_of: dict[tuple[str, str], int] = {}
    for cadre_row in planned:
        unit = units.get(cadre_row.unit_name)
        if cadre_row.unit_name and unit is None:
            errors.append(
                RowError(
                    cadre_row.number,
                    CadreColumn.UNIT,
                    f"现工作单位“{cadre_row.unit_name}”不存在，请先在单位名录中添加该单位",
                )
            )
        if not cadre_row.name:
            continue
        key = (cadre_row.name, cadre_row.unit_name)
        if key in first_row_of:
            errors.append(
                RowError(
                    cadre_row.number,
                    CadreColumn.NAME,
                    f"“{cadre_row.name}”与第 {first_row_of[key]} 行重复（姓名和现工作单位都相同）",
                )
            )
            continue
        first_row_of[key] = cadre_row.number
        if cadre_row.unit_name and unit is None:
            continue
        same = known.get((cadre_row.name, unit.pk if unit else None), [])
        if len(same) > 1:
            where = f"“{cadre_row.unit_name}”" if cadre_row.unit_name else "没有填写现工作单位"
            errors.append(
                RowError(
                    cadre_row.number,
                    CadreColumn.NAME,
                    f"系统中已有 {len(same)} 名{where}的同名干部“{cadre_row.name}”，无法确定更新哪一位；"
                    "请先在系统中区分后再导入",
                )
            )
        elif same:
            matches[cadre_row.number] = same[0]
    return planned, units, matches, errors


def _write_cadres(planned: list[_CadreRow], units: dict[str, Unit], matches: dict[int, Cadre], actor):
    created = updated = unchanged = 0
    for cadre_row in planned:
        cadre = matches.get(cadre_row.number) or Cadre()
        before = [getattr(cadre, field) for field in CADRE_FIELDS]
        cadre.name = cadre_row.name
        cadre.gender = cadre_row.gender
        cadre.birth_date = cadre_row.birth_date
        cadre.unit = units.get(cadre_row.unit_name) if cadre_row.unit_name else None
        cadre.post = cadre_row.post
        cadre.rank = cadre_row.rank
        cadre.is_county_managed = cadre_row.is_county_managed
        cadre.is_retired = cadre_row.is_retired
        if cadre.pk is None:
            created += 1
        elif before == [getattr(cadre, field) for field in CADRE_FIELDS]:
            unchanged += 1
            continue
        else:
            updated += 1
        _save(cadre, actor)
    return ImportResult(register="干部名册", created=created, updated=updated, unchanged=unchanged)
