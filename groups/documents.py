"""The PDFs of the group's preparation (see xunchar/documents/registry.py)."""

from xunchar.documents.registry import DocumentKind

from .papers import entry_checklist_paper, pledge_paper
from .talk_papers import talk_record_paper


def _records_not_sealed(queryset, user):
    """A sealed talk record (径送件) is never printed here: its readers open it on the sealing page."""
    from xunchar.sealing.policy import without_sealed

    from .talk_models import TalkRecord

    return without_sealed(queryset.visible_to(user), source_model=TalkRecord)


DOCUMENT_KINDS = [
    DocumentKind(code="groups.pledge", label="保密承诺书", model_label="groups.confidentialitypledge",
                 visible=lambda queryset, user: queryset.visible_to(user), build=pledge_paper,
                 related=("group__round", "cadre__unit"), filename=lambda p: f"保密承诺书-{p.cadre.name}"),
    # Sent to the unit (S07): its contact prints it too.
    DocumentKind(code="groups.entry_checklist", label="进驻准备工作清单", model_label="groups.inspection",
                 visible=lambda queryset, user: queryset.visible_to(user), build=entry_checklist_paper,
                 related=("group__round", "unit"), filename=lambda i: f"进驻准备工作清单-{i.unit}"),
    # S12: what was said — read through the one rule for talk records (groups.talk_rules).
    DocumentKind(code="groups.talk_record", label="个别谈话记录", model_label="groups.talkrecord",
                 visible=_records_not_sealed, build=talk_record_paper,
                 related=("talk__group__round", "talk__inspection__unit", "talk__recorder__cadre", "read_by_leader"),
                 filename=lambda r: f"个别谈话记录-{r.talk.subject_name}-{r.talk.day:%Y%m%d}"),
]
