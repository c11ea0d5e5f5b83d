"""S02.1: the office records the round's mobilization meeting; its date becomes the round's."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groups.models import GroupMembership
from rounds.models import MobilizationMeeting
from rounds.prep_services import mobilization_meeting_record
from tests.factories import GroupMembershipFactory, InspectionGroupFactory, RoundFactory

pytestmark = pytest.mark.django_db
D = date

MEETING = {"place": "县委常委会议室", "chair": "县委书记", "agenda": "传达讲话精神\n宣布授权决定\n领导小组组长讲话"}


def test_recording_the_meeting_sets_the_rounds_date(county):
    round_ = RoundFactory(year=2027, number=1, mobilization_date=None)
    group = InspectionGroupFactory(round=round_, number=1, entered_on=None)
    people = [GroupMembershipFactory(group=group), GroupMembershipFactory(group=group)]
    meeting = mobilization_meeting_record(
        round=round_, actor=county.office, held_on=D(2027, 3, 8), checked_in=people, **MEETING
    )
    round_.refresh_from_db()
    assert round_.mobilization_date == D(2027, 3, 8)
    assert meeting.agenda_items == ["传达讲话精神", "宣布授权决定", "领导小组组长讲话"]
    assert set(meeting.checked_in.all()) == set(people)
    assert round_.history.first().history_change_reason == "召开动员部署会"


def test_recording_again_corrects_the_same_meeting(county):
    mobilization_meeting_record(round=county.round, actor=county.office, held_on=D(2026, 10, 11), **MEETING)
    assert MobilizationMeeting.objects.filter(round=county.round).count() == 1
    county.round.refresh_from_db()
    assert county.round.mobilization_date == D(2026, 10, 11)


def test_the_meeting_cannot_move_after_notices_were_issued(county):
    with pytest.raises(ValidationError, match="2026年10月12日"):
        mobilization_meeting_record(round=county.round, actor=county.office, held_on=D(2026, 10, 13), **MEETING)
    county.round.refresh_from_db()
    assert county.round.mobilization_date == D(2026, 10, 12)


def test_only_this_rounds_people_are_checked_in(county):
    stranger = GroupMembershipFactory(group=InspectionGroupFactory(round=RoundFactory(year=2025, number=3), number=1))
    with pytest.raises(ValidationError):
        mobilization_meeting_record(
            round=county.round, actor=county.office, held_on=D(2026, 10, 12), checked_in=[stranger], **MEETING
        )


@pytest.mark.parametrize("persona", ["secretary", "leader1", "unit1"])
def test_only_the_office_records(county, persona):
    with pytest.raises(PermissionDenied):
        mobilization_meeting_record(round=county.round, actor=county.users[persona], held_on=D(2026, 10, 12), **MEETING)


def test_the_page_shows_the_meeting_to_the_rounds_people(client, county):
    county.meeting.checked_in.set(GroupMembership.objects.filter(group=county.group1))
    for persona in ("secretary", "member1", "liaison2"):
        client.force_login(county.users[persona])
        response = client.get(reverse("rounds:mobilization", args=[county.round.pk]))
        assert response.status_code == 200
        assert "县委第一会议室" in response.content.decode()


def test_the_page_is_not_found_for_the_unit_contact(client, county):
    client.force_login(county.unit1)
    response = client.get(reverse("rounds:mobilization", args=[county.round.pk]))
    assert response.status_code == 404


def test_the_office_records_through_the_form(client, county):
    client.force_login(county.office)
    people = GroupMembership.objects.filter(group__round=county.round)
    response = client.post(reverse("rounds:mobilization_edit", args=[county.round.pk]), {
        "held_on": "2026-10-12", "place": "县委党校", "chair": "县委书记", "attendees": "巡察办全体人员",
        "checked_in": [m.pk for m in people], "agenda": "领导小组组长讲话", "documents": "", "notes": "",
    })
    assert response.status_code == 302
    county.meeting.refresh_from_db()
    assert county.meeting.place == "县委党校"
    assert county.meeting.checked_in.count() == people.count()


def test_a_group_leader_is_refused_the_form(client, county):
    client.force_login(county.leader1)
    response = client.post(reverse("rounds:mobilization_edit", args=[county.round.pk]), {"held_on": "2026-10-12"})
    assert response.status_code == 403


def test_the_page_makes_the_same_queries_for_few_or_many_people_present(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(county.liaison2)
    url = reverse("rounds:mobilization", args=[county.round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        GroupMembershipFactory(group=county.group2)
    county.meeting.checked_in.set(GroupMembership.objects.filter(group__round=county.round))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["meeting"].checked_in.count() == 22
    assert len(many) == len(few)


def test_the_meeting_cannot_move_after_a_groups_entry(county):
    """Group 1 of the county round entered on 2026-10-14 (its notice, issued on 10-12, set aside here)."""
    from rounds.prep_models import InspectionNotice

    InspectionNotice.objects.filter(inspection__round=county.round).update(status=InspectionNotice.Status.DRAFT, serial=None, year=None, issued_on=None, issued_by=None)
    with pytest.raises(ValidationError, match="2026年10月14日"):
        mobilization_meeting_record(round=county.round, actor=county.office, held_on=D(2026, 10, 20), **MEETING)
