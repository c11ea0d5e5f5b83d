"""The office's roll-up of every group's entry status (S07.4) as an Excel workbook, laid out as the
registry exports are: a bold frozen header, one row per inspected unit, dates as real dates."""

from django.utils import timezone
from openpyxl import Workbook

from xunchar.registry.exports import XLSX_CONTENT_TYPE, _fill, workbook_bytes

from .models import GroupWorkPlan
from .selectors import RollupRow

__all__ = ["XLSX_CONTENT_TYPE", "ENTRY_ROLLUP_HEADERS", "entry_rollup_workbook", "TALK_ROSTER_HEADERS", "talk_roster_workbook"]

ENTRY_ROLLUP_SHEET = "进驻情况汇总"
ENTRY_ROLLUP_HEADERS = (
    "巡察组", "组长", "被巡察单位", "保密承诺书", "巡察组工作方案", "报备日期", "巡察办签收日期",
    "进驻准备工作清单", "汇报材料", "问题及原因分析占比", "驻地和信访渠道", "进驻日期",
)


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def _plan_cells(plan: GroupWorkPlan | None) -> list:
    if plan is None:
        return ["未起草", None, None]
    revision = plan.latest_revision
    if plan.state == GroupWorkPlan.State.FILED:
        state = f"已报备（第{revision.number}版）"
    elif revision is not None:
        state = f"修订中（第{revision.number}版已报备）"
    else:
        state = "起草中"
    return [
        state,
        _local_date(revision.filed_at) if revision else None,
        _local_date(revision.received_at) if revision else None,
    ]


def entry_rollup_rows(rows: list[RollupRow]):
    """One row per inspected unit, the group's own columns repeated on each."""
    for row in rows:
        pledges = f"{row.signed}/{row.member_count}"
        plan = _plan_cells(row.plan)
        for inspection in row.inspections:
            report = getattr(inspection, "self_report", None)
            yield [
                str(row.group), row.leader, inspection.unit.name, pledges, *plan,
                f"{inspection.checklist_done}/{row.checklist_total}",
                report.get_state_display() if report else "未提交",
                f"{report.share_display}%" if report else "",
                "已登记" if getattr(inspection, "facilities", None) else "未登记",
                row.group.entered_on,
            ]
        if not row.inspections:
            yield [str(row.group), row.leader, "", pledges, *plan, "", "", "", "", row.group.entered_on]


def entry_rollup_workbook(round_, rows: list[RollupRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ENTRY_ROLLUP_SHEET
    _fill(sheet, ENTRY_ROLLUP_HEADERS, ([_text(v) for v in values] for values in entry_rollup_rows(rows)))
    return workbook_bytes(workbook)


def _text(value):
    """Dates stay dates; every other value goes in as text, as the registry's filler expects."""
    if value is None or hasattr(value, "isoformat"):
        return value
    return str(value)


# --- 谈话安排表 (S12.1): the plan only, never what was said ------------------------------------------------------

TALK_ROSTER_SHEET = "谈话安排表"
TALK_ROSTER_HEADERS = (
    "序号", "谈话对象", "单位及职务", "对象类别", "谈话日期", "时间", "谈话地点", "谈话人", "记录人", "安全要求", "状态", "备注",
)


def talk_roster_rows(talks):
    for index, talk in enumerate(talks, start=1):
        staff = list(talk.staff.all())
        note = "一对一谈话" if len(staff) == 1 else ""
        yield [
            str(index), talk.subject_name, talk.subject_post, talk.get_subject_kind_display(), talk.day,
            f"{talk.planned_time:%H:%M}" if talk.planned_time else "", talk.place,
            "、".join(m.cadre.name for m in staff), talk.recorder.cadre.name if talk.recorder_id else "",
            talk.safety_notes, talk.get_state_display(), note,
        ]


def talk_roster_workbook(group, talks) -> bytes:
    """The rows of `talks.talk_roster` (already restricted to what the reader may see)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TALK_ROSTER_SHEET
    _fill(sheet, TALK_ROSTER_HEADERS, ([_text(v) for v in values] for values in talk_roster_rows(talks)))
    return workbook_bytes(workbook)
