"""The demo's in-depth inquiries: round 2's group 1 has a spot check done and one in progress with
the organization department, a clue fed by a spot check, an informant inquiry and a help request."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from clues.models import Clue, ClueEntry, HelpRequest, Inquiry, SpotCheck
from clues.services import DETAINED_CHAIN, SPOT_CHECK_CHAIN, clue_words_in
from xunchar.access import policy
from xunchar.approvals.services import approval_state


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO())
            yield
            transaction.set_rollback(True)


GROUP_1 = {"group__round__year": 2026, "group__round__number": 2, "group__number": 1}


def test_a_spot_check_is_in_progress_with_the_organization_department(demo, db, django_user_model):
    zuzhibu = django_user_model.objects.get(username="zuzhibu")
    checks = list(SpotCheck.objects.filter(**GROUP_1).order_by("number"))
    assert [s.state for s in checks] == [SpotCheck.State.DELIVERED, SpotCheck.State.SENT]
    in_progress = checks[1]
    assert approval_state(in_progress, SPOT_CHECK_CHAIN) == "approved"
    assert list(SpotCheck.objects.visible_to(zuzhibu).order_by("number")) == checks
    assert [bool(p.result) for p in in_progress.people.order_by("id")] == [True, False]


def test_a_clue_is_fed_by_a_spot_check(demo, db):
    entry = ClueEntry.objects.get(source=ClueEntry.Source.SPOT_CHECK, clue__group__number=1, clue__group__round__number=2)
    assert entry.spot_check_person.result == "discrepancy"
    assert entry.clue.cadre_id == entry.spot_check_person.cadre_id
    assert Clue.objects.filter(**GROUP_1).count() == 1


def test_an_informant_inquiry_and_a_help_request(demo, db, django_user_model):
    inquiry = Inquiry.objects.get(**GROUP_1)
    readers = set(inquiry.readers.values_list("role", flat=True))
    assert readers == {"leader", "liaison"} and inquiry.record
    assert not inquiry.detained and approval_state(inquiry, DETAINED_CHAIN) == "draft"
    member1 = django_user_model.objects.get(username="member1")
    assert not policy.inquiries_visible_to(Inquiry.objects.all(), member1).exists()
    help_request = HelpRequest.objects.get(**GROUP_1)
    assert help_request.body.name == "示例县审计局"
    assert clue_words_in(help_request.group, help_request.told_to_body) == []
