"""The printed forms of the office's preparation documents: the inspection notice (巡察通知, document
format) and the letter asking for a briefing (商请通报情况函, letter format).

Each function returns `(template_name, context)` for the shared PDF mechanism; the templates extend
"documents/official.html" and "documents/letter.html". The pages of this app show the same body on
screen through templates/rounds/papers/_*_body.html.
"""

from dataclasses import dataclass

from groups.models import Inspection
from xunchar.workdays.calendar import chinese_date

from .models import chinese_ordinal
from .prep_models import BriefingRequest, InspectionNotice
from .prep_services import county_name

NOTICE_TEMPLATE = "rounds/papers/inspection_notice.html"
LETTER_TEMPLATE = "rounds/papers/briefing_letter.html"


@dataclass(frozen=True)
class Section:
    heading: str  # 一、主要任务
    paragraphs: list[str]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def office_name() -> str:
    return f"中共{county_name()}委巡察工作领导小组办公室"


def _sections(*parts: tuple[str, list[str]]) -> list[Section]:
    kept = [(heading, body) for heading, body in parts if body]
    return [Section(f"{chinese_ordinal(i)}、{heading}", body) for i, (heading, body) in enumerate(kept, start=1)]


def notice_sections(notice: InspectionNotice) -> list[Section]:
    contact = paragraphs(notice.contact_arrangements)
    line = f"巡察组联系人：{notice.contact_person}"
    if notice.contact_phone:
        line += f"，联系电话：{notice.contact_phone}"
    if notice.contact_mailbox:
        line += f"，{notice.contact_mailbox}"
    contact.append(line + "。")
    return _sections(
        ("主要任务", paragraphs(notice.main_tasks)),
        ("工作方法", paragraphs(notice.working_methods)),
        ("时间安排", paragraphs(notice.schedule)),
        ("工作联系", contact),
        ("有关要求", paragraphs(notice.requirements)),
    )


def inspection_notice_paper(notice: InspectionNotice) -> tuple[str, dict]:
    """巡察通知 to the unit, copied to its group. A draft has no number and no date yet."""
    issuer = office_name()
    issued = notice.issued_on
    return NOTICE_TEMPLATE, {
        "issuer": issuer,
        "number": notice.number,
        "title": notice.title,
        "addressee": f"{notice.addressee}：",
        "opening": paragraphs(notice.opening),
        "sections": notice_sections(notice),
        "signature": issuer,
        "date": issued,
        "cc": [f"县委{notice.inspection.group}"],
        "printer": issuer,
        "printed_on": issued,
        "notice": notice,
    }


TOPIC_SENTENCES = {
    BriefingRequest.Topic.POLITICAL_ECOLOGY: "被巡察党组织政治生态状况",
    BriefingRequest.Topic.PRIMARY_RESPONSIBILITY: "被巡察党组织履行管党治党主体责任情况",
    BriefingRequest.Topic.CADRE_SELECTION: "被巡察党组织选人用人情况",
    BriefingRequest.Topic.IDEOLOGY: "被巡察党组织意识形态领域工作情况",
    BriefingRequest.Topic.REPORTS: "涉及被巡察党组织及其领导班子成员的有关举报情况",
    BriefingRequest.Topic.CLUE_HANDLING: "被巡察党组织领导干部有关问题线索处置情况",
    BriefingRequest.Topic.SECTOR: "被巡察单位所在行业领域的有关情况",
}


def briefing_letter_paper(request: BriefingRequest) -> tuple[str, dict]:
    """商请通报情况函 to one department, naming the round's groups and their units."""
    round_ = request.round
    inspections = list(
        Inspection.objects.filter(round=round_).select_related("group", "unit").order_by("group__number", "unit__name")
    )
    by_group: dict = {}
    for inspection in inspections:
        by_group.setdefault(inspection.group, []).append(str(inspection.unit))
    groups = [f"县委{group}：{'、'.join(units)}" for group, units in by_group.items()]
    entry = f"于{chinese_date(round_.entry_date)}起" if round_.entry_date else ""
    topics = [TOPIC_SENTENCES.get(code, code) for code in request.topics]
    numbered = [f"（{chinese_ordinal(i)}）{text}；" for i, text in enumerate(topics, start=1)]
    if numbered:
        numbered[-1] = numbered[-1][:-1] + "。"
    closing = []
    if request.due_on:
        closing.append(f"请于{chinese_date(request.due_on)}前将有关情况和书面材料按巡察组分别报送巡察办。")
    if request.contact:
        closing.append(f"联系人：{request.contact}。")
    issuer = office_name()
    return LETTER_TEMPLATE, {
        "issuer": issuer,
        "number": request.number,
        "title": "关于商请通报被巡察党组织有关情况的函",
        "addressee": f"{request.addressee}：",
        "opening": [
            f"根据县委巡察工作安排，县委巡察组将{entry}对{len(inspections)}个党组织开展{round_}。"
            "为使巡察组全面了解被巡察党组织有关情况，现商请你单位向巡察组通报以下情况，并提供相关书面材料：",
        ],
        "topics": numbered,
        "extra": paragraphs(request.extra_request),
        "groups_intro": "本轮巡察分组及巡察对象如下：",
        "groups": groups,
        "closing": closing,
        "signature": issuer,
        "date": chinese_date(request.sent_on) if request.sent_on else "",
        "request": request,
    }
