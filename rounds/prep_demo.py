"""The demo county's records of round 2's preparation (S02, S04, S06), made through the services.

Called by xunchar/core/demo.py once round 2 and its groups exist. Everything is fictional.
"""

from datetime import date

from groups.models import GroupMembership, Inspection

from . import prep_services as services
from .prep_models import BriefingRequest, EarlierMaterialItem, InspectionNotice, SpeechDraft, TrainingSession

MEETING = date(2026, 10, 12)
TRAINING = date(2026, 10, 13)
ANSWERS = date(2026, 10, 13)

GROUP_PHONES = {1: "0999-8123401", 2: "0999-8123402"}
GROUP_MAILBOXES = {1: "巡察组邮政信箱：示例县邮政局第101号信箱", 2: "巡察组邮政信箱：示例县邮政局第102号信箱"}

LEADER_SPEECH_V1 = """同志们：
根据县委统一部署，县委巡察组从今天起对××单位党组织开展为期一个半月左右的巡察。今天召开巡察工作动员会，主要任务是传达县委关于本轮巡察工作的部署要求，对巡察工作作出安排，动员××单位党员干部积极支持配合巡察工作。
一、提高政治站位，充分认识开展巡察的重要意义
巡察是党内监督的重要方式，是全面从严治党的重要举措。开展巡察，是对××单位党组织的一次政治体检，也是帮助改进工作、推动发展的重要契机。
二、突出政治监督，准确把握巡察的任务要求
本轮巡察坚持以人民为中心，聚焦民生领域权力运行，重点监督检查落实党中央决策部署和上级党委工作要求情况、群众身边不正之风和腐败问题、基层党组织建设情况。
三、加强协作配合，确保巡察工作顺利开展
希望××单位党组织主动接受监督，如实反映情况，为巡察组开展工作提供必要条件。巡察组将严格遵守各项纪律规定，主动接受被巡察单位和干部群众监督。"""

LEADER_SPEECH_V2 = LEADER_SPEECH_V1.replace(
    "巡察是党内监督的重要方式，是全面从严治党的重要举措。",
    "巡察是党内监督的重要方式，是全面从严治党的重要举措，是推动管党治党责任落实的有力抓手。",
).replace(
    "巡察组将严格遵守各项纪律规定，主动接受被巡察单位和干部群众监督。",
    "巡察组将严格遵守中央八项规定精神和巡察工作纪律，主动接受被巡察单位和干部群众监督。",
)

LEADERSHIP_SPEECH = """同志们：
刚才，巡察组组长对本次巡察工作作了具体安排，我完全同意。下面，我代表县委巡察工作领导小组讲三点意见。
一、统一思想认识，自觉接受巡察监督。
二、坚持问题导向，积极配合巡察工作。
三、严明工作纪律，确保巡察取得实效。对巡察中发现的问题，要坚持立行立改、即知即改。"""

HOUSING_ADDITION = (
    "结合住房城乡建设领域实际，巡察组将重点关注工程项目招投标、保障性住房分配、建筑市场监管等群众关心的问题。"
)

ANSWERS_BY_DEPARTMENT = {
    BriefingRequest.Department.DISCIPLINE: {
        1: "住建局近三年收到信访举报7件，主要反映工程项目招投标和质量监管问题，已了结6件；柳河乡收到信访举报3件，均已办结。"
           "两单位领导班子成员中无在办问题线索。",
        2: "自然资源局近三年收到信访举报5件，涉及土地征收补偿和矿产资源管理；人民医院收到信访举报4件，涉及药品耗材采购，"
           "其中1件已立案审查。",
    },
    BriefingRequest.Department.ORGANIZATION: {
        1: "住建局领导班子7人，平均年龄46岁，近三年调整班子成员2人；柳河乡领导班子9人，2025年换届。选人用人工作总体规范。",
        2: "自然资源局领导班子6人；人民医院领导班子5人，2025年选拔中层干部8人，个别岗位存在超职数配备问题。",
    },
    BriefingRequest.Department.AUDIT: {
        1: "2025年对住建局开展预算执行审计，发现专项资金结余未及时上缴等问题4个，已整改3个。",
        2: "2024年对人民医院开展经济责任审计，发现医疗设备采购程序不规范等问题6个，整改正在推进。",
    },
    BriefingRequest.Department.PETITION: {
        1: "县信访局近三年受理涉住建领域信访件21件，主要集中在农民工工资拖欠和房屋质量问题。",
    },
}

EARLIER_MATERIAL = {
    "示例县住房和城乡建设局": [
        (EarlierMaterialItem.Kind.APPOINTMENT_FORMS, "住建局领导班子成员任免审批表（7份）", "示例县委组织部"),
        (EarlierMaterialItem.Kind.AUDIT_REPORT, "关于示例县住房和城乡建设局2025年度预算执行情况的审计报告", "示例县审计局"),
    ],
    "示例县柳河乡": [
        (EarlierMaterialItem.Kind.APPOINTMENT_FORMS, "柳河乡领导班子成员任免审批表（9份）", "示例县委组织部"),
    ],
    "示例县自然资源局": [
        (EarlierMaterialItem.Kind.APPOINTMENT_FORMS, "自然资源局领导班子成员任免审批表（6份）", "示例县委组织部"),
    ],
    "示例县人民医院": [
        (EarlierMaterialItem.Kind.APPOINTMENT_FORMS, "人民医院领导班子成员任免审批表（5份）", "示例县委组织部"),
        (EarlierMaterialItem.Kind.AUDIT_REPORT, "关于示例县人民医院原院长任期经济责任的审计报告", "示例县审计局"),
    ],
}


def demo_round_preparation(round_, groups: dict, users: dict) -> None:
    office, director, secretary = users["office"], users["director"], users["secretary"]
    memberships = list(GroupMembership.objects.filter(group__round=round_).select_related("group", "cadre"))

    services.mobilization_meeting_record(
        round=round_, actor=director, held_on=MEETING, place="县委常委会议室",
        chair=f"县委书记、巡察工作领导小组组长 {secretary.display_name}",
        attendees="\n".join([
            "巡察工作领导小组组长、副组长、成员", "本轮巡察组全体成员", "巡察办全体人员",
            "县纪委监委、县委组织部相关科室负责同志",
        ]),
        checked_in=memberships,
        agenda="\n".join([
            "传达县委书记在听取上一轮巡察情况汇报时的讲话精神",
            "宣布巡察组组长授权任职及任务分工决定",
            "领导小组组长讲话",
        ]),
        documents="\n".join([
            "关于县委第一巡察组组长授权任职及任务分工的决定",
            "关于县委第二巡察组组长授权任职及任务分工的决定",
            "2026年第二轮巡察工作方案",
        ]),
        notes="会后各巡察组成员当场提交回避申请，巡察办汇总审核。",
    )

    services.notices_prepare(round=round_, actor=office)
    for notice in InspectionNotice.objects.filter(inspection__round=round_).select_related("inspection__group"):
        number = notice.inspection.group.number
        services.notice_update(
            notice=notice, actor=office, contact_phone=GROUP_PHONES[number], contact_mailbox=GROUP_MAILBOXES[number]
        )
    services.notices_issue_all(round=round_, actor=director, issued_on=MEETING)

    services.training_record(
        round=round_, actor=office, kind=TrainingSession.Kind.CENTRAL, held_on=TRAINING, place="县委党校报告厅",
        topic="学习中央和省州委县委关于巡视巡察工作的最新要求",
        speakers="县纪委监委党风政风监督室主任；县委组织部干部监督室主任",
        attendees="本轮巡察组全体人员\n巡察办全体人员",
        content="围绕“六围绕、一加强”作专题辅导；讲解个别谈话、受理信访、问题线索管理和安全保密要求。",
    )
    study = {
        1: ("分组学习：住房城乡建设和乡镇工作政策法规",
            "学习集中培训内容和巡察工作流程；学习工程建设项目招投标、保障性住房管理有关规定；明确组内纪律要求。"),
        2: ("分组学习：自然资源和医疗卫生领域政策法规",
            "学习集中培训内容；学习土地管理法、医疗机构药品耗材采购管理规定；讨论监督重点。"),
    }
    for number, group in groups.items():
        topic, content = study[number]
        services.training_record(
            round=round_, actor=office, kind=TrainingSession.Kind.GROUP, group=group, held_on=TRAINING,
            place="巡察办会议室", topic=topic, content=content,
        )

    for briefing in services.briefing_requests_prepare(round=round_, actor=office):
        services.briefing_request_update(request=briefing, actor=office, due_on=ANSWERS,
                                         contact=f"巡察办 {office.display_name}，电话 0999-8123400")
        briefing = services.briefing_request_send(request=briefing, actor=director, sent_on=MEETING)
        for number, summary in ANSWERS_BY_DEPARTMENT.get(briefing.department, {}).items():
            services.briefing_answer_record(
                request=briefing, group=groups[number], actor=office, received_on=ANSWERS, summary=summary
            )

    for inspection in Inspection.objects.filter(round=round_).select_related("round", "unit"):
        for kind, title, provided_by in EARLIER_MATERIAL.get(inspection.unit.name, []):
            services.earlier_material_record(
                inspection=inspection, actor=office, kind=kind, title=title, provided_by=provided_by, received_on=ANSWERS
            )
    for group in groups.values():
        leaders = [m for m in memberships if m.group_id == group.pk and m.role in ("leader", "deputy")]
        services.discipline_talk_record(
            group=group, actor=office, held_on=ANSWERS, group_participants=leaders,
            commission_participants="县纪委副书记、县监委副主任",
        )

    generic = services.speech_draft_create(
        round=round_, kind=SpeechDraft.Kind.LEADER_GENERIC, actor=office,
        title="巡察组组长在巡察工作动员会上的讲话", text=LEADER_SPEECH_V1,
    )
    services.speech_save(draft=generic, actor=director, text=LEADER_SPEECH_V2, note="主任审改：充实巡察意义和纪律要求")
    services.speech_draft_create(
        round=round_, kind=SpeechDraft.Kind.LEADERSHIP_GENERIC, actor=office,
        title="在巡察工作动员会上的讲话（领导小组成员）", text=LEADERSHIP_SPEECH,
    )
    housing = Inspection.objects.select_related("round", "group", "unit").get(
        round=round_, unit__name="示例县住房和城乡建设局"
    )
    adapted = services.speech_adapt(inspection=housing, actor=users["leader1"])
    text = adapted.text.replace("三、加强协作配合", HOUSING_ADDITION + "\n三、加强协作配合")
    services.speech_save(draft=adapted, actor=users["leader1"], text=text, note="结合住建领域实际补充监督重点")
    resources = Inspection.objects.select_related("round", "group", "unit").get(round=round_, unit__name="示例县自然资源局")
    services.speech_adapt(inspection=resources, actor=users["leader2"])
