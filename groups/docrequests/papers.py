"""What the important item's approval freezes, and the 调阅资料清单 handed to the unit (S16)."""

from django.utils import timezone

from xunchar.workdays.calendar import chinese_date

from .models import DocumentItem

REQUEST_LIST = "调阅资料清单"


def period_display(item: DocumentItem) -> str:
    return f"{chinese_date(item.period_from)}至{chinese_date(item.period_to)}"


def _properties(item: DocumentItem) -> str:
    parts = [f"{item.copies}份", item.form_display_zh, item.get_medium_display()]
    if item.classified:
        parts.append(f"{item.level_display}，文号{item.document_number}")
    return "，".join(str(part) for part in parts)


def important_item_snapshot(item: DocumentItem) -> dict:
    return {
        "title": f"关于调阅重要资料的请示（{item.inspection.unit}：{item.title}）",
        "sections": [
            {"heading": "巡察组", "text": item.inspection.group.full_name},
            {"heading": "被巡察单位", "text": str(item.inspection.unit)},
            {"heading": "资料名称", "text": item.title},
            {"heading": "类别", "text": str(item.get_category_display())},
            {"heading": "时间范围", "text": period_display(item)},
            {"heading": "份数及形式", "text": _properties(item)},
            *([{"heading": "备注", "text": item.note}] if item.note else []),
        ],
    }


def request_list_paper(inspection) -> tuple[str, dict]:
    """调阅资料清单: the lines asked of the unit, to hand over on paper. Classified items by their
    registration data only (as everywhere)."""
    items = list(DocumentItem.objects.filter(inspection=inspection).order_by("number"))
    rows = [
        {
            "number": item.number,
            "title": item.title,
            "category": item.get_category_display(),
            "period": f"{item.period_from:%Y.%m}—{item.period_to:%Y.%m}",
            "copies": item.copies,
            "form": item.form_display_zh,
            "medium": "纸质" if item.medium == DocumentItem.Medium.PAPER else "电子",
            "level": item.level_display,
            "note": "；".join(filter(None, ["重要资料" if item.important else "", f"文号{item.document_number}" if item.classified else "", item.note])),
        }
        for item in items
    ]
    group = inspection.group
    context = {
        "title": REQUEST_LIST,
        "number": f"{group}",
        "addressee": str(inspection.unit),
        "group": group.full_name,
        "rows": rows,
        "today": chinese_date(timezone.localdate()),
    }
    return "docrequests/papers/request_list.html", context
