"""What the spot check and the detained-person inquiry show on their approvals' frozen snapshots,
and the 抽查核实情况表 the organization department returns (S14.2)."""

from django.utils import timezone

from xunchar.workdays.calendar import chinese_date

from .models import Inquiry, SpotCheck

SPOT_CHECK_TABLE = "抽查核实情况表"


def _cadre_line(cadre) -> str:
    where = f"{cadre.unit or ''}{cadre.post}"
    return f"{cadre.name}（{where}）" if where else cadre.name


def spot_check_snapshot(spot_check: SpotCheck) -> dict:
    people = spot_check.people.select_related("cadre__unit").order_by("id")
    return {
        "title": f"关于抽查核实领导干部报告个人有关事项的请示（{spot_check.reference}）",
        "sections": [
            {"heading": "提出巡察组", "text": spot_check.group.full_name},
            *({"heading": f"{index}. {_cadre_line(p.cadre)}", "text": f"抽查理由：{p.reason}"} for index, p in enumerate(people, 1)),
        ],
    }


def inquiry_snapshot(inquiry: Inquiry) -> dict:
    return {
        "title": f"关于询问在押（被采取审查措施）人员的请示（{inquiry.group.full_name}）",
        "sections": [
            {"heading": "询问对象", "text": inquiry.informant},
            {"heading": "询问目的", "text": inquiry.purpose},
            {"heading": "询问方案", "text": inquiry.plan},
        ],
    }


def _day(moment) -> str:
    return chinese_date(timezone.localdate(moment)) if moment else ""


def spot_check_table_paper(spot_check: SpotCheck) -> tuple[str, dict]:
    people = spot_check.people.select_related("cadre__unit", "filled_by").order_by("id")
    rows = [
        {
            "number": index, "name": p.cadre.name, "post": f"{p.cadre.unit or ''}{p.cadre.post}",
            "result": p.get_result_display() if p.result else "", "details": p.details, "review_opinion": p.review_opinion,
        }
        for index, p in enumerate(people, 1)
    ]
    context = {
        "title": SPOT_CHECK_TABLE,
        "number": f"编号：{spot_check.reference}",
        "group": spot_check.group.full_name,
        "sent_on": _day(spot_check.sent_at),
        "answered_on": _day(spot_check.answered_at),
        "rows": rows,
    }
    return "clues/papers/spot_check_table.html", context
