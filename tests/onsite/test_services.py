"""The on-site services read like the procedure: S10's approval order, S20's two staff and the
leader's approval before the visit, S25's deadline in working days, the withdrawal gate's list."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groups.onsite import services
from groups.onsite.models import EntryMeeting, FieldVisit, ImmediateFix, MajorMatter, Publicity, Referral
from groups.onsite.selectors import withdrawal_open_items
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_decide, approval_request, approval_state

from .records import FIX_PROBLEM, VISIT_PLACE, approve, fix, member, publicity, risk_check, visit

pytestmark = pytest.mark.django_db


# --- S10: the unit leader's risk check, the group leader, then the office -------------------------------------


def test_announcement_is_not_submitted_before_the_unit_leaders_risk_check(county):
    item = publicity(county)
    with pytest.raises(ValidationError, match="风险审核|risk check"):
        services.publicity_submit(publicity=item, actor=county.liaison1)
    assert approval_state(item, services.PUBLICITY_CHAIN) == ApprovalRequest.State.DRAFT


def test_announcement_goes_to_the_group_leader_then_the_office(county):
    item = publicity(county)
    risk_check(county, item)
    request = services.publicity_submit(publicity=item, actor=county.liaison1)
    # The office cannot decide before the group leader.
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.office, passed=True, opinion="")
    request = approve(item, services.PUBLICITY_CHAIN, county.leader1)
    assert request.state == ApprovalRequest.State.IN_REVIEW and request.step_index == 1
    # Nor does the group leader decide the office's step, nor a member the leader's.
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.leader1, passed=True, opinion="")
    request = approve(item, services.PUBLICITY_CHAIN, county.office)
    assert request.state == ApprovalRequest.State.APPROVED
    assert [d.outcome for d in request.decisions.order_by("id")] == ["submitted", "reviewed", "approved"]
    assert services.publicity_approved(item)
    # Approved: no longer changed, not even the risk check.
    with pytest.raises(ValidationError):
        publicity(county, title="改过的标题")
    with pytest.raises(ValidationError):
        risk_check(county, item)


def test_a_member_neither_drafts_nor_decides(county):
    with pytest.raises(PermissionDenied):
        publicity(county, actor="member1")
    item = publicity(county)
    risk_check(county, item)
    request = services.publicity_submit(publicity=item, actor=county.liaison1)
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.member1, passed=True, opinion="")
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=county.leader2, passed=True, opinion="")


def test_a_revised_text_needs_the_risk_check_again(county):
    item = publicity(county)
    risk_check(county, item)
    item = publicity(county, title="修改后的公告标题")
    assert not item.risk_checked
    with pytest.raises(ValidationError):
        services.publicity_submit(publicity=item, actor=county.liaison1)
    # Saving the same text again changes nothing.
    risk_check(county, item)
    again = publicity(county, title="修改后的公告标题")
    assert again.risk_checked and again.history.count() == item.history.count()


def test_returned_announcement_is_revised_and_checked_again(county):
    item = publicity(county)
    risk_check(county, item)
    request = services.publicity_submit(publicity=item, actor=county.liaison1)
    approval_decide(request=request, actor=county.leader1, passed=False, opinion="补充受理时间。")
    item = publicity(county, title="补充后的公告")
    with pytest.raises(ValidationError):
        services.publicity_submit(publicity=item, actor=county.liaison1)
    risk_check(county, item)
    assert services.publicity_submit(publicity=item, actor=county.liaison1).state == ApprovalRequest.State.IN_REVIEW


def test_acceptance_period_and_contact_are_required(county):
    with pytest.raises(ValidationError) as error:
        services.publicity_save(
            inspection=county.inspection1, actor=county.liaison1, kind=Publicity.Kind.ANNOUNCEMENT, title="公告", body="正文",
            contact_phone="", address="地址", mailbox="", accepts_from=datetime.date(2026, 10, 14),
            accepts_until=datetime.date(2026, 10, 1), hours="工作日",
        )
    assert set(error.value.error_dict) == {"contact_phone", "mailbox", "accepts_until"}
    assert not Publicity.objects.exists()


def test_mobilization_meeting_records_retirees_and_follows_the_principal_meeting(county):
    services.entry_meeting_save(
        inspection=county.inspection1, actor=county.liaison1, kind=EntryMeeting.Kind.PRINCIPAL, held_on=datetime.date(2026, 10, 15),
        place="书记办公室", attendees="组长、书记",
    )
    with pytest.raises(ValidationError) as error:
        services.entry_meeting_save(
            inspection=county.inspection1, actor=county.liaison1, kind=EntryMeeting.Kind.MOBILIZATION, held_on=datetime.date(2026, 10, 14),
            place="会议室", attendees="全体干部", agenda="", retiree_count=None, speeches_circulated=None,
        )
    assert set(error.value.error_dict) == {"held_on", "agenda", "retiree_count", "speeches_circulated"}
    meeting = services.entry_meeting_save(
        inspection=county.inspection1, actor=county.liaison1, kind=EntryMeeting.Kind.MOBILIZATION, held_on=datetime.date(2026, 10, 15),
        place="会议室", attendees="全体干部", agenda="一、组长讲话", retiree_count=2, retirees="王某、李某", speeches_circulated=False,
    )
    assert meeting.retiree_count == 2 and meeting.speeches_circulated is False


# --- S17, S18, S20, S22 ------------------------------------------------------------------------------------------


def test_field_visit_with_one_staff_is_refused(county):
    with pytest.raises(ValidationError) as error:
        visit(county, staff=("liaison1",))
    assert "staff" in error.value.error_dict
    assert not FieldVisit.objects.exists()
    # Someone of another group does not count.
    with pytest.raises(ValidationError):
        services.field_visit_plan(
            group=county.group1, actor=county.liaison1, place="某地", purpose="走访", planned_on=timezone.localdate(),
            staff=[member(county, "liaison1"), member(county, "member2", county.group2)],
        )


def test_field_visit_is_approved_by_the_leader_before_the_visit_then_recorded(county):
    planned = visit(county)
    with pytest.raises(ValidationError):  # not recorded before the leader's approval
        services.field_visit_record(visit=planned, actor=county.liaison1, held_on=timezone.localdate(), record="走访情况")
    with pytest.raises(PermissionDenied):
        services.field_visit_approve(visit=planned, actor=county.deputy1)
    approved = services.field_visit_approve(visit=planned, actor=county.leader1)
    assert approved.state == FieldVisit.State.APPROVED and approved.approved_on == timezone.localdate()
    assert services.field_visit_approve(visit=planned, actor=county.leader1).approved_on == approved.approved_on  # repeated: no change
    held = services.field_visit_record(visit=planned, actor=county.liaison1, held_on=timezone.localdate(), record="了解了支付流程")
    assert held.state == FieldVisit.State.HELD


def test_a_visit_whose_date_has_passed_is_not_approved(county):
    late = visit(county, planned_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="已过|has passed"):
        services.field_visit_approve(visit=late, actor=county.leader1)
    late.refresh_from_db()
    assert late.state == FieldVisit.State.PLANNED and late.approved_on is None
    cancelled = services.field_visit_cancel(visit=late, actor=county.liaison1, reason="未及时报批")
    assert cancelled.state == FieldVisit.State.CANCELLED


def test_symposium_is_chaired_by_the_group_with_a_named_minute_taker(county):
    with pytest.raises(ValidationError) as error:
        services.symposium_create(
            group=county.group1, actor=county.liaison1, topic="座谈", held_on=datetime.date(2026, 10, 16), participants="股室负责人",
            chair=member(county, "leader2", county.group2), minute_taker=None,
        )
    assert set(error.value.error_dict) == {"chair", "minute_taker"}


def test_only_the_leader_names_who_attends_a_meeting(county):
    with pytest.raises(PermissionDenied):
        services.meeting_attended_create(
            group=county.group1, actor=county.liaison1, meeting="党组会", held_on=datetime.date(2026, 10, 21), attendees=[member(county, "member1")],
        )


def test_special_check_signed_off_by_the_leader_only(county):
    check = services.special_check_create(
        group=county.group1, actor=county.liaison1, kind="ideology", checked_on=datetime.date(2026, 10, 28), report="意识形态工作责任制落实情况",
    )
    with pytest.raises(PermissionDenied):
        services.special_check_sign_off(check=check, actor=county.deputy1)
    assert services.special_check_sign_off(check=check, actor=county.leader1).signed_off_by == county.leader1
    with pytest.raises(ValidationError):
        services.special_check_create(group=county.group1, actor=county.liaison1, kind="other", checked_on=datetime.date(2026, 10, 28), report="报告")


def test_nothing_on_site_is_dated_after_the_withdrawal(county):
    with pytest.raises(ValidationError, match="撤离|withdrew"):
        services.symposium_create(
            group=county.group2, actor=county.liaison2, topic="座谈", held_on=datetime.date(2026, 11, 21), participants="干部",
            chair=member(county, "leader2", county.group2), minute_taker=member(county, "member2", county.group2),
        )


# --- S24–S27 --------------------------------------------------------------------------------------------------


def test_mid_term_report_submitted_by_the_leader_received_by_the_office(county):
    report = services.mid_term_save(group=county.group1, actor=county.liaison1, main_problems="资金管理不规范")
    with pytest.raises(ValidationError):
        services.mid_term_receive(report=report, actor=county.office)
    with pytest.raises(PermissionDenied):
        services.mid_term_submit(report=report, actor=county.liaison1)
    services.mid_term_submit(report=report, actor=county.leader1)
    with pytest.raises(ValidationError):
        services.mid_term_save(group=county.group1, actor=county.liaison1, main_problems="改")
    with pytest.raises(PermissionDenied):
        services.mid_term_receive(report=report, actor=county.leader1)
    assert services.mid_term_receive(report=report, actor=county.office).received_by == county.office


def test_fix_deadline_counts_working_days_and_overdue_is_flagged(county):
    # Told on the eve of the National Day holiday: three working days end on 10 October (a working Saturday).
    item = fix(county, notified_on=datetime.date(2026, 9, 30), workdays=3)
    assert item.deadline == datetime.date(2026, 10, 10)
    assert not item.is_overdue(datetime.date(2026, 10, 10))
    assert item.is_overdue(datetime.date(2026, 10, 12))
    services.immediate_fix_record_response(fix=item, actor=county.liaison1, response="已清退超标办公用房", responded_on=datetime.date(2026, 10, 13))
    item.refresh_from_db()
    assert not item.is_overdue(datetime.date(2026, 10, 20)) and item.responded_late


def test_fix_response_then_check(county):
    item = fix(county)
    with pytest.raises(ValidationError):
        services.immediate_fix_check(fix=item, actor=county.liaison1, check_result="已核实", checked_on=datetime.date(2026, 10, 26))
    with pytest.raises(ValidationError):  # before the unit was told
        services.immediate_fix_record_response(fix=item, actor=county.liaison1, response="已整改", responded_on=datetime.date(2026, 10, 19))
    with pytest.raises(PermissionDenied):
        services.immediate_fix_record_response(fix=item, actor=county.member1, response="已整改", responded_on=datetime.date(2026, 10, 23))
    services.immediate_fix_record_response(fix=item, actor=county.liaison1, response="已整改", responded_on=datetime.date(2026, 10, 23))
    checked = services.immediate_fix_check(fix=item, actor=county.deputy1, check_result="经实地查看已整改到位", checked_on=datetime.date(2026, 10, 26))
    assert checked.checked_by == county.deputy1
    with pytest.raises(ValidationError):
        services.immediate_fix_record_response(fix=item, actor=county.liaison1, response="改了说法", responded_on=datetime.date(2026, 10, 23))


def test_fix_workdays_out_of_range_are_refused(county):
    with pytest.raises(ValidationError):
        fix(county, workdays=0)
    assert not ImmediateFix.objects.exists()


def test_referral_goes_office_leading_group_commission(county):
    referral = services.referral_create(
        group=county.group1, actor=county.liaison1, kind=Referral.Kind.EIGHT_RULES, person="钱某（县管干部）",
        facts="公款吃喝", proposal="移交县纪委监委", immediate_fix=fix(county),
    )
    with pytest.raises(ValidationError):  # not yet proposed to the office
        services.referral_submit(referral=referral, actor=county.office)
    services.referral_propose(referral=referral, actor=county.liaison1)
    with pytest.raises(PermissionDenied):
        services.referral_submit(referral=referral, actor=county.leader1)
    services.referral_submit(referral=referral, actor=county.office)
    with pytest.raises(ValidationError):  # not before the leading group's approval
        services.referral_hand_over(referral=referral, actor=county.office)
    with pytest.raises(PermissionDenied):  # the office does not approve
        approve(referral, services.EIGHT_RULES_CHAIN, county.director)
    approve(referral, services.EIGHT_RULES_CHAIN, county.deputy)
    referral.refresh_from_db()
    assert referral.state == Referral.State.APPROVED
    assert not Referral.objects.visible_to(county.jiwei).exists()
    services.referral_hand_over(referral=referral, actor=county.office)
    assert list(Referral.objects.visible_to(county.jiwei)) == [referral]
    assert not Referral.objects.visible_to(county.zuzhibu).exists()


def test_immediate_investigation_needs_its_public_notice(county):
    with pytest.raises(ValidationError) as error:
        services.referral_create(group=county.group1, actor=county.liaison1, kind=Referral.Kind.IMMEDIATE_INVESTIGATION,
                                 person="某乡党委书记", facts="事实", proposal="建议")
    assert "public_notice" in error.value.error_dict


def test_major_matter_direct_to_the_head_only_by_the_leader(county):
    with pytest.raises(ValidationError):
        services.major_matter_report(group=county.group1, actor=county.liaison1, kind=MajorMatter.Kind.EMERGENCY,
                                     channel=MajorMatter.Channel.DIRECT, occurred_on=datetime.date(2026, 10, 22), text="突发事件")
    matter = services.major_matter_report(group=county.group1, actor=county.leader1, kind=MajorMatter.Kind.EMERGENCY,
                                          channel=MajorMatter.Channel.DIRECT, occurred_on=datetime.date(2026, 10, 22), text="突发事件")
    assert matter.direct
    from xunchar.notifications.models import Notification

    assert Notification.objects.filter(recipient=county.secretary, title__contains="直接报告").exists()
    assert not Notification.objects.filter(recipient=county.office, title__contains="重大事项").exists()
    with pytest.raises(PermissionDenied):
        services.major_matter_acknowledge(matter=matter, actor=county.office)
    assert services.major_matter_acknowledge(matter=matter, actor=county.secretary).acknowledged_by == county.secretary


def test_referrals_and_major_matters_are_not_for_members(onsite):
    c = onsite
    for model in (Referral, MajorMatter):
        assert not model.objects.visible_to(c.member1).exists()
        assert not model.objects.visible_to(c.leader2).exists()
        assert not model.objects.visible_to(c.unit1).exists()
        assert model.objects.visible_to(c.deputy1).exists() and model.objects.visible_to(c.office).exists()
        assert model.objects.visible_to(c.secretary).exists()


# --- The withdrawal gate ---------------------------------------------------------------------------------------


def test_withdrawal_open_items_name_each_open_matter(onsite):
    c = onsite
    items = withdrawal_open_items(c.group1)
    assert len(items) == 2
    assert FIX_PROBLEM in items[0] and "整改" in items[0]
    assert VISIT_PLACE in items[1] and "实地走访" in items[1]
    services.immediate_fix_record_response(fix=c.onsite_fix, actor=c.liaison1, response="已整改", responded_on=datetime.date(2026, 10, 23))
    services.field_visit_cancel(visit=c.onsite_visit, actor=c.liaison1, reason="被巡察单位已提供书面材料")
    assert withdrawal_open_items(c.group1) == []
    # A planned visit not yet approved, a referral, a major matter, an unsubmitted mid-term report hold nothing.
    visit(c)
    assert withdrawal_open_items(c.group1) == []
    assert withdrawal_open_items(c.group2) == []


def test_a_request_is_kept_when_an_approved_announcement_is_saved_unchanged(onsite):
    c = onsite
    assert approval_request(c.onsite_announcement, services.PUBLICITY_CHAIN).state == ApprovalRequest.State.APPROVED
    assert services.publicity_submit(publicity=c.onsite_announcement, actor=c.liaison1).state == ApprovalRequest.State.APPROVED


def test_overdue_sweep_tells_the_group_once(county):
    from groups.onsite.tasks import sweep_overdue_fixes
    from xunchar.notifications.models import Notification

    item = fix(county, notified_on=datetime.date(2026, 9, 30), workdays=3)  # deadline 10 October
    answered = fix(county, notified_on=datetime.date(2026, 9, 30), workdays=3)
    services.immediate_fix_record_response(fix=answered, actor=county.liaison1, response="已整改", responded_on=datetime.date(2026, 10, 9))
    assert services.immediate_fix_overdue_sweep(today=datetime.date(2026, 10, 10)) == 0  # the deadline day itself is not overdue
    assert sweep_overdue_fixes(as_of="2026-10-12") == 1
    assert sweep_overdue_fixes(as_of="2026-10-13") == 0  # told once
    told = Notification.objects.filter(title__contains="立行立改事项已逾期")
    assert {n.recipient for n in told} == {county.leader1, county.deputy1, county.liaison1}
    item.refresh_from_db()
    assert item.overdue_notified_at is not None
