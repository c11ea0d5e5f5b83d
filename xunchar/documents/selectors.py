"""Reading generated documents: the panel a record's page shows."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from xunchar.files import owners
from xunchar.files.selectors import AttachmentPanel, attachment_panel

from . import registry
from .models import GeneratedDocument
from .registry import DocumentKind

PANEL_COPIES = 5


@dataclass(frozen=True)
class DocumentPanel:
    """What templates/documents/_panel.html needs for one kind and one subject."""

    kind: DocumentKind
    subject: object
    copies: list  # the latest generated copies, newest first
    attachments: AttachmentPanel | None  # when the subject's model carries attachments (a signed scan)


def document_panel(user, kind: DocumentKind | str, subject, *, next_url: str = "") -> DocumentPanel | None:
    """The panel for `subject` (fetched by the caller through a scope the user passes): the latest
    copies in one query, plus the attachments panel if the subject's model is a file owner. None
    for an unknown kind."""
    kind = registry.document_kind(kind) if isinstance(kind, str) else kind
    if kind is None or subject is None:
        return None
    copies = list(
        GeneratedDocument.objects.filter(
            kind=kind.code, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )
        .select_related("requested_by")
        .order_by("-requested_at", "-id")[:PANEL_COPIES]
    )
    attachments = attachment_panel(user, subject, next_url=next_url) if owners.owner_kind_for(subject) else None
    return DocumentPanel(kind=kind, subject=subject, copies=copies, attachments=attachments)
