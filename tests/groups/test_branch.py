"""S03.2: the group's temporary party branch; its secretary is the group leader, shown and not chosen."""

import datetime

import pytest
from django.urls import reverse

from groups.models import GroupMembership, TemporaryBranch
from groups.services import branch_save, work_plan_reopen

pytestmark = pytest.mark.django_db


def test_the_leader_founds_the_branch_and_is_its_secretary(client, county):
    members = list(GroupMembership.objects.filter(group=county.group2))
    client.force_login(county.leader2)
    response = client.post(reverse("groups:branch", args=[county.group2.pk]), {
        "founded_on": "2026-10-12", "party_members": [m.pk for m in members], "work_plan": "每周五下午集中学习",
    })
    assert response.status_code == 302
    branch = TemporaryBranch.objects.get(group=county.group2)
    assert branch.founded_on == datetime.date(2026, 10, 12)
    assert set(branch.party_members.all()) == set(members)
    client.force_login(county.liaison2)
    body = client.get(reverse("groups:branch", args=[county.group2.pk])).content.decode()
    assert str(county.leader2.cadre) in body and "每周五下午集中学习" in body
    assert 'name="founded_on"' not in body  # no form for anyone but the leader


def test_the_secretary_is_not_a_field_of_the_form(client, county):
    client.force_login(county.leader2)
    body = client.get(reverse("groups:branch", args=[county.group2.pk])).content.decode()
    assert "secretary" not in body.split("<form")[1]


def test_the_branch_work_plan_changes_once_the_group_work_plan_is_reopened(county):
    work_plan_reopen(group=county.group1, actor=county.leader1)
    branch = branch_save(group=county.group1, founded_on=datetime.date(2026, 10, 12), party_members=[],
                         work_plan="开展主题党日活动", actor=county.leader1)
    assert branch.work_plan == "开展主题党日活动"


@pytest.mark.parametrize("persona", ["liaison2", "office"])
def test_only_the_leader_founds_the_branch(client, county, persona):
    client.force_login(county.users[persona])
    response = client.post(reverse("groups:branch", args=[county.group2.pk]), {"founded_on": "2026-10-12"})
    assert response.status_code == 403
    assert not TemporaryBranch.objects.exists()


# group 2 has withdrawn (S28): member2 no longer reaches its material
@pytest.mark.parametrize("persona", ["leader1", "unit1", "member2"])
def test_others_do_not_find_the_branch(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(reverse("groups:branch", args=[county.group2.pk])).status_code == 404
