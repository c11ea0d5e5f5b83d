"""Adding a file to a record, and handing it out again."""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record

from . import detection, owners, watermark
from .detection import UploadRefused
from .models import Attachment
from .storage import attachment_storage, new_storage_name

logger = logging.getLogger(__name__)

__all__ = ["UploadRefused", "DownloadFailed", "attachment_upload", "attachment_download"]

MAX_NAME_LENGTH = 200
_SPACES = re.compile(r"\s+")


class DownloadFailed(Exception):
    """The file cannot be handed out (missing, changed on disk, or not watermarkable); `message`
    says so in Chinese. The audit log has the details."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def clean_original_name(name: str) -> str:
    """The uploaded name as people will see it: the last path part, without control and format
    characters (a right-to-left override, U+202E, makes "报告\u202efdp.exe" read as "报告exe.pdf"), at most
    200 characters with the extension kept."""
    name = PurePath((name or "").replace("\\", "/")).name
    name = "".join(
        " " if char.isspace() else char
        for char in name
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co")
    )
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        suffix = PurePath(name).suffix[:20]
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name


def upload_limit_bytes() -> int:
    return settings.XUNCHAR_UPLOAD_MAX_MB * 1024 * 1024


def _measure(file) -> tuple[int, str]:
    """Size and SHA-256 of what was received, stopping as soon as the limit is passed."""
    limit = upload_limit_bytes()
    digest = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        size += len(chunk)
        if size > limit:
            raise UploadRefused(f"文件超过 {settings.XUNCHAR_UPLOAD_MAX_MB} MB 的上限，不能上传。")
        digest.update(chunk)
    if size == 0:
        raise UploadRefused("文件是空的，不能上传。")
    return size, digest.hexdigest()


def attachment_upload(*, owner, file, actor, request=None) -> Attachment:
    """Store `file` (an uploaded file) as an attachment of `owner`.

    Refused with `UploadRefused` (a Chinese message, nothing stored, UPLOAD_REFUSED audited) when
    the actor may not add to the owner, the file is empty or too large, its content is not one of
    the accepted kinds, or its name's extension disagrees with the content. Otherwise the file is
    written under a new server-made name, then the row is saved; if the row cannot be saved the
    file is removed again. (A caller that wraps this in its own transaction and then rolls back
    leaves the file without a row: call it outside one, as the view does.)
    """
    original_name = clean_original_name(getattr(file, "name", ""))
    kind_of_owner = owners.owner_kind_for(owner)
    try:
        if kind_of_owner is None:
            raise UploadRefused("这类记录不能添加附件。")
        if not kind_of_owner.addable(actor).filter(pk=owner.pk).exists():
            raise UploadRefused("你无权为这条记录上传附件。")
        size, sha256 = _measure(file)
        kind = detection.detect(file, original_name)
    except UploadRefused as refusal:
        audit_record(
            event=AuditEvent.Event.UPLOAD_REFUSED,
            result=AuditEvent.Result.REFUSED,
            request=request,
            actor=actor,
            obj=owner,
            detail=f"“{original_name}”（{getattr(file, 'size', '?')} 字节）：{refusal.message}",
        )
        raise

    storage = attachment_storage()
    stored_name = None
    try:
        with transaction.atomic():
            file.seek(0)
            stored_name = storage.save(new_storage_name(kind.extensions[0]), file)
            attachment = Attachment(
                owner_type=ContentType.objects.get_for_model(owner),
                owner_id=owner.pk,
                original_name=original_name,
                file=stored_name,
                size=size,
                sha256=sha256,
                mime_type=kind.mime_type,
                uploaded_by=actor,
            )
            attachment._history_user = actor
            attachment.save()
            audit_record(
                event=AuditEvent.Event.UPLOAD,
                request=request,
                actor=actor,
                obj=attachment,
                detail=f"{owner._meta.label_lower}#{owner.pk} {owner}；{kind.label}；{size} 字节；SHA-256 {sha256}",
            )
    except BaseException:
        if stored_name is not None:
            storage.delete(stored_name)
        raise
    return attachment


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    mime_type: str
    watermarked: bool


def attachment_download(*, attachment, reader, request=None) -> Download:
    """The bytes to hand `reader`, watermarked when the owner's material is confidential; audited.

    The caller has fetched `attachment` through `Attachment.objects.visible_to(reader)`. The file is
    checked against the SHA-256 taken at upload, so a file changed on disk is not handed out.
    """
    kind_of_owner = owners.OWNER_KINDS.get(f"{attachment.owner_type.app_label}.{attachment.owner_type.model}")
    kind = attachment.kind
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        logger.error("attachment %s: stored file %s is missing", attachment.pk, attachment.file.name)
        _download_failed(attachment, request, reader, "存储的文件不存在")
        raise DownloadFailed("文件不存在，无法下载。已记入审计日志，请联系系统管理员。") from None
    if hashlib.sha256(content).hexdigest() != attachment.sha256:
        logger.error("attachment %s: stored file %s changed on disk", attachment.pk, attachment.file.name)
        _download_failed(attachment, request, reader, "存储的文件与上传时的校验值不符")
        raise DownloadFailed("文件已被改动，不予下载。已记入审计日志，请联系系统管理员。")

    confidential = kind_of_owner is None or kind_of_owner.confidential
    watermarked = False
    note = "非涉密材料，未加水印"
    if confidential and kind is not None and kind.watermark:
        text = watermark.watermark_text(reader, timezone.now())
        try:
            if kind.watermark == "pdf":
                content = watermark.watermark_pdf(content, text)
            else:
                content = watermark.watermark_image(content, text, "JPEG" if kind is detection.JPEG else "PNG")
        except watermark.WatermarkFailed:
            logger.exception("attachment %s: watermark failed", attachment.pk)
            _download_failed(attachment, request, reader, "无法加水印，未提供文件")
            raise DownloadFailed("无法为这个文件加水印，因此不提供下载。已记入审计日志，请联系系统管理员。") from None
        watermarked = True
        note = f"已加水印：{text}"
    elif confidential:
        # Word and Excel files: see xunchar.files.watermark for why they go out unmarked.
        note = "Office 文件无法可靠加水印，按原文件提供（未加水印）"
    audit_record(event=AuditEvent.Event.DOWNLOAD, request=request, actor=reader, obj=attachment, detail=note)
    return Download(content=content, filename=attachment.original_name, mime_type=attachment.mime_type, watermarked=watermarked)


def _download_failed(attachment, request, reader, reason: str) -> None:
    audit_record(
        event=AuditEvent.Event.DOWNLOAD,
        result=AuditEvent.Result.FAILED,
        request=request,
        actor=reader,
        obj=attachment,
        detail=reason,
    )
