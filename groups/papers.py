"""The group's papers for the shared PDF mechanism: each function gives (template name, context) for a
form built on "documents/form.html" (title, optional number, a `table.form`, signature lines)."""

from django.utils import timezone

from xunchar.workdays.calendar import chinese_date

from .models import ConfidentialityPledge, EntryChecklistMark, Inspection
from .standards import CHECKLIST_SECTIONS, ENTRY_CHECKLIST, PLEDGE_TITLE

ENTRY_CHECKLIST_TITLE = "进驻准备工作清单"
# The state words printed on the checklist, as the unit reads them.
CHECKLIST_STATE_WORDS = {
    EntryChecklistMark.State.PENDING: "",
    EntryChecklistMark.State.SENT: "已提供",
    EntryChecklistMark.State.DONE: "已完成",
}


def pledge_paper(pledge: ConfidentialityPledge) -> tuple[str, dict]:
    cadre = pledge.cadre
    membership = pledge.group.memberships.filter(cadre=cadre).first()
    context = {
        "title": PLEDGE_TITLE,
        "group": pledge.group.full_name,
        "name": str(cadre),
        "role": membership.get_role_display() if membership else "",
        "unit_post": f"{cadre.unit or ''}{cadre.post}",
        "text": pledge.text,
        "version": pledge.text_version,
        "signed_on": chinese_date(timezone.localdate(pledge.signed_at)),
    }
    return "groups/papers/pledge.html", context


def entry_checklist_paper(inspection: Inspection) -> tuple[str, dict]:
    marks = {m.code: m for m in inspection.checklist_marks.all()}
    sections, number = [], 0
    for key, label in CHECKLIST_SECTIONS.items():
        rows = []
        for item in ENTRY_CHECKLIST:
            if item.section != key:
                continue
            number += 1
            mark = marks.get(item.code)
            rows.append((number, item.text, CHECKLIST_STATE_WORDS[mark.state] if mark else "", mark.note if mark else ""))
        sections.append((label, rows))
    entry_date = inspection.group.entered_on or inspection.group.round.entry_date
    context = {
        "title": ENTRY_CHECKLIST_TITLE,
        "unit": inspection.unit.name,
        "group": inspection.group.full_name,
        "entry_date": chinese_date(entry_date) if entry_date else "",
        "sections": sections,
    }
    return "groups/papers/entry_checklist.html", context
