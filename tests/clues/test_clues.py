"""The clue register: one clue per person, entries added by the group's leader, deputy or liaison."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clues import services
from clues.models import Clue, ClueEntry

from .records import CLUE_SUMMARY, HEAD_NAME

pytestmark = pytest.mark.django_db


def test_clue_for_person_finds_the_groups_clue_or_opens_one(inquiries):
    c = inquiries
    assert services.clue_for_person(group=c.group1, actor=c.leader1, cadre=c.head_cadre) == c.clue
    by_name = services.clue_for_person(group=c.group1, actor=c.leader1, person="某村支书")
    assert services.clue_for_person(group=c.group1, actor=c.deputy1, person="某村支书") == by_name
    assert Clue.objects.filter(group=c.group1).count() == 2
    with pytest.raises(ValidationError):
        services.clue_for_person(group=c.group1, actor=c.leader1)
    with pytest.raises(PermissionDenied):
        services.clue_for_person(group=c.group1, actor=c.member1, person="某人")
    with pytest.raises(PermissionDenied):
        services.clue_for_person(group=c.group1, actor=c.office, person="某人")


def test_an_entry_is_added_from_the_page(client, inquiries):
    c = inquiries
    client.force_login(c.deputy1)
    client.post(reverse("clues:clue_add_entry", args=[c.clue.pk]), {"source": "talk", "text": "谈话中多人反映其配偶经商。"})
    assert ClueEntry.objects.filter(clue=c.clue, source="talk", created_by=c.deputy1).exists()
    page = client.get(c.clue.get_absolute_url()).content.decode()
    assert HEAD_NAME in page and CLUE_SUMMARY in page and "谈话中多人反映" in page
    client.force_login(c.office)  # reads, does not add
    assert client.post(reverse("clues:clue_add_entry", args=[c.clue.pk]), {"source": "talk", "text": "x"}).status_code == 403


def test_opening_a_clue_from_the_list(client, inquiries):
    c = inquiries
    client.force_login(c.liaison1)
    response = client.post(reverse("clues:clue_list", args=[c.group1.pk]), {"cadre": c.deputy_cadre.pk, "person": "", "summary": "反映其违规兼职"})
    clue = Clue.objects.get(cadre=c.deputy_cadre)
    assert response["Location"] == clue.get_absolute_url()
    assert clue.person.startswith("孙立新")


def test_reading_a_clue_is_access_logged(client, inquiries):
    from xunchar.audit.models import AuditEvent

    client.force_login(inquiries.secretary)
    client.get(inquiries.clue.get_absolute_url())
    assert AuditEvent.objects.filter(event="read", object_type="clues.clue", object_id=str(inquiries.clue.pk), actor=inquiries.secretary).exists()
