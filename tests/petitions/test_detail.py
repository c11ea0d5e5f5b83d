"""The item's page: everything it holds for who may see it, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions.models import Petition

from .records import SECRET_SUMMARY, register

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_same_queries_for_two_receivers_as_for_four(client, county):
    few = register(county, channel=Petition.Channel.VISIT, receivers=("liaison1", "member1"))
    many = register(county, channel=Petition.Channel.VISIT, receivers=("liaison1", "member1", "deputy1", "leader1"))
    client.force_login(county.leader1)
    client.get(reverse("petitions:detail", args=[few.pk]))  # warm the caches (content types, session)
    count_few, _ = _queries(client, reverse("petitions:detail", args=[few.pk]))
    count_many, response = _queries(client, reverse("petitions:detail", args=[many.pk]))
    assert count_few == count_many
    assert SECRET_SUMMARY in response.content.decode()


def test_the_index_counts_in_one_query_per_page(client, county):
    for _ in range(3):
        register(county)
    client.force_login(county.office)
    count, response = _queries(client, reverse("petitions:index"))
    by_group = {g.pk: g.petition_count for g in response.context["groups"]}
    assert by_group == {county.group1.pk: 3, county.group2.pk: 0}
    register(county, actor="liaison2", group=county.group2, receivers=("liaison2",))
    assert _queries(client, reverse("petitions:index"))[0] == count
