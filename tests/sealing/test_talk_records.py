"""A talk record can be a direct-delivery item (issue 5 §2–§3): once routed, what was said, the problems
raised, the record's files and PDF reach only the leader (until sealed) and then the head alone."""

import pytest
from django.urls import reverse

from groups.talk_models import TalkProblem, TalkRecord
from tests.groups.talk_records import SECRET_PROBLEM, SECRET_RECORD, add_group1_talks
from xunchar.sealing import services
from xunchar.sealing.models import DirectDelivery, DirectDeliveryOpening
from xunchar.sealing.services import delivery_of

pytestmark = pytest.mark.django_db
NOT_READERS = ("office", "director", "deputy", "leader1", "liaison1", "member1", "member2", "liaison2")


@pytest.fixture
def sealed_talk(county_media):
    county = add_group1_talks(county_media)
    record = county.talk_record1
    delivery = services.delivery_propose(record=record, actor=county.member1, reason="谈话中反映县委组织部副部长问题")
    services.delivery_report(delivery=delivery, actor=county.leader1, person="县委组织部某副部长", points="谈话反映干部选拔问题。",
                             opinion="", registrar=county.liaison1)
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    services.delivery_deliver(delivery=delivery, actor=county.office)
    county.delivery = delivery_of(record)
    return county


def test_a_talk_record_goes_the_same_way(sealed_talk):
    assert sealed_talk.delivery.state == DirectDelivery.State.DELIVERED
    assert sealed_talk.delivery.reference == "一组径〔2026〕1号"


@pytest.mark.parametrize("persona", NOT_READERS)
def test_nobody_else_reads_the_sealed_record(client, sealed_talk, persona):
    c = sealed_talk
    user = c.users[persona]
    assert not TalkRecord.objects.visible_to(user).filter(pk=c.talk_record1.pk).exists()
    assert not TalkProblem.objects.visible_to(user).filter(record=c.talk_record1).exists()
    client.force_login(user)
    urls = [
        ("get", reverse("groups:talk_detail", args=[c.talk1.pk])),
        ("get", reverse("groups:talk_record", args=[c.talk1.pk])),
        ("get", reverse("groups:talk_list", args=[c.group1.pk])),
        ("get", reverse("groups:talk_list", args=[c.group1.pk]) + "?q=优亲厚友"),
        ("get", reverse("groups:talk_export", args=[c.group1.pk])),
        ("post", reverse("documents:request", args=["groups.talk_record", c.talk_record1.pk])),
        ("get", reverse("files:list", args=["groups.talkrecord", c.talk_record1.pk])),
        ("get", reverse("sealing:detail", args=[c.delivery.pk])),
        ("post", reverse("sealing:open", args=[c.delivery.pk])),
        ("post", reverse("groups:talk_problem_add", args=[c.talk1.pk])),
    ]
    leaks = []
    for method, url in urls:
        response = getattr(client, method)(url, follow=method == "post")
        body = response.content.decode(errors="replace")
        leaks += [f"{method} {url} shows {secret!r}" for secret in (SECRET_RECORD, SECRET_PROBLEM, "干部选拔") if secret in body]
    assert not leaks, leaks
    assert TalkProblem.objects.filter(record=c.talk_record1).count() == 1  # nothing added
    assert not DirectDeliveryOpening.objects.exists()


def test_the_talk_page_says_it_is_sealed(client, sealed_talk):
    client.force_login(sealed_talk.member1)
    body = client.get(reverse("groups:talk_detail", args=[sealed_talk.talk1.pk])).content.decode()
    assert 'data-testid="sealed-facts"' in body and 'data-testid="open-sealed"' not in body
    assert sealed_talk.delivery.reference in body


def test_the_head_opens_the_record(client, sealed_talk):
    client.force_login(sealed_talk.secretary)
    body = client.post(reverse("sealing:open", args=[sealed_talk.delivery.pk])).content.decode()
    assert SECRET_RECORD in body and SECRET_PROBLEM in body
    assert DirectDeliveryOpening.objects.get().user == sealed_talk.secretary


def test_a_group_member_routes_a_record_from_the_talk_page(client, county_media):
    county = add_group1_talks(county_media)
    client.force_login(county.member1)
    page = client.get(reverse("groups:talk_detail", args=[county.talk1.pk])).content.decode()
    assert 'data-testid="propose-direct-delivery"' in page
    client.post(reverse("sealing:propose", args=["groups.talkrecord", county.talk_record1.pk]), {"reason": "涉及县纪委副书记"})
    assert delivery_of(county.talk_record1).state == DirectDelivery.State.PROPOSED
    assert client.get(reverse("groups:talk_record", args=[county.talk1.pk])).status_code == 404


def test_even_its_readers_read_a_sealed_record_only_on_the_opening_page(client, sealed_talk):
    """The head reads the record only where the opening is recorded: not on the talk pages, not as a PDF."""
    c = sealed_talk
    client.force_login(c.secretary)
    assert client.get(reverse("groups:talk_record", args=[c.talk1.pk])).status_code == 404
    listing = client.get(reverse("groups:talk_list", args=[c.group1.pk])).content.decode()
    assert reverse("groups:talk_record", args=[c.talk1.pk]) not in listing
    assert client.post(reverse("documents:request", args=["groups.talk_record", c.talk_record1.pk])).status_code == 404
    assert not DirectDeliveryOpening.objects.exists()


def test_the_leader_does_not_change_a_routed_record(county_media):
    from django.core.exceptions import ValidationError

    from groups import talks

    county = add_group1_talks(county_media)
    services.delivery_propose(record=county.talk_record1, actor=county.member1, reason="涉及县纪委副书记")
    with pytest.raises(ValidationError):
        talks.talk_record_save(talk=county.talk1, actor=county.leader1, content="改写的记录")
    with pytest.raises(ValidationError):
        talks.talk_problem_add(talk=county.talk1, actor=county.leader1, category="integrity", text="补充问题")
    county.talk_record1.refresh_from_db()
    assert county.talk_record1.content == SECRET_RECORD
