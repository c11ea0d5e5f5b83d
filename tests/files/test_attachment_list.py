"""An inspection's attachments page, its upload form, and the way to it from the group's page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import InspectionFactory, UnitFactory
from xunchar.audit.models import AuditEvent
from xunchar.files.models import Attachment
from xunchar.files.services import attachment_upload

from .samples import HTML_PAGE, make_pdf, stored_files, upload

pytestmark = pytest.mark.django_db

NOTICE = "本系统仅存放工作材料。涉密文件不得上传，只登记其文号、标题、保管人和存放位置。"


def _list_url(inspection):
    return reverse("files:list", args=["groups.inspection", inspection.pk])


def _add_url(inspection):
    return reverse("files:add", args=["groups.inspection", inspection.pk])


def test_the_page_lists_the_files_and_shows_the_notice(client, county):
    attachment = attachment_upload(owner=county.inspection1, file=upload("谈话笔录.pdf", make_pdf()), actor=county.member1)
    attachment_upload(owner=county.inspection2, file=upload("别组的材料.pdf", make_pdf()), actor=county.liaison2)
    client.force_login(county.leader1)
    body = client.get(_list_url(county.inspection1)).content.decode()
    assert NOTICE in body
    assert "示例县财政局" in body
    assert "谈话笔录.pdf" in body
    assert reverse("files:download", args=[attachment.pk]) in body
    assert "别组的材料.pdf" not in body
    assert 'enctype="multipart/form-data"' in body
    assert "20 MB" in body


@pytest.mark.parametrize("persona", ["member2", "liaison2", "jiwei", "unit1"])
def test_others_do_not_find_the_page(client, county, persona):
    attachment_upload(owner=county.inspection1, file=upload("谈话笔录.pdf", make_pdf()), actor=county.member1)
    client.force_login(county.users[persona])
    response = client.get(_list_url(county.inspection1))
    assert response.status_code == 404
    assert "谈话笔录.pdf" not in response.content.decode()


def test_an_unknown_kind_of_record_is_not_found(client, county):
    client.force_login(county.office)
    assert client.get(reverse("files:list", args=["accounts.user", county.office.pk])).status_code == 404


def test_a_receiver_with_a_handover_reads_but_gets_no_upload_form(client, county):
    from xunchar.access.services import handover_grant

    handover_grant(obj=county.inspection1, receiver=county.jiwei, actor=county.office)
    client.force_login(county.jiwei)
    body = client.get(_list_url(county.inspection1)).content.decode()
    assert NOTICE in body
    assert 'enctype="multipart/form-data"' not in body
    response = client.post(_add_url(county.inspection1), {"file": upload("笔录.pdf", make_pdf())})
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_uploading_through_the_page(client, county, media_root):
    client.force_login(county.member1)
    response = client.post(_add_url(county.inspection1), {"file": upload("谈话笔录.pdf", make_pdf())}, follow=True)
    assert response.redirect_chain[-1][0] == _list_url(county.inspection1)
    body = response.content.decode()
    assert "已上传“谈话笔录.pdf”" in body
    attachment = Attachment.objects.get()
    assert attachment.owner == county.inspection1
    assert len(stored_files(media_root)) == 1


def test_a_refused_upload_says_why_on_the_page(client, county, media_root):
    client.force_login(county.member1)
    response = client.post(_add_url(county.inspection1), {"file": upload("报告.pdf", HTML_PAGE, "application/pdf")}, follow=True)
    assert "不能上传网页（HTML）或 XML 文件" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []
    assert AuditEvent.objects.filter(event=AuditEvent.Event.UPLOAD_REFUSED).count() == 1


def test_an_upload_without_a_file_says_so(client, county):
    client.force_login(county.member1)
    response = client.post(_add_url(county.inspection1), follow=True)
    assert "请选择要上传的文件" in response.content.decode()


def test_after_the_upload_the_page_it_came_from_is_shown_but_never_another_site(client, county):
    client.force_login(county.office)
    group_url = county.group1.get_absolute_url()
    response = client.post(_add_url(county.inspection1), {"file": upload("a.pdf", make_pdf()), "next": group_url})
    assert response["Location"] == group_url
    response = client.post(_add_url(county.inspection1), {"file": upload("b.pdf", make_pdf()), "next": "https://evil.example/"})
    assert response["Location"] == _list_url(county.inspection1)


@pytest.mark.parametrize("persona", ["member2", "liaison2", "unit1"])
def test_others_cannot_upload(client, county, media_root, persona):
    client.force_login(county.users[persona])
    response = client.post(_add_url(county.inspection1), {"file": upload("笔录.pdf", make_pdf())})
    assert response.status_code == 404
    assert stored_files(media_root) == []


def test_the_group_page_links_each_inspected_unit_to_its_attachments(client, county):
    client.force_login(county.member1)
    body = client.get(county.group1.get_absolute_url()).content.decode()
    assert _list_url(county.inspection1) in body


def test_the_unit_contact_sees_the_group_page_without_the_link(client, county):
    client.force_login(county.unit1)
    response = client.get(county.group1.get_absolute_url())
    assert response.status_code == 200
    assert _list_url(county.inspection1) not in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_does_not_grow_with_the_number_of_files(client, county):
    client.force_login(county.member1)
    for n in range(3):
        attachment_upload(owner=county.inspection1, file=upload(f"材料{n}.pdf", make_pdf()), actor=county.leader1)
    few = _queries(client, _list_url(county.inspection1))
    for n in range(3, 12):
        attachment_upload(owner=county.inspection1, file=upload(f"材料{n}.pdf", make_pdf()), actor=county.office)
    assert _queries(client, _list_url(county.inspection1)) == few


def test_the_group_page_does_not_grow_with_the_units(client, county):
    client.force_login(county.member1)
    few = _queries(client, county.group1.get_absolute_url())
    for _ in range(5):
        InspectionFactory(round=county.round, group=county.group1, unit=UnitFactory())
    assert _queries(client, county.group1.get_absolute_url()) == few
