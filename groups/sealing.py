"""A talk record can be a direct-delivery item (径送件, S13.2): what the sealing mechanism needs to know.

What is sealed is the record — what was said, the problems raised, its attachments and PDF. The talk
itself (its date and place, whom the group talked to) was planned openly and stays on the plan."""

from rounds.models import chinese_ordinal
from xunchar.sealing.sources import SealableSource
from xunchar.workdays.calendar import chinese_date

from .talk_models import TalkRecord


def _reference(record: TalkRecord) -> str:
    talk = record.talk
    return f"{chinese_ordinal(talk.group.number)}组谈话记录（{chinese_date(talk.day)}）"


def _content(record: TalkRecord) -> dict:
    record = TalkRecord.objects.select_related("talk__group", "written_by").get(pk=record.pk)
    return {
        "talk": record.talk,
        "record": record,
        "problems": list(record.problems.all()),
        "attachment_owner": record,
    }


SEALABLE_SOURCES = [
    SealableSource(
        model_label="groups.talkrecord",
        label="谈话记录",
        group=lambda record: record.talk.group,
        reference=_reference,
        received_on=lambda record: record.talk.day,
        content_template="groups/talks/_sealed_content.html",
        content=_content,
        related=("talk__group",),
    ),
]
