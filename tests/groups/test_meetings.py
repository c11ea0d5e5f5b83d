"""S03.1: the minute book of group meetings — numbered per group, kept by the leader (or the deputy the
leader names), read by the group's people and the office, found by nobody else."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groups.models import GroupMeeting, GroupMembership
from groups.services import Minutes, group_name_meetings_deputy, meeting_record
from xunchar.audit.models import AuditEvent

from .helpers import zh

pytestmark = pytest.mark.django_db


def _m(county, username):
    return GroupMembership.objects.get(cadre=county.users[username].cadre)


def _minutes(county, **overrides):
    attendees = [_m(county, u) for u in ("leader1", "deputy1", "liaison1")]
    values = dict(held_on=datetime.date(2026, 10, 10), attendees=attendees, minute_taker=attendees[2],
                  items=[("clues_to_examine", "住房补贴发放中的问题线索"), ("other", "")], decisions="由副组长牵头了解")
    values.update(overrides)
    return Minutes(**values)


def _post_data(county, **overrides):
    data = {
        "held_on": "2026-10-10",
        "attendees": [_m(county, u).pk for u in ("leader1", "deputy1", "liaison1")],
        "minute_taker": _m(county, "liaison1").pk,
        "decisions": "分两个谈话组开展工作",
        "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0",
        "items-0-kind": "work_arrangements", "items-0-text": "研究个别谈话安排",
        "items-1-kind": "personnel", "items-1-text": "",
    }
    data.update(overrides)
    return data


def test_the_leader_minutes_a_meeting_numbered_after_the_last(client, county):
    client.force_login(county.leader1)
    response = client.post(reverse("groups:meeting_create", args=[county.group1.pk]), _post_data(county))
    meeting = GroupMeeting.objects.get(group=county.group1, number=2)  # the fixture holds no. 1
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert [(i.kind, i.text) for i in meeting.items.all()] == [("work_arrangements", "研究个别谈话安排")]
    assert meeting.minute_taker == _m(county, "liaison1")
    assert meeting.recorded_by == county.leader1
    assert set(meeting.attendees.all()) == {_m(county, u) for u in ("leader1", "deputy1", "liaison1")}


def test_numbers_run_per_group(county):
    minutes = Minutes(held_on=datetime.date(2026, 10, 10), attendees=[_m(county, "leader2")],
                      minute_taker=_m(county, "leader2"), items=[("other", "学习巡察工作规定")], decisions="按计划推进")
    assert meeting_record(group=county.group2, minutes=minutes, actor=county.leader2).number == 1
    assert meeting_record(group=county.group2, minutes=minutes, actor=county.leader2).number == 2


def test_the_minute_taker_must_have_attended(county):
    with pytest.raises(ValidationError) as refused:
        meeting_record(group=county.group1, minutes=_minutes(county, minute_taker=_m(county, "member1")), actor=county.leader1)
    assert refused.value.messages == [zh("The minute-taker must be one of those who attended.")]


def test_a_major_disagreement_is_reported_with_to_whom_and_when(county):
    meeting = meeting_record(group=county.group1, actor=county.leader1, minutes=_minutes(
        county, dissent="副组长认为应先调阅资料", major_disagreement=True, reported_to="leading_group",
        reported_on=datetime.date(2026, 10, 11), report_manner="书面报告"))
    assert (meeting.reported_to, meeting.reported_on) == ("leading_group", datetime.date(2026, 10, 11))
    with pytest.raises(ValidationError):
        meeting_record(group=county.group1, actor=county.leader1,
                       minutes=_minutes(county, reported_to="office", reported_on=datetime.date(2026, 10, 11)))
    with pytest.raises(ValidationError):
        meeting_record(group=county.group1, actor=county.leader1, minutes=_minutes(county, major_disagreement=True))


def test_the_deputy_minutes_only_when_the_leader_names_them(client, county):
    client.force_login(county.deputy1)
    url = reverse("groups:meeting_create", args=[county.group1.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        group_name_meetings_deputy(group=county.group1, membership=_m(county, "deputy1"), actor=county.deputy1)
    group_name_meetings_deputy(group=county.group1, membership=_m(county, "deputy1"), actor=county.leader1)
    assert client.get(url).status_code == 200
    assert client.post(url, _post_data(county)).status_code == 302
    with pytest.raises(ValidationError):
        group_name_meetings_deputy(group=county.group1, membership=_m(county, "member1"), actor=county.leader1)


def test_the_minutes_are_read_by_the_group_and_the_office_and_each_read_is_logged(client, county):
    url = reverse("groups:meeting_detail", args=[county.meeting1.pk])
    for persona in ("member1", "office", "secretary"):
        client.force_login(county.users[persona])
        assert "研究确定个别谈话名单" in client.get(url).content.decode()
    assert AuditEvent.objects.filter(event=AuditEvent.Event.READ, object_type="groups.groupmeeting").count() == 3


@pytest.mark.parametrize("persona", ["leader2", "member2", "unit1", "jiwei"])
def test_the_other_group_does_not_find_the_minutes(client, county, persona):
    client.force_login(county.users[persona])
    for url in (reverse("groups:meeting_detail", args=[county.meeting1.pk]),
                reverse("groups:meeting_list", args=[county.group1.pk]),
                reverse("groups:meeting_edit", args=[county.meeting1.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert "研究确定个别谈话名单" not in response.content.decode()


@pytest.mark.parametrize("persona", ["member1", "liaison1", "office"])
def test_only_the_minute_keeper_writes(client, county, persona):
    client.force_login(county.users[persona])
    assert client.post(reverse("groups:meeting_create", args=[county.group1.pk]), _post_data(county)).status_code == 403
    assert client.post(reverse("groups:meeting_edit", args=[county.meeting1.pk]), _post_data(county)).status_code == 403
    assert client.post(reverse("groups:meetings_deputy", args=[county.group1.pk]), {}).status_code == 403
    assert GroupMeeting.objects.count() == 1


def test_editing_keeps_the_number_and_the_history(client, county):
    client.force_login(county.leader1)
    client.post(reverse("groups:meeting_edit", args=[county.meeting1.pk]), _post_data(county, decisions="改为三个谈话组"))
    county.meeting1.refresh_from_db()
    assert county.meeting1.number == 1 and county.meeting1.decisions == "改为三个谈话组"
    body = client.get(reverse("core:history", args=["groups.groupmeeting", county.meeting1.pk])).content.decode()
    assert "研究确定个别谈话名单" in body


def test_the_list_makes_the_same_queries_for_3_meetings_as_for_30(client, county, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("groups:meeting_list", args=[county.group1.pk])
    client.force_login(county.leader1)
    for _ in range(2):
        meeting_record(group=county.group1, minutes=_minutes(county), actor=county.leader1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(27):
        meeting_record(group=county.group1, minutes=_minutes(county), actor=county.leader1)
    with django_assert_num_queries(len(few.captured_queries)):
        assert "第30次组务会" in client.get(url).content.decode()
