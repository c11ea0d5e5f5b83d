"""What the on-site records show on their approvals' frozen snapshots, and the PDFs of the entry
news release and the public announcement (official layout, documents/official.html)."""

from django.utils import timezone

from rounds.models import chinese_ordinal
from rounds.prep_services import county_name
from xunchar.approvals.models import ApprovalRequest
from xunchar.workdays.calendar import chinese_date

from .models import Publicity, Referral

PUBLICITY_TEMPLATE = "onsite/papers/publicity.html"
KIND_WORDS = {Publicity.Kind.ANNOUNCEMENT: "巡察公告", Publicity.Kind.NEWS_RELEASE: "进驻新闻稿"}


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def group_issuer(group) -> str:
    """中共示例县委第一巡察组"""
    return f"中共{county_name()}委第{chinese_ordinal(group.number)}巡察组"


def contact_paragraph(publicity: Publicity) -> str:
    return (
        f"巡察期间（{chinese_date(publicity.accepts_from)}至{chinese_date(publicity.accepts_until)}），"
        f"巡察组设专门值班电话：{publicity.contact_phone}；电子邮箱或邮政信箱：{publicity.mailbox}；"
        f"地址：{publicity.address}。受理时间：{publicity.hours}。"
    )


def publicity_snapshot(publicity: Publicity) -> dict:
    return {
        "title": publicity.title,
        "sections": [
            {"heading": "类别", "text": KIND_WORDS[publicity.kind]},
            {"heading": "被巡察单位", "text": str(publicity.inspection.unit)},
            {"heading": "正文", "text": publicity.body},
            {"heading": "联系方式", "text": contact_paragraph(publicity)},
            {"heading": "被巡察单位主要负责人风险审核",
             "text": f"{publicity.risk_checked_by}，{chinese_date(publicity.risk_checked_on)}" + (f"：{publicity.risk_note}" if publicity.risk_note else "")
             if publicity.risk_checked_on else "未审核"},
        ],
    }


def referral_snapshot(referral: Referral) -> dict:
    kind = "立查立处" if referral.kind == Referral.Kind.IMMEDIATE_INVESTIGATION else "违反中央八项规定精神问题线索移交"
    sections = [
        {"heading": "提出巡察组", "text": referral.group.full_name},
        {"heading": "涉及人员", "text": referral.person},
        {"heading": "主要事实", "text": referral.facts},
        {"heading": "处置建议", "text": referral.proposal},
    ]
    if referral.public_notice:
        sections.append({"heading": "公开通报内容", "text": referral.public_notice})
    return {"title": f"关于{kind}的请示（{referral.group.full_name}）", "sections": sections}


def publicity_paper(publicity: Publicity) -> tuple[str, dict]:
    """巡察公告 or 进驻新闻稿 of the group, in document layout; dated when the office approved it."""
    request = ApprovalRequest.objects.of(publicity).filter(chain="onsite.publicity").first()
    approved = request is not None and request.state == ApprovalRequest.State.APPROVED
    issuer = group_issuer(publicity.inspection.group)
    if approved:
        note = ""
    elif request is not None and request.state == ApprovalRequest.State.IN_REVIEW:
        note = "此为送审稿，尚未审批。"
    else:
        note = "此为草稿，尚未报批。"
    return PUBLICITY_TEMPLATE, {
        "issuer": issuer,
        "title": publicity.title,
        "paragraphs": paragraphs(publicity.body),
        "contact": contact_paragraph(publicity),
        "signature": issuer,
        "date": timezone.localdate(request.completed_at) if approved else None,
        "sealed": True,
        "note": note,
    }
