"""The demo's on-site records: round 2's group 1 has its units' entry records with the announcements
approved, two symposia, a meeting attended, a field visit, a special check, a mid-term report and one
open 立行立改 item; group 2 (withdrawn) its entry records and a closed 立行立改 item."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from groups.models import InspectionGroup
from groups.onsite.demo import demo_onsite
from groups.onsite.models import (
    EntryMeeting,
    FieldVisit,
    ImmediateFix,
    MeetingAttended,
    MidTermReport,
    Publicity,
    SpecialCheck,
    Symposium,
)
from groups.onsite.selectors import withdrawal_open_items
from groups.onsite.services import publicity_approved
from xunchar.core.demo import DEMO_ACCOUNTS


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO())
            groups_2 = {g.number: g for g in InspectionGroup.objects.filter(round__year=2026, round__number=2)}
            if not EntryMeeting.objects.exists():  # until the lead calls it from the demo's build
                users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_ACCOUNTS)}
                demo_onsite(groups_2, users)
            yield groups_2
            transaction.set_rollback(True)


def test_group_1_on_site(demo, db):
    one = demo[1]
    inspections = list(one.inspections.all())
    assert len(inspections) == 2
    for inspection in inspections:
        assert EntryMeeting.objects.filter(inspection=inspection).count() == 2
        announcement = Publicity.objects.get(inspection=inspection, kind=Publicity.Kind.ANNOUNCEMENT)
        assert announcement.risk_checked and publicity_approved(announcement)
        assert Publicity.objects.filter(inspection=inspection, kind=Publicity.Kind.NEWS_RELEASE).exists()
    assert Symposium.objects.filter(group=one).count() == 2
    assert MeetingAttended.objects.filter(group=one).count() == 1
    assert FieldVisit.objects.filter(group=one, state=FieldVisit.State.HELD).count() == 1
    assert SpecialCheck.objects.get(group=one).signed_off_at
    assert MidTermReport.objects.get(group=one).received_at
    fix = ImmediateFix.objects.get(group=one)
    assert fix.responded_on is None and fix.deadline > fix.notified_on
    assert len(withdrawal_open_items(one)) == 1 and "立行立改" in withdrawal_open_items(one)[0]


def test_group_2_withdrawn_with_a_closed_fix(demo, db):
    two = demo[2]
    assert two.withdrawn_on
    assert EntryMeeting.objects.filter(inspection__group=two).count() == 2 * two.inspections.count()
    fix = ImmediateFix.objects.get(group=two)
    assert fix.responded_on and fix.checked_on and not fix.is_overdue()
    assert withdrawal_open_items(two) == []
