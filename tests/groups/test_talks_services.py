"""The talk services (S12): at least two staff, one-to-one only with the leader's approval given
beforehand, a named recorder from the staff, nothing after withdrawal, the record and its problems,
the leader's reading, the office's outline, and the subjects the cadre pool proposes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groups import talks
from groups.talk_models import Talk, TalkOutline, TalkProblem, TalkRecord
from tests.factories import CadreFactory
from xunchar.audit.models import AuditEvent
from xunchar.registry.models import Cadre, CadrePost

from .talk_records import SECRET_RECORD, approve_one_to_one, hold, member, plan

pytestmark = pytest.mark.django_db


def test_a_talk_is_planned_by_the_groups_people_only(county):
    talk = plan(county)
    assert talk.state == Talk.State.PLANNED and talk.staff.count() == 2
    for outsider in ("member2", "liaison2", "office", "secretary", "unit1"):
        with pytest.raises(PermissionDenied):
            plan(county, actor=outsider)
    assert Talk.objects.count() == 1


def test_the_recorder_is_one_of_the_staff(county):
    with pytest.raises(ValidationError) as refused:
        plan(county, staff=("liaison1", "deputy1"), recorder="member1")
    assert "recorder" in refused.value.error_dict


def test_staff_of_another_group_cannot_talk_for_group1(county):
    with pytest.raises(ValidationError) as refused:
        talks.talk_plan(group=county.group1, actor=county.liaison1, data=talks.TalkData(
            subject_kind="leadership", subject_name="某某", planned_on=datetime.date(2026, 10, 20), place="驻地",
            staff=[member(county, "liaison1"), member(county, "member2", county.group2)],
        ))
    assert "staff" in refused.value.error_dict


def test_a_one_to_one_talk_must_say_why(county):
    with pytest.raises(ValidationError) as refused:
        plan(county, staff=("deputy1",), recorder="deputy1")
    assert "one_to_one_reason" in refused.value.error_dict
    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="涉及重要问题，需单独约谈。")
    assert talk.one_to_one_reason


def test_a_two_staff_talk_keeps_no_one_to_one_reason(county):
    talk = plan(county, reason="不需要")
    assert talk.one_to_one_reason == ""


def test_held_by_two_staff_with_a_recorder(county):
    talk = hold(county, plan(county))
    assert talk.state == Talk.State.HELD and talk.held_on == datetime.date(2026, 10, 20)
    assert TalkRecord.objects.filter(talk=talk).exists()
    assert AuditEvent.objects.filter(event=AuditEvent.Event.TALK_HELD, object_id=str(talk.pk)).exists()
    # repeated: nothing changes
    again = hold(county, talk)
    assert again.state == Talk.State.HELD and TalkRecord.objects.filter(talk=talk).count() == 1


def test_a_talk_without_a_recorder_from_the_staff_is_refused(county):
    talk = plan(county)
    with pytest.raises(ValidationError) as refused:
        hold(county, talk, recorder="deputy1")
    assert "recorder" in refused.value.error_dict
    talk.refresh_from_db()
    assert talk.state == Talk.State.PLANNED


def test_one_staff_without_the_leaders_approval_is_refused(county):
    talk = plan(county)  # planned for two; only one came
    with pytest.raises(ValidationError) as refused:
        hold(county, talk, staff=("liaison1",), recorder="liaison1")
    assert refused.value.code == "one_to_one_not_approved"
    talk.refresh_from_db()
    assert talk.state == Talk.State.PLANNED and not TalkRecord.objects.exists()


def test_a_submitted_but_undecided_one_to_one_is_refused(county):
    from xunchar.approvals.services import approval_submit

    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="单独约谈", planned_on=timezone.localdate())
    approval_submit(chain=talks.ONE_TO_ONE_CHAIN, subject=talk, actor=county.deputy1)
    with pytest.raises(ValidationError) as refused:
        hold(county, talk, actor="deputy1", staff=("deputy1",), recorder="deputy1", held_on=timezone.localdate())
    assert refused.value.code == "one_to_one_not_approved"


def test_one_to_one_with_the_leaders_approval_given_before(county):
    today = timezone.localdate()
    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="单独约谈", planned_on=today)
    approve_one_to_one(county, talk)
    assert talks.one_to_one_approved_on(talk) == today
    held = hold(county, talk, actor="deputy1", staff=("deputy1",), recorder="deputy1", held_on=today)
    assert held.state == Talk.State.HELD


def test_an_approval_given_after_the_talk_does_not_count(county):
    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="单独约谈")
    approve_one_to_one(county, talk)  # approved today; the talk is dated 2026-10-20
    with pytest.raises(ValidationError) as refused:
        hold(county, talk, actor="deputy1", staff=("deputy1",), recorder="deputy1", held_on=datetime.date(2026, 10, 20))
    assert refused.value.code == "one_to_one_approved_late"


def test_the_approval_is_for_the_person_named_in_the_plan(county):
    today = timezone.localdate()
    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="单独约谈", planned_on=today)
    approve_one_to_one(county, talk)
    with pytest.raises(ValidationError) as refused:
        hold(county, talk, staff=("member1",), recorder="member1", held_on=today)
    assert refused.value.code == "one_to_one_other_person"


def test_only_the_leader_approves_a_one_to_one_talk(county):
    from xunchar.approvals.services import approval_decide, approval_submit

    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="单独约谈")
    request = approval_submit(chain=talks.ONE_TO_ONE_CHAIN, subject=talk, actor=county.deputy1)
    for not_the_leader in ("deputy1", "liaison1", "director", "leader2"):
        with pytest.raises(PermissionDenied):
            approval_decide(request=request, actor=county.users[not_the_leader], passed=True, opinion="")


def test_a_two_staff_talk_cannot_be_sent_for_one_to_one_approval(county):
    from xunchar.approvals.services import approval_submit

    with pytest.raises(PermissionDenied):
        approval_submit(chain=talks.ONE_TO_ONE_CHAIN, subject=plan(county), actor=county.liaison1)


def test_an_approved_one_to_one_plan_cannot_be_changed(county):
    talk = plan(county, staff=("deputy1",), recorder="deputy1", reason="单独约谈")
    approve_one_to_one(county, talk)
    data = talks.TalkData(subject_kind="leadership", subject_name="换人", planned_on=talk.planned_on, place=talk.place,
                          staff=[member(county, "deputy1")], recorder=member(county, "deputy1"), one_to_one_reason="单独约谈")
    with pytest.raises(ValidationError):
        talks.talk_update(talk=talk, actor=county.deputy1, data=data)


def test_after_withdrawal_no_new_talk_is_recorded(county):
    """Group 2 withdrew on 2026-11-20: a talk on the 19th is recorded, one dated after is refused."""
    before = plan(county, actor="liaison2", group=county.group2, staff=("liaison2", "member2"), recorder="member2",
                  planned_on=datetime.date(2026, 11, 19))
    hold(county, before, actor="liaison2", staff=("liaison2", "member2"), recorder="member2", held_on=datetime.date(2026, 11, 19))
    with pytest.raises(ValidationError) as refused:
        plan(county, actor="liaison2", group=county.group2, staff=("liaison2", "member2"), recorder="member2",
             planned_on=datetime.date(2026, 11, 21))
    assert "2026年11月20日" in " ".join(refused.value.messages)
    late = plan(county, actor="liaison2", group=county.group2, staff=("liaison2", "member2"), recorder="member2",
                planned_on=datetime.date(2026, 11, 18))
    with pytest.raises(ValidationError) as refused:
        hold(county, late, actor="liaison2", staff=("liaison2", "member2"), recorder="member2", held_on=datetime.date(2026, 11, 21))
    assert "held_on" in refused.value.error_dict
    late.refresh_from_db()
    assert late.state == Talk.State.PLANNED


def test_a_talk_is_not_held_in_the_future_nor_before_entry(county):
    talk = plan(county)
    for day in (timezone.localdate() + datetime.timedelta(days=1), datetime.date(2026, 10, 1)):
        with pytest.raises(ValidationError):
            hold(county, talk, held_on=day)


def test_the_record_and_its_problems(county):
    talk = hold(county, plan(county))
    record = talks.talk_record_save(talk=talk, actor=county.member1, content=SECRET_RECORD)
    assert record.content == SECRET_RECORD
    problem = talks.talk_problem_add(talk=talk, actor=county.member1, category="integrity", text="违规发放补贴", tags="补贴，违规")
    assert problem.tag_list == ["补贴", "违规"]
    with pytest.raises(ValidationError):
        talks.talk_problem_add(talk=talk, actor=county.member1, category="nonsense", text="x")
    for other_group in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        with pytest.raises(PermissionDenied):
            talks.talk_record_save(talk=talk, actor=other_group, content="篡改")
    talks.talk_problem_remove(problem=problem, actor=county.liaison1)
    assert not TalkProblem.objects.exists()


def test_a_planned_talk_has_no_record(county):
    talk = plan(county)
    with pytest.raises(ValidationError):
        talks.talk_record_save(talk=talk, actor=county.member1, content="x")


def test_the_leader_reads_the_record_and_a_change_asks_for_a_new_reading(county):
    talk = hold(county, plan(county))
    with pytest.raises(ValidationError):  # still empty
        talks.talk_record_mark_read(talk=talk, actor=county.leader1)
    talks.talk_record_save(talk=talk, actor=county.member1, content=SECRET_RECORD)
    for not_the_leader in ("deputy1", "member1", "director"):
        with pytest.raises(PermissionDenied):
            talks.talk_record_mark_read(talk=talk, actor=county.users[not_the_leader])
    record = talks.talk_record_mark_read(talk=talk, actor=county.leader1)
    assert record.read_by_leader == county.leader1 and record.read_by_leader_at is not None
    assert talks.talk_record_mark_read(talk=talk, actor=county.leader1).read_by_leader_at == record.read_by_leader_at
    changed = talks.talk_record_save(talk=talk, actor=county.member1, content=SECRET_RECORD + "（补充）")
    assert changed.read_by_leader_at is None


def test_the_office_keeps_the_generic_outline(county):
    outline = talks.talk_outline_save(round=county.round, actor=county.office, text="通用提纲")
    assert talks.talk_outline_save(round=county.round, actor=county.office, text="通用提纲") == outline
    with pytest.raises(PermissionDenied):
        talks.talk_outline_save(round=county.round, actor=county.leader1, text="组长改提纲")
    assert TalkOutline.objects.get().text == "通用提纲"
    # the round's groups read it; a unit contact does not
    assert TalkOutline.objects.visible_to(county.member1).exists()
    assert TalkOutline.objects.visible_to(county.liaison2).exists()
    # group 2 has withdrawn (S28): member2 no longer reaches its material
    assert not TalkOutline.objects.visible_to(county.member2).exists()
    assert not TalkOutline.objects.visible_to(county.unit1).exists()


def test_the_cadre_pool_proposes_the_leadership_team_and_recent_retirees(county):
    unit = county.unit_a
    today = timezone.localdate()
    CadreFactory(name="班子甲", unit=unit, post="党组书记、局长", rank=Cadre.Rank.SECTION_PRINCIPAL)
    CadreFactory(name="班子乙", unit=unit, post="副局长", rank=Cadre.Rank.SECTION_DEPUTY)
    CadreFactory(name="股长丙", unit=unit, post="预算股股长", rank=Cadre.Rank.CLERK_PRINCIPAL)
    CadreFactory(name="他组丁", unit=county.unit_b, post="局长", rank=Cadre.Rank.SECTION_PRINCIPAL)
    recent = CadreFactory(name="退休戊", unit=None, post="", rank=Cadre.Rank.SECTION_DEPUTY, is_retired=True)
    CadrePost.objects.create(cadre=recent, unit=unit, title="副局长", start_date=datetime.date(2015, 1, 1),
                             end_date=today - datetime.timedelta(days=400))
    old = CadreFactory(name="退休己", unit=None, post="", rank=Cadre.Rank.SECTION_PRINCIPAL, is_retired=True)
    CadrePost.objects.create(cadre=old, unit=unit, title="局长", start_date=datetime.date(2010, 1, 1),
                             end_date=today - datetime.timedelta(days=4 * 365))
    proposals = talks.talk_subject_proposals(county.group1)
    names = [(p.cadre.name, p.kind) for p in proposals]
    assert names == [("班子甲", "leadership"), ("班子乙", "leadership"), ("退休戊", "retired_leadership")]
    assert "退休" in proposals[-1].post and all(p.inspection == county.inspection1 for p in proposals)
