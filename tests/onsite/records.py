"""Group 1's on-site records for the tests and the permission matrix, made through the services:
the entry meetings, an announcement approved (unit leader's risk check, group leader, office), a news
release drafted, a symposium, a meeting attended, a field visit approved, a special check, a mid-term
report, a 立行立改 item still open, a 立查立处 proposal and a major matter reported through the office."""

import datetime

from django.utils import timezone

from groups.onsite import services
from groups.onsite.models import EntryMeeting, MajorMatter, Publicity, Referral, SpecialCheck
from xunchar.approvals.services import approval_decide, approval_request

SECRET_PERSON = "孙某某（财政局下属中心主任）"
SECRET_MATTER = "被巡察单位有人阻挠干部与巡察组谈话"
SYMPOSIUM_TOPIC = "财政资金管理使用情况座谈"
VISIT_PLACE = "示例县财政局国库支付中心"
FIX_PROBLEM = "办公用房超标准配置未整改"
ANNOUNCEMENT_TITLE = "中共示例县委第一巡察组关于巡察示例县财政局党组的公告"


def member(county, username, group=None):
    return (group or county.group1).memberships.get(cadre_id=county.users[username].cadre_id)


def approve(subject, chain, actor, opinion="同意。"):
    return approval_decide(request=approval_request(subject, chain), actor=actor, passed=True, opinion=opinion)


def publicity(county, kind=Publicity.Kind.ANNOUNCEMENT, inspection=None, actor="liaison1", title=ANNOUNCEMENT_TITLE):
    return services.publicity_save(
        inspection=inspection or county.inspection1, actor=county.users[actor], kind=kind, title=title,
        body="根据县委巡察工作统一部署，县委第一巡察组于2026年10月14日至12月14日对示例县财政局党组开展巡察。",
        contact_phone="0000-1234567", address="示例县人民路1号", mailbox="示例县邮政1001号信箱",
        accepts_from=datetime.date(2026, 10, 14), accepts_until=datetime.date(2026, 12, 14), hours="工作日8:30—17:30",
    )


def risk_check(county, item, actor="liaison1"):
    return services.publicity_record_risk_check(
        publicity=item, actor=county.users[actor], checked_by="赵某（财政局党组书记、局长）", checked_on=datetime.date(2026, 10, 13),
        note="未发现风险。",
    )


def visit(county, *, staff=("liaison1", "member1"), actor="liaison1", planned_on=None, group=None):
    group = group or county.group1
    return services.field_visit_plan(
        group=group, actor=county.users[actor], place=VISIT_PLACE, purpose="了解国库集中支付流程",
        planned_on=planned_on or timezone.localdate() + datetime.timedelta(days=3),
        staff=[member(county, name, group) for name in staff], inspection=group.inspections.first(),
    )


def fix(county, *, notified_on=datetime.date(2026, 10, 20), workdays=5, actor="liaison1", group=None):
    group = group or county.group1
    return services.immediate_fix_create(
        group=group, actor=county.users[actor], inspection=group.inspections.first(), problem=FIX_PROBLEM,
        notified_on=notified_on, workdays=workdays,
    )


def add_group1_onsite(county):
    c, users = county, county.users
    liaison = users["liaison1"]
    c.onsite_principal_meeting = services.entry_meeting_save(
        inspection=c.inspection1, actor=liaison, kind=EntryMeeting.Kind.PRINCIPAL, held_on=datetime.date(2026, 10, 14),
        place="财政局党组书记办公室", attendees="巡察组组长、财政局党组书记",
    )
    c.onsite_mobilization = services.entry_meeting_save(
        inspection=c.inspection1, actor=liaison, kind=EntryMeeting.Kind.MOBILIZATION, held_on=datetime.date(2026, 10, 14),
        place="财政局三楼会议室", attendees="财政局全体干部职工", retiree_count=3, retirees="王某、李某、张某",
        agenda="一、巡察组组长讲话\n二、财政局党组书记表态发言", speeches_circulated=True,
    )
    c.onsite_announcement = publicity(c)
    risk_check(c, c.onsite_announcement)
    services.publicity_submit(publicity=c.onsite_announcement, actor=liaison)
    approve(c.onsite_announcement, services.PUBLICITY_CHAIN, users["leader1"])
    approve(c.onsite_announcement, services.PUBLICITY_CHAIN, users["office"])
    c.onsite_news_release = publicity(c, kind=Publicity.Kind.NEWS_RELEASE, title="县委第一巡察组进驻示例县财政局开展巡察")
    c.onsite_symposium = services.symposium_create(
        group=c.group1, actor=liaison, topic=SYMPOSIUM_TOPIC, held_on=datetime.date(2026, 10, 16), participants="财政局各股室负责人",
        chair=member(c, "deputy1"), minute_taker=member(c, "member1"), inspection=c.inspection1, notes="反映项目资金拨付慢",
    )
    c.onsite_meeting_attended = services.meeting_attended_create(
        group=c.group1, actor=users["leader1"], meeting="财政局党组会议", held_on=datetime.date(2026, 10, 21),
        attendees=[member(c, "deputy1")], inspection=c.inspection1,
    )
    c.onsite_visit = visit(c)
    services.field_visit_approve(visit=c.onsite_visit, actor=users["leader1"])
    c.onsite_special_check = services.special_check_create(
        group=c.group1, actor=liaison, kind=SpecialCheck.Kind.CADRE_SELECTION, checked_on=datetime.date(2026, 10, 28),
        report="抽查干部档案12卷，发现2卷任职资格审核不严。", inspection=c.inspection1,
    )
    c.onsite_mid_term = services.mid_term_save(group=c.group1, actor=liaison, main_problems="专项资金管理不规范", clues="1条")
    c.onsite_fix = fix(c)
    c.onsite_referral = services.referral_create(
        group=c.group1, actor=liaison, kind=Referral.Kind.IMMEDIATE_INVESTIGATION, person=SECRET_PERSON,
        facts="群众反映其违规发放补贴", proposal="建议立查立处", public_notice="县纪委监委对该问题立案审查",
    )
    c.onsite_major_matter = services.major_matter_report(
        group=c.group1, actor=liaison, kind=MajorMatter.Kind.OBSTRUCTION, channel=MajorMatter.Channel.THROUGH_OFFICE,
        occurred_on=datetime.date(2026, 10, 22), text=SECRET_MATTER,
    )
    return c
