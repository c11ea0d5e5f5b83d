"""documents:download — the PDF as an attachment, watermarked for the reader, logged; 404 out of scope."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from xunchar.audit.models import AuditEvent
from xunchar.documents.services import document_request

from .helpers import compact, pdf_text, ready_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(county):
    return document_request(kind="groups.roster", subject=county.group1, actor=county.office)


def test_the_reader_gets_the_pdf_with_their_name_across_it(client, county, sheet):
    client.force_login(county.member1)
    response = client.get(reverse("documents:download", args=[sheet.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('2026年第二轮巡察第一巡察组基本情况表.pdf', safe='')}" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    text = compact(pdf_text(response.content, raw=True))
    assert "member1" in text  # the watermark names the reader (the username, whatever fonts the machine has)
    assert "第一巡察组基本情况表" in text  # and the document is still there underneath
    assert AuditEvent.objects.filter(event=AuditEvent.Event.READ, actor=county.member1, object_type="documents.generateddocument").exists()
    download = AuditEvent.objects.get(event=AuditEvent.Event.DOWNLOAD, actor=county.member1)
    assert "已加水印" in download.detail and "member1" in download.detail


@pytest.mark.parametrize("persona", ["member2", "leader2", "unit1", "jiwei", "zuzhibu"])
def test_someone_outside_the_group_gets_404_and_no_content(client, county, sheet, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("documents:download", args=[sheet.pk]))
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert not AuditEvent.objects.filter(event__in=[AuditEvent.Event.DOWNLOAD, AuditEvent.Event.READ]).exists()


def test_a_receiver_reads_once_the_group_is_handed_over(client, county, sheet):
    from xunchar.access.services import handover_grant

    client.force_login(county.jiwei)
    assert client.get(reverse("documents:download", args=[sheet.pk])).status_code == 404
    handover_grant(obj=county.group1, receiver=county.jiwei, actor=county.office)
    assert client.get(reverse("documents:download", args=[sheet.pk])).status_code == 200


def test_a_file_changed_on_disk_is_not_handed_out(client, county, sheet):
    with open(sheet.file.path, "ab") as handle:
        handle.write(b"% tampered")
    client.force_login(county.office)
    response = client.get(reverse("documents:download", args=[sheet.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("documents:detail", args=[sheet.pk])
    failed = AuditEvent.objects.get(event=AuditEvent.Event.DOWNLOAD)
    assert failed.result == AuditEvent.Result.FAILED and "校验值" in failed.detail


def test_a_copy_not_yet_ready_sends_the_reader_to_its_page(client, county):
    document = ready_document(kind="groups.roster", subject=county.group1, actor=county.office, content=b"%PDF-1.7")
    document.status = document.Status.PROCESSING
    document.save()
    client.force_login(county.office)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("documents:detail", args=[document.pk])
