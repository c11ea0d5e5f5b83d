"""Staffing a round by the rules: the rotation rule, recusal, secondments, and who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups.models import GroupMembership
from rounds import staffing
from rounds.models import RecusalConflict, RecusalDeclaration, RotationJustification, Round, Secondment
from tests.factories import (
    CadreFactory,
    CadrePostFactory,
    CadreRelativeFactory,
    RoundFactory,
    UnitFactory,
    UserFactory,
)
from xunchar.accounts.roles import Role
from xunchar.registry.models import Unit

pytestmark = pytest.mark.django_db
Leader = GroupMembership.RoundRole.LEADER
Member = GroupMembership.RoundRole.MEMBER


@pytest.fixture
def prep(county):
    """Round 3 in preparation, one empty group; in round 2 (county) leader1 led group 1 for 财政局."""
    round3 = RoundFactory(year=2027, number=1, phase=Round.Phase.PREPARATION, mobilization_date=None, entry_date=None)
    group = staffing.group_create(round=round3, actor=county.office)
    return round3, group


def test_group_numbers_follow_on(county, prep):
    round3, group = prep
    second = staffing.group_create(round=round3, actor=county.office)
    assert (group.number, second.number) == (1, 2)


@pytest.mark.parametrize("persona", ["secretary", "leader1", "member1", "unit1", "sysadmin", "jiwei"])
def test_only_the_office_staffs_a_round(county, prep, persona):
    round3, group = prep
    with pytest.raises(PermissionDenied):
        staffing.inspection_add(group=group, unit=county.unit_b, actor=county.users[persona])
    with pytest.raises(PermissionDenied):
        staffing.membership_add(group=group, cadre=CadreFactory(), role=Member, actor=county.users[persona])
    assert not group.inspections.exists() and not group.memberships.exists()


def test_rotation_refuses_a_leader_for_a_unit_they_led_before(county, prep):
    round3, group = prep
    staffing.inspection_add(group=group, unit=county.unit_a, actor=county.office)
    with pytest.raises(ValidationError) as refused:
        staffing.membership_add(group=group, cadre=county.leader1.cadre, role=Leader, actor=county.office)
    message = refused.value.messages[0]
    assert "三个不固定" in message and "示例县财政局" in message and county.leader1.cadre.name in message
    assert not group.memberships.exists()


def test_rotation_refuses_the_unit_when_the_leader_is_there_first(county, prep):
    round3, group = prep
    staffing.membership_add(group=group, cadre=county.leader1.cadre, role=Leader, actor=county.office)
    staffing.inspection_add(group=group, unit=county.unit_b, actor=county.office)  # leader1 did not lead for 教育局
    with pytest.raises(ValidationError, match="三个不固定"):
        staffing.inspection_add(group=group, unit=county.unit_a, actor=county.office)
    assert list(group.inspections.values_list("unit__name", flat=True)) == ["示例县教育局"]


def test_a_member_of_an_earlier_group_is_not_a_repeat(county, prep):
    """The rule is about leading: member1 was only a member of the group that inspected 财政局."""
    round3, group = prep
    staffing.inspection_add(group=group, unit=county.unit_a, actor=county.office)
    staffing.membership_add(group=group, cadre=county.member1.cadre, role=Leader, actor=county.office)
    assert group.memberships.get(role=Leader).cadre == county.member1.cadre


def test_rotation_exception_needs_and_keeps_a_justification(county, prep):
    round3, group = prep
    staffing.inspection_add(group=group, unit=county.unit_a, actor=county.office)
    staffing.membership_add(
        group=group, cadre=county.leader1.cadre, role=Leader, actor=county.office, justification="该局专项整改需原组长跟进",
    )
    exception = RotationJustification.objects.get(round=round3)
    assert (exception.cadre, exception.unit, exception.reason) == (county.leader1.cadre, county.unit_a, "该局专项整改需原组长跟进")
    history = list(staffing.rotation_history(cadre=county.leader1.cadre, before=round3))
    assert [(i.round, i.unit) for i in history] == [(county.round, county.unit_a)]


def test_one_group_per_person_per_round(county, prep):
    round3, group = prep
    other = staffing.group_create(round=round3, actor=county.office)
    cadre = CadreFactory()
    staffing.membership_add(group=group, cadre=cadre, role=Member, actor=county.office)
    with pytest.raises(ValidationError, match="第一巡察组"):
        staffing.membership_add(group=other, cadre=cadre, role=Member, actor=county.office)


def test_an_administrator_cannot_join_a_group(county, prep):
    round3, group = prep
    cadre = CadreFactory()
    UserFactory(username="sysadmin2", roles=[Role.SYSTEM_ADMIN], cadre=cadre)
    with pytest.raises(ValidationError, match="administrator|管理员"):
        staffing.membership_add(group=group, cadre=cadre, role=Member, actor=county.office)


def test_staffing_is_frozen_once_the_round_is_on_site(county):
    with pytest.raises(ValidationError):
        staffing.membership_add(group=county.group1, cadre=CadreFactory(), role=Member, actor=county.office)


def test_recusal_found_from_posts_and_relatives(county, prep):
    round3, group = prep
    unit = UnitFactory(name="示例县住房和城乡建设局")
    works_there = CadreFactory(unit=unit, post="村镇建设股股长")
    worked_there = CadreFactory()
    CadrePostFactory(cadre=worked_there, unit=unit, title="办公室主任", start_date=datetime.date(2015, 3, 1), end_date=datetime.date(2019, 6, 1))
    husband = CadreFactory()
    CadreRelativeFactory(cadre=husband, relation="spouse", name="李芳", workplace_unit=unit, workplace="住建局财务股")
    clean = CadreFactory()
    for cadre in (works_there, worked_there, husband, clean):
        staffing.membership_add(group=group, cadre=cadre, role=Member, actor=county.office)
    assert not RecusalConflict.objects.exists()  # no unit yet, nothing to conflict with

    staffing.inspection_add(group=group, unit=unit, actor=county.office)

    found = {c.cadre: c for c in RecusalConflict.objects.filter(group=group)}
    assert set(found) == {works_there, worked_there, husband}
    assert found[works_there].source == RecusalConflict.Source.WORKS_THERE
    assert found[worked_there].source == RecusalConflict.Source.WORKED_THERE
    assert "李芳" in found[husband].detail and found[husband].source == RecusalConflict.Source.RELATIVE
    staffing.recusal_scan(group=group)  # repeated scans record nothing twice
    assert RecusalConflict.objects.filter(group=group).count() == 3


def test_each_conflict_is_resolved_by_replacement_or_a_kept_reason(county, prep):
    round3, group = prep
    unit = UnitFactory()
    staffing.inspection_add(group=group, unit=unit, actor=county.office)
    insider, spouse_there, replacement = CadreFactory(unit=unit), CadreFactory(), CadreFactory()
    CadreRelativeFactory(cadre=spouse_there, workplace_unit=unit)
    staffing.membership_add(group=group, cadre=insider, role=Member, actor=county.office)
    staffing.membership_add(group=group, cadre=spouse_there, role=Member, actor=county.office)
    blockers = staffing.recusal_blockers(group)
    assert any(insider.name in reason for reason in blockers) and any(spouse_there.name in reason for reason in blockers)

    first, second = RecusalConflict.objects.filter(group=group).order_by("cadre_id")
    with pytest.raises(ValidationError):
        staffing.recusal_resolve(conflict=first, keep=True, reason="  ", actor=county.office)
    with pytest.raises(PermissionDenied):
        staffing.recusal_resolve(conflict=first, keep=True, reason="无利害关系", actor=county.leader1)
    staffing.recusal_resolve(conflict=first, keep=False, reason="本人在该单位任职，调整出组", actor=county.office, replacement=replacement)
    staffing.recusal_resolve(conflict=second, keep=True, reason="配偶在下属单位工勤岗位，经研究不需回避", actor=county.office)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == RecusalConflict.State.REPLACED and first.resolution == "本人在该单位任职，调整出组"
    assert second.state == RecusalConflict.State.KEPT and second.resolved_by == county.office
    assert set(group.memberships.values_list("cadre", flat=True)) == {spouse_there.pk, replacement.pk}
    with pytest.raises(ValidationError):
        staffing.recusal_resolve(conflict=second, keep=True, reason="再次", actor=county.office)


def test_declaration_is_the_persons_own_and_an_explicit_answer(county, prep):
    round3, group = prep
    unit = UnitFactory()
    staffing.inspection_add(group=group, unit=unit, actor=county.office)
    me = UserFactory(username="newmember", cadre=CadreFactory())
    staffing.membership_add(group=group, cadre=me.cadre, role=Member, actor=county.office)
    assert any(me.cadre.name in reason for reason in staffing.recusal_blockers(group))

    with pytest.raises(PermissionDenied):
        staffing.recusal_declare(group=group, actor=county.member1, nothing_to_declare=True)
    with pytest.raises(ValidationError):
        staffing.recusal_declare(group=group, actor=me, nothing_to_declare=False, statement="")
    staffing.recusal_declare(group=group, actor=me, nothing_to_declare=False, statement="本人表弟在该单位任会计", unit=unit)

    declaration = RecusalDeclaration.objects.get(group=group, cadre=me.cadre)
    assert not declaration.nothing_to_declare
    conflict = RecusalConflict.objects.get(group=group, cadre=me.cadre)
    assert conflict.source == RecusalConflict.Source.DECLARED and conflict.detail == "本人表弟在该单位任会计"
    with pytest.raises(ValidationError):
        staffing.recusal_declare(group=group, actor=me, nothing_to_declare=True)
    staffing.recusal_resolve(conflict=conflict, keep=True, reason="表弟不在财务关键岗位，经研究不需回避", actor=county.office)
    assert staffing.recusal_blockers(group) == []


def test_taking_a_person_out_closes_their_conflicts(county, prep):
    round3, group = prep
    unit = UnitFactory()
    staffing.inspection_add(group=group, unit=unit, actor=county.office)
    insider = CadreFactory(unit=unit)
    membership = staffing.membership_add(group=group, cadre=insider, role=Member, actor=county.office)
    staffing.membership_remove(membership=membership, actor=county.office, reason="回避，调整出组")
    conflict = RecusalConflict.objects.get(cadre=insider)
    assert conflict.state == RecusalConflict.State.REPLACED and conflict.resolution == "回避，调整出组"


def test_secondments_go_through_the_right_body_and_swaps_keep_the_reason(county, prep):
    round3, group = prep
    jiwei = UnitFactory(function=Unit.Function.DISCIPLINE_COMMISSION)
    from_jiwei, from_bureau, replacement = CadreFactory(unit=jiwei), CadreFactory(), CadreFactory()
    first = staffing.secondment_request(round=round3, cadre=from_jiwei, actor=county.office)
    second = staffing.secondment_request(round=round3, cadre=from_bureau, actor=county.office)
    assert first.source == Secondment.Source.DISCIPLINE and second.source == Secondment.Source.ORGANIZATION
    staffing.membership_add(group=group, cadre=from_bureau, role=Member, actor=county.office)

    with pytest.raises(ValidationError):
        staffing.secondment_swap(secondment=second, replacement=replacement, reason="", actor=county.office)
    staffing.secondment_swap(secondment=second, replacement=replacement, reason="身体原因不能全程参加", actor=county.office)

    second.refresh_from_db()
    assert second.state == Secondment.State.SWAPPED and second.swap_reason == "身体原因不能全程参加"
    assert second.replaced_by.cadre == replacement
    assert list(group.memberships.values_list("cadre", flat=True)) == [replacement.pk]


def test_liaison_candidates_are_the_offices_own_staff(county):
    office_unit = UnitFactory(function=Unit.Function.INSPECTION_OFFICE)
    staff = CadreFactory(unit=office_unit)
    CadreFactory()
    assert list(staffing.liaison_candidates()) == [staff]


def test_the_unit_is_given_to_one_group_only(county, prep):
    round3, group = prep
    other = staffing.group_create(round=round3, actor=county.office)
    unit = UnitFactory()
    staffing.inspection_add(group=group, unit=unit, actor=county.office)
    assert staffing.inspection_add(group=group, unit=unit, actor=county.office).group == group  # repeat: no-op
    with pytest.raises(ValidationError, match="第一巡察组"):
        staffing.inspection_add(group=other, unit=unit, actor=county.office)



def test_a_person_named_in_the_groups_records_is_not_taken_out(county):
    """Filed minutes are never rewritten by a later change of staffing: removing someone who
    attended a group meeting is refused, naming the record, and nothing changes."""
    from groups.models import GroupMeeting

    round_ = county.round
    Round.objects.filter(pk=round_.pk).update(phase=Round.Phase.PREPARATION)
    county.group1.__class__.objects.filter(pk=county.group1.pk).update(entered_on=None)
    deputy = GroupMembership.objects.get(group=county.group1, cadre=county.deputy1.cadre)  # attended meeting 1
    liaison = GroupMembership.objects.get(group=county.group1, cadre=county.liaison1.cadre)  # took its minutes
    for membership in (deputy, liaison):
        with pytest.raises(ValidationError) as refused:
            staffing.membership_remove(membership=membership, actor=county.office)
        assert "组务会" in refused.value.messages[0]
        assert GroupMembership.objects.filter(pk=membership.pk).exists()
    assert set(GroupMeeting.objects.get(group=county.group1).attendees.all()) >= {deputy, liaison}


def test_a_person_without_records_is_taken_out(county, prep):
    round3, group = prep
    membership = staffing.membership_add(group=group, cadre=CadreFactory(), role=Member, actor=county.office)
    staffing.membership_remove(membership=membership, actor=county.office)
    assert not group.memberships.exists()
