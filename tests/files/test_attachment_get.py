"""The download view: only through the owner's access policy, as an attachment, watermarked, audited."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse

from xunchar.audit.models import AuditEvent
from xunchar.files import watermark
from xunchar.files.services import attachment_upload

from .samples import make_docx, make_jpeg, make_pdf, make_png, upload

pytestmark = pytest.mark.django_db


def _stored(county, name, data, inspection=None):
    return attachment_upload(owner=inspection or county.inspection1, file=upload(name, data), actor=county.member1)


@pytest.fixture
def report(county):
    return _stored(county, "谈话笔录.pdf", make_pdf())


@pytest.mark.parametrize("persona", ["member2", "leader2", "jiwei", "zuzhibu", "unit1", "sysadmin", "auditor"])
def test_someone_who_may_not_see_the_inspection_gets_404_and_no_content(client, county, report, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("files:download", args=[report.pk]))
    assert response.status_code in (403, 404)  # administrators are stopped before the view (403)
    assert b"%PDF" not in response.content
    assert not AuditEvent.objects.filter(event=AuditEvent.Event.DOWNLOAD).exists()


def test_a_handover_to_the_discipline_commission_lets_its_receiver_read(client, county, report):
    from xunchar.access.services import handover_grant

    handover_grant(obj=county.inspection1, receiver=county.jiwei, actor=county.office)
    client.force_login(county.jiwei)
    assert client.get(reverse("files:download", args=[report.pk])).status_code == 200


def test_an_unknown_attachment_is_404(client, county):
    client.force_login(county.office)
    assert client.get(reverse("files:download", args=[999])).status_code == 404


@pytest.mark.parametrize("persona", ["office", "director", "secretary", "leader1", "member1"])
def test_the_office_leadership_and_the_group_download(client, county, report, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("files:download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_response_is_a_download_that_is_never_sniffed_nor_kept(client, county, report):
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[report.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('谈话笔录.pdf')}" in disposition
    assert f'filename="attachment-{report.pk}.pdf"' in disposition  # ASCII fallback for old clients
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_an_ascii_name_is_kept_in_the_plain_filename(client, county):
    attachment = _stored(county, "report-2026_v2.pdf", make_pdf())
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[attachment.pk]))
    assert 'filename="report-2026_v2.pdf"' in response["Content-Disposition"]


def test_a_name_with_quotes_cannot_break_out_of_the_header(client, county):
    attachment = _stored(county, 'a"; filename=evil.html; x=".pdf', make_pdf())
    client.force_login(county.office)
    disposition = client.get(reverse("files:download", args=[attachment.pk]))["Content-Disposition"]
    assert disposition.count("filename=") == 1
    assert 'filename="attachment-' in disposition
    assert "evil.html;" not in disposition


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_pdf_carries_the_readers_name_and_the_time_on_every_page(client, county):
    attachment = _stored(county, "笔录.pdf", make_pdf(pages=3))
    client.force_login(county.leader1)
    response = client.get(reverse("files:download", args=[attachment.pk]))
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"巡察工作底稿 work paper {number}" in text  # the original content is still there
        assert "leader1" in text
    assert "office" not in _pdf_text(response.content)


def test_a_chinese_readers_name_is_written_in_chinese(client, county):
    """In the font the project ships, so on any machine, with or without Chinese fonts."""
    county.office.full_name = "王晓芳"
    county.office.save()
    attachment = _stored(county, "笔录.pdf", make_pdf())
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[attachment.pk]))
    assert "王晓芳（office）" in _pdf_text(response.content)


@pytest.mark.parametrize(("name", "make", "image_format"), [("照片.png", make_png, "PNG"), ("照片.jpg", make_jpeg, "JPEG")])
def test_a_picture_is_watermarked(client, county, name, make, image_format):
    from PIL import Image, ImageChops

    data = make(size=(400, 300))
    attachment = _stored(county, name, data)
    client.force_login(county.member1)
    response = client.get(reverse("files:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response.content != data
    with Image.open(io.BytesIO(data)) as original, Image.open(io.BytesIO(response.content)) as marked:
        assert marked.format == image_format
        assert marked.size == original.size
        difference = ImageChops.difference(original.convert("RGB"), marked.convert("RGB"))
        assert difference.getbbox() is not None
        # grey text across the picture, not one spot: every quarter is marked
        width, height = original.size
        for box in [(0, 0, width // 2, height // 2), (width // 2, height // 2, width, height)]:
            assert difference.crop(box).getbbox() is not None


def test_a_word_document_is_served_as_is_and_the_audit_says_it_is_unmarked(client, county):
    data = make_docx()
    attachment = _stored(county, "报告.docx", data)
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[attachment.pk]))
    assert response.content == data
    event = AuditEvent.objects.get(event=AuditEvent.Event.DOWNLOAD)
    assert "未加水印" in event.detail


def test_the_download_is_audited_with_the_watermark(client, county, report):
    client.force_login(county.leader1)
    client.get(reverse("files:download", args=[report.pk]))
    event = AuditEvent.objects.get(event=AuditEvent.Event.DOWNLOAD)
    assert event.actor == county.leader1
    assert event.result == AuditEvent.Result.OK
    assert (event.object_type, event.object_id) == ("files.attachment", str(report.pk))
    assert event.object_repr == "谈话笔录.pdf"
    assert "已加水印" in event.detail and "leader1" in event.detail
    assert event.path == reverse("files:download", args=[report.pk])
    assert event.address == "127.0.0.1"


def test_a_file_changed_on_disk_is_not_handed_out(client, county, report, media_root):
    (media_root / report.file.name).write_bytes(make_pdf("篡改后的内容"))
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[report.pk]), follow=True)
    assert response.redirect_chain
    assert "文件已被改动" in response.content.decode()
    event = AuditEvent.objects.get(event=AuditEvent.Event.DOWNLOAD)
    assert event.result == AuditEvent.Result.FAILED


def test_a_file_missing_on_disk_is_reported_not_crashed(client, county, report, media_root):
    (media_root / report.file.name).unlink()
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[report.pk]), follow=True)
    assert "文件不存在" in response.content.decode()


def test_a_confidential_file_that_cannot_be_watermarked_is_not_handed_out(client, county, report, monkeypatch):
    def broken(*args, **kwargs):
        raise watermark.WatermarkFailed("PDF")

    monkeypatch.setattr(watermark, "watermark_pdf", broken)
    client.force_login(county.office)
    response = client.get(reverse("files:download", args=[report.pk]), follow=True)
    assert b"%PDF" not in response.content
    assert "无法为这个文件加水印" in response.content.decode()
