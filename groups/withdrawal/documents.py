"""The PDF of the zero-holding reports (零持有报告, S28), one page per group (see xunchar/documents/registry.py)."""

from xunchar.access import policy
from xunchar.documents.registry import DocumentKind
from xunchar.workdays.calendar import chinese_date

from . import selectors

ZERO_HOLDING = "零持有报告"


def zero_holding_paper(group) -> tuple[str, dict]:
    reports = {report.membership_id: report for report in selectors.zero_holding_reports(group)}
    rows = []
    for membership in group.memberships.in_role_order().select_related("cadre__unit"):
        report = reports.get(membership.pk)
        rows.append({
            "name": membership.cadre.name, "role": membership.get_role_display(),
            "post": f"{membership.cadre.unit or ''}{membership.cadre.post}",
            "signed_on": chinese_date(report.signed_on) if report else "",
            "how": ("纸质签署" if report.on_paper else "系统签署") if report else "未签署",
        })
    statement = next(iter(reports.values())).statement if reports else ""
    context = {"title": ZERO_HOLDING, "group": group.full_name, "statement": statement, "rows": rows,
               "withdrawn_on": chinese_date(group.withdrawn_on) if group.withdrawn_on else ""}
    return "withdrawal/papers/zero_holding.html", context


DOCUMENT_KINDS = [
    DocumentKind(code="withdrawal.zero_holding", label=ZERO_HOLDING, model_label="groups.inspectiongroup",
                 visible=lambda queryset, user: policy.group_material_visible_to(queryset, user, group_field="pk").filter(
                     entered_on__isnull=False),
                 build=zero_holding_paper, related=("round",),
                 filename=lambda group: f"{ZERO_HOLDING}-{group.full_name}"),
]
