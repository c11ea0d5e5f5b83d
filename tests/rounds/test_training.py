"""S02.4/5: central training concerns the whole round; a group's study session only that group."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rounds.models import TrainingSession
from rounds.prep_services import training_record, training_update

pytestmark = pytest.mark.django_db
D = date


def _listed(client, user, round_):
    client.force_login(user)
    response = client.get(reverse("rounds:training_list", args=[round_.pk]))
    assert response.status_code == 200
    return {s.pk for s in response.context["central"] + response.context["group_study"]}


def test_each_group_sees_central_training_and_its_own_study(client, county):
    study2 = training_record(round=county.round, actor=county.office, kind="group", group=county.group2,
                             held_on=D(2026, 10, 13), topic="第二组分组学习")
    central, study1 = county.training_central.pk, county.training_group1.pk
    assert _listed(client, county.member1, county.round) == {central, study1}
    assert _listed(client, county.liaison2, county.round) == {central, study2.pk}
    assert _listed(client, county.director, county.round) == {central, study1, study2.pk}


def test_the_unit_contact_finds_no_training_page(client, county):
    client.force_login(county.unit1)
    assert client.get(reverse("rounds:training_list", args=[county.round.pk])).status_code == 404


def test_a_group_study_session_names_a_group_of_the_round(county):
    with pytest.raises(ValidationError):
        training_record(round=county.round, actor=county.office, kind="group", held_on=D(2026, 10, 13), topic="x")
    with pytest.raises(ValidationError):
        training_record(round=county.round, actor=county.office, kind="central", group=county.group1,
                        held_on=D(2026, 10, 13), topic="x")


def test_only_the_office_records_training(county):
    with pytest.raises(PermissionDenied):
        training_record(round=county.round, actor=county.leader1, kind="group", group=county.group1,
                        held_on=D(2026, 10, 13), topic="x")
    with pytest.raises(PermissionDenied):
        training_update(session=county.training_group1, actor=county.leader1, group=county.group1, topic="y")


def test_the_office_records_and_edits_through_the_forms(client, county):
    client.force_login(county.office)
    response = client.post(reverse("rounds:training_create", args=[county.round.pk]), {
        "kind": "central", "held_on": "2026-10-13", "topic": "专题辅导", "speakers": "县纪委监委", "place": "党校",
        "attendees": "", "content": "",
    })
    assert response.status_code == 302
    assert TrainingSession.objects.filter(topic="专题辅导", kind="central", group=None).exists()
    response = client.post(reverse("rounds:training_edit", args=[county.training_group1.pk]), {
        "kind": "central",  # disabled on edit: a study session stays one
        "group": county.group1.pk, "held_on": "2026-10-14", "topic": "改期的分组学习", "speakers": "", "place": "",
        "attendees": "", "content": "",
    })
    assert response.status_code == 302
    county.training_group1.refresh_from_db()
    assert (county.training_group1.kind, county.training_group1.held_on) == ("group", D(2026, 10, 14))


@pytest.mark.parametrize("persona", ["secretary", "leader1"])
def test_readers_are_refused_the_forms(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(reverse("rounds:training_create", args=[county.round.pk])).status_code == 403
    assert client.get(reverse("rounds:training_edit", args=[county.training_group1.pk])).status_code == 403


def test_group_two_does_not_find_group_ones_study_session(client, county):
    client.force_login(county.leader2)
    assert client.get(reverse("rounds:training_edit", args=[county.training_group1.pk])).status_code == 404


def test_the_list_makes_the_same_queries_for_few_or_many(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(county.member1)
    url = reverse("rounds:training_list", args=[county.round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        training_record(round=county.round, actor=county.office, kind="group", group=county.group1,
                        held_on=D(2026, 10, 13), topic=f"分组学习{i}")
        training_record(round=county.round, actor=county.office, kind="central", held_on=D(2026, 10, 13), topic="x")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["group_study"]) == 11
    assert len(many) == len(few)
