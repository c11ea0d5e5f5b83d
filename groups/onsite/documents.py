"""The PDFs of the entry news release and the public announcement (see xunchar/documents/registry.py)."""

from xunchar.documents.registry import DocumentKind

from .models import Publicity
from .papers import publicity_paper

DOCUMENT_KINDS = [
    DocumentKind(code="onsite.announcement", label="巡察公告", model_label="onsite.publicity",
                 visible=lambda queryset, user: queryset.visible_to(user).filter(kind=Publicity.Kind.ANNOUNCEMENT),
                 build=publicity_paper, related=("inspection__group__round", "inspection__unit"),
                 filename=lambda p: f"巡察公告-{p.inspection.unit}"),
    DocumentKind(code="onsite.news_release", label="进驻新闻稿", model_label="onsite.publicity",
                 visible=lambda queryset, user: queryset.visible_to(user).filter(kind=Publicity.Kind.NEWS_RELEASE),
                 build=publicity_paper, related=("inspection__group__round", "inspection__unit"),
                 filename=lambda p: f"进驻新闻稿-{p.inspection.unit}"),
]
