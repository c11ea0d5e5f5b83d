"""The register, a unit's list, an item's page and its moves, the Excel ledger and the PDF list —
and who is refused each."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from groups.docrequests.models import DocumentItem
from tests.documents.helpers import compact, pdf_text
from xunchar.documents.registry import document_kind
from xunchar.documents.rendering import render_pdf

from .records import ACCOUNTS, CLASSIFIED, MINUTES, item, sign_out

pytestmark = pytest.mark.django_db


def test_the_register_highlights_what_is_out_and_filters(client, documents):
    c = documents
    c.round.planned_withdrawal_date = datetime.date(2026, 11, 27)
    c.round.save()
    client.force_login(c.member1)
    page = client.get(reverse("docrequests:register", args=[c.group1.pk])).content.decode()
    for title in (MINUTES, ACCOUNTS, CLASSIFIED):
        assert title in page
    assert f'<tr class="overdue" data-testid="item-{c.doc_out.pk}">' in page  # out, and the planned withdrawal has come
    assert f'<tr class="" data-testid="item-{c.doc_requested.pk}">' in page
    out_only = client.get(reverse("docrequests:register", args=[c.group1.pk]), {"state": "signed_out"}).content.decode()
    assert MINUTES in out_only and ACCOUNTS not in out_only
    classified_only = client.get(reverse("docrequests:register", args=[c.group1.pk]), {"classified": "yes"}).content.decode()
    assert CLASSIFIED in classified_only and MINUTES not in classified_only
    by_unit = client.get(reverse("docrequests:register", args=[c.group1.pk]), {"inspection": c.inspection1.pk}).content.decode()
    assert MINUTES in by_unit


def test_the_register_reads_the_same_number_of_queries_for_few_and_many_items(client, documents, django_assert_num_queries):
    c = documents
    client.force_login(c.liaison1)
    url = reverse("docrequests:register", args=[c.group1.pk])
    client.get(url)  # warm caches (content types, the session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(12):
        sign_out(c, item(c, f"第{n}份资料"), custodian="deputy1")
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    detail = reverse("docrequests:item_detail", args=[c.doc_out.pk])
    listing = reverse("docrequests:request_list", args=[c.inspection1.pk])
    client.get(detail)
    client.get(listing)
    with CaptureQueriesContext(connection) as one_list:
        client.get(listing)
    for n in range(5):
        item(c, f"再加{n}份")
    with django_assert_num_queries(len(one_list.captured_queries)):
        client.get(listing)


def test_the_excel_ledger_opens_with_one_row_per_item(client, documents):
    c = documents
    sign_out(c, c.doc_classified, actor="liaison1", custodian="liaison1", cabinet="驻地保密柜1号")
    client.force_login(c.office)
    response = client.get(reverse("docrequests:export", args=[c.group1.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "调阅资料清单与签收单"
    rows = list(sheet.iter_rows(values_only=True))
    header, lines = rows[0], rows[1:]
    assert header[:3] == ("序号", "被巡察单位", "资料名称") and "保管人" in header and "存放保密柜" in header
    assert len(lines) == 4
    by_title = {line[2]: dict(zip(header, line, strict=True)) for line in lines}
    assert by_title[MINUTES]["保管人"] == c.member1.cadre.name and by_title[MINUTES]["状态"]
    assert by_title[CLASSIFIED]["密级"] == "秘密" and by_title[CLASSIFIED]["存放保密柜"] == "驻地保密柜1号"
    assert isinstance(by_title[MINUTES]["签收日期"], datetime.datetime)
    filtered = client.get(reverse("docrequests:export", args=[c.group1.pk]), {"classified": "no"})
    assert len(list(load_workbook(io.BytesIO(filtered.content)).active.iter_rows())) == 1 + 3


def test_the_request_list_prints_for_the_unit(documents):
    c = documents
    template, context = document_kind("docrequests.request_list").build(c.inspection1)
    text = compact(pdf_text(render_pdf(template, context)))
    for phrase in ("调阅资料清单", "示例县财政局", MINUTES, ACCOUNTS, CLASSIFIED, "秘密", "原件", "复印件", "被巡察单位签收人签名"):
        assert compact(phrase) in text, phrase


def test_the_pdf_list_is_the_groups_not_the_units_nor_another_groups(client, documents):
    c = documents
    url = reverse("documents:request", args=["docrequests.request_list", c.inspection1.pk])
    for username in ("unit1", "member2", "liaison2"):
        client.force_login(c.users[username])
        assert client.post(url).status_code == 404


def test_a_member_signs_out_and_returns_through_the_page(client, documents):
    c = documents
    client.force_login(c.member1)
    response = client.post(reverse("docrequests:item_sign_out", args=[c.doc_requested.pk]), {
        "signed_out_on": "2026-10-20", "handed_over_by": "财政局计财股张股长", "custodian": c.doc_out.custodian_id,
    })
    assert response.status_code == 302
    c.doc_requested.refresh_from_db()
    assert c.doc_requested.state == "signed_out" and c.doc_requested.handed_over_by == "财政局计财股张股长"
    client.post(reverse("docrequests:item_return", args=[c.doc_requested.pk]), {"returned_on": "2026-11-02", "received_back_by": "张股长"})
    c.doc_requested.refresh_from_db()
    assert c.doc_requested.state == "returned"
    # A refused move is shown, not saved.
    client.post(reverse("docrequests:item_return", args=[c.doc_requested.pk]), {"returned_on": "2026-11-02", "received_back_by": "x"})
    assert DocumentItem.objects.get(pk=c.doc_requested.pk).received_back_by == "张股长"
    page = client.get(reverse("docrequests:item_detail", args=[c.doc_important.pk])).content.decode()
    assert reverse("docrequests:item_sign_out", args=[c.doc_important.pk]) not in page  # not approved: no sign-out form


def test_members_do_not_keep_the_list_and_the_office_only_reads(client, documents):
    c = documents
    client.force_login(c.member1)
    assert client.get(reverse("docrequests:item_create", args=[c.inspection1.pk])).status_code == 403
    assert client.post(reverse("docrequests:item_not_provided", args=[c.doc_requested.pk]), {"reason": "无", "not_provided_on": "2026-10-20"}).status_code == 403
    client.force_login(c.office)
    assert client.get(reverse("docrequests:item_detail", args=[c.doc_out.pk])).status_code == 200
    assert client.post(reverse("docrequests:item_return", args=[c.doc_out.pk]), {"returned_on": "2026-11-02", "received_back_by": "x"}).status_code == 403
    assert DocumentItem.objects.get(pk=c.doc_out.pk).state == "signed_out"


@pytest.mark.parametrize("username", ["member2", "leader2", "unit1", "jiwei"])
def test_another_group_and_the_unit_contact_find_nothing(client, documents, username):
    c = documents
    client.force_login(c.users[username])
    for url in (
        reverse("docrequests:register", args=[c.group1.pk]),
        reverse("docrequests:export", args=[c.group1.pk]),
        reverse("docrequests:request_list", args=[c.inspection1.pk]),
        reverse("docrequests:item_detail", args=[c.doc_out.pk]),
        reverse("files:list", args=["docrequests.documentitem", c.doc_out.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert MINUTES not in response.content.decode()


def test_a_classified_items_page_offers_no_upload(client, documents):
    c = documents
    client.force_login(c.liaison1)
    page = client.get(reverse("docrequests:item_detail", args=[c.doc_classified.pk])).content.decode()
    assert 'data-testid="classified-no-upload"' in page and 'type="file"' not in page
    plain = client.get(reverse("docrequests:item_detail", args=[c.doc_requested.pk])).content.decode()
    assert 'type="file"' in plain
    response = client.post(reverse("files:add", args=["docrequests.documentitem", c.doc_classified.pk]))
    assert response.status_code == 403


def test_an_items_page_reads_the_same_number_of_queries_however_many_files_it_carries(client, documents, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.files.samples import make_pdf, upload
    from xunchar.files.services import attachment_upload

    c = documents
    client.force_login(c.member1)
    url = reverse("docrequests:item_detail", args=[c.doc_out.pk])
    attachment_upload(owner=c.doc_out, file=upload("纪要1.pdf", make_pdf()), actor=c.member1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(3):
        attachment_upload(owner=c.doc_out, file=upload(f"纪要{n + 2}.pdf", make_pdf()), actor=c.member1)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "纪要4.pdf" in page


def test_the_reminder_runs_daily_from_the_beat():
    from xunchar.celery import app

    entry = app.conf.beat_schedule["docrequests-remind"]
    assert entry["task"] == "docrequests.remind"
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {30}
    import groups.docrequests.tasks  # noqa: F401 (registers the task)

    assert "docrequests.remind" in app.tasks
