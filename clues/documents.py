"""The PDF of the 抽查核实情况表 (see xunchar/documents/registry.py)."""

from xunchar.documents.registry import DocumentKind

from .models import SpotCheck
from .papers import SPOT_CHECK_TABLE, spot_check_table_paper

FILLED = (SpotCheck.State.SENT, SpotCheck.State.ANSWERED, SpotCheck.State.DELIVERED)

DOCUMENT_KINDS = [
    DocumentKind(code="clues.spot_check_table", label=SPOT_CHECK_TABLE, model_label="clues.spotcheck",
                 visible=lambda queryset, user: queryset.visible_to(user).filter(state__in=FILLED),
                 build=spot_check_table_paper, related=("group__round",),
                 filename=lambda s: f"{SPOT_CHECK_TABLE}-{s.reference}"),
]
