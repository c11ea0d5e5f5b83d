"""Reading attachments: the panel shown on an owner's page."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from . import owners
from .detection import ALLOWED_SUMMARY
from .forms import AttachmentForm
from .models import Attachment


@dataclass(frozen=True)
class AttachmentPanel:
    """What templates/files/_attachments.html needs for one owner."""

    owner_label: str
    owner_id: int
    attachments: QuerySet
    can_upload: bool
    form: AttachmentForm
    max_mb: int
    allowed: str
    watermarked: bool


def attachment_panel(user, owner, *, next_url: str = "") -> AttachmentPanel:
    """The owner's attachments and, for who may add to it, the upload form. The caller has fetched
    `owner` through its kind's `visible` scope."""
    kind = owners.owner_kind_for(owner)
    return AttachmentPanel(
        owner_label=kind.label,
        owner_id=owner.pk,
        attachments=Attachment.objects.of(owner).select_related("uploaded_by"),
        can_upload=kind.addable(user).filter(pk=owner.pk).exists(),
        form=AttachmentForm(initial={"next": next_url}),
        max_mb=settings.XUNCHAR_UPLOAD_MAX_MB,
        allowed=ALLOWED_SUMMARY,
        watermarked=kind.confidential,
    )


def owners_with_visible_attachments(user, objects) -> set:
    """The primary keys among `objects` (all of one owner kind) whose attachments the user may see,
    in one query — for links on a list."""
    objects = list(objects)
    if not objects:
        return set()
    kind = owners.owner_kind_for(objects[0])
    if kind is None:
        return set()
    scope = kind.viewable(kind.model.objects.all(), user)
    return set(scope.filter(pk__in=[obj.pk for obj in objects]).values_list("pk", flat=True))
