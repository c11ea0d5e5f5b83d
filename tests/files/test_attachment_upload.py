"""attachment_upload: what is accepted, what is refused, and that a refusal leaves nothing behind."""

from unittest import mock

import pytest

from xunchar.audit.models import AuditEvent
from xunchar.files.models import Attachment
from xunchar.files.services import UploadRefused, attachment_upload, clean_original_name

from .samples import (
    HTML_PAGE,
    LINUX_ELF,
    OLD_WORD,
    SHELL_SCRIPT,
    SVG_IMAGE,
    WINDOWS_EXE,
    make_docm,
    make_docx,
    make_docx_with_hidden_macro,
    make_encrypted_pdf,
    make_jpeg,
    make_pdf,
    make_pdf_with_javascript,
    make_png,
    make_xlsx,
    make_zip,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

ALLOWED_LIST = "PDF 文件（.pdf）"  # the refusal names the accepted kinds

REFUSED = {
    "empty file": ("空文件.pdf", lambda: b"", "文件是空的"),
    "HTML renamed .pdf": ("报告.pdf", lambda: HTML_PAGE, "网页（HTML）"),
    "HTML as such": ("页面.html", lambda: HTML_PAGE, "网页（HTML）"),
    "SVG": ("图.svg", lambda: SVG_IMAGE, "SVG 图形"),
    "SVG renamed .png": ("图.png", lambda: SVG_IMAGE, "SVG 图形"),
    "Windows program renamed .pdf": ("setup.pdf", lambda: WINDOWS_EXE, "可执行程序"),
    "Windows program": ("setup.exe", lambda: WINDOWS_EXE, "可执行程序"),
    "ELF program": ("tool", lambda: LINUX_ELF, "可执行程序"),
    "shell script": ("run.txt", lambda: SHELL_SCRIPT, "脚本文件"),
    "zip that is not a document": ("材料.zip", make_zip, "压缩包"),
    "zip renamed .docx": ("材料.docx", make_zip, "压缩包"),
    "Word with macros (.docm)": ("宏.docm", make_docm, "含宏"),
    "Word with macros renamed .docx": ("宏.docx", make_docm, "含宏"),
    "macro project behind plain content types": ("宏.docx", make_docx_with_hidden_macro, "含宏"),
    "old Word (.doc)": ("旧.doc", lambda: OLD_WORD, "旧版 Word/Excel"),
    "PDF with JavaScript": ("脚本.pdf", make_pdf_with_javascript, "含有脚本"),
    "PDF with a password": ("加密.pdf", make_encrypted_pdf, "设有密码"),
    "something that only starts like a PDF": ("坏.pdf", lambda: b"%PDF-1.7\nnot really", "已损坏"),
    "PNG header on garbage": ("坏.png", lambda: b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "已损坏"),
    "PDF named .png": ("图.png", make_pdf, "扩展名“.png”与文件内容（PDF 文件）不符"),
    "PNG named .jpg": ("照片.jpg", make_png, "扩展名“.jpg”与文件内容（PNG 图片）不符"),
    "Word document named .xlsx": ("表.xlsx", make_docx, "与文件内容（Word 文档）不符"),
    "PDF without an extension": ("报告", make_pdf, "扩展名（无）"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_file_is_refused_and_nothing_is_stored(county, media_root, case):
    name, content, reason = REFUSED[case]
    with pytest.raises(UploadRefused) as refused:
        attachment_upload(owner=county.inspection1, file=upload(name, content(), "application/pdf"), actor=county.member1)
    assert reason in refused.value.message
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []
    event = AuditEvent.objects.get(event=AuditEvent.Event.UPLOAD_REFUSED)
    assert event.result == AuditEvent.Result.REFUSED
    assert event.actor == county.member1
    assert event.object_type == "groups.inspection" and event.object_id == str(county.inspection1.pk)
    assert name in event.detail


@pytest.mark.parametrize("case", ["HTML renamed .pdf", "SVG", "Windows program", "zip that is not a document"])
def test_the_refusal_lists_the_accepted_kinds(county, case):
    name, content, _ = REFUSED[case]
    with pytest.raises(UploadRefused) as refused:
        attachment_upload(owner=county.inspection1, file=upload(name, content()), actor=county.member1)
    assert ALLOWED_LIST in refused.value.message
    assert "Word 文档（.docx）" in refused.value.message


def test_a_file_over_the_limit_is_refused(county, media_root, settings):
    settings.XUNCHAR_UPLOAD_MAX_MB = 1
    too_big = make_pdf() + b"\n%" + b"x" * (1024 * 1024)
    with pytest.raises(UploadRefused, match="超过 1 MB"):
        attachment_upload(owner=county.inspection1, file=upload("大.pdf", too_big), actor=county.member1)
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


GOOD = {
    "PDF": ("谈话笔录.pdf", make_pdf, "application/pdf", ".pdf"),
    "PNG": ("现场照片.PNG", make_png, "image/png", ".png"),
    "JPEG": ("现场照片.jpeg", make_jpeg, "image/jpeg", ".jpg"),
    "DOCX": ("情况报告.docx", make_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "XLSX": ("问题清单.xlsx", make_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


@pytest.mark.parametrize("case", list(GOOD))
def test_a_good_file_is_stored_under_a_server_made_name_outside_the_static_files(county, media_root, settings, case):
    name, content, mime_type, extension = GOOD[case]
    data = content()
    # The browser's content type is ignored: the detected one is kept.
    attachment = attachment_upload(
        owner=county.inspection1, file=upload(name, data, "text/html"), actor=county.member1
    )
    assert attachment.owner == county.inspection1
    assert attachment.original_name == name
    assert attachment.mime_type == mime_type
    assert attachment.size == len(data)
    assert attachment.uploaded_by == county.member1
    stored = media_root / attachment.file.name
    assert stored.read_bytes() == data
    assert stored_files(media_root) == [stored]
    # attachments/YYYY/MM/<32 hex digits><extension>: nothing of the uploaded name in it
    parts = attachment.file.name.split("/")
    assert parts[0] == "attachments" and len(parts[1]) == 4 and len(parts[2]) == 2
    assert len(parts[3]) == 32 + len(extension) and parts[3].endswith(extension)
    assert name.rsplit(".", 1)[0] not in attachment.file.name
    assert settings.STATIC_ROOT not in stored.parents
    assert (stored.stat().st_mode & 0o777) == 0o640


def test_the_upload_is_audited_with_its_checksum(county):
    import hashlib

    data = make_pdf()
    attachment = attachment_upload(owner=county.inspection1, file=upload("笔录.pdf", data), actor=county.leader1)
    event = AuditEvent.objects.get(event=AuditEvent.Event.UPLOAD)
    assert event.actor == county.leader1
    assert (event.object_type, event.object_id) == ("files.attachment", str(attachment.pk))
    assert hashlib.sha256(data).hexdigest() in event.detail
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.history.get().history_user == county.leader1


def test_when_the_row_cannot_be_saved_the_written_file_is_removed(county, media_root):
    with mock.patch("xunchar.files.services.audit_record", side_effect=RuntimeError("database gone")):
        with pytest.raises(RuntimeError):
            attachment_upload(owner=county.inspection1, file=upload("笔录.pdf", make_pdf()), actor=county.member1)
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("persona", ["member2", "liaison2", "jiwei", "unit1", "sysadmin"])
def test_someone_outside_the_group_cannot_add_to_its_inspection(county, media_root, persona):
    with pytest.raises(UploadRefused, match="无权"):
        attachment_upload(owner=county.inspection1, file=upload("笔录.pdf", make_pdf()), actor=county.users[persona])
    assert stored_files(media_root) == []
    assert AuditEvent.objects.filter(event=AuditEvent.Event.UPLOAD_REFUSED, actor=county.users[persona]).exists()


@pytest.mark.parametrize("persona", ["office", "secretary", "leader1", "member1"])
def test_the_office_leadership_and_the_groups_people_can_add(county, persona):
    attachment_upload(owner=county.inspection1, file=upload("笔录.pdf", make_pdf()), actor=county.users[persona])
    assert Attachment.objects.of(county.inspection1).count() == 1


def test_a_record_of_a_kind_without_attachments_is_refused(county):
    with pytest.raises(UploadRefused, match="不能添加附件"):
        attachment_upload(owner=county.unit_a, file=upload("笔录.pdf", make_pdf()), actor=county.office)


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("C:\\Users\\张三\\Desktop\\报告.pdf", "报告.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("报告\u202efdp.exe", "报告fdp.exe"),
        ("  谈话\n笔录\t.pdf ", "谈话 笔录 .pdf"),
        ("长" * 300 + ".pdf", "长" * 196 + ".pdf"),
    ],
)
def test_the_shown_name_is_cleaned(given, shown):
    assert clean_original_name(given) == shown


def test_a_right_to_left_trick_cannot_pass_a_program_off_as_a_pdf(county):
    with pytest.raises(UploadRefused, match="可执行程序"):
        attachment_upload(owner=county.inspection1, file=upload("报告\u202efdp.exe", WINDOWS_EXE), actor=county.member1)
