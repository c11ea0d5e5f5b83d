"""member2 (group 2) — and everyone outside group 1 and the office/leadership — cannot see any of
group 1's talks or talk records by any URL, list, count, search, export or PDF; every read of a
record is written to the access log; records are read through the one rule, talk_records_visible_to."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from groups import talk_rules
from groups.talk_models import Talk, TalkOutline, TalkProblem, TalkRecord
from groups.talks import one_to_one_request, talk_roster
from xunchar.approvals.selectors import pending_for
from xunchar.audit.models import AuditEvent

from .talk_records import (
    OUTLINE_TEXT,
    SECRET_PROBLEM,
    SECRET_RECORD,
    SUBJECT_NAME,
    add_group1_talks,
    hold,
    plan,
)

pytestmark = pytest.mark.django_db
OUTSIDERS = ("member2", "leader2", "liaison2", "unit1", "jiwei", "zuzhibu")


@pytest.fixture
def talked(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return add_group1_talks(county)


def _group1_urls(c):
    t1, t2, t3 = c.talk1, c.talk2, c.talk3
    return [
        ("get", reverse("groups:talk_list", args=[c.group1.pk])),
        ("get", reverse("groups:talk_list", args=[c.group1.pk]) + "?q=钱"),
        ("get", reverse("groups:talk_export", args=[c.group1.pk])),
        ("get", reverse("groups:talk_create", args=[c.group1.pk])),
        ("post", reverse("groups:talk_create", args=[c.group1.pk])),
        ("get", reverse("groups:talk_detail", args=[t1.pk])),
        ("get", reverse("groups:talk_detail", args=[t2.pk])),
        ("get", reverse("groups:talk_edit", args=[t3.pk])),
        ("post", reverse("groups:talk_edit", args=[t3.pk])),
        ("post", reverse("groups:talk_held", args=[t3.pk])),
        ("post", reverse("groups:talk_cancel", args=[t3.pk])),
        ("get", reverse("groups:talk_record", args=[t1.pk])),
        ("post", reverse("groups:talk_record", args=[t1.pk])),
        ("post", reverse("groups:talk_problem_add", args=[t1.pk])),
        ("post", reverse("groups:talk_problem_remove", args=[c.talk_problem1.pk])),
        ("post", reverse("groups:talk_record_read", args=[t1.pk])),
        ("get", reverse("core:history", args=["groups.talk", t1.pk])),
        ("get", reverse("approvals:detail", args=[one_to_one_request(t2).pk])),
        ("post", reverse("documents:request", args=["groups.talk_record", c.talk_record1.pk])),
        ("get", reverse("files:list", args=["groups.talkrecord", c.talk_record1.pk])),
        ("post", reverse("files:add", args=["groups.talkrecord", c.talk_record1.pk])),
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_group1_talks_are_not_found_by_any_url(client, talked, persona):
    client.force_login(talked.users[persona])
    wrong = []
    for method, url in _group1_urls(talked):
        response = getattr(client, method)(url)
        body = response.content.decode(errors="replace")
        if response.status_code not in (403, 404):
            wrong.append(f"{method} {url} → {response.status_code}")
        for secret in (SECRET_RECORD, SECRET_PROBLEM, SUBJECT_NAME):
            if secret in body:
                wrong.append(f"{method} {url} leaks {secret!r}")
    assert not wrong, wrong
    # nothing was changed or added
    assert Talk.objects.filter(group=talked.group1).count() == 3
    assert Talk.objects.get(pk=talked.talk3.pk).state == Talk.State.PLANNED
    assert TalkRecord.objects.get(pk=talked.talk_record1.pk).read_by_leader_at is None
    assert TalkProblem.objects.filter(pk=talked.talk_problem1.pk).exists()


def test_a_unit_contact_does_not_read_the_generic_outline(client, talked):
    client.force_login(talked.unit1)
    response = client.get(reverse("groups:talk_outline", args=[talked.round.pk]))
    assert response.status_code == 404 and OUTLINE_TEXT not in response.content.decode()


def test_liaison2_sees_nothing_of_group1_in_lists_counts_search_and_export(client, talked):
    own = plan(talked, actor="liaison2", group=talked.group2, staff=("liaison2", "member2"), recorder="member2",
               name="赵教育", subject_post="教育局局长")
    hold(talked, own, actor="liaison2", staff=("liaison2", "member2"), recorder="member2")
    # group 2 has withdrawn (S28): member2 no longer reaches its material
    assert not Talk.objects.visible_to(talked.member2).exists()
    reader = talked.liaison2  # a person of group 2 who still reads group 2's talks
    # querysets: the same visible_to everywhere
    assert set(Talk.objects.visible_to(reader).values_list("group_id", flat=True)) == {talked.group2.pk}
    assert set(TalkRecord.objects.visible_to(reader).values_list("talk__group_id", flat=True)) == {talked.group2.pk}
    assert not TalkProblem.objects.visible_to(reader).exists()
    assert list(talk_roster(reader, talked.group1)) == []
    client.force_login(reader)
    # the own list: group 2's one talk, counted as one
    page = client.get(reverse("groups:talk_list", args=[talked.group2.pk]))
    assert page.status_code == 200 and page.context["page"].paginator.count == 1
    assert SUBJECT_NAME not in page.content.decode()
    # search in the own list never reaches group 1's talks
    page = client.get(reverse("groups:talk_list", args=[talked.group2.pk]), {"q": SUBJECT_NAME})
    assert page.status_code == 200 and page.context["page"].paginator.count == 0
    # export of the own roster: group 2's one row only
    export = client.get(reverse("groups:talk_export", args=[talked.group2.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "赵教育" in values and SUBJECT_NAME not in values
    assert sheet.max_row == 2
    # the approval inbox holds nothing of group 1's one-to-one talk
    assert pending_for(reader) == []
    # the generic outline of the round is for every group of the round
    outline = client.get(reverse("groups:talk_outline", args=[talked.round.pk]))
    assert outline.status_code == 200 and OUTLINE_TEXT in outline.content.decode()


def test_office_and_leadership_read_every_groups_talks_and_records(client, talked):
    for persona in ("office", "director", "secretary", "deputy"):
        client.force_login(talked.users[persona])
        listing = client.get(reverse("groups:talk_list", args=[talked.group1.pk]))
        assert listing.status_code == 200 and SUBJECT_NAME in listing.content.decode()
        record = client.get(reverse("groups:talk_record", args=[talked.talk1.pk]))
        assert record.status_code == 200 and SECRET_RECORD in record.content.decode()


def test_every_read_of_a_record_is_access_logged(client, talked):
    client.force_login(talked.director)
    before = AuditEvent.objects.filter(event=AuditEvent.Event.READ, object_type="groups.talkrecord").count()
    client.get(reverse("groups:talk_record", args=[talked.talk1.pk]))
    client.get(reverse("groups:talk_record", args=[talked.talk1.pk]))
    events = AuditEvent.objects.filter(event=AuditEvent.Event.READ, object_type="groups.talkrecord")
    assert events.count() == before + 2
    assert events.first().object_id == str(talked.talk_record1.pk) and events.first().actor == talked.director


def test_records_and_problems_go_through_the_one_rule(talked, monkeypatch):
    """Whatever talk_records_visible_to leaves out (say a sealed record, later) is gone from records,
    problems, attachments and the PDF alike."""
    sealed = talked.talk_record1.pk
    original = talk_rules.talk_records_visible_to
    monkeypatch.setattr(talk_rules, "talk_records_visible_to", lambda qs, user: original(qs, user).exclude(pk=sealed))
    from xunchar.documents.registry import document_kind
    from xunchar.files.owners import owner_kind

    leader = talked.leader1
    assert not TalkRecord.objects.visible_to(leader).filter(pk=sealed).exists()
    assert not TalkProblem.objects.visible_to(leader).filter(record_id=sealed).exists()
    assert not owner_kind("groups.talkrecord").visible(leader).filter(pk=sealed).exists()
    assert not document_kind("groups.talk_record").subjects_for(leader).filter(pk=sealed).exists()
    assert TalkOutline.objects.visible_to(leader).exists()  # not a record: untouched
