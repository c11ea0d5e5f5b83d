"""The round page's preparation section, and the demo county's round 2 with its records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _section(client, user, round_):
    client.force_login(user)
    page = client.get(reverse("rounds:detail", args=[round_.pk])).content.decode()
    start = page.index('data-testid="preparation"')
    return page[start:page.index("</section>", start)]


def test_the_office_and_the_groups_see_every_link(client, county):
    for persona in ("office", "secretary", "liaison2"):
        section = _section(client, county.users[persona], county.round)
        for name in ("mobilization", "notice_list", "training_list", "briefing_list", "speech_list"):
            assert reverse(f"rounds:{name}", args=[county.round.pk]) in section, (persona, name)


def test_the_unit_contact_sees_the_notices_only(client, county):
    section = _section(client, county.unit1, county.round)
    assert reverse("rounds:notice_list", args=[county.round.pk]) in section
    for name in ("mobilization", "training_list", "briefing_list", "speech_list"):
        assert reverse(f"rounds:{name}", args=[county.round.pk]) not in section


def test_the_counts_follow_the_reader(client, county):
    client.force_login(county.office)
    summary = client.get(reverse("rounds:detail", args=[county.round.pk])).context["summary"]
    assert (summary.notices_issued, summary.notices_total) == (1, 2)
    assert (summary.briefings_sent, summary.briefings_total) == (1, 2)
    client.force_login(county.liaison2)
    summary = client.get(reverse("rounds:detail", args=[county.round.pk])).context["summary"]
    assert (summary.notices_issued, summary.notices_total) == (0, 0)  # group 2's is a draft
    assert (summary.briefings_sent, summary.briefings_total, summary.training, summary.speeches) == (1, 1, 1, 1)


def test_the_round_page_costs_the_same_queries_with_few_or_many_records(client, county):
    from rounds.prep_services import notices_prepare, training_record
    from tests.factories import InspectionFactory, UnitFactory

    client.force_login(county.office)
    url = reverse("rounds:detail", args=[county.round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        InspectionFactory(group=county.group1, unit=UnitFactory())
        training_record(round=county.round, actor=county.office, kind="central", held_on=county.meeting.held_on,
                        topic=f"培训{i}")
    notices_prepare(round=county.round, actor=county.office)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["summary"].notices_total == 12
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_demo_round_2_shows_its_preparation(db):
    from rounds.models import (
        BriefingAnswer,
        BriefingRequest,
        InspectionNotice,
        MobilizationMeeting,
        Round,
        SpeechDraft,
        TrainingSession,
    )
    from xunchar.core.demo import load_demo

    load_demo()
    round_2 = Round.objects.get(year=2026, number=2)
    assert MobilizationMeeting.objects.get(round=round_2).held_on == round_2.mobilization_date
    notices = InspectionNotice.objects.filter(inspection__round=round_2)
    assert notices.count() == round_2.inspections.count() == 4
    assert sorted(notices.values_list("serial", flat=True)) == [1, 2, 3, 4]
    assert not notices.exclude(status="issued").exists()
    assert TrainingSession.objects.filter(round=round_2, kind="central").count() == 1
    assert TrainingSession.objects.filter(round=round_2, kind="group").count() == 2
    assert BriefingRequest.objects.filter(round=round_2, status="sent").count() == 5
    assert BriefingAnswer.objects.filter(request__round=round_2).count() >= 6
    generic = SpeechDraft.objects.get(round=round_2, kind="leader_generic")
    assert generic.version_count == 2
    assert SpeechDraft.objects.filter(round=round_2, kind="leader_unit").count() == 2
