"""Every list and home page makes the same number of queries for 3 rows as for 30."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    CadreFactory,
    GroupMembershipFactory,
    InspectionFactory,
    InspectionGroupFactory,
    RoundFactory,
    UnitFactory,
)
from xunchar.deadlines.services import deadline_start
from xunchar.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _grow(county, n):
    """Add n rounds (each with a withdrawn group, its unit, members, two deadlines), units, cadres, notifications."""
    for i in range(n):
        round_ = RoundFactory(year=2020 + i % 5)
        withdrawn_on = datetime.date(2026, 4, 1)
        group = InspectionGroupFactory(round=round_, number=1, entered_on=datetime.date(2026, 3, 2), withdrawn_on=withdrawn_on)
        InspectionFactory(group=group, unit=UnitFactory())
        # member1 was the leader of half of them: a leader keeps a withdrawn group's material.
        GroupMembershipFactory(group=group, cadre=county.member1.cadre if i % 2 else CadreFactory(), role="leader")
        for code in ("D1", "D2"):
            deadline_start(rule_code=code, round=round_, group=group, started_on=withdrawn_on)
        CadreFactory()
        for user in county.users.values():
            Notification.objects.create(recipient=user, title=f"通知{i}")


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    ("office", "core:home"),
    ("secretary", "core:home"),
    ("member1", "core:home"),
    ("unit1", "core:home"),
    ("jiwei", "core:home"),
    ("office", "rounds:list"),
    ("member1", "rounds:list"),
    ("office", "deadlines:list"),
    ("member1", "deadlines:list"),
    ("office", "notifications:list"),
    ("office", "registry:unit_list"),
    ("office", "registry:cadre_list"),
]


@pytest.mark.parametrize(("persona", "name"), PAGES)
def test_same_queries_for_3_and_30_rows(client, county, persona, name):
    client.force_login(county.users[persona])
    url = reverse(name)
    _grow(county, 3)
    few = _count(client, url)
    _grow(county, 27)
    many = _count(client, url)
    assert few == many, f"{name} as {persona}: {few} queries for 3 rows, {many} for 30"


def test_round_and_group_pages_do_not_grow_with_members(client, county):
    client.force_login(county.office)
    round_url = reverse("rounds:detail", args=[county.round.pk])
    group_url = reverse("groups:detail", args=[county.group1.pk])
    before = (_count(client, round_url), _count(client, group_url))
    for _ in range(20):
        GroupMembershipFactory(group=county.group1)
        InspectionFactory(group=county.group1)
    after = (_count(client, round_url), _count(client, group_url))
    assert before == after
