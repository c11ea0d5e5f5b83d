"""The demo's working papers (S23), for round 2's group 1: one paper at each stage of the review —
a draft, one awaiting the deputy leader's check, one awaiting the leader's signature, one returned
and awaiting revision, one returned once and resubmitted (two versions), one signed and one handed to
its custodian — sourced from the group's demo petitions and talks (petitions/demo.py,
groups/demo_talks.py; never a sealed item), and two of them from its requested documents (one
classified, named by its registration data only; groups/docrequests/demo.py) and its democratic
evaluation (groups/surveys/demo.py). All names and events are fictional. Everything goes through the
services, as clicks would. Call it after demo_petitions, demo_inquiries, demo_talks,
demo_document_requests and demo_surveys."""

from groups.models import GroupMembership, Inspection

from . import selectors, services
from .models import WorkingPaper
from .services import PaperData

RoundRole = GroupMembership.RoundRole
HOUSING = "示例县住房和城乡建设局"
TOWNSHIP = "示例县柳河乡"

# (key, author, unit, title, summary, petition summary words, talk problem words, other sources,
#  investigation, facts, evidence, stage, tags)
PAPERS = [
    ("tender", "member1", HOUSING, "老旧小区改造项目部分标段未招标先行进场施工问题",
     "住建局2024年老旧小区改造项目第三、五标段未履行招标程序，施工单位先行进场，事后补办招投标手续。",
     ["指定施工单位"], ["先进场、后补招投标手续"], "2024年老旧小区改造项目招投标档案\n县公共资源交易中心交易记录",
     "调阅项目立项、招投标及合同档案；比对县公共资源交易中心交易记录；与项目办负责人、监理单位负责人谈话核实。",
     "经查，第三标段（合同金额386.5万元）、第五标段（合同金额412.8万元）施工单位分别于2024年4月8日、4月15日进场，"
     "而招标公告分别于5月6日、5月13日发布，中标单位即为已进场施工单位，属未招标先施工、招标走过场。",
     "第三、五标段施工日志首页复印件\n招标公告及中标通知书\n项目办负责人谈话笔录", "handed", ("for_report", "for_problem_list")),
    ("allowance", "r2_member1a", HOUSING, "机关违规发放津补贴问题",
     "住建局2023年至2025年以加班补助、考核奖励名义向机关干部违规发放津补贴。",
     ["违规发放津补贴"], [], "2023—2025年财务账簿及记账凭证",
     "调阅2023—2025年财务账簿、记账凭证和工资发放表；与财务股长、分管副局长谈话核实。",
     "经查，2023年至2025年，住建局以“加班补助”“年度考核奖励”名义向机关干部发放津补贴共计27.36万元，"
     "发放依据为局长办公会议纪要，无县级以上文件依据，涉及干部职工46人。",
     "2023年第7号、2024年第11号、2025年第9号记账凭证复印件\n局长办公会议纪要（2023年第5次）\n财务股长谈话笔录",
     "signed", ("for_problem_list",)),
    ("subsidy", "r2_member1b", TOWNSHIP, "柳河乡财政所涉嫌套取惠农补贴资金问题",
     "柳河乡财政所在耕地地力保护补贴发放中，存在虚报面积、冒名领取等情况，涉嫌套取补贴资金。",
     ["套取惠农补贴"], ["惠农补贴发放监督检查不够"], "2023—2025年惠农补贴发放台账\n“一卡通”发放明细",
     "调取近三年补贴发放台账与“一卡通”发放明细逐户比对；走访柳河村、新民村农户12户。",
     "经比对，2024年有7户农户补贴面积多于承包面积，合计多报31.6亩；另有2户已去世人员仍在领取补贴，"
     "资金流向待进一步核实。",
     "补贴发放台账与承包面积比对表\n走访农户谈话记录12份", "resubmitted", ("as_clue",)),
    ("decisions", "liaison1", HOUSING, "“三重一大”事项未经集体研究决定问题",
     "住建局主要负责人在部分“三重一大”事项中未经党组会集体研究即作出决定。",
     [], ["未经党组会集体研究即作出决定"], "2023—2025年党组会、局长办公会会议记录",
     "调阅近三年党组会、局长办公会会议记录，比对同期大额资金支出和项目变更审批单。",
     "经查，2024年该局两项工程变更（合计增加投资158万元）和一笔60万元专项资金调剂，均未提交党组会研究，由主要负责人签批后执行。",
     "工程变更审批单2份\n资金调剂审批单\n党组会会议记录（2024年）", "signing", ()),
    ("promotion", "member1", HOUSING, "干部选拔任用未按规定公示问题",
     "住建局2025年两名股级干部任职前未按规定进行任前公示。",
     [], ["任职前未按规定公示"], "2025年干部任免文件及档案",
     "调阅2025年干部任免文件、考察材料和干部档案；与人事股股长谈话核实。",
     "经查，2025年3月任命的两名股级干部，任职文件印发前未在单位内部进行任前公示，违反干部选拔任用有关规定。",
     "任职文件2份\n人事股股长谈话笔录", "checking", ()),
    ("housing", "r2_member1a", HOUSING, "公租房分配中优亲厚友问题",
     "住建局房管股在公租房分配中，存在不符合条件人员入住、工作人员亲属优先分配等情况。",
     ["公租房分配中优亲厚友"], [], "2023—2025年公租房分配档案",
     "（拟）调阅公租房申请、审核、公示及分配档案，与不动产登记、车辆登记信息比对。", "", "", "draft", ()),
    ("banquet", "r2_member1b", HOUSING, "分管副局长违规接受管理服务对象宴请问题",
     "有反映称住建局分管副局长多次接受辖区建筑企业宴请。",
     ["违规接受管理服务对象宴请"], [], "",
     "结合个别谈话了解，调取有关酒店消费记录。",
     "初步了解，2025年有两次宴请时间地点与反映一致，宴请费用支付人尚待核实。",
     "酒店消费记录复印件", "returned", ()),
]

# key → (words of the requested documents' titles, survey kinds) linked as sources.
LINKED = {
    "tender": (["老旧小区改造项目招投标文件", "关于老旧小区改造资金安排的请示"], []),
    "decisions": (["局党组会议、局长办公会议纪要"], ["evaluation"]),
}

CHECK_OPINION = "事实清楚，证据基本充分，同意报组长签批。"
SIGN_OPINION = "同意。"
RETURN_OPINIONS = {
    "subsidy": "已去世人员领取补贴的资金流向未核实清楚，请补充“一卡通”流水后再报。",
    "banquet": "宴请费用支付人尚未核实，查实情况表述不宜定性，请补充核实后再报。",
}


def _users_of(group, users: dict) -> dict:
    """The demo's accounts that are people of the group, by username."""
    cadres = set(group.memberships.values_list("cadre_id", flat=True))
    return {name: user for name, user in users.items() if getattr(user, "cadre_id", None) in cadres}


def _leads(group, people: dict):
    roles = dict(group.memberships.values_list("cadre_id", "role"))
    by_role = {roles[user.cadre_id]: user for user in people.values() if roles.get(user.cadre_id) != RoundRole.MEMBER}
    return by_role.get(RoundRole.LEADER), by_role.get(RoundRole.DEPUTY) or by_role.get(RoundRole.LEADER), by_role.get(RoundRole.LIAISON)


def _find(queryset, field: str, words: list[str]) -> list:
    found = []
    for word in words:
        item = queryset.filter(**{f"{field}__contains": word}).order_by("pk").first()
        if item is not None:
            found.append(item)
    return found


def demo_working_papers(groups: dict, users: dict) -> None:
    group = groups[1]
    if WorkingPaper.objects.filter(group=group).exists():
        return
    people = _users_of(group, users)
    leader, checker, liaison = _leads(group, people)
    inspections = {i.unit.name: i for i in Inspection.objects.filter(group=group).select_related("unit")}
    custodian = group.memberships.get(cadre_id=liaison.cadre_id)
    for (key, author_name, unit, title, summary, petition_words, problem_words, other, investigation, facts, evidence,
         stage, tags) in PAPERS:
        author = people.get(author_name) or people.get("member1") or leader
        petitions = _find(selectors.petitions_to_choose(author, group), "content__summary", petition_words)
        problems = _find(selectors.talk_problems_to_choose(author, group), "text", problem_words)
        talks = list(selectors.talks_to_choose(author, group).filter(record__problems__in=problems).distinct())
        document_words, survey_kinds = LINKED.get(key, ([], []))
        documents = _find(selectors.documents_to_choose(author, group), "title", document_words)
        surveys = list(selectors.surveys_to_choose(author, group).filter(kind__in=survey_kinds).order_by("pk")[:1]) if survey_kinds else []
        data = PaperData(
            title=title, summary=summary, investigation=investigation, facts=facts, evidence=evidence, other_sources=other,
            inspection=inspections.get(unit), petitions=petitions, talk_problems=problems, talks=talks,
            documents=documents, surveys=surveys,
        )
        paper = services.working_paper_create(group=group, actor=author, data=data)
        if tags:
            services.working_paper_tag(paper=paper, actor=author, for_report="for_report" in tags,
                                       for_problem_list="for_problem_list" in tags, as_clue="as_clue" in tags)
        if stage == "draft":
            continue
        services.working_paper_submit(paper=paper, actor=author)
        if stage == "checking":
            continue
        if stage in ("returned", "resubmitted"):
            returner = checker if key == "banquet" else leader
            if returner == leader:
                services.working_paper_check(paper=paper, actor=checker, opinion=CHECK_OPINION)
            services.working_paper_return(paper=paper, actor=returner, opinion=RETURN_OPINIONS[key])
            if stage == "returned":
                continue
            data.facts += "经调取“一卡通”流水，上述2户已去世人员补贴资金共计4860元由其亲属、村会计代领后转入村会计个人账户。"
            data.evidence += "\n“一卡通”流水明细"
            services.working_paper_update(paper=paper, actor=author, data=data)
            services.working_paper_submit(paper=paper, actor=author)
            continue
        services.working_paper_check(paper=paper, actor=checker, opinion=CHECK_OPINION)
        if stage == "signing":
            continue
        services.working_paper_sign(paper=paper, actor=leader, opinion=SIGN_OPINION)
        if stage == "handed":
            services.working_paper_hand_over(paper=paper, actor=liaison, custodian=custodian)
