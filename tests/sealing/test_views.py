"""The register's pages: bad input changes nothing and says why; the list does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.petitions.records import register
from xunchar.sealing.models import DirectDelivery
from xunchar.sealing.services import delivery_of

from .records import proposed_petition, reported

pytestmark = pytest.mark.django_db
State = DirectDelivery.State


def test_routing_by_hand_without_a_reason_is_refused(client, county):
    petition = register(county)
    client.force_login(county.member1)
    response = client.post(reverse("sealing:propose", args=["petitions.petition", petition.pk]), {"reason": "  "}, follow=True)
    assert "请说明径送理由" in response.content.decode()
    assert delivery_of(petition) is None


def test_an_unknown_kind_of_record_is_not_found(client, county):
    client.force_login(county.member1)
    assert client.post(reverse("sealing:propose", args=["auth.user", county.member1.pk]), {"reason": "x"}).status_code == 404


def test_a_report_form_with_nothing_in_it_is_refused_field_by_field(client, county):
    delivery = delivery_of(proposed_petition(county))
    client.force_login(county.leader1)
    response = client.post(reverse("sealing:report", args=[delivery.pk]), {"person": "", "points": "", "registrar": ""}, follow=True)
    body = response.content.decode()
    for message in ("请填写被反映人及职务", "请填写主要内容", "请指定登记人"):
        assert message in body
    assert delivery_of(delivery.source).state == State.PROPOSED


def test_a_registrar_from_another_group_is_not_taken(client, county):
    delivery = delivery_of(proposed_petition(county))
    client.force_login(county.leader1)
    client.post(reverse("sealing:report", args=[delivery.pk]), {"person": "某", "points": "某", "registrar": county.member2.pk})
    assert delivery_of(delivery.source).state == State.PROPOSED


def test_declining_without_a_reason_is_refused(client, county):
    delivery = delivery_of(proposed_petition(county))
    client.force_login(county.leader1)
    response = client.post(reverse("sealing:decline", args=[delivery.pk]), {"reason": ""}, follow=True)
    assert "请说明不属于径送件的理由" in response.content.decode()
    assert delivery_of(delivery.source).state == State.PROPOSED


def test_the_register_makes_the_same_queries_for_one_and_for_three_items(client, county):
    reported(county)
    client.force_login(county.office)
    url = reverse("sealing:index")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    reported(county)
    reported(county)
    with CaptureQueriesContext(connection) as three:
        body = client.get(url).content.decode()
    assert len(three) == len(one)
    assert body.count("一组信〔2026〕") == 3
