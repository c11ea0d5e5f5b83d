"""The demo's on-site records (issue 6 §1, §3, §6) for round 2: group 1 — the entry records of its units
with the announcements approved (the unit leader's risk check, the group leader, the office) and the
news releases drafted, two symposia, a meeting attended, a field visit approved and held, a special
check signed off, the mid-term report submitted and received, and one 立行立改 item still open; group 2
(withdrawn) — its entry records and a 立行立改 item answered and checked. All names and words are
fictional. Everything goes through the services, as a user's clicks would."""

from datetime import date

from django.utils import timezone

from xunchar.approvals.services import approval_decide, approval_request

from . import services
from .models import EntryMeeting, Publicity, SpecialCheck

PHONE = {1: "0000-6281101", 2: "0000-6281102"}
POSTBOX = {1: "示例县邮政101号信箱，xcz1@example.cn", 2: "示例县邮政102号信箱，xcz2@example.cn"}


def _member(group, user):
    return group.memberships.get(cadre_id=user.cadre_id)


def _approve(subject, actor, opinion):
    approval_decide(request=approval_request(subject, services.PUBLICITY_CHAIN), actor=actor, passed=True, opinion=opinion)


def _entry(group, inspection, users, *, leader, liaison, day: date, unit_head: str, retirees: int):
    unit = inspection.unit.name
    services.entry_meeting_save(
        inspection=inspection, actor=liaison, kind=EntryMeeting.Kind.PRINCIPAL, held_on=day, place=f"{unit}主要负责人办公室",
        attendees=f"巡察组组长、联络员；{unit_head}", notes="通报巡察工作安排，听取单位基本情况介绍，商定动员会议程和配合事项。",
    )
    services.entry_meeting_save(
        inspection=inspection, actor=liaison, kind=EntryMeeting.Kind.MOBILIZATION, held_on=day, place=f"{unit}会议室",
        attendees="领导班子成员、中层干部、干部职工代表", retiree_count=retirees,
        retirees="近三年退休的原班子成员" + "、".join(["王某", "李某", "陈某", "赵某"][:retirees]) if retirees else "",
        agenda="一、巡察组组长作动员讲话\n二、被巡察单位主要负责人作表态发言\n三、开展民主测评", speeches_circulated=True,
    )
    period = {"accepts_from": group.entered_on or day, "accepts_until": date(2026, 11, 27 if group.number == 1 else 20)}
    contact = {"contact_phone": PHONE[group.number], "address": f"{unit}附近巡察组驻地", "mailbox": POSTBOX[group.number],
               "hours": "工作日8:30—12:00，14:30—17:30"}
    number = "一" if group.number == 1 else "二"
    announcement = services.publicity_save(
        inspection=inspection, actor=liaison, kind=Publicity.Kind.ANNOUNCEMENT,
        title=f"中共示例县委第{number}巡察组关于巡察{unit}党组织的公告",
        body=(f"根据县委统一部署，县委第{number}巡察组对{unit}党组织开展巡察。巡察组主要受理反映{unit}领导班子及其成员、"
              "下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、"
              "群众纪律、工作纪律和生活纪律等方面的举报和反映。\n根据巡察工作职责分工，巡察组不受理不属于巡察受理范围的信访问题，"
              "此类问题将按规定交由被巡察党组织和有关部门处理。"),
        **period, **contact,
    )
    services.publicity_record_risk_check(publicity=announcement, actor=liaison, checked_by=unit_head, checked_on=day, note="审核无风险，同意发布。")
    services.publicity_submit(publicity=announcement, actor=liaison)
    _approve(announcement, leader, "同意。")
    _approve(announcement, users["office"], "同意发布。")
    services.publicity_save(
        inspection=inspection, actor=liaison, kind=Publicity.Kind.NEWS_RELEASE,
        title=f"县委第{number}巡察组进驻{unit}开展巡察",
        body=(f"近日，县委第{number}巡察组进驻{unit}开展巡察，并召开巡察工作动员会。巡察组组长作动员讲话，"
              f"{unit}主要负责人作表态发言。巡察期间，巡察组设专门值班电话和邮政信箱，受理反映问题的来信来电来访。"),
        **period, **contact,
    )


def _fix(group, inspection, liaison, *, problem, notified_on, workdays):
    return services.immediate_fix_create(group=group, actor=liaison, inspection=inspection, problem=problem, notified_on=notified_on, workdays=workdays)


def demo_onsite(groups: dict, users: dict) -> None:
    """Round 2's groups by number, `users` the demo accounts."""
    one, two = groups[1], groups[2]
    leader, deputy, liaison, member = users["leader1"], users["deputy1"], users["liaison1"], users["member1"]
    inspections_1 = list(one.inspections.select_related("unit").order_by("unit__name"))
    for index, inspection in enumerate(inspections_1):
        _entry(one, inspection, users, leader=leader, liaison=liaison, day=date(2026, 10, 14 + index),
               unit_head=f"{inspection.unit.name}{'党委书记' if inspection.unit.name.endswith('乡') else '党组书记、局长'}",
               retirees=3 - index)
    first = inspections_1[0]

    services.symposium_create(
        group=one, actor=liaison, inspection=first, topic="中层干部座谈会：单位权力运行和工程项目管理", held_on=date(2026, 10, 16),
        place=f"{first.unit}三楼会议室", participants="各股室负责人、下属单位负责人共12人",
        chair=_member(one, deputy), minute_taker=_member(one, member),
        notes="与会人员反映工程项目变更签证较多、质监验收把关不严、编外人员管理不规范等问题。",
    )
    services.symposium_create(
        group=one, actor=liaison, inspection=inspections_1[-1], topic="村（社区）党组织书记座谈会", held_on=date(2026, 10, 22),
        place=f"{inspections_1[-1].unit}便民服务中心", participants="各村（社区）党组织书记9人",
        chair=_member(one, leader), minute_taker=_member(one, liaison),
        notes="反映惠农补贴发放公示不及时、村级财务报账周期长等问题。",
    )
    services.meeting_attended_create(
        group=one, actor=leader, inspection=first, meeting=f"{first.unit}党组会议（研究老旧小区改造项目资金拨付）",
        held_on=date(2026, 10, 24), attendees=[_member(one, deputy), _member(one, member)],
        notes="列席人员全程听会，未发言；会议对项目资金拨付进行了集体研究。",
    )
    today = timezone.localdate()
    visit = services.field_visit_plan(
        group=one, actor=liaison, inspection=first, place="城东老旧小区改造项目施工现场", purpose="实地了解项目进度、质量和资金使用情况",
        people_to_see="项目业主代表、施工单位现场负责人", planned_on=today, staff=[_member(one, deputy), _member(one, member)],
    )
    services.field_visit_approve(visit=visit, actor=leader)
    services.field_visit_record(visit=visit, actor=liaison, held_on=today,
                                record="现场查看两个标段，发现部分外墙保温工程与设计变更不一致，已调取变更签证资料。")
    check = services.special_check_create(
        group=one, actor=liaison, inspection=first, kind=SpecialCheck.Kind.CADRE_SELECTION, checked_on=date(2026, 11, 6),
        report="抽查近三年干部选拔任用档案18卷，发现2名股级干部任职前未公示、1卷干部档案“三龄二历一身份”认定材料不全。",
    )
    services.special_check_sign_off(check=check, actor=leader)
    report = services.mid_term_save(
        group=one, actor=liaison,
        main_problems="一、落实全面从严治党主体责任不到位；二、工程建设领域招投标和变更签证管理不规范；三、选人用人程序执行不严。",
        clues="发现涉及科级干部的问题线索2条。", other="被巡察单位配合较好。",
    )
    services.mid_term_submit(report=report, actor=leader)
    services.mid_term_receive(report=report, actor=users["office"])
    _fix(one, first, liaison, problem="办公用房超出标准面积，局领导办公室未按规定调整。", notified_on=date(2026, 11, 23), workdays=10)

    leader2, liaison2 = users["leader2"], users["liaison2"]
    inspections_2 = list(two.inspections.select_related("unit").order_by("unit__name"))
    for index, inspection in enumerate(inspections_2):
        _entry(two, inspection, users, leader=leader2, liaison=liaison2, day=date(2026, 10, 14 + index),
               unit_head=f"{inspection.unit.name}主要负责人", retirees=2)
    closed = _fix(two, inspections_2[0], liaison2, problem="公务用车使用登记不全，存在私车公养嫌疑的报销单据未清理。",
                  notified_on=date(2026, 10, 27), workdays=10)
    services.immediate_fix_record_response(fix=closed, actor=liaison2, response="已补全用车登记，清退不合规报销单据3张，涉及金额1860元。",
                                           responded_on=date(2026, 11, 6))
    services.immediate_fix_check(fix=closed, actor=liaison2, check_result="经查阅登记簿和财务凭证，整改到位。", checked_on=date(2026, 11, 10))
