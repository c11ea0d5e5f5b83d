"""Group 1's in-depth inquiries for the tests and the permission matrix, made through the services:
a spot check answered by the organization department and forwarded back, one result entered in a
clue; a second spot check still with the office (never handed to anyone); an informant inquiry
known to the leader and liaison only; an approved inquiry of a detained person; a request for help."""

import datetime

from clues import services
from clues.models import SpotCheckPerson
from clues.services import HelpRequestData, InquiryData, SpotCheckResult
from tests.factories import CadreFactory, UnitFactory
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_decide, approval_request, approval_submit

HEAD_NAME = "钱振华"
DEPUTY_NAME = "孙立新"
SPOT_REASON = "群众反映其配偶经商，需核实个人有关事项报告"
DISCREPANCY = "漏报配偶名下房产一处"
OTHER_REASON = "分管工程项目较多"
CLUE_SUMMARY = "涉嫌漏报房产，配偶违规经商"
INFORMANT = "周某某（财政局原会计）"
INQUIRY_PLAN = "由组长、联络员在驻地询问，了解专项资金拨付经过"
DETAINED_INFORMANT = "吴某（被采取留置措施）"
TOLD_TO_BODY = "协助核对财政局2024年度专项资金账目，提供审计专业意见"


def membership(county, username, group=None):
    return (group or county.group1).memberships.get(cadre_id=county.users[username].cadre_id)


def approve(subject, chain, actor):
    request = approval_request(subject, chain)
    return approval_decide(request=request, actor=actor, passed=True, opinion="同意。")


def spot_check_with(county, names_reasons, actor="liaison1"):
    spot_check = services.spot_check_create(group=county.group1, actor=county.users[actor])
    for cadre, reason in names_reasons:
        services.spot_check_add_person(spot_check=spot_check, actor=county.users[actor], cadre=cadre, reason=reason)
    return spot_check


def add_group1_inquiries(county):
    county.head_cadre = CadreFactory(name=HEAD_NAME, unit=county.unit_a, post="局长")
    county.deputy_cadre = CadreFactory(name=DEPUTY_NAME, unit=county.unit_a, post="副局长")
    county.help_body = UnitFactory(name="示例县审计局")

    spot_check = spot_check_with(county, [(county.head_cadre, SPOT_REASON), (county.deputy_cadre, OTHER_REASON)])
    services.spot_check_propose(spot_check=spot_check, actor=county.liaison1)
    approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=spot_check, actor=county.office)
    approve(spot_check, services.SPOT_CHECK_CHAIN, county.secretary)
    spot_check.refresh_from_db()
    services.spot_check_send(spot_check=spot_check, actor=county.office)
    head, deputy = spot_check.people.order_by("id")
    services.spot_check_fill(person=head, actor=county.zuzhibu, data=SpotCheckResult(
        result=SpotCheckPerson.Result.DISCREPANCY, details=DISCREPANCY, review_opinion="建议移交问题线索。"))
    services.spot_check_fill(person=deputy, actor=county.zuzhibu, data=SpotCheckResult(
        result=SpotCheckPerson.Result.CONSISTENT, review_opinion="未发现问题。"))
    services.spot_check_answer(spot_check=spot_check, actor=county.zuzhibu)
    services.spot_check_deliver(spot_check=spot_check, actor=county.office)
    county.spot_check = spot_check
    county.spot_person = head
    county.clue = services.clue_for_person(group=county.group1, actor=county.liaison1, cadre=county.head_cadre, summary=CLUE_SUMMARY)
    county.clue_entry = services.spot_check_to_clue(person=head, actor=county.liaison1)

    county.spot_check_other = spot_check_with(county, [(county.deputy_cadre, OTHER_REASON)])
    services.spot_check_propose(spot_check=county.spot_check_other, actor=county.liaison1)

    county.inquiry = services.inquiry_create(group=county.group1, actor=county.liaison1, data=InquiryData(
        informant=INFORMANT, purpose="了解专项资金拨付情况", plan=INQUIRY_PLAN,
        readers=[membership(county, "leader1")]))
    county.inquiry_detained = services.inquiry_create(group=county.group1, actor=county.leader1, data=InquiryData(
        informant=DETAINED_INFORMANT, purpose="核实其交代的资金去向", plan="经领导小组同意后由县纪委监委协调安排询问",
        readers=[membership(county, "deputy1")], detained=True))

    county.help_request = services.help_request_create(group=county.group1, actor=county.leader1, data=HelpRequestData(
        body=county.help_body, channel="through_office", what_is_asked="核实财政局局长分管项目资金流向",
        told_to_body=TOLD_TO_BODY, helpers="审计局赵审计师、李审计师", starts_on=datetime.date(2026, 10, 26)))
    return county


def approve_detained(county):
    approval_submit(chain=services.DETAINED_CHAIN, subject=county.inquiry_detained, actor=county.leader1)
    request = approve(county.inquiry_detained, services.DETAINED_CHAIN, county.deputy)
    assert request.state == ApprovalRequest.State.APPROVED
