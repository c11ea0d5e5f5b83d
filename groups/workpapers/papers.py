"""What a working paper shows on its approval's frozen snapshot and on the 巡察工作底稿 PDF.

The snapshot names its sources by reference only (一组信〔2026〕3号, the talk, a requested document by
its registration data, a survey by its kind and title), never their content,
so a version frozen today says nothing of an item sealed tomorrow; an item already under seal is
frozen as 径送件（已密封）."""

from django.utils import timezone

from groups.talk_models import Talk, TalkRecord
from petitions.models import Petition
from xunchar.files.models import Attachment
from xunchar.sealing.policy import without_sealed
from xunchar.workdays.calendar import chinese_date

from .models import WorkingPaper
from .selectors import SEALED_LABEL, document_label, signature, survey_label

PAPER_TITLE = "巡察工作底稿"


def source_references(paper: WorkingPaper) -> list[str]:
    """The paper's sources, by reference, as frozen and printed (the same for every reader)."""
    lines = []
    petitions = list(paper.petitions.select_related("round", "group").order_by("number"))
    open_petitions = set(without_sealed(Petition.objects.filter(pk__in=[p.pk for p in petitions]), source_model=Petition).values_list("pk", flat=True))
    lines += [f"信访件 {p.reference}" if p.pk in open_petitions else SEALED_LABEL for p in petitions]
    talks = list(paper.talks.select_related("group").order_by("planned_on", "id"))
    open_talks = set(without_sealed(Talk.objects.filter(pk__in=[t.pk for t in talks]), source_model=TalkRecord, source_field="record").values_list("pk", flat=True))
    lines += [str(t) if t.pk in open_talks else SEALED_LABEL for t in talks]
    problems = list(paper.talk_problems.select_related("record__talk__group").order_by("id"))
    sealed_records = set(
        TalkRecord.objects.filter(pk__in=[p.record_id for p in problems])
        .exclude(pk__in=without_sealed(TalkRecord.objects.all(), source_model=TalkRecord).values("pk"))
        .values_list("pk", flat=True)
    )
    lines += [
        SEALED_LABEL if p.record_id in sealed_records else f"{p.record.talk}反映问题（{p.get_category_display()}）"
        for p in problems
    ]
    lines += [document_label(d) for d in paper.documents.select_related("inspection__unit").order_by("inspection", "number")]
    lines += [survey_label(s) for s in paper.surveys.order_by("created_at", "id")]
    lines += paper.other_source_list
    return lines


def _numbered(lines: list[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1)) if lines else "—"


def _evidence(paper: WorkingPaper) -> list[str]:
    files = [f"附件：{name}" for name in Attachment.objects.of(paper).order_by("id").values_list("original_name", flat=True)]
    return paper.evidence_list + files


def paper_snapshot(paper: WorkingPaper) -> dict:
    unit = str(paper.inspection.unit) if paper.inspection_id else "—"
    return {
        "title": f"{paper.reference} {paper.title}",
        "sections": [
            {"heading": "巡察组", "text": paper.group.full_name},
            {"heading": "被巡察单位", "text": unit},
            {"heading": "问题摘要", "text": paper.summary},
            {"heading": "问题来源", "text": _numbered(source_references(paper))},
            {"heading": "核查过程", "text": paper.investigation or "—"},
            {"heading": "查实情况", "text": paper.facts or "—"},
            {"heading": "佐证材料", "text": _numbered(_evidence(paper))},
            {"heading": "撰写人", "text": paper.author.display_name},
        ],
    }


def working_paper_pdf(paper: WorkingPaper) -> tuple[str, dict]:
    signed = signature(paper)
    context = {
        "title": PAPER_TITLE,
        "number": f"编号：{paper.reference}",
        "group": paper.group.full_name,
        "unit": str(paper.inspection.unit) if paper.inspection_id else "",
        "paper_title": paper.title,
        "summary": paper.summary,
        "sources": source_references(paper),
        "investigation": paper.investigation,
        "facts": paper.facts,
        "evidence": _evidence(paper),
        "author": paper.author.display_name,
        "written_on": chinese_date(timezone.localdate(paper.created_at)),
        "custodian": paper.custodian.cadre.name if paper.custodian_id else "",
        "handed_on": chinese_date(timezone.localdate(paper.handed_at)) if paper.handed_at else "",
        **signed,
    }
    return "workpapers/papers/working_paper.html", context
