"""The demo's petition ledgers (issue 5 §1): round 2's group 1 holds a realistic ledger over every
channel — some items important with the leader's instruction, one personal claim received but not
handled — a petition emergency plan and an incident report; group 2 a smaller ledger. All names and
events are fictional. Everything goes through the services, as a user's clicks would."""

from datetime import date

from groups.models import GroupMembership, Inspection
from xunchar.approvals.services import approval_decide
from xunchar.registry.models import Cadre

from . import services
from .models import Petition
from .services import PetitionData, PetitionerData

C = Petition.Channel
LETTER, PHONE, VISIT, EMAIL, BOX, ONLINE = C.LETTER, C.PHONE, C.VISIT, C.EMAIL, C.BOX, C.ONLINE

# (channel, received on, unit index, person complained about, summary, petitioner or None for anonymous,
#  decision: "" registered / "scope" / ("important", proposal, instruction) / ("not_handled", reason))
GROUP_1 = [
    (LETTER, date(2026, 10, 15), 0, "住建局局长", "反映住建局主要负责人在老旧小区改造项目中指定施工单位，涉嫌插手工程招投标。", None,
     ("important", "反映被巡察单位主要负责人问题，建议报组长批示，列入重点了解事项。", "请副组长牵头，结合调阅招投标资料深入了解，十个工作日内报告。")),
    (PHONE, date(2026, 10, 15), 0, "住建局质监站工作人员", "来电反映质监站工作人员在竣工验收中吃拿卡要。", ("赵建军", "13908512345", "示例县城关镇幸福路12号", "示例县某建筑公司"), "scope"),
    (VISIT, date(2026, 10, 16), 1, "柳河乡党委书记", "来访反映柳河乡党委书记在村级换届中打招呼、搞亲疏。", ("李桂兰", "13765430011", "示例县柳河乡柳河村三组", "柳河村村民"),
     ("important", "反映被巡察单位主要负责人问题，建议报组长批示。", "请组内研究后安排个别谈话，注意保护反映人。")),
    (EMAIL, date(2026, 10, 16), 0, "住建局房管股股长", "反映房管股在公租房分配中优亲厚友，有不符合条件人员入住。", None, "scope"),
    (BOX, date(2026, 10, 17), 0, "", "意见箱来信反映住建局机关存在上班时间玩手机游戏现象。", None, "scope"),
    (ONLINE, date(2026, 10, 17), 1, "柳河乡财政所所长", "网上举报柳河乡财政所套取惠农补贴资金。", None,
     ("important", "反映下一级主要负责人问题，涉及惠民资金，建议报组长批示。", "同意列为重点，请调取近三年补贴发放台账核对。")),
    (LETTER, date(2026, 10, 18), 0, "", "来信反映本人房屋征收补偿标准偏低，要求提高补偿。", ("王德福", "13511112222", "示例县城关镇东风街8号", "退休职工"),
     ("not_handled", Petition.NotHandledReason.PERSONAL_CLAIM)),
    (PHONE, date(2026, 10, 19), 0, "住建局城建股工作人员", "来电反映城建股审批材料反复退回、办事效率低。", ("陈晓燕", "13698760033", "", "示例县某房地产公司"), "scope"),
    (VISIT, date(2026, 10, 20), 1, "柳河乡副乡长", "来访反映分管副乡长在扶贫项目验收中走过场。", ("张永福", "13812340099", "示例县柳河乡新民村", "新民村村委会"), "scope"),
    (LETTER, date(2026, 10, 21), 0, "住建局副局长", "反映住建局分管副局长违规接受管理服务对象宴请。", None,
     ("important", "反映被巡察单位领导班子成员问题，建议报组长批示。", "请结合个别谈话了解，注意核实时间地点。")),
    (ONLINE, date(2026, 10, 22), 0, "", "网上留言反映住建局门户网站信息公开不及时。", None, "scope"),
    (BOX, date(2026, 10, 22), 1, "柳河乡农经站工作人员", "意见箱来信反映农经站土地流转合同管理混乱。", None, "scope"),
    (EMAIL, date(2026, 10, 23), 0, "住建局办公室", "邮件反映住建局公务用车私用。", ("刘海涛", "", "", ""), "scope"),
    (PHONE, date(2026, 10, 24), 1, "", "来电询问巡察组接访时间和地点。", ("孙丽", "13300001234", "", ""), ""),
    (LETTER, date(2026, 10, 26), 0, "住建局建筑市场股股长", "反映建筑市场股在资质审核中收取好处费。", None, "scope"),
    (VISIT, date(2026, 10, 27), 0, "", "来访反映小区物业服务差，要求住建局督促整改。", ("周玉梅", "13677778888", "示例县城关镇滨河小区", "居民"), ""),
    (ONLINE, date(2026, 10, 28), 1, "柳河乡党政办主任", "网上反映柳河乡党政办违规报销招待费用。", None, "scope"),
    (LETTER, date(2026, 10, 29), 1, "柳河乡乡长", "来信反映柳河乡乡长在集镇建设项目中决策不民主。", None,
     ("important", "反映下一级主要负责人问题，建议报组长批示。", "请联络员整理相关材料，提交组务会研究。")),
    (EMAIL, date(2026, 10, 30), 0, "", "邮件反映住建局窗口工作人员服务态度生硬。", None, ""),
    (BOX, date(2026, 11, 2), 0, "住建局人事股", "意见箱来信反映住建局干部选拔任用程序不规范。", None, "scope"),
    (PHONE, date(2026, 11, 3), 1, "柳河乡柳河村党支部书记", "来电反映村党支部书记优亲厚友分配低保名额。", ("吴成林", "13122223333", "示例县柳河乡柳河村", "村民"), "scope"),
    (VISIT, date(2026, 11, 5), 1, "", "来访反映土地承包经营权纠纷，要求巡察组主持公道。", ("郑有才", "13233334444", "示例县柳河乡新民村", "村民"), ""),
    (LETTER, date(2026, 11, 9), 0, "住建局财务股", "反映住建局财务股违规发放津补贴。", None, "scope"),
    (ONLINE, date(2026, 11, 12), 0, "", "网上留言表扬住建局老旧小区改造工作。", None, ""),
    (EMAIL, date(2026, 11, 16), 1, "柳河乡林业站站长", "邮件反映林业站在护林员选聘中弄虚作假。", None, ""),
]

GROUP_2 = [
    (LETTER, date(2026, 10, 16), 0, "自然资源局局长", "反映自然资源局主要负责人违规调整土地规划用途。", None,
     ("important", "反映被巡察单位主要负责人问题，建议报组长批示。", "请深入了解，调阅规划调整审批档案。")),
    (PHONE, date(2026, 10, 18), 1, "人民医院药剂科", "来电反映人民医院药品采购中收受回扣。", ("马红", "13944445555", "", ""), "scope"),
    (VISIT, date(2026, 10, 23), 1, "", "来访反映医疗纠纷，要求赔偿。", ("何建平", "13855556666", "示例县城关镇", "个体户"),
     ("not_handled", Petition.NotHandledReason.LAW_RELATED)),
    (BOX, date(2026, 10, 30), 0, "自然资源局不动产登记中心", "意见箱来信反映不动产登记办理时限过长。", None, "scope"),
    (ONLINE, date(2026, 11, 6), 1, "", "网上反映人民医院停车收费不规范。", None, ""),
    (EMAIL, date(2026, 11, 10), 0, "自然资源局执法大队", "邮件反映执法大队对违法占地查处不力。", None, ""),
]

PLAN_TEXT = """一、适用范围：巡察期间发生的集体访、重复访、越级访及其他可能影响稳定的信访突发事件。
二、组织领导：组长负总责，副组长具体负责，联络员牵头接待、记录和报告，组员协助。
三、处置措施：
（一）接待：至少两名组内人员接待，耐心听取诉求，做好登记，不当场表态。
（二）联动：及时通报被巡察单位和属地乡镇、县信访局，依靠有关职能部门共同做好疏导化解。
（三）报告：事件发生后两小时内电话报告巡察办，当日形成书面情况报巡察办。
四、工作要求：严格保密，保护反映人，不得泄露反映人信息和反映内容。"""


def _memberships(group) -> dict[str, GroupMembership]:
    return {m.role: m for m in reversed(list(GroupMembership.objects.filter(group=group).in_role_order()))}


# A post named at the end of "person complained about" → how to find it in the unit's cadre pool.
POSTS = [("副局长", "副局长", None), ("局长", "局长", "副"), ("党委书记", "党委书记", "副"), ("副乡长", "副乡长", None), ("乡长", "乡长", "副")]


def _cadre(unit, complained: str):
    """The cadre-pool record of a leading post named in an item ("linked to the cadre pool where possible")."""
    for suffix, contains, exclude in POSTS:
        if complained.endswith(suffix):
            cadres = Cadre.objects.filter(unit=unit, post__contains=contains)
            if exclude:
                cadres = cadres.exclude(post__contains=exclude)
            return cadres.order_by("id").first()
    return None


def _ledger(group, items, people: dict, actors: dict) -> None:
    inspections = list(Inspection.objects.filter(group=group).select_related("unit").order_by("id"))
    roles = _memberships(group)
    liaison, leader = actors["liaison"], actors["leader"]
    receivers_pool = [roles[GroupMembership.RoundRole.LIAISON], roles[GroupMembership.RoundRole.MEMBER], roles[GroupMembership.RoundRole.DEPUTY]]
    for index, (channel, received_on, unit_index, complained, summary, who, decision) in enumerate(items):
        inspection = inspections[unit_index % len(inspections)]
        receivers = receivers_pool[:2] if channel == VISIT else [receivers_pool[index % 2]]
        petitioner = None
        if who is not None:
            name, phone, address, workplace = who
            petitioner = PetitionerData(name=name, phone=phone, address=address, workplace=workplace)
        data = PetitionData(
            received_on=received_on, channel=channel, summary=summary, receivers=receivers, anonymous=who is None,
            inspection=inspection, full_text=f"{summary}\n（来件内容已按原件登记，原件由联络员保管。）",
            complained_about=complained, complained_cadre=_cadre(inspection.unit, complained) if complained else None,
            petitioner=petitioner,
        )
        petition = services.petition_register(group=group, actor=liaison, data=data)
        if decision == "scope":
            services.petition_mark_within_scope(petition=petition, actor=liaison)
        elif isinstance(decision, tuple) and decision[0] == "important":
            services.petition_mark_important(petition=petition, actor=liaison, proposal=decision[1])
            approval_decide(request=services.important_request(petition), actor=leader, passed=True, opinion=decision[2])
        elif isinstance(decision, tuple) and decision[0] == "not_handled":
            services.petition_mark_not_handled(petition=petition, actor=liaison, reason=decision[1])


SEALED_SUMMARY = "来信反映县纪委一名副书记在督办信访件过程中向被反映人通风报信，并接受其宴请。"


def _sealed_item(group, users: dict) -> None:
    """A direct-delivery item (径送件, §2): a letter about a commission cadre. The system routes it to the
    leader, who fills the report form; the liaison registers and seals it; the office delivers it; the
    head opened it once."""
    from xunchar.sealing import services as sealing

    cadre = Cadre.objects.filter(unit__function="discipline_commission", post="县纪委副书记、县监委副主任").order_by("id").first()
    memberships = _memberships(group)
    data = PetitionData(
        received_on=date(2026, 11, 10), channel=LETTER, summary=SEALED_SUMMARY, anonymous=True,
        receivers=[memberships[GroupMembership.RoundRole.LIAISON]], inspection=Inspection.objects.filter(group=group).first(),
        full_text=f"{SEALED_SUMMARY}\n来信称2026年9月某日，被反映人在县城某酒店接受被反映单位负责人宴请，并透露举报人信息。",
        complained_about="县纪委副书记", complained_cadre=cadre,
    )
    petition = services.petition_register(group=group, actor=users["liaison1"], data=data)
    delivery = sealing.delivery_of(petition)
    if delivery is None:  # the pool has no such cadre: route it by hand, as the liaison would
        delivery = sealing.delivery_propose(record=petition, actor=users["liaison1"], reason="被反映人系县纪委监委副科级以上领导干部")
    person = f"{cadre.name}，县纪委副书记、县监委副主任" if cadre else "县纪委副书记、县监委副主任"
    sealing.delivery_report(delivery=delivery, actor=users["leader1"], person=person,
                            points="反映其向被反映人通风报信、接受宴请，时间地点较具体。", opinion="属径送件范围，密封报送领导小组。",
                            registrar=users["liaison1"])
    sealing.delivery_register(delivery=delivery, actor=users["liaison1"])
    sealing.delivery_deliver(delivery=delivery, actor=users["office"])
    sealing.delivery_open(delivery=delivery, actor=users["secretary"])


def demo_petitions(groups: dict, users: dict) -> None:
    """Round 2's ledgers: `groups` by number, `users` the demo accounts."""
    _ledger(groups[1], GROUP_1, users, {"liaison": users["liaison1"], "leader": users["leader1"]})
    _sealed_item(groups[1], users)
    _ledger(groups[2], GROUP_2, users, {"liaison": users["liaison2"], "leader": users["leader2"]})
    services.emergency_plan_save(group=groups[1], actor=users["liaison1"], text=PLAN_TEXT)
    services.incident_report(
        group=groups[1], actor=users["liaison1"], occurred_on=date(2026, 11, 5),
        what_happened="柳河乡新民村十余名村民因土地承包经营权纠纷到巡察组驻地集体反映，情绪较为激动。",
        how_handled="组长、联络员等四人接待，听取诉求并登记；会同柳河乡党委和县信访局现场疏导，村民代表留下材料后有序离开。",
        reported_on=date(2026, 11, 5),
    )
