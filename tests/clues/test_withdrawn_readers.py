"""After the group withdraws only its leader and liaison keep its material (policy.access_giving): a deputy
leader or a member named as one of an informant inquiry's readers no longer reads it, nor the group's clues."""

import datetime

import pytest

from clues.models import Clue, Inquiry

pytestmark = pytest.mark.django_db


def test_a_withdrawn_deputy_named_as_reader_no_longer_reads_the_inquiry(client, inquiries):
    c = inquiries
    deputy = c.users["deputy1"]
    assert list(Inquiry.objects.visible_to(deputy)) == [c.inquiry_detained]
    assert Clue.objects.visible_to(deputy).exists()
    c.group1.withdrawn_on = datetime.date(2026, 11, 25)
    c.group1.save(update_fields=["withdrawn_on"])
    assert not Inquiry.objects.visible_to(deputy).exists()
    assert not Clue.objects.visible_to(deputy).exists()
    client.force_login(deputy)
    assert client.get(c.inquiry_detained.get_absolute_url()).status_code == 404
    assert Inquiry.objects.visible_to(c.users["leader1"]).filter(pk=c.inquiry.pk).exists()  # the leader keeps what was shared
