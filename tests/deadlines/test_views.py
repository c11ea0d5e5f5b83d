"""The deadline list: the office and leadership see every deadline, a group only its own."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import InspectionGroupFactory
from xunchar.deadlines.services import deadline_start

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def running(county):
    return {
        "group1": deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 11, 20)),
        "group2": deadline_start(rule_code="D2", round=county.round, group=county.group2, started_on=D(2026, 11, 20)),
        "unit_a": deadline_start(rule_code="D5", round=county.round, unit=county.unit_a, started_on=D(2026, 11, 23)),
    }


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("deadlines:list"), params)
    assert response.status_code == 200
    return {row["deadline"].pk for row in response.context["rows"]}


@pytest.mark.parametrize("persona", ["office", "director", "secretary", "deputy"])
def test_office_and_leadership_see_all(client, county, running, persona):
    assert listed(client, county.users[persona]) == {d.pk for d in running.values()}


@pytest.mark.parametrize("persona", ["leader1", "member1"])
def test_group_one_does_not_see_group_two(client, county, running, persona):
    assert listed(client, county.users[persona]) == {running["group1"].pk}


@pytest.mark.parametrize("persona", ["leader2", "liaison2"])
def test_group_two_does_not_see_group_one(client, county, running, persona):
    assert listed(client, county.users[persona]) == {running["group2"].pk}


def test_member2_sees_nothing_once_group_two_has_withdrawn(client, county, running):
    # group 2 has withdrawn (S28): member2 no longer reaches its material
    assert listed(client, county.member2) == set()


def test_the_unit_sees_its_own(client, county, running):
    assert listed(client, county.unit1) == {running["unit_a"].pk}


def test_a_receiver_sees_none(client, county, running):
    assert listed(client, county.jiwei) == set()


def test_anonymous_is_sent_to_sign_in(client, running):
    response = client.get(reverse("deadlines:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_met_deadlines_show_under_all(client, county, running):
    from xunchar.deadlines.services import deadline_meet

    deadline_meet(rule_code="D1", round=county.round, group=county.group1, met_on=D(2026, 12, 1))
    assert running["group1"].pk not in listed(client, county.office)
    assert running["group1"].pk in listed(client, county.office, show="all")


def test_provisional_deadlines_are_flagged(client, county):
    deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    client.force_login(county.member1)
    page = client.get(reverse("deadlines:list")).content.decode()
    assert 'data-testid="provisional-banner"' in page
    client.force_login(county.liaison2)
    assert 'data-testid="provisional-banner"' not in client.get(reverse("deadlines:list")).content.decode()


def test_the_list_makes_the_same_queries_for_3_or_30_deadlines(client, county):
    client.force_login(county.office)

    def add(n, first):
        for i in range(n):
            group = InspectionGroupFactory(round=county.round, number=first + i, entered_on=D(2026, 10, 14))
            deadline_start(rule_code="D1", round=county.round, group=group, started_on=D(2026, 11, 20))

    add(3, 10)
    client.get(reverse("deadlines:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("deadlines:list"))
    add(27, 20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("deadlines:list"))
    assert len(response.context["rows"]) == 30
    assert len(many) == len(few)
