"""The demo's requested documents (S16), for round 2. Group 1 (on site): twelve items across its two
units, most returned, three still out — the 2024 accounts, the leadership's minutes (important,
approved by the leader) and a classified request for funds (秘密, in the locked cabinet) — and one
the unit does not have. Group 2 (withdrawn): every item returned before it left. All names and
events are fictional; everything goes through the services, as clicks would."""

from datetime import date

from groups.models import GroupMembership
from xunchar.approvals.services import approval_decide, approval_request, approval_submit

from . import services
from .models import DocumentItem
from .services import ItemData

C = DocumentItem.Category
ORIGINAL, COPY = DocumentItem.Form.ORIGINAL, DocumentItem.Form.COPY
ELECTRONIC = DocumentItem.Medium.ELECTRONIC
SECRET = DocumentItem.Classification.SECRET
THREE_YEARS = (date(2023, 1, 1), date(2026, 10, 14))
CABINET = "巡察组驻地保密柜（1号），钥匙由保管人保管"


def _seat(group, user) -> GroupMembership:
    return GroupMembership.objects.get(group=group, cadre_id=user.cadre_id)


def _item(inspection, keeper, title, category, *, requested_on, form=COPY, period=THREE_YEARS, **extra) -> DocumentItem:
    return services.item_create(inspection=inspection, actor=keeper, data=ItemData(
        title=title, category=category, period_from=period[0], period_to=period[1], form=form, requested_on=requested_on, **extra,
    ))


def _approve(item, keeper, leader) -> None:
    approval_submit(chain=services.IMPORTANT_CHAIN, subject=item, actor=keeper)
    approval_decide(request=approval_request(item, services.IMPORTANT_CHAIN), actor=leader, passed=True,
                    opinion="同意调阅。原件由保管人专人保管，用毕及时清退。")


def _out(item, receiver, custodian, on, handed_over_by, **extra) -> DocumentItem:
    return services.item_sign_out(item=item, actor=receiver, signed_out_on=on, handed_over_by=handed_over_by, custodian=custodian, **extra)


def _back(item, who, on, received_back_by) -> DocumentItem:
    return services.item_return(item=item, actor=who, returned_on=on, received_back_by=received_back_by)


def _group_1(group, users) -> None:
    liaison, leader, member = users["liaison1"], users["leader1"], users["member1"]
    keeper_seat, member_seat = _seat(group, liaison), _seat(group, member)
    housing, township = (group.inspections.get(unit__name=name) for name in ("示例县住房和城乡建设局", "示例县柳河乡"))
    asked = date(2026, 10, 15)
    office_head = "住建局办公室王主任"

    returned = [
        _item(housing, liaison, "2023—2025年度局党组工作总结及向县委所作的工作报告", C.SUMMARIES, requested_on=asked, medium=ELECTRONIC),
        _item(housing, liaison, "局党组落实全面从严治党主体责任和党风廉政建设责任制资料", C.INTEGRITY, requested_on=asked),
        _item(housing, liaison, "意识形态工作责任制落实情况及专题研究记录", C.IDEOLOGY, requested_on=asked),
        _item(housing, liaison, "老旧小区改造项目招投标文件及工程结算资料", C.FILES, requested_on=asked, copies=2),
    ]
    cadre_files = _item(housing, liaison, "2023年以来干部选拔任用工作纪实材料", C.PERSONNEL, requested_on=asked, form=ORIGINAL, important=True)
    minutes = _item(housing, liaison, "2023年以来局党组会议、局长办公会议纪要", C.MINUTES, requested_on=asked, form=ORIGINAL, important=True,
                    note="含“三重一大”事项议题材料")
    accounts = _item(housing, liaison, "2024年度财务账目及记账凭证", C.ACCOUNTS, requested_on=asked, form=ORIGINAL,
                     period=(date(2024, 1, 1), date(2024, 12, 31)))
    classified = _item(housing, liaison, "关于老旧小区改造资金安排的请示", C.FILES, requested_on=date(2026, 10, 20), form=ORIGINAL,
                       classification=SECRET, document_number="示住建〔2024〕12号", period=(date(2024, 1, 1), date(2024, 12, 31)))
    returned += [
        _item(township, liaison, "2023年以来乡党委“三重一大”事项决策记录", C.MAJOR_DECISIONS, requested_on=asked, form=ORIGINAL),
        _item(township, liaison, "落实中央八项规定精神情况报告及公务接待台账", C.EIGHT_RULES, requested_on=asked),
        _item(township, liaison, "2023—2025年度村级财务审计档案", C.ARCHIVES, requested_on=asked),
    ]
    audit = _item(township, liaison, "集镇建设项目专项审计报告", C.OTHER, requested_on=asked)

    for item in (cadre_files, minutes):
        _approve(item, liaison, leader)
    for item in (*returned, cadre_files):
        unit_person = office_head if item.inspection_id == housing.pk else "柳河乡党政办李主任"
        _out(item, member, member_seat, date(2026, 10, 16), unit_person, due_back_on=date(2026, 11, 13))
        _back(item, member, date(2026, 11, 12), unit_person)
    _out(minutes, member, keeper_seat, date(2026, 10, 16), office_head)
    _out(accounts, member, member_seat, date(2026, 10, 19), "住建局计划财务股赵股长", due_back_on=date(2026, 11, 20))
    _out(classified, liaison, keeper_seat, date(2026, 10, 21), "住建局机要员孙某", cabinet=CABINET)
    services.item_mark_not_provided(item=audit, actor=liaison, not_provided_on=date(2026, 10, 22),
                                    reason="柳河乡称该项目未开展专项审计，无此资料；已索取项目决算书代替。")


def _group_2(group, users) -> None:
    liaison, leader, member = users["liaison2"], users["leader2"], users["member2"]
    member_seat = _seat(group, member)
    asked = date(2026, 10, 15)
    for inspection in group.inspections.select_related("unit").order_by("unit__name"):
        unit_person = f"{inspection.unit.name.removeprefix('示例县')}办公室"
        items = [
            _item(inspection, liaison, "2023—2025年度工作总结及工作报告", C.SUMMARIES, requested_on=asked),
            _item(inspection, liaison, "2023年以来党委（党组）会议纪要", C.MINUTES, requested_on=asked, form=ORIGINAL, important=True),
            _item(inspection, liaison, "2024年度财务账目", C.ACCOUNTS, requested_on=asked, form=ORIGINAL,
                  period=(date(2024, 1, 1), date(2024, 12, 31))),
            _item(inspection, liaison, "上级机关涉密批复文件", C.FILES, requested_on=asked, form=ORIGINAL, classification=SECRET,
                  document_number=f"示{inspection.pk:02d}〔2025〕3号"),
        ]
        _approve(items[1], liaison, leader)
        for item in items:
            _out(item, liaison, member_seat, date(2026, 10, 17), unit_person, due_back_on=date(2026, 11, 18),
                 cabinet=CABINET if item.classified else "")
            _back(item, liaison, date(2026, 11, 17), unit_person)


def demo_document_requests(groups_2: dict, users: dict) -> None:
    """Round 2: `groups_2` its groups by number, `users` the demo accounts."""
    _group_1(groups_2[1], users)
    _group_2(groups_2[2], users)
