"""The PDF of a 巡察工作底稿 (see xunchar/documents/registry.py)."""

from xunchar.documents.registry import DocumentKind

from .papers import PAPER_TITLE, working_paper_pdf

DOCUMENT_KINDS = [
    DocumentKind(code="workpapers.working_paper", label=PAPER_TITLE, model_label="workpapers.workingpaper",
                 visible=lambda queryset, user: queryset.visible_to(user), build=working_paper_pdf,
                 related=("group__round", "inspection__unit", "author", "custodian__cadre"),
                 filename=lambda paper: f"{PAPER_TITLE}-{paper.reference}"),
]
