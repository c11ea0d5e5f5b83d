"""Marking the group withdrawn takes the members' access away: only the leader, the liaison and the office
keep the group's material (issue 6 §7). Every page of the checklist refuses who must be refused."""

import pytest
from django.urls import reverse

from groups.withdrawal import services
from petitions.models import Petition
from xunchar.access import policy

from .records import DAY, settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(county):
    from tests.petitions.records import register

    petition = register(county)
    settle(county.group1, county.leader1)
    services.group_withdraw(group=county.group1, withdrawn_on=DAY, actor=county.leader1)
    county.group1.refresh_from_db()
    return county, petition


def _pages(county, petition):
    pages = [
        reverse("groups:detail", args=[county.group1.pk]),
        reverse("petitions:ledger", args=[county.group1.pk]),
        reverse("groups:talk_list", args=[county.group1.pk]),
        reverse("withdrawal:checklist", args=[county.group1.pk]),
    ]
    return [*pages, petition.get_absolute_url()]


@pytest.mark.parametrize("username", ["deputy1", "member1"])
def test_a_withdrawn_member_is_refused_the_groups_material(client, withdrawn, username):
    county, petition = withdrawn
    client.force_login(county.users[username])
    for url in _pages(county, petition):
        response = client.get(url)
        assert response.status_code == 404, url
    assert not Petition.objects.visible_to(county.users[username]).exists()
    assert not policy.is_group_member(county.users[username], county.group1)


@pytest.mark.parametrize("username", ["leader1", "liaison1", "office", "secretary"])
def test_the_leader_the_liaison_and_the_office_keep_it(client, withdrawn, username):
    county, petition = withdrawn
    client.force_login(county.users[username])
    for url in _pages(county, petition):
        assert client.get(url).status_code == 200, url


def test_before_withdrawal_every_member_reads_it(client, county):
    client.force_login(county.member1)
    assert client.get(reverse("petitions:ledger", args=[county.group1.pk])).status_code == 200


def test_a_withdrawn_deputy_no_longer_decides_the_groups_approvals(withdrawn):
    from xunchar.approvals.predicates import group_people, group_role

    county, petition = withdrawn  # a petition is a subject with a group_id
    assert not group_role("deputy")(county.deputy1, petition)
    assert group_role("leader")(county.leader1, petition)
    assert list(group_people("deputy", "leader")(petition)) == [county.leader1]


def test_the_home_page_tells_a_withdrawn_member_where_their_group_went(client, county):
    client.force_login(county.member2)  # group 2 has withdrawn
    body = client.get(reverse("core:home")).content.decode()
    assert "已撤离驻地的巡察组" in body and "仅由组长和联络员保管" in body
    assert county.group2.get_absolute_url() not in body  # no link to a page that would refuse them
    client.force_login(county.liaison2)
    body = client.get(reverse("core:home")).content.decode()
    assert county.group2.get_absolute_url() in body and "已撤离驻地的巡察组" not in body


def test_a_withdrawn_deputy_keeps_no_clues_no_identities_and_no_rights(withdrawn):
    from clues.models import Clue
    from groups.rules import group_rights
    from petitions.models import Petitioner

    county, petition = withdrawn
    Clue.objects.create(group=county.group1, person="财政局某股长", created_by=county.liaison1)
    assert Clue.objects.visible_to(county.liaison1).count() == 1
    assert not Clue.objects.visible_to(county.deputy1).exists()
    assert Petitioner.objects.visible_to(county.leader1).filter(petition=petition).exists()
    assert not Petitioner.objects.visible_to(county.deputy1).exists()
    for username in ("deputy1", "member1"):
        rights = group_rights(county.users[username], county.group1)
        assert rights.role is None and not rights.can_work
    assert group_rights(county.liaison1, county.group1).role == "liaison"
