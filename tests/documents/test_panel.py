"""templates/documents/_panel.html — the button, the latest copies, the attachments for a signed scan."""

import dataclasses

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xunchar.access import policy
from xunchar.documents import registry
from xunchar.documents.kinds import GROUP_ROSTER

from .helpers import ready_document

pytestmark = pytest.mark.django_db

PANEL = '{% include "documents/_panel.html" with kind=kind subject=subject %}'


def _render(user, kind, subject) -> str:
    request = RequestFactory().get("/groups/1/")
    request.user = user
    return engines["django"].from_string(PANEL).render({"kind": kind, "subject": subject, "user": user}, request)


def test_the_panel_offers_the_pdf_and_lists_the_copies(county):
    copies = [
        ready_document(kind="groups.roster", subject=county.group1, actor=county.office, content=b"%PDF-1.7")
        for _ in range(2)
    ]
    html = _render(county.leader1, "groups.roster", county.group1)
    assert "巡察组基本情况表" in html
    assert reverse("documents:request", args=["groups.roster", county.group1.pk]) in html
    for copy in copies:
        assert reverse("documents:download", args=[copy.pk]) in html
    assert 'data-testid="attachments"' not in html and "files:add" not in html  # a group carries no attachments


def test_the_query_count_is_the_same_for_few_and_many_copies(county):
    counts = []
    for copies in (3, 8):
        for _ in range(copies):
            ready_document(kind="groups.roster", subject=county.group1, actor=county.office, content=b"%PDF-1.7")
        _render(county.office, "groups.roster", county.group1)  # content types cached
        with CaptureQueriesContext(connection) as captured:
            _render(county.office, "groups.roster", county.group1)
        counts.append(len(captured))
    assert counts[0] == counts[1] == 1, counts


@pytest.fixture
def inspection_kind():
    kind = registry.register(dataclasses.replace(
        GROUP_ROSTER, code="tests.inspection_sheet", model_label="groups.inspection",
        visible=policy.group_material_visible_to, related=(),
    ))
    yield kind
    registry.unregister(kind.code)


def test_a_subject_that_carries_attachments_gets_the_upload_for_the_signed_scan(county, inspection_kind):
    html = _render(county.member1, inspection_kind.code, county.inspection1)
    assert reverse("files:add", args=["groups.inspection", county.inspection1.pk]) in html


def test_an_unknown_kind_shows_nothing(county):
    assert _render(county.office, "no.such_kind", county.group1).strip() == ""
