"""What the 重要信访呈批单 shows — on the approval's frozen snapshot and on the PDF.

The PDF is built from the record alone (`build(subject)` does not know who asked for it), so the
petitioner's identity is never printed on it: the form says 匿名 or （按规定另行保管）. The same holds
for the approval snapshot, which everyone who sees the item can open.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from xunchar.approvals.models import ApprovalDecision, ApprovalRequest
from xunchar.workdays.calendar import chinese_date

from .models import Petition

IMPORTANT_TITLE = "重要信访呈批单"
IMPORTANT_CHAIN = "petitions.important"
IDENTITY_KEPT_APART = "（按规定另行保管）"


def petitioner_on_paper(petition: Petition) -> str:
    return "匿名" if petition.anonymous else IDENTITY_KEPT_APART


def complained_about(content) -> str:
    return content.complained_display


def instructions_for(petitions) -> dict[int, ApprovalDecision]:
    """{petition id: the leader's instruction} for the important items among `petitions`, in two queries."""
    ids = [p.pk for p in petitions if p.state == Petition.State.IMPORTANT]
    if not ids:
        return {}
    requests = ApprovalRequest.objects.filter(
        chain=IMPORTANT_CHAIN, subject_type=ContentType.objects.get_for_model(Petition), subject_id__in=ids
    ).values("pk", "subject_id")
    by_request = {r["pk"]: r["subject_id"] for r in requests}
    decisions = (
        ApprovalDecision.objects.filter(request_id__in=list(by_request), outcome=ApprovalDecision.Outcome.SIGNED)
        .select_related("actor").order_by("decided_at", "id")
    )
    return {by_request[d.request_id]: d for d in decisions}


def instruction_of(petition: Petition) -> ApprovalDecision | None:
    return instructions_for([petition]).get(petition.pk)


def important_snapshot(petition: Petition) -> dict:
    content = petition.content
    return {
        "title": f"{IMPORTANT_TITLE}（{petition.reference}）",
        "sections": [
            {"heading": "收件日期", "text": chinese_date(petition.received_on)},
            {"heading": "来信来访方式", "text": petition.get_channel_display()},
            {"heading": "反映人", "text": petitioner_on_paper(petition)},
            {"heading": "被反映人", "text": complained_about(content)},
            {"heading": "反映问题摘要", "text": content.summary},
            {"heading": "拟办意见", "text": content.proposal},
        ],
    }


def important_paper(petition: Petition) -> tuple[str, dict]:
    content = petition.content
    instruction = instruction_of(petition)
    context = {
        "title": IMPORTANT_TITLE,
        "number": f"编号：{petition.reference}",
        "group": petition.group.full_name,
        "unit": str(petition.inspection.unit) if petition.inspection_id else "",
        "received_on": chinese_date(petition.received_on),
        "channel": petition.get_channel_display(),
        "petitioner": petitioner_on_paper(petition),
        "complained_about": complained_about(content),
        "summary": content.summary,
        "full_text": content.full_text,
        "proposal": content.proposal,
        "proposed_by": petition.decided_by.display_name if petition.decided_by_id else "",
        "proposed_on": chinese_date(timezone.localdate(petition.decided_at)) if petition.decided_at else "",
        "instruction": instruction.opinion if instruction else "",
        "instructed_by": f"{instruction.actor_title} {instruction.actor.display_name}" if instruction else "",
        "instructed_on": chinese_date(timezone.localdate(instruction.decided_at)) if instruction else "",
    }
    return "petitions/papers/important.html", context
