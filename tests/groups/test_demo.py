"""The demo's preparation records: a complete group passes every entry gate; a group midway does not."""

import pytest

from groups.models import (
    ConfidentialityPledge,
    GroupMeeting,
    GroupWorkPlan,
    InspectionGroup,
    SelfReport,
    SelfReportVersion,
)
from groups.services import entry_blockers, entry_gate_pledges, entry_gate_self_reports, entry_gate_work_plan
from tests.rounds.helpers import s01_done
from xunchar.core.demo import seed_group_preparation

pytestmark = pytest.mark.django_db


def _fresh(county, *, s01=True):
    """Group 2 without anything: the county fixture gives group 1 its own records."""
    InspectionGroup.objects.filter(pk=county.group2.pk).update(entered_on=None, withdrawn_on=None)
    county.group2.refresh_from_db()
    if s01:
        s01_done(county)  # S01's papers approved, declarations in: the gates tested here are S03–S07's
    return county.group2


def test_a_complete_group_meets_every_condition_for_entry(county):
    group = _fresh(county)
    seed_group_preparation(group, complete=True)
    assert entry_blockers(group) == []
    assert GroupMeeting.objects.filter(group=group).count() == 2
    plan = GroupWorkPlan.objects.get(group=group)
    assert plan.state == "filed" and plan.latest_revision.received_by == county.office
    versions = SelfReportVersion.objects.filter(report__inspection=county.inspection2).order_by("number")
    assert [v.outcome for v in versions] == ["returned", "accepted"]
    assert not versions[0].passes and versions[1].passes
    assert "不足 60%" in versions[0].decision_note or "less than 60%" in versions[0].decision_note


def test_a_group_midway_has_half_its_pledges_and_is_blocked(county):
    group = _fresh(county, s01=False)
    seed_group_preparation(group, complete=False)
    assert ConfidentialityPledge.objects.filter(group=group).count() == 1  # of 3
    assert SelfReport.objects.get(inspection=county.inspection2).state == "returned"
    assert len(entry_blockers(group)) == 3 + 1 + 1 + 3  # S01's three papers, declarations, the notice, S03–S07
    blockers = [reason for gate in (entry_gate_pledges, entry_gate_work_plan, entry_gate_self_reports) for reason in gate(group)]
    assert len(blockers) == 3
    assert str(county.member2.cadre) in blockers[0]
