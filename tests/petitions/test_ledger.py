"""The ledger page: filters, search, pages — and the same number of queries for 3 rows as for 30."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions import services
from petitions.models import Petition

from .records import register

pytestmark = pytest.mark.django_db


def _fill(county, n):
    for i in range(n):
        petition = register(county, summary=f"反映事项{i}", received_on=datetime.date(2026, 10, 15) + datetime.timedelta(days=i % 10),
                            anonymous=bool(i % 3 == 0), channel=Petition.Channel.values[i % 6] if i % 6 != 2 else "letter")
        if i % 5 == 1:
            services.petition_mark_important(petition=petition, actor=county.liaison1, proposal="报组长")


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["liaison1", "member1", "office"])
def test_same_queries_for_3_rows_as_for_30(client, county, persona):
    client.force_login(county.users[persona])
    url = reverse("petitions:ledger", args=[county.group1.pk])
    _fill(county, 3)
    few = _queries(client, url)
    _fill(county, 27)
    assert _queries(client, url) == few


def test_filters_and_search(client, county):
    register(county, summary="反映某股长收受红包", channel=Petition.Channel.PHONE, received_on=datetime.date(2026, 10, 16))
    register(county, summary="反映食堂采购不透明", channel=Petition.Channel.EMAIL, received_on=datetime.date(2026, 10, 18))
    client.force_login(county.member1)
    url = reverse("petitions:ledger", args=[county.group1.pk])

    def numbers(**params):
        return [p.number for p in client.get(url, params).context["petitions"]]

    assert numbers() == [1, 2]
    assert numbers(channel="phone") == [1]
    assert numbers(q="食堂") == [2]
    assert numbers(start="2026-10-17") == [2]
    assert numbers(end="2026-10-17") == [1]
    assert numbers(state="registered") == [1, 2]
    assert numbers(inspection=county.inspection1.pk) == [1, 2]
