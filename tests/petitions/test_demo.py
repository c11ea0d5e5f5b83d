"""The demo's petition ledgers: round 2's group 1 over every channel, important items instructed by
the leader, one personal claim not handled; group 2 a smaller ledger."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from petitions.models import Petition, PetitionEmergencyPlan, PetitionIncident
from petitions.papers import instructions_for


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO())
            yield
            transaction.set_rollback(True)


def test_round_2_group_1_holds_a_realistic_ledger(demo, db):
    petitions = list(Petition.objects.filter(round__year=2026, round__number=2, group__number=1).select_related("content", "group"))
    assert 20 <= len(petitions) <= 30
    assert [p.number for p in petitions] == list(range(1, len(petitions) + 1))
    assert {p.channel for p in petitions} == set(Petition.Channel.values)
    important = [p for p in petitions if p.state == Petition.State.IMPORTANT]
    assert len(important) >= 3
    instructions = instructions_for(important)
    assert set(instructions) == {p.pk for p in important}
    assert all(d.actor.username == "leader1" for d in instructions.values())
    assert [p.not_handled_reason for p in petitions if p.state == Petition.State.NOT_HANDLED] == ["personal_claim"]
    assert any(p.content.complained_cadre_id for p in petitions)
    assert all(p.receivers.count() >= 2 for p in petitions if p.channel == Petition.Channel.VISIT)
    assert PetitionEmergencyPlan.objects.filter(group__round__number=2, group__number=1).exists()
    assert PetitionIncident.objects.filter(group__round__number=2, group__number=1).exists()


def test_group_2_holds_a_smaller_one(demo, db):
    count = Petition.objects.filter(round__year=2026, round__number=2, group__number=2).count()
    assert 3 <= count < 10


def test_group_1_holds_one_sealed_item_the_head_opened(demo, db):
    from django.contrib.auth import get_user_model

    from petitions.models import PetitionContent
    from xunchar.sealing.models import DirectDelivery

    delivery = DirectDelivery.objects.get(group__round__number=2, group__number=1)
    assert delivery.state == DirectDelivery.State.DELIVERED and delivery.automatic  # the cadre pool said so
    assert delivery.source.group.number == 1
    assert [o.user.username for o in delivery.openings.all()] == ["secretary"]
    users = get_user_model().objects
    assert PetitionContent.objects.visible_to(users.get(username="secretary")).filter(petition_id=delivery.source_id).exists()
    for name in ("leader1", "liaison1", "director", "deputy"):
        assert not PetitionContent.objects.visible_to(users.get(username=name)).filter(petition_id=delivery.source_id).exists()
