"""The demo's individual talks (S12, issue 5 §3): round 2's group 1 holds a talk plan — talks held with
their records and tagged problems (most read by the leader), a one-to-one talk the leader allowed, some
still planned — and the office's generic outline; group 2 (withdrawn) a few held talks. All names and
words are fictional. Everything goes through the services, as a user's clicks would."""

from datetime import date, time, timedelta

from django.utils import timezone

from xunchar.approvals.services import approval_decide, approval_submit
from xunchar.registry.models import Cadre

from . import talks
from .models import GroupMembership, Inspection
from .talk_models import Talk
from .talks import TalkData

K = Talk.SubjectKind
P = "巡察组驻地谈话室"
SAFETY = "谈话前核实对象身份，谈话对象手机统一收存；谈话室不放置与谈话无关的材料；谈话结束后记录当场收回，由记录人交联络员登记保管。"

OUTLINE = """一、对本单位领导班子贯彻落实党中央决策部署和省州县委工作要求情况的评价。
二、对领导班子落实全面从严治党主体责任、班子成员履行“一岗双责”情况的评价。
三、对主要负责人和班子成员执行民主集中制、廉洁自律、落实中央八项规定精神情况的了解。
四、本单位选人用人、意识形态工作责任制落实情况。
五、群众反映强烈的突出问题、“三重一大”事项决策和重点项目、资金管理中存在的问题。
六、上一轮巡察、审计等监督发现问题的整改情况。
七、对领导班子及其成员的意见建议，以及需要向巡察组反映的其他问题。"""

# (unit index, cadre post contains / None for a typed name, typed name and post, kind, day offset or date,
#  staff (role-order indexes), recorder index, outline, record, problems [(category, person, text, tags)], read)
GROUP_1_HELD = [
    (0, "局长", None, K.LEADERSHIP, date(2026, 10, 16), (0, 2), 2,
     "一、班子运行和民主集中制执行情况；二、老旧小区改造项目决策和招投标管理；三、个人廉洁自律情况。",
     "谈话对象介绍了近三年住建局重点工作情况，认为班子总体团结。谈到老旧小区改造项目时，称施工单位均经公开招标确定，"
     "但承认个别标段存在“先进场、后补手续”情况。对巡察组提出的项目变更签证较多问题，表示将组织专项自查。",
     [("integrity", "", "老旧小区改造项目个别标段先进场、后补招投标手续。", "工程建设,招投标"),
      ("political", "", "班子对全面从严治党主体责任研究部署不够，党组会专题研究次数偏少。", "主体责任")], True),
    (0, "副局长", None, K.LEADERSHIP, date(2026, 10, 17), (1, 3), 3,
     "一、分管领域工作和廉政风险防控；二、对班子和主要负责人的评价。",
     "谈话对象分管建筑市场和质量安全监管。反映质监站竣工验收环节程序不够规范，存在验收资料后补现象；"
     "认为主要负责人工作作风强势，个别事项未经党组会集体研究即作出决定。",
     [("conduct", "住建局主要负责人", "个别“三重一大”事项未经党组会集体研究即作出决定。", "三重一大,民主集中制"),
      ("masses", "质监站", "竣工验收资料后补，验收把关不严。", "质量监管")], True),
    (0, None, ("刘文静", "住建局人事股股长"), K.INTEGRITY_PERSONNEL, date(2026, 10, 20), (1, 4), 4,
     "一、近三年干部选拔任用程序；二、干部档案管理；三、编外人员招聘情况。",
     "谈话对象介绍了近三年干部选拔任用工作，称均按程序报县委组织部备案。经追问，承认2025年两名股级干部任职前未按规定进行公示，"
     "编外人员招聘存在“先用后招”情况。",
     [("personnel", "", "2025年两名股级干部任职前未按规定公示。", "选人用人,程序"),
      ("personnel", "", "编外人员招聘先用后招，程序不规范。", "编外人员")], False),
    (1, "党委书记", None, K.LEADERSHIP, date(2026, 10, 21), (0, 5), 5,
     "一、乡党委履行主体责任情况；二、村级换届和村干部管理；三、惠农资金管理。",
     "谈话对象介绍了柳河乡经济社会发展和党建工作情况。谈到村级换届，称严格按照程序进行，未发现拉票贿选问题。"
     "对惠农补贴发放，称由财政所负责，乡党委监督检查不够，下一步将加强抽查。",
     [("integrity", "柳河乡财政所", "惠农补贴发放监督检查不够，存在资金被套取风险。", "惠农资金"),
      ("party_building", "", "村党组织书记日常管理监督较弱。", "基层党建")], True),
    (1, "财政所所长", None, K.KEY_POST, date(2026, 10, 23), (2, 3), 3,
     "一、惠农补贴资金发放程序；二、财务报销和票据管理。",
     "谈话对象详细介绍了惠农补贴申报、公示、发放程序，称补贴资金均通过“一卡通”直接发放到户。"
     "对个别农户反映未足额领取的情况，表示将逐户核对。",
     [], False),
]

GROUP_2_HELD = [
    (0, "局长", None, K.LEADERSHIP, date(2026, 10, 20), (0, 2), 2,
     "一、国土空间规划调整决策情况；二、班子建设和个人廉洁自律。",
     "谈话对象介绍了自然资源局重点工作，称规划调整均经县规委会研究。对个别地块规划用途调整，表示系根据招商引资需要，"
     "相关会议纪要可调阅。",
     [("integrity", "", "个别地块规划用途调整依据不充分，程序有待核实。", "规划调整")], True),
    (1, "院长", None, K.LEADERSHIP, date(2026, 10, 27), (1, 3), 3,
     "一、药品耗材采购管理；二、医德医风建设；三、中层干部选拔。",
     "谈话对象介绍了医院近三年发展情况，称药品采购均通过省级平台集中采购。承认2025年中层干部选拔中存在超职数配备问题。",
     [("personnel", "", "2025年中层干部选拔存在超职数配备。", "超职数"),
      ("masses", "", "群众反映停车收费不规范。", "医疗服务")], False),
    (0, None, ("何建军", "自然资源局不动产登记中心主任"), K.DEPARTMENT_HEAD, date(2026, 11, 10), (2, 3), 2,
     "一、不动产登记办理时限；二、窗口服务作风。",
     "谈话对象称登记业务量大、人手不足，办理时限超期情况确有发生，已推行“一窗受理”改进。",
     [("conduct", "", "不动产登记办理超时限，群众多次往返。", "营商环境")], False),
]


def _roles(group) -> list[GroupMembership]:
    return list(GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre"))


def _cadre(unit, contains: str):
    cadres = Cadre.objects.filter(unit=unit, post__contains=contains).order_by("id")
    if not contains.startswith("副"):
        cadres = cadres.exclude(post__contains=f"副{contains}")
    return cadres.first()


def _subject(inspection, cadre_post, typed):
    if typed is not None:
        return None, typed[0], typed[1]
    cadre = _cadre(inspection.unit, cadre_post)
    return cadre, cadre.name, f"{cadre.unit}{cadre.post}"


def _held(group, items, leader, fallback) -> None:
    inspections = list(Inspection.objects.filter(group=group).select_related("unit").order_by("id"))
    people = _roles(group)
    for unit_index, cadre_post, typed, kind, day, staff, recorder, outline, record, problems, read in items:
        inspection = inspections[unit_index % len(inspections)]
        cadre, name, post = _subject(inspection, cadre_post, typed)
        actor = _user_of(people[recorder]) or fallback  # a recorder without an account: the liaison types it in
        data = TalkData(
            subject_kind=kind, subject_name=name, subject_post=post, subject_cadre=cadre, inspection=inspection,
            planned_on=day, planned_time=time(9, 0), place=P, safety_notes=SAFETY, outline=outline,
            staff=[people[i] for i in staff], recorder=people[recorder],
        )
        talk = talks.talk_plan(group=group, actor=actor, data=data)
        talks.talk_mark_held(talk=talk, actor=actor, held_on=day, staff=data.staff, recorder=data.recorder)
        talks.talk_record_save(talk=talk, actor=actor, content=record)
        for category, person, text, tags in problems:
            talks.talk_problem_add(talk=talk, actor=actor, category=category, text=text, person_concerned=person, tags=tags)
        if read:
            talks.talk_record_mark_read(talk=talk, actor=leader)


def _user_of(membership):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(cadre_id=membership.cadre_id, is_active=True).first()


def _planned(group, users) -> None:
    """Two talks still to come and a one-to-one talk the leader allowed, dated from the day the demo is loaded."""
    inspections = list(Inspection.objects.filter(group=group).select_related("unit").order_by("id"))
    people = _roles(group)
    liaison = users["liaison1"]
    tomorrow = timezone.localdate() + timedelta(days=1)
    township = inspections[1 % len(inspections)]
    head = _cadre(township.unit, "乡长")
    talks.talk_plan(group=group, actor=liaison, data=TalkData(
        subject_kind=K.LEADERSHIP, subject_name=head.name, subject_post=f"{head.unit}{head.post}", subject_cadre=head,
        inspection=township, planned_on=tomorrow, planned_time=time(9, 30), place="柳河乡政府三楼小会议室", safety_notes=SAFETY,
        outline="一、集镇建设项目决策程序；二、乡政府班子运行情况；三、对乡党委书记的评价。",
        staff=[people[0], people[2]], recorder=people[2],
    ))
    talks.talk_plan(group=group, actor=liaison, data=TalkData(
        subject_kind=K.KEY_POST, subject_name="王建平", subject_post="住建局建筑市场股股长", inspection=inspections[0],
        planned_on=tomorrow + timedelta(days=1), planned_time=time(15, 0), place=P, safety_notes=SAFETY,
        outline="一、建筑企业资质审核程序；二、是否存在收受好处费情况。", staff=[people[1], people[5]], recorder=people[5],
    ))
    one_to_one = talks.talk_plan(group=group, actor=users["deputy1"], data=TalkData(
        subject_kind=K.RETIRED_LEADERSHIP, subject_name="陈国华", subject_post="住建局原副局长（2024年退休）", inspection=inspections[0],
        planned_on=tomorrow, planned_time=time(10, 0), place="谈话对象住所附近茶室（由副组长单独前往）",
        safety_notes="谈话对象系知情人，本人要求单独谈话；不告知其他人员谈话安排，谈话结束后当日向组长报告。",
        outline="一、在任期间老旧小区改造项目决策经过；二、对现任主要负责人的了解。",
        staff=[people[1]], recorder=people[1],
        one_to_one_reason="谈话对象系退休领导干部，反映涉及主要负责人的重要问题，本人顾虑较大，要求与副组长单独谈话。",
    ))
    approval_submit(chain=talks.ONE_TO_ONE_CHAIN, subject=one_to_one, actor=users["deputy1"])
    approval_decide(request=talks.one_to_one_request(one_to_one), actor=users["leader1"], passed=True,
                    opinion="同意副组长一对一谈话。注意保护谈话对象，谈话记录当日交联络员登记。")


def demo_talks(groups: dict, users: dict) -> None:
    """Round 2's talks: `groups` by number, `users` the demo accounts."""
    talks.talk_outline_save(round=groups[1].round, actor=users["director"], text=OUTLINE)
    _held(groups[1], GROUP_1_HELD, users["leader1"], users["liaison1"])
    _planned(groups[1], users)
    _held(groups[2], GROUP_2_HELD, users["leader2"], users["liaison2"])
