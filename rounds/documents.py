"""The PDFs of the preparation phase this app prints (see xunchar/documents/registry.py).

The approved papers print the content that was approved — the version frozen at the last
decision — not whatever the record holds now; a paper not yet submitted prints its current draft,
marked as such.
"""

from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_request
from xunchar.documents.registry import DocumentKind

from . import plans
from .models import chinese_ordinal
from .papers import briefing_letter_paper, inspection_notice_paper, office_name
from .prep_services import county_name

PAPER_TEMPLATE = "rounds/papers/approved_paper.html"


def _frozen(subject, chain_code: str, snapshot) -> tuple[dict, ApprovalRequest | None]:
    request = approval_request(subject, chain_code)
    if request is not None:
        version = request.versions.order_by("-number").first()
        if version is not None and request.state != ApprovalRequest.State.RETURNED:
            return version.content, request
    return snapshot(subject), request


def _paper(subject, chain_code, snapshot, *, issuer, addressee="", signature=None) -> tuple[str, dict]:
    content, request = _frozen(subject, chain_code, snapshot)
    approved = request is not None and request.state == ApprovalRequest.State.APPROVED
    sections = [
        {"heading": f"{chinese_ordinal(i)}、{section['heading']}", "lines": [line for line in section["text"].splitlines() if line.strip()]}
        for i, section in enumerate(content["sections"], start=1)
    ]
    return PAPER_TEMPLATE, {
        "issuer": issuer,
        "title": content["title"],
        "addressee": addressee,
        "sections": sections,
        "signature": signature or issuer,
        "date": request.completed_at if approved else None,
        "note": "" if approved else ("此为送审稿，尚未审批。" if request and request.state == ApprovalRequest.State.IN_REVIEW else "此为草稿，尚未报批。"),
        "printer": issuer if approved else "",
        "printed_on": request.completed_at if approved else None,
        "sealed": approved,
    }


def leading_group_name() -> str:
    return f"中共{county_name()}委巡察工作领导小组"


def task_plan_paper(plan):
    return _paper(plan, plans.TASK_PLAN, plans.task_plan_snapshot, issuer=office_name())


def work_plan_paper(plan):
    return _paper(plan, plans.WORK_PLAN, plans.work_plan_snapshot, issuer=office_name(),
                  addressee="各巡察组，县纪委监委，县委组织部")


def authorization_paper(decision):
    return _paper(decision, plans.AUTHORIZATION, plans.authorization_snapshot, issuer=leading_group_name(),
                  addressee=f"{decision.group}，各有关单位")


def recusal_declaration_paper(declaration):
    cadre = declaration.cadre
    membership = declaration.group.memberships.filter(cadre=cadre).first()
    return "rounds/papers/recusal_declaration.html", {
        "title": "巡察干部回避申请表",
        "round": declaration.group.round,
        "group": declaration.group,
        "cadre": cadre,
        "role": membership.get_role_display() if membership else "",
        "declaration": declaration,
        "conflicts": list(declaration.group.recusal_conflicts.filter(cadre=cadre).select_related("unit")),
    }


def _round_papers(queryset, user):
    return queryset.visible_to(user)


DOCUMENT_KINDS = [
    DocumentKind(code="rounds.task_plan", label="巡察任务分工方案", model_label="rounds.taskallocationplan",
                 visible=_round_papers, build=task_plan_paper, related=("round",), filename=str),
    DocumentKind(code="rounds.work_plan", label="巡察工作方案", model_label="rounds.roundworkplan",
                 visible=_round_papers, build=work_plan_paper, related=("round",), filename=str),
    DocumentKind(code="rounds.authorization", label="组长授权决定", model_label="rounds.authorizationdecision",
                 visible=_round_papers, build=authorization_paper, related=("group__round",),
                 filename=lambda d: f"{d.group.round}{d.group}组长授权决定"),
    DocumentKind(code="rounds.inspection_notice", label="巡察通知", model_label="rounds.inspectionnotice",
                 visible=_round_papers, build=inspection_notice_paper, related=("inspection__group__round", "inspection__unit"),
                 filename=lambda n: f"巡察通知-{n.inspection.unit}"),
    DocumentKind(code="rounds.briefing_letter", label="商请通报情况函", model_label="rounds.briefingrequest",
                 visible=_round_papers, build=briefing_letter_paper, related=("round",),
                 filename=lambda r: f"商请通报情况函-{r.addressee}"),
    DocumentKind(code="rounds.recusal_declaration", label="回避申请表", model_label="rounds.recusaldeclaration",
                 visible=_round_papers, build=recusal_declaration_paper, related=("group__round", "cadre__unit", "unit"),
                 filename=lambda d: f"回避申请表-{d.cadre.name}"),
]
