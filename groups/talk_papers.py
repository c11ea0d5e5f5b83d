"""What the papers of individual talks show: the one-to-one approval's frozen snapshot and the
个别谈话记录 form (PDF, see groups/documents.py). Both are built from the records alone."""

from django.utils import timezone

from xunchar.workdays.calendar import chinese_date

from .talk_models import Talk, TalkRecord

RECORD_TITLE = "个别谈话记录"


def _when(talk: Talk) -> str:
    day = chinese_date(talk.day)
    return f"{day} {talk.planned_time:%H:%M}" if talk.planned_time and talk.state != Talk.State.HELD else day


def _names(memberships) -> str:
    return "、".join(m.cadre.name for m in memberships)


def one_to_one_snapshot(talk: Talk) -> dict:
    staff = talk.staff.select_related("cadre")
    return {
        "title": f"一对一谈话审批（{talk.subject_name}）",
        "sections": [
            {"heading": "谈话对象", "text": talk.subject_display},
            {"heading": "谈话时间", "text": _when(talk)},
            {"heading": "谈话地点", "text": talk.place},
            {"heading": "谈话人", "text": _names(staff)},
            {"heading": "一对一谈话理由", "text": talk.one_to_one_reason},
            {"heading": "安全要求", "text": talk.safety_notes or "—"},
        ],
    }


def talk_record_paper(record: TalkRecord) -> tuple[str, dict]:
    talk = record.talk
    staff = list(talk.staff.select_related("cadre").order_by("id"))
    problems = list(record.problems.all())
    context = {
        "title": RECORD_TITLE,
        "group": talk.group.full_name,
        "unit": str(talk.inspection.unit) if talk.inspection_id else "",
        "subject": talk.subject_name,
        "subject_post": talk.subject_post,
        "kind": talk.get_subject_kind_display(),
        "when": _when(talk),
        "place": talk.place,
        "staff": _names(staff),
        "recorder": talk.recorder.cadre.name if talk.recorder_id else "",
        "one_to_one": len(staff) == 1,
        "content": record.content,
        "problems": [(n, p.get_category_display(), p.person_concerned, p.text) for n, p in enumerate(problems, start=1)],
        "read_by": record.read_by_leader.display_name if record.read_by_leader_id else "",
        "read_on": chinese_date(timezone.localdate(record.read_by_leader_at)) if record.read_by_leader_at else "",
    }
    return "groups/papers/talk_record.html", context
