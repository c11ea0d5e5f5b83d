"""An attachment: one stored file belonging to one record (its owner)."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import owners
from .detection import kind_for_mime_type
from .storage import attachment_storage


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Attachments whose owner the user may see, by each owner kind's scope."""
        conditions = [
            models.Q(
                owner_type=ContentType.objects.get_for_model(kind.model),
                owner_id__in=kind.viewable(kind.model.objects.all(), user).values("pk"),
            )
            for kind in owners.OWNER_KINDS.values()
        ]
        return self.filter(reduce(or_, conditions)) if conditions else self.none()

    def of(self, owner):
        return self.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)


class Attachment(models.Model):
    owner_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(_("record id"))
    owner = GenericForeignKey("owner_type", "owner_id")
    # Shown to people only; never used to build a path.
    original_name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("stored file"), storage=attachment_storage, max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    mime_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["owner_type", "owner_id", "uploaded_at"], name="files_attachment_owner")]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="%(app_label)s_%(class)s_not_empty"),
            models.UniqueConstraint(fields=["file"], name="%(app_label)s_%(class)s_unique_file"),
        ]

    def __str__(self):
        return self.original_name

    @property
    def kind(self):
        return kind_for_mime_type(self.mime_type)
