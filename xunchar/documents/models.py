"""A generated document: one PDF rendered from one record (its subject) by one document kind."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.files.storage import attachment_storage

from . import registry


class GeneratedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents whose subject the user may see, by each kind's scope; an unknown kind, none."""
        conditions = [
            models.Q(
                kind=kind.code,
                subject_type=ContentType.objects.get_for_model(kind.model),
                subject_id__in=kind.visible(kind.model.objects.all(), user).values("pk"),
            )
            for kind in registry.DOCUMENT_KINDS.values()
        ]
        return self.filter(reduce(or_, conditions)) if conditions else self.none()

    def of(self, kind: str, subject):
        return self.filter(kind=kind, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class GeneratedDocument(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        PROCESSING = "processing", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind of document"), max_length=80)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("record id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # The name the download is offered under; the stored file's name is made up by the server.
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    file = models.FileField(_("stored file"), storage=attachment_storage, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "kind", "-requested_at"], name="documents_subject_latest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100), name="%(app_label)s_%(class)s_progress_percent"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="%(app_label)s_%(class)s_ready_has_file",
            ),
        ]

    def __str__(self):
        return self.filename or f"{self.kind_label} #{self.pk}"

    @property
    def document_kind(self):
        return registry.document_kind(self.kind)

    @property
    def kind_label(self) -> str:
        kind = self.document_kind
        return kind.label if kind else self.kind

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
