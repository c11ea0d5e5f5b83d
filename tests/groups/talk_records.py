"""Group 1's individual talks for the tests and the permission matrix: made through the services."""

import datetime

from django.utils import timezone

from groups import talks
from groups.talk_models import Talk
from groups.talks import TalkData
from xunchar.approvals.services import approval_decide, approval_submit

SECRET_RECORD = "谈话中反映财政局局长在专项资金分配中优亲厚友"
SECRET_PROBLEM = "惠农补贴发放中存在优亲厚友"
SUBJECT_NAME = "钱守仁"
OUTLINE_TEXT = "一、对本单位领导班子落实全面从严治党主体责任的评价"


def member(county, username, group=None):
    group = group or county.group1
    return group.memberships.get(cadre_id=county.users[username].cadre_id)


def plan(county, *, actor="liaison1", staff=("liaison1", "member1"), recorder="member1", name=SUBJECT_NAME,
         planned_on=datetime.date(2026, 10, 20), group=None, reason="", **extra):
    group = group or county.group1
    people = [member(county, u, group) for u in staff]
    data = TalkData(
        subject_kind=extra.pop("subject_kind", Talk.SubjectKind.LEADERSHIP), subject_name=name, planned_on=planned_on,
        place=extra.pop("place", "巡察组驻地谈话室"), staff=people,
        recorder=member(county, recorder, group) if recorder else None, inspection=group.inspections.first(),
        subject_post=extra.pop("subject_post", "财政局局长"), safety_notes="谈话前收存手机", outline="一、请谈谈班子运行情况",
        one_to_one_reason=reason, **extra,
    )
    return talks.talk_plan(group=group, actor=county.users[actor], data=data)


def hold(county, talk, *, actor="liaison1", staff=("liaison1", "member1"), recorder="member1", held_on=None, group=None):
    group = group or talk.group
    return talks.talk_mark_held(
        talk=talk, actor=county.users[actor], held_on=held_on or datetime.date(2026, 10, 20),
        staff=[member(county, u, group) for u in staff], recorder=member(county, recorder, group),
    )


def approve_one_to_one(county, talk, *, submitter="deputy1", leader="leader1"):
    approval_submit(chain=talks.ONE_TO_ONE_CHAIN, subject=talk, actor=county.users[submitter])
    request = talks.one_to_one_request(talk)
    return approval_decide(request=request, actor=county.users[leader], passed=True, opinion="同意一对一谈话。")


def add_group1_talks(county):
    """A held talk with a record and a tagged problem, an approved one-to-one talk held today, a planned
    talk, and the office's generic outline."""
    county.talk_outline = talks.talk_outline_save(round=county.round, actor=county.office, text=OUTLINE_TEXT)
    county.talk1 = plan(county)
    hold(county, county.talk1)
    county.talk_record1 = talks.talk_record_save(talk=county.talk1, actor=county.member1, content=SECRET_RECORD)
    county.talk_problem1 = talks.talk_problem_add(
        talk=county.talk1, actor=county.member1, category="integrity", text=SECRET_PROBLEM, person_concerned="财政局局长",
        tags="惠农补贴,优亲厚友",
    )
    county.talk2 = plan(county, actor="deputy1", staff=("deputy1",), recorder="deputy1", name="孙明礼",
                        planned_on=timezone.localdate(), reason="反映人要求单独谈话，涉及重要问题。")
    approve_one_to_one(county, county.talk2)
    hold(county, county.talk2, actor="deputy1", staff=("deputy1",), recorder="deputy1", held_on=timezone.localdate())
    county.talk3 = plan(county, name="李德胜", planned_on=datetime.date(2026, 11, 30))
    for talk in (county.talk1, county.talk2, county.talk3):
        talk.refresh_from_db()
    return county
