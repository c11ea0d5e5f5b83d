"""The PDF of the 重要信访呈批单 (see xunchar/documents/registry.py)."""

from xunchar.documents.registry import DocumentKind
from xunchar.sealing.policy import without_sealed

from .models import Petition
from .papers import important_paper

DOCUMENT_KINDS = [
    DocumentKind(code="petitions.important", label="重要信访呈批单", model_label="petitions.petition",
                 visible=lambda queryset, user: without_sealed(
                     queryset.visible_to(user).filter(state=Petition.State.IMPORTANT), source_model=Petition),
                 build=important_paper, related=("group__round", "round", "content__complained_cadre"),
                 filename=lambda p: f"重要信访呈批单-{p.reference}"),
]
