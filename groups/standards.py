"""The fixed texts of a group's preparation: the confidentiality pledge, the entry preparation checklist,
the default division of work and the 60% rule for a unit's self-report.

These are the county's own documents, in Chinese as they are printed and signed, not interface
strings: a pledge must read the same whatever language the screen is in, so they are not translated.
"""

from dataclasses import dataclass

# --- 保密承诺书 (S03.3) ---------------------------------------------------------------------------------
# Each wording carries a code; a signature records the code of the text the person read. A changed
# wording gets a new code and the old one stays here, so an old signature still shows what was signed.

PLEDGE_TEXTS: dict[str, str] = {
    "BM-2026-1": (
        "本人作为县委巡察组成员，已认真学习《中华人民共和国保守国家秘密法》和巡察工作安全保密有关规定，"
        "清楚了解应承担的保密义务和法律责任。在参加巡察工作期间及结束后，郑重承诺如下：\n"
        "一、严格遵守保密法律法规和巡察工作保密纪律，不泄露巡察工作中知悉的国家秘密、工作秘密和个人隐私。\n"
        "二、不擅自向被巡察单位和其他无关人员透露巡察工作安排、谈话内容、问题线索、信访举报人及举报内容。\n"
        "三、严格管理涉密文件资料、涉密计算机、存储设备和专用笔记本，不在非涉密计算机和互联网上存储、"
        "处理、传输涉密信息，不私自复制、摘抄、留存涉密文件资料。\n"
        "四、不在微信、QQ等即时通讯工具和个人社交媒体上谈论、发布巡察工作有关情况。\n"
        "五、巡察结束后，按规定清退、移交全部文件资料，不以任何形式留存涉密文件资料，并签订“零持有”报告。\n"
        "六、发现泄密隐患或者失泄密事件，立即报告巡察组组长和巡察办，并积极采取补救措施。\n"
        "如违反上述承诺，自愿接受组织处理，承担相应的纪律责任和法律责任。"
    ),
}
CURRENT_PLEDGE = "BM-2026-1"
PLEDGE_TITLE = "巡察工作保密承诺书"

# --- 进驻准备工作清单 (S07.1) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    section: str  # materials, meetings, logistics
    text: str


CHECKLIST_SECTIONS = {
    "materials": "材料准备",
    "meetings": "会议筹备",
    "logistics": "服务保障",
}

ENTRY_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("M1", "materials", "党组织工作汇报材料（坚持问题导向，问题及原因分析占总篇幅60%以上）"),
    ChecklistItem("M2", "materials", "领导班子及成员基本情况、分工及近三年调整变化情况"),
    ChecklistItem("M3", "materials", "近三年领导班子及成员工作总结、述职述廉报告、民主生活会材料"),
    ChecklistItem("M4", "materials", "落实全面从严治党主体责任、选人用人、意识形态工作责任制情况材料"),
    ChecklistItem("M5", "materials", "“三重一大”事项决策制度及近三年党组（党委）会、办公会会议记录"),
    ChecklistItem("M6", "materials", "机构设置、人员编制、内设机构及下属单位负责人名单和联系方式"),
    ChecklistItem("M7", "materials", "近三年财务报表、预决算资料及重大项目资金使用情况"),
    ChecklistItem("M8", "materials", "上一轮巡视巡察、审计等监督检查发现问题的整改情况"),
    ChecklistItem("H1", "meetings", "巡察工作动员会会场布置及参会、列席人员名单"),
    ChecklistItem("H2", "meetings", "主要负责人表态发言稿（会后报巡察办备案）"),
    ChecklistItem("H3", "meetings", "个别谈话人员名单及谈话时间安排建议"),
    ChecklistItem("H4", "meetings", "民主测评、问卷调查人员名单"),
    ChecklistItem("L1", "logistics", "巡察组办公场所（相对独立，便于开展谈话）"),
    ChecklistItem("L2", "logistics", "个别谈话室及带锁文件柜"),
    ChecklistItem("L3", "logistics", "巡察意见箱设置地点"),
    ChecklistItem("L4", "logistics", "信访渠道：专用电话、电子邮箱、来信地址及接访时间"),
    ChecklistItem("L5", "logistics", "单位联络人员名单及联系方式"),
    ChecklistItem("L6", "logistics", "在党内通报巡察进驻情况的方式和范围"),
)
CHECKLIST_BY_CODE = {item.code: item for item in ENTRY_CHECKLIST}

# --- 组内分工 (S05.3) ----------------------------------------------------------------------------------
# What a person of each round role does when the leader has written nothing else.

DEFAULT_DUTIES = {
    "leader": "实行组长负责制，全面负责巡察组工作；任临时党支部书记，负责本组党建工作，对党员进行教育管理监督。",
    "deputy": "协助组长开展工作，负责组织个别谈话、调阅资料等具体工作，复核巡察工作底稿。",
    "liaison": "协助组长、副组长做好联络协调、日常管理、队伍建设工作，负责问题线索管理和信访台账。",
    "member": "按照组内分工开展个别谈话、调阅资料、走访调研等工作，及时形成工作底稿。",
}

# --- 汇报材料 (S07.2) ------------------------------------------------------------------------------------
# "问题及原因分析应占总篇幅的60%以上": 60% itself passes.

SELF_REPORT_MIN_PERCENT = 60


def count_characters(text: str) -> int:
    """The length of a text as the rule measures it: every character that is not white space."""
    return sum(1 for char in text if not char.isspace())


def share_passes(problems_causes: int, total: int) -> bool:
    """Integer arithmetic, so that exactly 60% passes and 59.99% does not."""
    return total > 0 and problems_causes * 100 >= SELF_REPORT_MIN_PERCENT * total


def share_display(problems_causes: int, total: int) -> str:
    """The share in percent, cut (not rounded) to two decimals and without trailing zeros: 52.3,
    59.99, 60. Cut so that a report that fails never shows as 60."""
    if total <= 0:
        return "0"
    hundredths = problems_causes * 10000 // total
    whole, fraction = divmod(hundredths, 100)
    return f"{whole}.{fraction:02d}".rstrip("0").rstrip(".")
