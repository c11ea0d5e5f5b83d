"""The group page's preparation section: one line per part with its count, one row per unit, the entry
conditions before entry; the unit's contact sees only what is addressed to the unit."""

import pytest
from django.urls import reverse

from groups.models import InspectionGroup
from tests.rounds.helpers import s01_done

from .helpers import sign_pledges

pytestmark = pytest.mark.django_db


def test_the_group_sees_every_part_with_its_count(client, county):
    client.force_login(county.member1)
    body = client.get(reverse("groups:detail", args=[county.group1.pk])).content.decode()
    section = body.split('data-testid="preparation"')[1]
    for name, args in (("meeting_list", [county.group1.pk]), ("branch", [county.group1.pk]),
                       ("pledge_list", [county.group1.pk]), ("work_plan", [county.group1.pk]),
                       ("opinion_list", [county.inspection1.pk]), ("focus_list", [county.inspection1.pk]),
                       ("checklist", [county.inspection1.pk]), ("self_report", [county.inspection1.pk]),
                       ("facilities", [county.inspection1.pk])):
        assert reverse(f"groups:{name}", args=args) in section
    assert "0/4" in section
    assert "83.33%" in section
    assert 'data-testid="entry-blockers"' not in section  # group 1 has entered


def test_before_entry_the_page_lists_what_blocks_and_the_leader_gets_the_form(client, county):
    InspectionGroup.objects.filter(pk=county.group1.pk).update(entered_on=None)
    s01_done(county)
    sign_pledges(county, county.group1, except_for={"member1"})
    client.force_login(county.leader1)
    body = client.get(reverse("groups:detail", args=[county.group1.pk])).content.decode()
    blockers = body.split('data-testid="entry-blockers"')[1].split("</div>")[0]
    assert str(county.member1.cadre) in blockers and str(county.leader1.cadre) not in blockers
    assert reverse("groups:mark_entered", args=[county.group1.pk]) in body
    client.force_login(county.member1)
    assert reverse("groups:mark_entered", args=[county.group1.pk]) not in client.get(
        reverse("groups:detail", args=[county.group1.pk])).content.decode()


def test_the_unit_contact_sees_only_the_units_checklist_and_report(client, county):
    client.force_login(county.unit1)
    body = client.get(reverse("groups:detail", args=[county.group1.pk])).content.decode()
    assert 'data-testid="preparation"' not in body
    assert reverse("groups:self_report", args=[county.inspection1.pk]) in body
    assert reverse("groups:checklist", args=[county.inspection1.pk]) in body
    assert reverse("groups:meeting_list", args=[county.group1.pk]) not in body
    assert reverse("groups:focus_list", args=[county.inspection1.pk]) not in body


def test_the_page_makes_the_same_queries_for_1_unit_as_for_10(client, county, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import InspectionFactory

    url = reverse("groups:detail", args=[county.group1.pk])
    InspectionGroup.objects.filter(pk=county.group1.pk).update(entered_on=None)
    client.force_login(county.leader1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(9):
        InspectionFactory(group=county.group1)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
