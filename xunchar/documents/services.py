"""Generating a document from a record, and handing the PDF out again."""

import datetime
import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xunchar.access.services import access_log_record
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.files import watermark

from . import registry, rendering
from .models import GeneratedDocument
from .registry import DocumentKind

logger = logging.getLogger(__name__)

__all__ = ["DocumentUnavailable", "document_request", "document_render", "document_download"]

IN_FLIGHT = (GeneratedDocument.Status.PENDING, GeneratedDocument.Status.PROCESSING)
# A copy still "in flight" after this long was lost (a web process or worker killed mid-render):
# a new request makes a new copy instead of waiting on it forever.
STALE_AFTER = datetime.timedelta(minutes=15)
MAX_ERROR_LENGTH = 2000


class DocumentUnavailable(Exception):
    """The PDF cannot be handed out (not ready, missing, changed on disk, not watermarkable);
    `message` says so in Chinese. The audit log has the details."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def new_document_name() -> str:
    """A fresh storage name that owes nothing to the document's title."""
    return f"documents/{timezone.localtime():%Y/%m}/{uuid.uuid4().hex}.pdf"


def _document_kind(kind: DocumentKind | str) -> DocumentKind:
    found = registry.document_kind(kind) if isinstance(kind, str) else kind
    if found is None:
        raise ValidationError(_("There is no such kind of document."))
    return found


def document_request(*, kind: DocumentKind | str, subject, actor, request=None) -> GeneratedDocument:
    """Ask for a PDF of `subject`. A short document is rendered at once (the row comes back READY
    or FAILED); a long one is queued for the worker (PENDING) after the transaction commits.
    Refused with PermissionDenied when the actor may not see the subject. Asking again while a copy
    is still being made returns that copy (unless it has been "in flight" for STALE_AFTER)."""
    kind = _document_kind(kind)
    if subject._meta.label_lower != kind.model_label:
        raise ValidationError(_("This kind of document is not made from this record."))
    if not kind.visible(kind.model.objects.filter(pk=subject.pk), actor).exists():
        raise PermissionDenied
    with transaction.atomic():
        in_flight = (
            GeneratedDocument.objects.select_for_update()
            .of(kind.code, subject)
            .filter(status__in=IN_FLIGHT, requested_at__gte=timezone.now() - STALE_AFTER)
            .order_by("-requested_at", "-id")
            .first()
        )
        if in_flight is not None:
            return in_flight
        document = GeneratedDocument(
            kind=kind.code,
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=subject.pk,
            requested_by=actor,
            filename=kind.download_name(subject),
        )
        document._history_user = actor
        document.save()
        audit_record(
            event=AuditEvent.Event.PDF, request=request, actor=actor, obj=subject,
            detail=f"{kind.label}：{'已排队生成' if kind.long else '生成'}（文档 #{document.pk}）",
        )
        if kind.long:
            from .tasks import render

            transaction.on_commit(lambda: render.delay(document.pk))
    if kind.long:
        return document
    return document_render(document_id=document.pk) or document


def _set_progress(document_id: int, percent: int) -> None:
    # A progress tick is not a change worth a history row: a plain UPDATE, not a save().
    GeneratedDocument.objects.filter(pk=document_id).exclude(status=GeneratedDocument.Status.READY).update(
        progress=max(0, min(100, percent))
    )


def document_render(*, document_id: int) -> GeneratedDocument | None:
    """Render a requested document from its subject as the subject is now, store it, mark it
    READY — or FAILED with the error. Nothing happens (None or the row back) when the row is gone
    or already READY, so running it twice is harmless. Called by the worker's task and, for short
    kinds, by `document_request` directly."""
    with transaction.atomic():
        document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == GeneratedDocument.Status.READY:
            return document
        document._history_user = document.requested_by
        document.status = GeneratedDocument.Status.PROCESSING
        document.progress = 5
        document.error = ""
        document.save(update_fields=["status", "progress", "error"])

    kind = document.document_kind
    if kind is None:
        return _fail(document_id, f"未知的文档类型“{document.kind}”")
    subject = kind.model.objects.select_related(*kind.related).filter(pk=document.subject_id).first()
    if subject is None:
        return _fail(document_id, "生成所依据的记录已不存在")
    try:
        with translation.override(settings.LANGUAGE_CODE):  # official documents are Chinese
            template_name, context = kind.build(subject)
            filename = kind.download_name(subject)
        rendered = rendering.render(template_name, context, progress=lambda percent: _set_progress(document_id, percent))
    except Exception as error:  # a template or data problem: recorded on the row, shown on its page
        logger.exception("document %s (%s) failed to render", document_id, kind.code)
        return _fail(document_id, f"{type(error).__name__}: {error}")

    storage = GeneratedDocument._meta.get_field("file").storage
    stored_name = storage.save(new_document_name(), ContentFile(rendered.content))
    with transaction.atomic():
        document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == GeneratedDocument.Status.READY:
            storage.delete(stored_name)  # removed, or finished by someone else meanwhile
            return document
        document._history_user = document.requested_by
        document.file.name = stored_name
        document.filename = filename
        document.size = len(rendered.content)
        document.sha256 = hashlib.sha256(rendered.content).hexdigest()
        document.page_count = rendered.page_count
        document.status = GeneratedDocument.Status.READY
        document.progress = 100
        document.finished_at = timezone.now()
        document.save(
            update_fields=["file", "filename", "size", "sha256", "page_count", "status", "progress", "finished_at"]
        )
    logger.info("document %s (%s): %d pages in %.1f s", document_id, kind.code, rendered.page_count, rendered.seconds)
    return document


def _fail(document_id: int, error: str) -> GeneratedDocument | None:
    with transaction.atomic():
        document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == GeneratedDocument.Status.READY:
            return document
        document._history_user = document.requested_by
        document.status = GeneratedDocument.Status.FAILED
        document.error = error[:MAX_ERROR_LENGTH]
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
    return document


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    watermark: str


def document_download(*, document: GeneratedDocument, reader, request=None) -> Download:
    """The PDF with the reader's name and the time across every page. The caller has fetched
    `document` through `GeneratedDocument.objects.visible_to(reader)`. The stored file is checked
    against its SHA-256; the read goes to the access log and the download to the audit log."""
    if document.status != GeneratedDocument.Status.READY:
        raise DocumentUnavailable("文档尚未生成完毕，不能下载。")
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except (OSError, ValueError):
        logger.error("document %s: stored file %s is missing", document.pk, document.file.name)
        _download_failed(document, request, reader, "存储的文件不存在")
        raise DocumentUnavailable("文件不存在，无法下载。已记入审计日志，请重新生成。") from None
    if hashlib.sha256(content).hexdigest() != document.sha256:
        logger.error("document %s: stored file %s changed on disk", document.pk, document.file.name)
        _download_failed(document, request, reader, "存储的文件与生成时的校验值不符")
        raise DocumentUnavailable("文件已被改动，不予下载。已记入审计日志，请重新生成。")
    text = watermark.watermark_text(reader, timezone.now())
    try:
        content = watermark.watermark_pdf(content, text)
    except watermark.WatermarkFailed:
        logger.exception("document %s: watermark failed", document.pk)
        _download_failed(document, request, reader, "无法加水印，未提供文件")
        raise DocumentUnavailable("无法为这个文件加水印，因此不提供下载。已记入审计日志。") from None
    access_log_record(request=request, obj=document)
    audit_record(
        event=AuditEvent.Event.DOWNLOAD, request=request, actor=reader, obj=document, detail=f"已加水印：{text}"
    )
    return Download(content=content, filename=document.filename or f"document-{document.pk}.pdf", watermark=text)


def _download_failed(document, request, reader, reason: str) -> None:
    audit_record(
        event=AuditEvent.Event.DOWNLOAD, result=AuditEvent.Result.FAILED, request=request, actor=reader,
        obj=document, detail=reason,
    )
