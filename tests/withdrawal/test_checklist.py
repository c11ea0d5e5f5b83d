"""The checklist's own rules: who records what, the destruction checked by another, each member signs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups.withdrawal import services
from groups.withdrawal.models import ZeroHoldingReport
from xunchar.audit.models import AuditEvent

from .records import DAY

pytestmark = pytest.mark.django_db


def _membership(county, username):
    return county.group1.memberships.get(cadre=county.users[username].cadre)


def test_a_member_signs_their_own_report_once(county):
    mine = _membership(county, "member1")
    report = services.zero_holding_sign(membership=mine, actor=county.member1)
    assert county.group1.round.__str__() in report.statement and "未以任何形式" in report.statement
    assert services.zero_holding_sign(membership=mine, actor=county.member1) == report
    assert ZeroHoldingReport.objects.filter(membership=mine).count() == 1
    assert AuditEvent.objects.filter(event=AuditEvent.Event.ZERO_HOLDING_SIGNED, actor=county.member1).count() == 1


def test_no_one_signs_for_another_except_a_paper_report_recorded_by_the_leader_or_liaison(county):
    theirs = _membership(county, "member1")
    for username in ("deputy1", "leader1", "liaison1", "office"):
        with pytest.raises(PermissionDenied):
            services.zero_holding_sign(membership=theirs, actor=county.users[username])
    with pytest.raises(PermissionDenied):
        services.zero_holding_sign(membership=theirs, actor=county.deputy1, on_paper=True, signed_on=DAY)
    report = services.zero_holding_sign(membership=theirs, actor=county.liaison1, on_paper=True, signed_on=DAY)
    assert report.on_paper and report.recorded_by == county.liaison1


def test_the_destruction_is_checked_by_the_named_checker_not_who_destroyed(county):
    leader, deputy = _membership(county, "leader1"), _membership(county, "deputy1")
    with pytest.raises(ValidationError):
        services.destruction_record(group=county.group1, data=services.DestructionData(
            destroyed_on=DAY, description="草稿", sheets=3, method="shredded", destroyed_by=leader, checker=leader),
            actor=county.leader1)
    record = services.destruction_record(group=county.group1, data=services.DestructionData(
        destroyed_on=DAY, description="草稿", sheets=3, method="shredded", destroyed_by=leader, checker=deputy),
        actor=county.liaison1)
    for username in ("leader1", "liaison1", "member1"):
        with pytest.raises(PermissionDenied):
            services.destruction_check(destruction=record, actor=county.users[username])
    services.destruction_check(destruction=record, actor=county.deputy1)
    record.refresh_from_db()
    assert record.checked_at is not None


def test_a_member_or_another_group_does_not_keep_the_checklist(county):
    for username in ("member1", "leader2", "office"):
        with pytest.raises(PermissionDenied):
            services.exit_talk_record(inspection=county.inspection1, held_on=DAY, unit_leader="王局长", notes="",
                                      actor=county.users[username])


def test_bad_input_changes_nothing(county):
    with pytest.raises(ValidationError) as refused:
        services.exit_talk_record(inspection=county.inspection1, held_on=DAY, unit_leader="  ", notes="", actor=county.leader1)
    assert "unit_leader" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.equipment_add(group=county.group1, data=services.EquipmentData(
            name="", lent_by="", holder=county.group2.memberships.first(), lent_on=DAY), actor=county.leader1)
    assert set(refused.value.message_dict) == {"name", "lent_by", "holder"}
    assert not county.group1.borrowed_equipment.exists()
