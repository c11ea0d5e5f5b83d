"""Sample documents in each layout, with real Chinese content: for `manage.py document_samples`
(to look at the layouts) and for the tests that read the PDFs back."""

import datetime

from .rendering import issue_number

DAY = datetime.date(2026, 11, 28)
OFFICE = "中共示例县委巡察工作领导小组办公室"
MEMBERS = [
    {"role": "组长", "name": "张　伟", "post": "县纪委常委"},
    {"role": "副组长", "name": "李　娜", "post": "县委组织部干部监督科科长"},
    {"role": "联络员", "name": "王　芳", "post": "县委巡察办干部"},
    {"role": "成员", "name": "黄　鑫", "post": "县审计局干部"},
    {"role": "成员", "name": "周　喆", "post": "县财政局干部"},
]

SAMPLES = {
    "notice": (
        "documents/samples/notice.html",
        {
            "issuer": f"{OFFICE}文件",
            "number": issue_number("兴巡办发", 2026, 3),
            "copy_number": "000012",
            "classification": "机密★1年",
            "urgency": "特急",
            "title": "关于县委第一巡察组进驻示例县财政局开展常规巡察的通知",
            "addressee": "示例县财政局党组",
            "unit_name": "示例县财政局",
            "members": MEMBERS,
            "attachments": ["县委第一巡察组成员名单", "巡察期间值班安排表"],
            "signature": OFFICE,
            "date": DAY,
            "note": "联系人：王芳，联系电话：0000-1234567",
            "cc": ["县纪委监委", "县委组织部", "县委办公室"],
            "printer": OFFICE,
            "printed_on": DAY,
        },
    ),
    "letter": (
        "documents/samples/letter.html",
        {
            "issuer": OFFICE,
            "number": issue_number("兴巡函", 2026, 5),
            "title": "关于通报巡察发现问题的函",
            "addressee": "示例县财政局党组",
            "attachments": ["巡察发现问题清单"],
            "signature": OFFICE,
            "date": DAY,
        },
    ),
    "minutes": (
        "documents/samples/minutes.html",
        {
            "minutes_title": "第一巡察组组务会纪要",
            "number": "第3期",
            "issuer": "中共示例县委第一巡察组",
            "date": DAY,
            "attendees": ["张伟", "李娜", "王芳", "赵磊", "刘洋", "陈静", "杨帆", "黄鑫", "周喆"],
            "absent": ["吴彧（出差）"],
            "observers": ["县委巡察办　钱垚"],
            "cc": ["县委巡察办"],
            "printer": "中共示例县委第一巡察组",
            "printed_on": DAY,
        },
    ),
    "approval": ("documents/samples/approval.html", {"title": "调阅资料审批表", "number": "编号：2026-03"}),
}
