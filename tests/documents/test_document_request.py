"""document_request and the render task: rendered at once or queued, refused out of scope,
idempotent, made from the record as it is when it is rendered."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xunchar.audit.models import AuditEvent
from xunchar.documents import registry
from xunchar.documents.kinds import GROUP_ROSTER
from xunchar.documents.models import GeneratedDocument
from xunchar.documents.services import document_render, document_request
from xunchar.documents.tasks import render

from .helpers import compact, pdf_text

pytestmark = pytest.mark.django_db

Status = GeneratedDocument.Status


@pytest.fixture
def long_roster():
    """The group sheet declared as a long kind: queued for the worker instead of rendered at once."""
    kind = registry.register(dataclasses.replace(GROUP_ROSTER, code="tests.long_roster", long=True))
    yield kind
    registry.unregister(kind.code)


@pytest.fixture
def broken_kind():
    def build(group):
        raise RuntimeError("模板数据不完整")

    kind = registry.register(dataclasses.replace(GROUP_ROSTER, code="tests.broken", build=build, long=True))
    yield kind
    registry.unregister(kind.code)


def test_a_short_document_is_rendered_at_once_from_the_group_as_it_is(county):
    document = document_request(kind="groups.roster", subject=county.group1, actor=county.office)
    assert document.status == Status.READY
    assert document.progress == 100
    assert document.page_count == 1
    assert len(document.sha256) == 64 and document.size > 1000
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert document.filename == "2026年第二轮巡察第一巡察组基本情况表.pdf"
    assert document.finished_at is not None and document.requested_by == county.office
    with document.file.open("rb") as handle:
        text = compact(pdf_text(handle.read()))
    assert "2026年第二轮巡察第一巡察组基本情况表" in text
    # Its people in role order: leader, deputy, liaison, member — with Chinese role names.
    names = [county.users[username].cadre.name for username in ("leader1", "deputy1", "liaison1", "member1")]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert "组长" in text and "联络员" in text
    assert county.leader2.cadre.name not in text  # nobody of group 2
    assert AuditEvent.objects.filter(event=AuditEvent.Event.PDF, actor=county.office, object_type="groups.inspectiongroup").exists()


@pytest.mark.parametrize("persona", ["member2", "leader2", "unit1", "jiwei"])
def test_someone_who_may_not_see_the_group_is_refused(county, persona):
    with pytest.raises(PermissionDenied):
        document_request(kind="groups.roster", subject=county.group1, actor=county.users[persona])
    assert not GeneratedDocument.objects.exists()


def test_an_unknown_kind_or_a_subject_of_another_model_is_refused(county):
    with pytest.raises(ValidationError):
        document_request(kind="no.such_kind", subject=county.group1, actor=county.office)
    with pytest.raises(ValidationError):
        document_request(kind="groups.roster", subject=county.inspection1, actor=county.office)


def test_a_long_document_is_queued_after_the_commit(county, long_roster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = document_request(kind=long_roster, subject=county.group1, actor=county.leader1)
    assert document.status == Status.PENDING
    assert document.progress == 0 and not document.file
    assert len(callbacks) == 1  # render.delay(document.pk), once the row is committed
    # Asked again while it waits: the same copy, nothing queued twice.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = document_request(kind=long_roster, subject=county.group1, actor=county.leader1)
    assert again.pk == document.pk and not callbacks


def test_the_task_takes_a_pending_document_to_ready_and_a_second_run_does_nothing(county, long_roster):
    document = document_request(kind=long_roster, subject=county.group1, actor=county.office)
    assert document.status == Status.PENDING
    assert render(document.pk) == Status.READY
    document.refresh_from_db()
    assert document.status == Status.READY and document.progress == 100
    first = (document.file.name, document.sha256, document.finished_at)
    history = document.history.count()

    assert render(document.pk) == Status.READY  # already READY: ends quietly
    document.refresh_from_db()
    assert (document.file.name, document.sha256, document.finished_at) == first
    assert document.history.count() == history
    # The history names who asked, though the worker made it.
    assert document.history.first().history_user == county.office


def test_the_task_ends_quietly_when_the_document_is_gone(county, long_roster):
    document = document_request(kind=long_roster, subject=county.group1, actor=county.office)
    document.delete()
    assert render(document.pk) == "gone"
    assert document_render(document_id=document.pk) is None


def test_the_pdf_shows_the_record_as_it_is_when_rendered(county, long_roster):
    document = document_request(kind=long_roster, subject=county.group1, actor=county.office)
    cadre = county.member1.cadre
    cadre.name = "欧阳珺琤"
    cadre.save()
    render(document.pk)
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        assert "欧阳珺琤" in compact(pdf_text(handle.read()))


def test_a_document_that_cannot_be_built_fails_with_its_error(county, broken_kind):
    document = document_request(kind=broken_kind, subject=county.group1, actor=county.office)
    assert render(document.pk) == Status.FAILED
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "模板数据不完整" in document.error
    assert not document.file and document.finished_at is not None
    # Asking again makes a new copy (the failed one stays as it was).
    retry = document_request(kind=broken_kind, subject=county.group1, actor=county.office)
    assert retry.pk != document.pk and retry.status == Status.PENDING


def test_progress_is_stored_as_the_rendering_advances(county, long_roster, monkeypatch):
    from xunchar.documents import services

    seen = []
    original = services._set_progress

    def recording(document_id, percent):
        original(document_id, percent)
        seen.append(GeneratedDocument.objects.values_list("status", "progress").get(pk=document_id))

    monkeypatch.setattr(services, "_set_progress", recording)
    document = document_request(kind=long_roster, subject=county.group1, actor=county.office)
    render(document.pk)
    assert seen == [(Status.PROCESSING, 20), (Status.PROCESSING, 70), (Status.PROCESSING, 90)]
    document.refresh_from_db()
    assert (document.status, document.progress) == (Status.READY, 100)


def test_a_copy_lost_in_flight_does_not_block_new_requests(county, long_roster):
    import datetime

    from django.utils import timezone

    lost = document_request(kind=long_roster, subject=county.group1, actor=county.office)
    GeneratedDocument.objects.filter(pk=lost.pk).update(
        status=Status.PROCESSING, requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    fresh = document_request(kind=long_roster, subject=county.group1, actor=county.office)
    assert fresh.pk != lost.pk and fresh.status == Status.PENDING
