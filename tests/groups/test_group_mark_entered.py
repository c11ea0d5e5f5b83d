"""S07: the group enters its units only when every person signed the pledge, the work plan is filed and
every unit's self-report is accepted; a refusal names every reason, and more gates can be added."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import InspectionGroup
from groups.services import AUDIT_GROUP_ENTERED, ENTRY_GATES, group_mark_entered, self_report_accept
from tests.rounds.helpers import s01_done
from xunchar.audit.models import AuditEvent

from .helpers import sign_pledges, zh

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 10, 14)


@pytest.fixture
def group1(county):
    """Group 1 before entry: its work plan filed (fixture), its unit's report awaiting review."""
    InspectionGroup.objects.filter(pk=county.group1.pk).update(entered_on=None)
    county.group1.refresh_from_db()
    s01_done(county)  # S01's papers approved, declarations in: the gates tested here are S03–S07's
    return county.group1


def test_each_member_who_has_not_signed_is_named(county, group1):
    sign_pledges(county, group1, except_for={"deputy1", "member1"})
    self_report_accept(version=county.self_report_version1, actor=county.leader1)
    with pytest.raises(ValidationError) as refused:
        group_mark_entered(group=group1, entered_on=DAY, actor=county.office)
    (reason,) = refused.value.messages
    assert str(county.deputy1.cadre) in reason and str(county.member1.cadre) in reason
    assert str(county.leader1.cadre) not in reason and str(county.liaison1.cadre) not in reason
    group1.refresh_from_db()
    assert group1.entered_on is None


def test_every_reason_is_given_at_once(county, group1):
    services.work_plan_reopen(group=group1, actor=county.leader1)
    with pytest.raises(ValidationError) as refused:
        group_mark_entered(group=group1, entered_on=DAY, actor=county.leader1)
    messages = refused.value.messages
    assert len(messages) == 3
    assert zh("The group work plan has not been filed with the office.") in messages
    assert zh("The self-report of %(unit)s has not been accepted.") % {"unit": county.unit_a} in messages


def test_a_unit_that_never_submitted_its_report_blocks_too(county, group1):
    from tests.factories import InspectionFactory, UnitFactory

    InspectionFactory(group=group1, unit=UnitFactory(name="示例县水利局"))
    sign_pledges(county, group1)
    self_report_accept(version=county.self_report_version1, actor=county.leader1)
    with pytest.raises(ValidationError) as refused:
        group_mark_entered(group=group1, entered_on=DAY, actor=county.office)
    # The new unit blocks twice: no notice sent yet (S02.2) and no report (S07.2); nothing else blocks.
    assert refused.value.messages == [
        zh("%(unit)s has not been sent its inspection notice.") % {"unit": "示例县水利局"},
        zh("%(unit)s has not submitted its self-report.") % {"unit": "示例县水利局"},
    ]


def test_when_all_is_ready_the_leader_records_the_entry_and_it_is_audited(client, county, group1):
    sign_pledges(county, group1)
    self_report_accept(version=county.self_report_version1, actor=county.leader1)
    client.force_login(county.leader1)
    response = client.post(reverse("groups:mark_entered", args=[group1.pk]), {"entered_on": "2026-10-14"})
    assert response.status_code == 302
    group1.refresh_from_db()
    assert group1.entered_on == DAY
    event = AuditEvent.objects.get(event=AUDIT_GROUP_ENTERED)
    assert (event.actor, event.object_id) == (county.leader1, str(group1.pk))
    # again: nothing changes, no second event
    group_mark_entered(group=group1, entered_on=DAY, actor=county.office)
    assert AuditEvent.objects.filter(event=AUDIT_GROUP_ENTERED).count() == 1


def test_the_refusal_shows_on_the_group_page(client, county, group1):
    client.force_login(county.office)
    response = client.post(reverse("groups:mark_entered", args=[group1.pk]), {"entered_on": "2026-10-14"}, follow=True)
    body = response.content.decode()
    assert str(county.member1.cadre) in body
    assert 'data-testid="entry-blockers"' in body


def test_another_gate_can_be_added(county, group1, monkeypatch):
    sign_pledges(county, group1)
    self_report_accept(version=county.self_report_version1, actor=county.leader1)
    monkeypatch.setattr(services, "ENTRY_GATES", [*ENTRY_GATES, lambda group: [f"{group}有未处理的回避事项"]])
    with pytest.raises(ValidationError) as refused:
        group_mark_entered(group=group1, entered_on=DAY, actor=county.office)
    assert refused.value.messages == ["第一巡察组有未处理的回避事项"]


def test_not_before_the_mobilization_meeting(county, group1):
    sign_pledges(county, group1)
    self_report_accept(version=county.self_report_version1, actor=county.leader1)
    with pytest.raises(ValidationError):
        group_mark_entered(group=group1, entered_on=datetime.date(2026, 10, 1), actor=county.office)


@pytest.mark.parametrize("persona", ["deputy1", "member1", "secretary"])
def test_only_the_office_or_the_leader_records_the_entry(client, county, group1, persona):
    client.force_login(county.users[persona])
    assert client.post(reverse("groups:mark_entered", args=[group1.pk]), {"entered_on": "2026-10-14"}).status_code == 403
    with pytest.raises(PermissionDenied):
        group_mark_entered(group=group1, entered_on=DAY, actor=county.users[persona])


@pytest.mark.parametrize("persona", ["leader2", "unit1"])
def test_others_do_not_find_the_group(client, county, group1, persona):
    client.force_login(county.users[persona])
    assert client.post(reverse("groups:mark_entered", args=[group1.pk]), {"entered_on": "2026-10-14"}).status_code == 404


def test_not_in_the_future(county, group1):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="进驻日期不能晚于今天"):
        group_mark_entered(group=group1, entered_on=tomorrow, actor=county.office)
    group1.refresh_from_db()
    assert group1.entered_on is None
