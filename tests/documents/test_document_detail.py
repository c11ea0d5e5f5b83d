"""documents:detail — the copy's state; while it is being made, an htmx partial polled every second."""

import dataclasses

import pytest
from django.urls import reverse

from xunchar.documents import registry
from xunchar.documents.kinds import GROUP_ROSTER
from xunchar.documents.models import GeneratedDocument
from xunchar.documents.services import document_request

from .helpers import ready_document

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pending(county):
    kind = registry.register(dataclasses.replace(GROUP_ROSTER, code="tests.long_roster", long=True))
    document = document_request(kind=kind, subject=county.group1, actor=county.leader1)
    yield document
    registry.unregister(kind.code)


def test_a_pending_copy_polls_with_a_progress_bar(client, county, pending):
    GeneratedDocument.objects.filter(pk=pending.pk).update(status=GeneratedDocument.Status.PROCESSING, progress=40)
    client.force_login(county.member1)
    response = client.get(reverse("documents:detail", args=[pending.pk]), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body  # the partial only
    assert 'hx-trigger="every 1s"' in body
    assert '<progress max="100" value="40"' in body
    assert 'data-status="processing"' in body
    assert reverse("documents:download", args=[pending.pk]) not in body


def test_a_ready_copy_stops_polling_and_offers_the_download(client, county, pending):
    from xunchar.documents.tasks import render

    render(pending.pk)
    client.force_login(county.office)
    response = client.get(reverse("documents:detail", args=[pending.pk]), **HTMX)
    body = response.content.decode()
    assert "hx-trigger" not in body and "<progress" not in body
    assert reverse("documents:download", args=[pending.pk]) in body
    full = client.get(reverse("documents:detail", args=[pending.pk])).content.decode()
    assert "<html" in full and "巡察组基本情况表" in full and county.group1.get_absolute_url() in full


def test_a_failed_copy_says_so_and_offers_another_try(client, county, pending):
    GeneratedDocument.objects.filter(pk=pending.pk).update(status=GeneratedDocument.Status.FAILED, error="RuntimeError: 数据不全")
    client.force_login(county.office)
    body = client.get(reverse("documents:detail", args=[pending.pk])).content.decode()
    assert "数据不全" in body
    assert reverse("documents:request", args=["tests.long_roster", county.group1.pk]) in body
    assert "hx-trigger" not in body


@pytest.mark.parametrize("persona", ["member2", "leader2", "unit1", "jiwei"])
def test_someone_outside_the_group_gets_404(client, county, pending, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("documents:detail", args=[pending.pk]))
    assert response.status_code == 404
    assert "第一巡察组" not in response.content.decode()


def test_the_query_count_does_not_depend_on_how_many_copies_exist(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(county.office)
    counts = []
    for copies in (3, 30):
        documents = [
            ready_document(kind="groups.roster", subject=county.group1, actor=county.office, content=b"%PDF-1.7 x")
            for _ in range(copies)
        ]
        client.get(reverse("documents:detail", args=[documents[0].pk]))  # warm the session and content types
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("documents:detail", args=[documents[-1].pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 12, counts
