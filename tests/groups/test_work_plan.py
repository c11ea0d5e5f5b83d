"""S05.3–S05.4: the division of work and the group work plan, filed with the office. A filed plan is
frozen: changing it means reopening it and filing a new revision; every filing keeps its own copy."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groups.models import GroupMembership, GroupWorkPlan, GroupWorkPlanRevision
from groups.services import (
    AUDIT_WORK_PLAN_FILED,
    branch_save,
    duties_save,
    work_plan_acknowledge,
    work_plan_file,
    work_plan_reopen,
    work_plan_save,
)
from groups.standards import DEFAULT_DUTIES
from xunchar.audit.models import AuditEvent

from .helpers import zh

pytestmark = pytest.mark.django_db
FILED = zh("The work plan has been filed with the office. Reopen it for a new revision before changing it.")
SECTIONS = {"tasks": "了解选人用人情况", "methods": "个别谈话", "schedule": "三周", "staffing": "分两个谈话组",
            "discipline": "严守保密纪律"}


def _plan(county):
    return GroupWorkPlan.objects.get(group=county.group1)


def test_the_filed_plan_cannot_be_edited(client, county):
    with pytest.raises(ValidationError) as refused:
        work_plan_save(group=county.group1, sections={**SECTIONS, "tasks": "改动"}, actor=county.leader1)
    assert refused.value.messages == [FILED]
    client.force_login(county.leader1)
    response = client.post(reverse("groups:work_plan_edit", args=[county.group1.pk]), {**SECTIONS, "tasks": "改动"})
    assert response.status_code == 302
    assert _plan(county).tasks == "重点了解财政资金分配使用情况"
    with pytest.raises(ValidationError):
        duties_save(group=county.group1, duties={}, actor=county.leader1)


def test_a_new_revision_is_filed_again_and_the_first_stays_as_it_was(client, county):
    branch_save(group=county.group2, founded_on=datetime.date(2026, 10, 12), party_members=[], work_plan="每周学习一次",
                actor=county.leader2)
    work_plan_save(group=county.group2, sections=SECTIONS, actor=county.leader2)
    first = work_plan_file(group=county.group2, actor=county.leader2)
    assert first.number == 1 and first.branch_plan == "每周学习一次"
    assert first.division[0]["role"] == str(GroupMembership.RoundRole.LEADER.label)
    assert first.division[0]["duties"] == DEFAULT_DUTIES["leader"]
    assert work_plan_file(group=county.group2, actor=county.leader2) == first  # filing again: nothing new

    work_plan_reopen(group=county.group2, actor=county.leader2)
    work_plan_save(group=county.group2, sections={**SECTIONS, "tasks": "增加对医保基金的了解"}, actor=county.leader2)
    second = work_plan_file(group=county.group2, actor=county.leader2)

    first.refresh_from_db()
    assert (first.number, first.tasks) == (1, "了解选人用人情况")
    assert (second.number, second.tasks) == (2, "增加对医保基金的了解")
    plan = GroupWorkPlan.objects.get(group=county.group2)
    assert plan.state == GroupWorkPlan.State.FILED and plan.latest_revision == second
    assert AuditEvent.objects.filter(event=AUDIT_WORK_PLAN_FILED).count() == 2
    assert county.office.notifications.count() == 2


def test_filing_needs_every_required_section_and_the_branch_plan(county):
    work_plan_save(group=county.group2, sections={"tasks": "了解情况"}, actor=county.leader2)
    with pytest.raises(ValidationError):
        work_plan_file(group=county.group2, actor=county.leader2)
    work_plan_save(group=county.group2, sections=SECTIONS, actor=county.leader2)
    with pytest.raises(ValidationError) as refused:
        work_plan_file(group=county.group2, actor=county.leader2)
    assert refused.value.messages == [
        zh("The temporary party branch and its work plan are part of the work plan: record them first.")
    ]
    assert not GroupWorkPlanRevision.objects.filter(plan__group=county.group2).exists()


def test_the_branch_plan_is_frozen_with_the_filed_plan(county):
    with pytest.raises(ValidationError) as refused:
        branch_save(group=county.group1, founded_on=datetime.date(2026, 10, 12), party_members=[], work_plan="新计划",
                    actor=county.leader1)
    assert refused.value.messages == [FILED]


def test_the_office_acknowledges_receipt_once(client, county):
    client.force_login(county.office)
    url = reverse("groups:work_plan_acknowledge", args=[county.work_plan_revision1.pk])
    assert client.post(url).status_code == 302
    county.work_plan_revision1.refresh_from_db()
    received_at = county.work_plan_revision1.received_at
    assert county.work_plan_revision1.received_by == county.office and received_at
    work_plan_acknowledge(revision=county.work_plan_revision1, actor=county.director)
    county.work_plan_revision1.refresh_from_db()
    assert (county.work_plan_revision1.received_by, county.work_plan_revision1.received_at) == (county.office, received_at)


@pytest.mark.parametrize("persona", ["leader1", "secretary"])
def test_only_the_office_acknowledges(client, county, persona):
    client.force_login(county.users[persona])
    assert client.post(reverse("groups:work_plan_acknowledge", args=[county.work_plan_revision1.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        work_plan_acknowledge(revision=county.work_plan_revision1, actor=county.users[persona])


@pytest.mark.parametrize("persona", ["deputy1", "member1", "office"])
def test_only_the_leader_writes_files_and_reopens(client, county, persona):
    client.force_login(county.users[persona])
    for name in ("work_plan_file", "work_plan_reopen"):
        assert client.post(reverse(f"groups:{name}", args=[county.group1.pk])).status_code == 403
    assert client.get(reverse("groups:work_plan_edit", args=[county.group1.pk])).status_code == 403
    assert client.post(reverse("groups:duties", args=[county.group1.pk]), {}).status_code == 403
    assert _plan(county).state == GroupWorkPlan.State.FILED


@pytest.mark.parametrize("persona", ["leader2", "unit1", "jiwei"])
def test_others_do_not_find_the_plan(client, county, persona):
    client.force_login(county.users[persona])
    for url in (reverse("groups:work_plan", args=[county.group1.pk]),
                reverse("groups:work_plan_revision", args=[county.work_plan_revision1.pk]),
                reverse("groups:duties", args=[county.group1.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert "重点了解财政资金分配使用情况" not in response.content.decode()


def test_the_leader_writes_the_division_of_work_and_the_default_stays_unsaved(client, county):
    work_plan_reopen(group=county.group1, actor=county.leader1)
    member1 = GroupMembership.objects.get(cadre=county.member1.cadre)
    leader = GroupMembership.objects.get(cadre=county.leader1.cadre)
    client.force_login(county.leader1)
    response = client.post(reverse("groups:duties", args=[county.group1.pk]), {
        f"duties_{member1.pk}": "负责调阅财务资料", f"duties_{leader.pk}": DEFAULT_DUTIES["leader"],
    })
    assert response.status_code == 302
    member1.refresh_from_db()
    leader.refresh_from_db()
    assert member1.duties == "负责调阅财务资料"
    assert leader.duties == "" and leader.duties_or_default == DEFAULT_DUTIES["leader"]


def test_the_plan_page_makes_the_same_queries_for_1_revision_as_for_10(client, county, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("groups:work_plan", args=[county.group1.pk])
    client.force_login(county.leader1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    work_plan_reopen(group=county.group1, actor=county.leader1)
    branch_save(group=county.group1, founded_on=datetime.date(2026, 10, 12), party_members=[], work_plan="学习计划",
                actor=county.leader1)
    for _ in range(9):
        work_plan_reopen(group=county.group1, actor=county.leader1)
        last = work_plan_file(group=county.group1, actor=county.leader1)
    assert last.number == 10
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert reverse("groups:work_plan_revision", args=[last.pk]) in body
