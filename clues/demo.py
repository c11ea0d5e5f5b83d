"""The demo's in-depth inquiries (issue 5 §4–§6), for round 2's group 1: a first spot check done —
answered by the organization department, forwarded back, its discrepancy entered in the person's
clue; a second one in progress — approved, handed to the organization department, one person's
row filled; an informant inquiry known to the leader and liaison; a request for help from the audit
bureau. All names and events are fictional. Everything goes through the services, as clicks would."""

from datetime import date

from groups.models import GroupMembership
from xunchar.approvals.services import approval_decide, approval_request, approval_submit
from xunchar.registry.models import Cadre, Unit

from . import services
from .models import ClueEntry, SpotCheckPerson
from .services import HelpRequestData, InquiryData, SpotCheckResult

HOUSING = "示例县住房和城乡建设局"
TOWNSHIP = "示例县柳河乡"
AUDIT = "示例县审计局"


def _cadre(unit_name: str, contains: str, exclude: str | None = None) -> Cadre:
    cadres = Cadre.objects.filter(unit__name=unit_name, post__contains=contains)
    if exclude:
        cadres = cadres.exclude(post__contains=exclude)
    return cadres.order_by("id").first()


def _approve(subject, chain: str, actor, opinion: str) -> None:
    approval_decide(request=approval_request(subject, chain), actor=actor, passed=True, opinion=opinion)


def _spot_check(group, users, people):
    liaison, office = users["liaison1"], users["office"]
    spot_check = services.spot_check_create(group=group, actor=liaison)
    for cadre, reason in people:
        services.spot_check_add_person(spot_check=spot_check, actor=liaison, cadre=cadre, reason=reason)
    services.spot_check_propose(spot_check=spot_check, actor=liaison)
    approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=spot_check, actor=office)
    _approve(spot_check, services.SPOT_CHECK_CHAIN, users["secretary"], "同意，请巡察办函送县委组织部抽查核实。")
    services.spot_check_send(spot_check=spot_check, actor=office)
    return spot_check


def demo_inquiries(groups: dict, users: dict) -> None:
    """Round 2's group 1: `groups` by number, `users` the demo accounts."""
    group = groups[1]
    liaison, leader, zuzhibu = users["liaison1"], users["leader1"], users["zuzhibu"]
    housing_head = _cadre(HOUSING, "局长", "副")
    housing_deputy = _cadre(HOUSING, "副局长")
    town_head = _cadre(TOWNSHIP, "党委书记", "副")
    town_mayor = _cadre(TOWNSHIP, "乡长", "副乡长")

    # The first spot check: done, its discrepancy entered in the clue about the bureau's head.
    first = _spot_check(group, users, [
        (housing_head, "信访反映其在老旧小区改造项目中指定施工单位，其配偶经营建材生意，需核实个人有关事项报告中配偶从业及投资情况。"),
        (housing_deputy, "分管城建和工程招投标，近三年未报告房产变动，结合谈话情况提出抽查。"),
    ])
    head_row, deputy_row = first.people.order_by("id")
    services.spot_check_fill(person=head_row, actor=zuzhibu, data=SpotCheckResult(
        result=SpotCheckPerson.Result.DISCREPANCY,
        details="经查询，其配偶持有示例县某建材商贸有限公司40%股权，2024、2025年度个人有关事项报告均未填报。",
        review_opinion="漏报配偶投资企业情况，属于漏报行为；建议巡察组结合反映其插手工程问题一并了解。",
    ))
    services.spot_check_fill(person=deputy_row, actor=zuzhibu, data=SpotCheckResult(
        result=SpotCheckPerson.Result.CONSISTENT, review_opinion="查核结果与本人报告一致。",
    ))
    services.spot_check_answer(spot_check=first, actor=zuzhibu)
    services.spot_check_deliver(spot_check=first, actor=users["office"])
    clue = services.clue_for_person(
        group=group, actor=liaison, cadre=housing_head,
        summary="反映其插手老旧小区改造工程招投标，配偶经营建材生意。",
    )
    services.clue_add_entry(clue=clue, actor=liaison, source=ClueEntry.Source.PETITION,
                            text="信访件反映其在老旧小区改造项目中指定施工单位（组长已批示深入了解）。")
    services.spot_check_to_clue(person=head_row, actor=liaison)

    # The second: approved, with the organization department, one row filled so far.
    second = _spot_check(group, users, [
        (town_head, "信访反映其在村级换届中打招呼，需核实其本人及子女房产、投资情况。"),
        (town_mayor, "主持集镇建设项目，核实其配偶、子女从业情况。"),
    ])
    services.spot_check_fill(person=second.people.order_by("id").first(), actor=zuzhibu, data=SpotCheckResult(
        result=SpotCheckPerson.Result.CONSISTENT, review_opinion="查核结果与本人报告一致。",
    ))

    # An informant, known to the leader and the liaison only.
    leader_seat = GroupMembership.objects.get(group=group, role=GroupMembership.RoundRole.LEADER)
    inquiry = services.inquiry_create(group=group, actor=liaison, data=InquiryData(
        informant="住建局原工程股工作人员（已退休）",
        purpose="了解老旧小区改造项目施工单位确定过程，核实是否存在指定施工单位问题。",
        plan="由组长、联络员二人在巡察组驻地询问；提前熟悉项目招投标资料；询问内容严格保密，不作记录外传。",
        readers=[leader_seat],
    ))
    services.inquiry_record_interview(
        inquiry=inquiry, actor=liaison, interviewed_on=date(2026, 11, 4),
        record="知情人称，项目招标前局主要负责人曾召集会议，明确由某建筑公司承建，招标文件资格条件按该公司情况设置。",
    )

    # Help from the audit bureau, through the office; what the bureau is told names no one.
    services.help_request_create(group=group, actor=leader, data=HelpRequestData(
        body=Unit.objects.get(name=AUDIT), channel="through_office",
        what_is_asked="对老旧小区改造项目工程结算进行专业核查，为核实指定施工单位问题提供支撑。",
        told_to_body="协助对2024年以来城镇基础设施改造项目的工程结算和资金拨付进行专业核查，出具核查意见。",
        helpers="审计局经济责任审计股两名审计人员", starts_on=date(2026, 11, 9), ends_on=date(2026, 11, 13),
    ))
