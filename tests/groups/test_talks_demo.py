"""The demo's talks: round 2's group 1 holds a talk plan — held talks with records and tagged problems,
an approved one-to-one talk, planned ones — and the office's generic outline; group 2 a few held talks."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from groups.talk_models import Talk, TalkOutline, TalkProblem, TalkRecord
from groups.talks import one_to_one_request


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO())
            yield
            transaction.set_rollback(True)


def test_round_2_group_1_holds_a_talk_plan(demo, db):
    talks = list(Talk.objects.filter(group__round__year=2026, group__round__number=2, group__number=1).prefetch_related("staff"))
    assert 7 <= len(talks) <= 10
    held = [t for t in talks if t.state == Talk.State.HELD]
    planned = [t for t in talks if t.state == Talk.State.PLANNED]
    assert len(held) >= 4 and len(planned) >= 2
    assert all(len(t.staff.all()) >= 2 and t.recorder_id in {m.pk for m in t.staff.all()} for t in held)
    records = TalkRecord.objects.filter(talk__in=held)
    assert records.count() == len(held) and all(r.content for r in records)
    assert TalkProblem.objects.filter(record__in=records).count() >= 5
    assert records.filter(read_by_leader__username="leader1").exists() and records.filter(read_by_leader__isnull=True).exists()
    one_to_one = [t for t in talks if len(t.staff.all()) == 1]
    assert len(one_to_one) == 1 and one_to_one_request(one_to_one[0]).state == "approved"
    assert any(t.subject_cadre_id for t in talks) and any(not t.subject_cadre_id for t in talks)
    assert TalkOutline.objects.filter(round__year=2026, round__number=2).exists()


def test_group_2_holds_a_few_talks_before_its_withdrawal(demo, db):
    talks = Talk.objects.filter(group__round__year=2026, group__round__number=2, group__number=2).select_related("group")
    assert 2 <= talks.count() <= 5
    assert all(t.state == Talk.State.HELD and t.held_on <= t.group.withdrawn_on for t in talks)
