"""The PDF of a survey's results (see xunchar/documents/registry.py)."""

from xunchar.documents.registry import DocumentKind

from .models import Survey
from .papers import results_paper

RESULTS_LABEL = "测评/问卷结果报告"

DOCUMENT_KINDS = [
    DocumentKind(code="surveys.results", label=RESULTS_LABEL, model_label="surveys.survey",
                 visible=lambda queryset, user: queryset.visible_to(user).exclude(state=Survey.State.DRAFT),
                 build=results_paper, related=("inspection__group__round", "inspection__unit"),
                 filename=lambda s: f"{s.title}-结果"),
]
