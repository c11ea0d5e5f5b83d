"""Every URL × every demo persona → allowed or refused.

A refused request gets 403 or 404 and its body carries none of the record's data. A new URL that
is missing here fails `test_every_url_is_in_the_matrix`, so no view is born without its refusals.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

LEADERSHIP = {"secretary", "deputy"}
OFFICE = {"director", "office"}
WORKING = LEADERSHIP | OFFICE
GROUP1 = {"leader1", "deputy1", "liaison1", "member1"}
# Group 2 has withdrawn (S28): its leader and liaison keep its material; member2 no longer reaches it.
GROUP2 = {"leader2", "liaison2"}
KEEPERS1 = {"leader1", "deputy1", "liaison1"}  # a group's leader, deputy and liaison keep its clues
EVERYONE = set(PERSONAS)
# 三员分立: each administrator reaches only their own tool (and home, password, second factor);
# every page of the inspection work refuses them.
ADMINS = {"sysadmin", "secadmin", "auditor"}
BUSINESS = EVERYONE - ADMINS

# name → (method, kwargs from the county, personas allowed, text that must not leak when refused)
MATRIX = {
    "core:home": ("get", lambda c: {}, EVERYONE, None),
    # Everyone changes their own password; there is no one else's to see.
    "accounts:password_change": ("get", lambda c: {}, EVERYONE, None),
    "accounts:password_change_done": ("get", lambda c: {}, EVERYONE, None),
    # Everyone reaches their own code page; who needs no second factor is sent on to the home page.
    "twofactor:verify": ("get", lambda c: {}, EVERYONE, None),
    "core:history": ("get", lambda c: {"model": "groups.inspectiongroup", "pk": c.group1.pk}, WORKING | GROUP1 | {"unit1"}, "第一巡察组"),
    "rounds:list": ("get", lambda c: {}, BUSINESS, None),
    "rounds:detail": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2 | {"unit1"}, "2026年第二轮"),
    "rounds:create": ("get", lambda c: {}, OFFICE, None),
    # Staffing a round (S01, S02.3) is the office's; leadership reads it.
    "rounds:staffing": ("get", lambda c: {"pk": c.prep_round.pk}, WORKING, "备选干部甲"),
    "rounds:group_create": ("post", lambda c: {"pk": c.prep_round.pk}, OFFICE, None),
    "rounds:inspection_add": ("post", lambda c: {"pk": c.prep_round.pk}, OFFICE, None),
    "rounds:inspection_remove": ("post", lambda c: {"pk": c.prep_inspection.pk}, OFFICE, None),
    "rounds:member_add": ("post", lambda c: {"pk": c.prep_round.pk}, OFFICE, None),
    "rounds:member_remove": ("post", lambda c: {"pk": c.prep_membership.pk}, OFFICE, None),
    "rounds:recusal": ("get", lambda c: {"pk": c.prep_round.pk}, WORKING, "备选干部甲"),
    "rounds:recusal_resolve": ("post", lambda c: {"pk": c.prep_conflict.pk}, OFFICE, None),
    # Each person declares for themself, in their own group only.
    "rounds:declare_for": ("post", lambda c: {"pk": c.prep_membership.pk}, OFFICE, None),
    "rounds:declare": ("get", lambda c: {"pk": c.group1.pk}, GROUP1, None),
    # The round's papers are the office's and leadership's; a group's people read their own
    # group's authorization decision.
    "rounds:task_plan": ("get", lambda c: {"pk": c.prep_round.pk}, WORKING, None),
    "rounds:task_plan_reopen": ("post", lambda c: {"pk": c.prep_round.pk}, OFFICE, None),
    "rounds:work_plan": ("get", lambda c: {"pk": c.prep_round.pk}, WORKING, None),
    "rounds:work_plan_file": ("post", lambda c: {"pk": c.prep_round.pk}, OFFICE, None),
    # Before approval (as here) the group's people do not read their leader's authorization.
    "rounds:authorization": ("get", lambda c: {"pk": c.group1.pk}, WORKING, None),
    "rounds:authorization_announce": ("post", lambda c: {"pk": c.group1.pk}, OFFICE, None),
    "rounds:secondments": ("get", lambda c: {"pk": c.prep_round.pk}, WORKING, "备选干部甲"),
    "rounds:secondment_request": ("post", lambda c: {"pk": c.prep_round.pk}, OFFICE, None),
    "rounds:secondment_confirm": ("post", lambda c: {"pk": c.prep_secondment.pk}, OFFICE, None),
    "rounds:secondment_swap": ("post", lambda c: {"pk": c.prep_secondment.pk}, OFFICE, None),
    "groups:detail": ("get", lambda c: {"pk": c.group2.pk}, WORKING | GROUP2, "示例县教育局"),
    # Withdrawal (S28, issue 6 §7): the checklist is the group's; its leader, deputy and liaison keep it,
    # each member signs their own report, the named checker checks a destruction, the leader or the office
    # marks the group withdrawn.
    "withdrawal:checklist": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "示例县财政局"),
    "withdrawal:withdraw": ("post", lambda c: {"pk": c.group1.pk}, OFFICE | {"leader1"}, None),
    "withdrawal:exit_talk": ("post", lambda c: {"pk": c.inspection1.pk}, KEEPERS1, None),
    "withdrawal:equipment_add": ("post", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "withdrawal:equipment_return": ("post", lambda c: {"pk": c.equipment.pk}, KEEPERS1, None),
    "withdrawal:destruction_add": ("post", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "withdrawal:destruction_check": ("post", lambda c: {"pk": c.destruction.pk}, {"deputy1"}, None),
    "withdrawal:zero_holding_sign": ("post", lambda c: {"pk": c.group1.pk}, GROUP1, None),
    "withdrawal:zero_holding_paper": ("post", lambda c: {"pk": c.group1.memberships.get(role="member").pk}, {"leader1", "liaison1"}, None),
    # An inspection's files are group material: not for the unit contact who sees the inspection.
    "files:list": ("get", lambda c: {"model": "groups.inspection", "pk": c.inspection1.pk}, WORKING | GROUP1, "谈话笔录"),
    "files:add": ("post", lambda c: {"model": "groups.inspection", "pk": c.inspection1.pk}, WORKING | GROUP1, None),
    "files:download": ("get", lambda c: {"pk": c.attachment.pk}, WORKING | GROUP1, "%PDF"),
    "registry:unit_list": ("get", lambda c: {}, WORKING, "示例县财政局"),
    "registry:unit_detail": ("get", lambda c: {"pk": c.unit_b.pk}, WORKING | GROUP2, "示例县教育局"),
    "registry:cadre_list": ("get", lambda c: {}, WORKING, None),
    "registry:cadre_detail": ("get", lambda c: {"pk": c.member1.cadre_id}, WORKING, None),
    "registry:unit_export": ("get", lambda c: {}, WORKING, "示例县财政局"),
    "registry:unit_import": ("get", lambda c: {}, OFFICE, None),
    "registry:cadre_export": ("get", lambda c: {}, WORKING, None),
    "registry:cadre_import": ("get", lambda c: {}, OFFICE, None),
    "deadlines:list": ("get", lambda c: {}, BUSINESS, None),
    "notifications:list": ("get", lambda c: {}, BUSINESS, None),
    "notifications:read_all": ("post", lambda c: {}, BUSINESS, None),
    "notifications:open": ("post", lambda c: {"pk": c.notification.pk}, {"office"}, "给巡察办的通知"),
    "workdays:overview": ("get", lambda c: {}, BUSINESS, None),
    "workdays:year": ("get", lambda c: {"year": 2027}, OFFICE, None),
    "workdays:day_create": ("get", lambda c: {}, OFFICE, None),
    "workdays:day_edit": ("get", lambda c: {"pk": c.calendar_day.pk}, OFFICE, None),
    "workdays:day_delete": ("post", lambda c: {"pk": c.calendar_day.pk}, OFFICE, None),
    "workdays:holiday_create": ("get", lambda c: {}, OFFICE, None),
    # The system administrator keeps the accounts ...
    "administration:account_list": ("get", lambda c: {}, {"sysadmin"}, None),
    "administration:account_create": ("get", lambda c: {}, {"sysadmin"}, None),
    "administration:account_detail": ("get", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_disable": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_enable": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_end_sessions": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_unlock": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_password_reset": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_otp_reset": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    # ... the security administrator grants the roles ...
    "administration:role_list": ("get", lambda c: {}, {"secadmin"}, None),
    "administration:role_detail": ("get", lambda c: {"pk": c.member1.pk}, {"secadmin"}, None),
    "administration:role_grant": ("post", lambda c: {"pk": c.member1.pk}, {"secadmin"}, None),
    "administration:role_revoke": ("post", lambda c: {"pk": c.member1.pk}, {"secadmin"}, None),
    # ... and the audit administrator reads the log.
    "administration:audit_list": ("get", lambda c: {}, {"auditor"}, None),
    "administration:audit_export": ("get", lambda c: {}, {"auditor"}, None),
    # Approvals: everyone's own inbox; a request (group 1's paper, checked by deputy1 next) is seen
    # by whoever sees its subject, decided only by the current step's decider.
    "approvals:inbox": ("get", lambda c: {}, BUSINESS, None),
    "approvals:detail": ("get", lambda c: {"pk": c.approval.pk}, WORKING | GROUP1, "示例县财政局"),
    "approvals:compare": ("get", lambda c: {"pk": c.approval.pk}, WORKING | GROUP1, "示例县财政局"),
    "approvals:decide": ("post", lambda c: {"pk": c.approval.pk}, {"deputy1"}, None),
    "approvals:submit": ("post", lambda c: {"chain": "tests.group_paper", "pk": c.group1.pk}, GROUP1, None),
    # A group's preparation (S03, S05, S07): group material for the office, leadership and the group's
    # own people; what is addressed to the unit (checklist, self-report) for its contact too.
    "groups:mark_entered": ("post", lambda c: {"pk": c.group1.pk}, OFFICE | {"leader1"}, None),
    "groups:meeting_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "研究确定个别谈话名单"),
    "groups:meeting_create": ("get", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "groups:meetings_deputy": ("post", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "groups:meeting_detail": ("get", lambda c: {"pk": c.meeting1.pk}, WORKING | GROUP1, "研究确定个别谈话名单"),
    "groups:meeting_edit": ("get", lambda c: {"pk": c.meeting1.pk}, {"leader1"}, None),
    "groups:branch": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, None),
    "groups:pledge_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, None),
    "groups:pledge_sign": ("get", lambda c: {"pk": c.group1.pk}, GROUP1, None),
    "groups:work_plan": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "重点了解财政资金分配使用情况"),
    "groups:work_plan_edit": ("get", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "groups:work_plan_file": ("post", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "groups:work_plan_reopen": ("post", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "groups:duties": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, None),
    "groups:work_plan_revision": ("get", lambda c: {"pk": c.work_plan_revision1.pk}, WORKING | GROUP1, "重点了解财政资金分配使用情况"),
    "groups:work_plan_acknowledge": ("post", lambda c: {"pk": c.work_plan_revision1.pk}, OFFICE, None),
    "groups:opinion_list": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1, "网民反映财政局惠农补贴发放不及时"),
    "groups:opinion_create": ("get", lambda c: {"pk": c.inspection1.pk}, GROUP1, None),
    "groups:opinion_edit": ("get", lambda c: {"pk": c.opinion1.pk}, GROUP1, "网民反映财政局惠农补贴发放不及时"),
    "groups:focus_list": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1, "专项资金挪用"),
    "groups:focus_create": ("get", lambda c: {"pk": c.inspection1.pk}, GROUP1, None),
    "groups:focus_edit": ("get", lambda c: {"pk": c.focus1.pk}, GROUP1, "专项资金挪用"),
    "groups:focus_move": ("post", lambda c: {"pk": c.focus1.pk}, GROUP1, None),
    "groups:checklist": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1 | {"unit1"}, "示例县财政局"),
    "groups:self_report": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1 | {"unit1"}, "资金拨付滞后"),
    "groups:self_report_submit": ("get", lambda c: {"pk": c.inspection1.pk}, GROUP1 | {"unit1"}, "资金拨付滞后"),
    "groups:self_report_version": ("get", lambda c: {"pk": c.self_report_version1.pk}, WORKING | GROUP1 | {"unit1"}, "资金拨付滞后"),
    "groups:self_report_decide": ("post", lambda c: {"pk": c.self_report_version1.pk}, {"leader1", "deputy1", "liaison1"}, None),
    "groups:facilities": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1, None),
    "groups:entry_rollup": ("get", lambda c: {"pk": c.round.pk}, WORKING, "示例县教育局"),
    "groups:entry_rollup_export": ("get", lambda c: {"pk": c.round.pk}, WORKING, None),
    # Preparation (S02, S04, S06): the office edits; leadership reads; a group's people read their
    # round's round-wide records and their own group's material; the unit contact only its issued notice.
    "rounds:mobilization": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2, "县委第一会议室"),
    "rounds:mobilization_edit": ("get", lambda c: {"pk": c.round.pk}, OFFICE, "县委第一会议室"),
    "rounds:notice_list": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2 | {"unit1"}, "巡察办发"),
    "rounds:notice_prepare": ("post", lambda c: {"pk": c.round.pk}, OFFICE, None),
    "rounds:notice_issue_all": ("post", lambda c: {"pk": c.round.pk}, OFFICE, None),
    # Issued: the unit it is addressed to and the group it is copied to (group 2 does not see it).
    "rounds:notice_detail": ("get", lambda c: {"pk": c.notice1.pk}, WORKING | GROUP1 | {"unit1"}, "对示例县财政局党组织"),
    "rounds:notice_edit": ("get", lambda c: {"pk": c.notice2.pk}, OFFICE, "对示例县教育局党组织"),
    "rounds:notice_issue": ("post", lambda c: {"pk": c.notice2.pk}, OFFICE, None),
    "rounds:training_list": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2, "巡察工作集中培训"),
    "rounds:training_create": ("get", lambda c: {"pk": c.round.pk}, OFFICE, None),
    "rounds:training_edit": ("get", lambda c: {"pk": c.training_group1.pk}, OFFICE, "学习财政领域政策法规"),
    "rounds:briefing_list": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2, "示例县纪委监委"),
    "rounds:briefing_prepare": ("post", lambda c: {"pk": c.round.pk}, OFFICE, None),
    "rounds:briefing_create": ("get", lambda c: {"pk": c.round.pk}, OFFICE, None),
    "rounds:briefing_detail": ("get", lambda c: {"pk": c.briefing_sent.pk}, WORKING | GROUP1 | GROUP2, "示例县纪委监委"),
    "rounds:briefing_edit": ("get", lambda c: {"pk": c.briefing_draft.pk}, OFFICE, "示例县委组织部"),
    "rounds:briefing_send": ("post", lambda c: {"pk": c.briefing_draft.pk}, OFFICE, None),
    "rounds:answer_create": ("get", lambda c: {"pk": c.briefing_sent.pk}, OFFICE, None),
    "rounds:answer_detail": ("get", lambda c: {"pk": c.answer1.pk}, WORKING | GROUP1, "政治生态总体向好"),
    "rounds:answer_edit": ("get", lambda c: {"pk": c.answer1.pk}, OFFICE, "政治生态总体向好"),
    "rounds:inspection_material": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1, "预算执行审计报告"),
    "rounds:material_create": ("get", lambda c: {"pk": c.inspection1.pk}, OFFICE, None),
    "rounds:material_detail": ("get", lambda c: {"pk": c.material1.pk}, WORKING | GROUP1, "预算执行审计报告"),
    "rounds:material_edit": ("get", lambda c: {"pk": c.material1.pk}, OFFICE, "预算执行审计报告"),
    "rounds:talk_create": ("get", lambda c: {"pk": c.group1.pk}, OFFICE, None),
    "rounds:talk_edit": ("get", lambda c: {"pk": c.discipline_talk1.pk}, OFFICE, "县纪委副书记"),
    "rounds:speech_list": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2, "组长讲话通稿"),
    "rounds:speech_create": ("get", lambda c: {"pk": c.round.pk}, OFFICE, None),
    # A group's leader, deputy and liaison make and edit their unit's speech; its members read it.
    "rounds:speech_adapt": ("post", lambda c: {"pk": c.inspection1.pk}, OFFICE | {"leader1", "deputy1", "liaison1"}, None),
    "rounds:speech_detail": ("get", lambda c: {"pk": c.speech1.pk}, WORKING | GROUP1, "财政资金监管"),
    "rounds:speech_edit": ("get", lambda c: {"pk": c.speech1.pk}, OFFICE | {"leader1", "deputy1", "liaison1"}, "财政资金监管"),
    "rounds:speech_compare": ("get", lambda c: {"pk": c.speech1.pk}, WORKING | GROUP1, "财政资金监管"),
    "rounds:speech_version": ("get", lambda c: {"pk": c.speech1_v2.pk}, WORKING | GROUP1, "财政资金监管"),
    # Generated documents: the group sheet is group material (office, leadership, the group's people).
    "documents:request": ("post", lambda c: {"kind": "groups.roster", "pk": c.group1.pk}, WORKING | GROUP1, None),
    "documents:detail": ("get", lambda c: {"pk": c.document.pk}, WORKING | GROUP1, "第一巡察组"),
    "documents:download": ("get", lambda c: {"pk": c.document.pk}, WORKING | GROUP1, "%PDF"),
    # Petitions (issue 5 §1): group material. The office, leadership and the group's own people read
    # the ledger; the group's people register; its leader, deputy and liaison decide the scope.
    "petitions:index": ("get", lambda c: {}, WORKING | GROUP1 | GROUP2, None),
    "petitions:ledger": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "反映财政局某股长"),
    "petitions:create": ("get", lambda c: {"pk": c.group1.pk}, GROUP1, None),
    "petitions:export": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, None),
    "petitions:detail": ("get", lambda c: {"pk": c.petition1.pk}, WORKING | GROUP1, "反映财政局某股长"),
    "petitions:mark_within_scope": ("post", lambda c: {"pk": c.petition1.pk}, {"leader1", "deputy1", "liaison1"}, None),
    "petitions:mark_important": ("post", lambda c: {"pk": c.petition1.pk}, {"leader1", "deputy1", "liaison1"}, None),
    "petitions:mark_not_handled": ("post", lambda c: {"pk": c.petition1.pk}, {"leader1", "deputy1", "liaison1"}, None),
    "petitions:emergency_plan": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "由联络员牵头接待"),
    "petitions:incident_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "拆迁补偿"),
    "petitions:incidents_all": ("get", lambda c: {}, WORKING, None),
    # Direct-delivery items (径送件, issue 5 §2): the register row is group material; the content opens
    # for the head alone; each move for the one person it belongs to.
    "sealing:index": ("get", lambda c: {}, WORKING | GROUP1 | GROUP2, "柯振邦"),
    "sealing:detail": ("get", lambda c: {"pk": c.delivery.pk}, WORKING | GROUP1, "柯振邦"),
    "sealing:open": ("post", lambda c: {"pk": c.delivery.pk}, {"secretary"}, "收受礼金"),
    "sealing:propose": ("post", lambda c: {"label": "petitions.petition", "pk": c.petition1.pk}, GROUP1, "反映财政局某股长"),
    "sealing:decline": ("post", lambda c: {"pk": c.delivery.pk}, {"leader1"}, "柯振邦"),
    "sealing:report": ("post", lambda c: {"pk": c.delivery.pk}, {"leader1"}, "柯振邦"),
    "sealing:register": ("post", lambda c: {"pk": c.delivery.pk}, {"liaison1"}, "柯振邦"),
    "sealing:deliver": ("post", lambda c: {"pk": c.delivery.pk}, OFFICE, "柯振邦"),
    "sealing:add_reader": ("post", lambda c: {"pk": c.delivery.pk}, {"secretary"}, "柯振邦"),
    "sealing:remove_reader": ("post", lambda c: {"pk": c.delivery.pk, "user_pk": c.deputy.pk}, {"secretary"}, "柯振邦"),
    # In-depth inquiries (issue 5 §4–§6). Clues: the office, leadership and the group's leader,
    # deputy and liaison. Spot checks: group material, and for the organization department's receiver
    # only the one handed to them. An informant inquiry: the office, leadership and the people named
    # on it (leader1, liaison1). Help requests: group material; the office lists them all.
    "clues:index": ("get", lambda c: {}, WORKING | GROUP1 | GROUP2 | {"zuzhibu"}, None),
    "clues:clue_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | KEEPERS1, "钱振华"),
    "clues:clue_detail": ("get", lambda c: {"pk": c.clue.pk}, WORKING | KEEPERS1, "钱振华"),
    "clues:clue_add_entry": ("post", lambda c: {"pk": c.clue.pk}, KEEPERS1, None),
    "clues:spot_check_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "一组抽查"),
    "clues:spot_check_detail": ("get", lambda c: {"pk": c.spot_check.pk}, WORKING | GROUP1 | {"zuzhibu"}, "钱振华"),
    "clues:spot_check_add_person": ("post", lambda c: {"pk": c.spot_check_other.pk}, KEEPERS1, None),
    "clues:spot_check_remove_person": ("post", lambda c: {"pk": c.spot_check_other.people.get().pk}, KEEPERS1, None),
    "clues:spot_check_propose": ("post", lambda c: {"pk": c.spot_check_other.pk}, KEEPERS1, None),
    "clues:spot_check_send": ("post", lambda c: {"pk": c.spot_check.pk}, OFFICE, None),
    "clues:spot_check_fill": ("post", lambda c: {"pk": c.spot_person.pk}, {"zuzhibu"}, None),
    "clues:spot_check_answer": ("post", lambda c: {"pk": c.spot_check.pk}, {"zuzhibu"}, None),
    "clues:spot_check_deliver": ("post", lambda c: {"pk": c.spot_check.pk}, OFFICE, None),
    "clues:spot_check_to_clue": ("post", lambda c: {"pk": c.spot_person.pk}, KEEPERS1, None),
    "clues:inquiry_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "周某某"),
    "clues:inquiry_detail": ("get", lambda c: {"pk": c.inquiry.pk}, WORKING | {"leader1", "liaison1"}, "周某某"),
    "clues:inquiry_arrange": ("post", lambda c: {"pk": c.inquiry_detained.pk}, OFFICE | {"leader1", "deputy1"}, None),
    "clues:inquiry_interview": ("post", lambda c: {"pk": c.inquiry.pk}, {"leader1", "liaison1"}, None),
    "clues:help_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "审计局赵审计师"),
    "clues:help_detail": ("get", lambda c: {"pk": c.help_request.pk}, WORKING | GROUP1, "审计局赵审计师"),
    "clues:help_all": ("get", lambda c: {}, WORKING, "审计局赵审计师"),
    # Individual talks (issue 5 §3): group material. The office, leadership and the group's own people
    # read the plan and the records; the group's people plan, record and tag; the leader marks a record
    # read. The round's generic outline: the office keeps it, every group of the round reads it.
    "groups:talk_list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "钱守仁"),
    "groups:talk_create": ("get", lambda c: {"pk": c.group1.pk}, GROUP1, None),
    "groups:talk_export": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, None),
    "groups:talk_outline": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2, "领导班子落实全面从严治党"),
    "groups:talk_detail": ("get", lambda c: {"pk": c.talk1.pk}, WORKING | GROUP1, "钱守仁"),
    "groups:talk_edit": ("get", lambda c: {"pk": c.talk3.pk}, GROUP1, "李德胜"),
    "groups:talk_held": ("post", lambda c: {"pk": c.talk3.pk}, GROUP1, None),
    "groups:talk_cancel": ("post", lambda c: {"pk": c.talk3.pk}, GROUP1, None),
    "groups:talk_record": ("get", lambda c: {"pk": c.talk1.pk}, WORKING | GROUP1, "优亲厚友"),
    "groups:talk_problem_add": ("post", lambda c: {"pk": c.talk1.pk}, GROUP1, None),
    "groups:talk_problem_remove": ("post", lambda c: {"pk": c.talk_problem1.pk}, GROUP1, None),
    "groups:talk_record_read": ("post", lambda c: {"pk": c.talk1.pk}, {"leader1"}, None),
    # Documents requested (issue 6 §2): group material, never the unit contact's (the list reaches the
    # unit on paper). The leader, deputy and liaison keep the list; any of the group signs out and returns.
    "docrequests:register": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "2024年局党组会议纪要"),
    "docrequests:export": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, None),
    "docrequests:request_list": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1, "2024年局党组会议纪要"),
    "docrequests:item_create": ("get", lambda c: {"pk": c.inspection1.pk}, KEEPERS1, None),
    "docrequests:item_detail": ("get", lambda c: {"pk": c.doc_out.pk}, WORKING | GROUP1, "2024年局党组会议纪要"),
    "docrequests:item_edit": ("get", lambda c: {"pk": c.doc_requested.pk}, KEEPERS1, "2025年度财务账目及凭证"),
    "docrequests:item_sign_out": ("post", lambda c: {"pk": c.doc_requested.pk}, GROUP1, None),
    "docrequests:item_return": ("post", lambda c: {"pk": c.doc_out.pk}, GROUP1, None),
    "docrequests:item_not_provided": ("post", lambda c: {"pk": c.doc_requested.pk}, KEEPERS1, None),
    # Working papers (issue 6 §5): group material. The group's people write; the author (member1), the
    # leader and the deputy edit a draft; the deputy checks, the leader signs; the leader or liaison
    # hands a signed paper to its custodian; the office and leadership read all and write nothing.
    "workpapers:list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "违规发放津补贴问题"),
    "workpapers:create": ("get", lambda c: {"pk": c.group1.pk}, GROUP1, None),
    "workpapers:detail": ("get", lambda c: {"pk": c.paper_draft.pk}, WORKING | GROUP1, "违规发放津补贴"),
    "workpapers:edit": ("get", lambda c: {"pk": c.paper_draft.pk}, {"member1", "leader1", "deputy1"}, "违规发放津补贴"),
    "workpapers:submit": ("post", lambda c: {"pk": c.paper_draft.pk}, {"member1", "leader1", "deputy1"}, None),
    "workpapers:decide": ("post", lambda c: {"pk": c.paper_draft.pk}, {"leader1", "deputy1"}, None),
    "workpapers:hand_over": ("post", lambda c: {"pk": c.paper_signed.pk}, {"leader1", "liaison1"}, None),
    "workpapers:reopen": ("post", lambda c: {"pk": c.paper_signed.pk}, {"leader1"}, None),
    "workpapers:tag": ("post", lambda c: {"pk": c.paper_draft.pk}, {"member1", "leader1", "deputy1"}, None),
    # Surveys (issue 6 §4, S19): group material. The group's leader, deputy and liaison design, open
    # and close; any of its people types in, corrects and voids sheets; the office makes codes too;
    # the office, leadership and the group read the results. The POSTs below change nothing (a
    # question of an open survey stays, a sheet is not voided without a reason, opening is repeated).
    "surveys:list": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "财政局干部作风问卷"),
    "surveys:create": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "surveys:create_from_template": ("post", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "surveys:detail": ("get", lambda c: {"pk": c.survey.pk}, WORKING | GROUP1, "财政局干部作风问卷"),
    "surveys:edit": ("get", lambda c: {"pk": c.survey_draft.pk}, KEEPERS1, "草拟中的测评表"),
    "surveys:question_add": ("post", lambda c: {"pk": c.survey_draft.pk}, KEEPERS1, None),
    "surveys:question_edit": ("get", lambda c: {"pk": c.survey_question.pk}, KEEPERS1, "选人用人"),
    "surveys:question_remove": ("post", lambda c: {"pk": c.survey_open_question.pk}, KEEPERS1, None),
    "surveys:question_move": ("post", lambda c: {"pk": c.survey_open_question.pk}, KEEPERS1, None),
    "surveys:open": ("post", lambda c: {"pk": c.survey.pk}, KEEPERS1, None),
    "surveys:close": ("post", lambda c: {"pk": c.survey_draft.pk}, KEEPERS1, None),
    "surveys:entry": ("get", lambda c: {"pk": c.survey.pk}, GROUP1, "领导班子总体评价"),
    "surveys:sheet_list": ("get", lambda c: {"pk": c.survey.pk}, GROUP1, "财政局干部作风问卷"),
    "surveys:sheet_edit": ("get", lambda c: {"pk": c.survey_sheet.pk}, GROUP1, "意见一"),
    "surveys:sheet_void": ("post", lambda c: {"pk": c.survey_sheet.pk}, GROUP1, None),
    "surveys:codes": ("get", lambda c: {"pk": c.survey.pk}, KEEPERS1 | OFFICE, "财政局干部作风问卷"),
    "surveys:results": ("get", lambda c: {"pk": c.survey.pk}, WORKING | GROUP1, "意见二"),
    "surveys:results_export": ("get", lambda c: {"pk": c.survey.pk}, WORKING | GROUP1, None),
    # On-site records (issue 6 §1, §3, §6: groups/onsite): group material the group's people read; its
    # leader, deputy and liaison keep it; the leader names attendees, approves visits, signs off special
    # checks and submits the mid-term report; the office receives it. Referrals (立查立处, eight-rules
    # clues) and major matters: the leader, deputy and liaison, the office and leadership only.
    "onsite:group": ("get", lambda c: {"pk": c.group1.pk}, WORKING | GROUP1, "财政资金管理使用情况座谈"),
    "onsite:entry": ("get", lambda c: {"pk": c.inspection1.pk}, WORKING | GROUP1, "关于巡察示例县财政局党组的公告"),
    "onsite:entry_meeting": ("get", lambda c: {"pk": c.inspection1.pk, "kind": "mobilization"}, KEEPERS1, None),
    "onsite:publicity": ("get", lambda c: {"pk": c.inspection1.pk, "kind": "news_release"}, KEEPERS1, None),
    "onsite:unit_report_add": ("get", lambda c: {"pk": c.inspection1.pk}, KEEPERS1, None),
    "onsite:publicity_risk_check": ("post", lambda c: {"pk": c.onsite_news_release.pk}, KEEPERS1, None),
    "onsite:symposium_add": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:meeting_add": ("get", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "onsite:visit_add": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:visit_approve": ("post", lambda c: {"pk": c.onsite_visit.pk}, {"leader1"}, None),
    "onsite:visit_record": ("post", lambda c: {"pk": c.onsite_visit.pk}, KEEPERS1, None),
    "onsite:visit_cancel": ("post", lambda c: {"pk": c.onsite_visit.pk}, KEEPERS1, None),
    "onsite:special_check_add": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:special_check_sign": ("post", lambda c: {"pk": c.onsite_special_check.pk}, {"leader1"}, None),
    "onsite:mid_term": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:mid_term_submit": ("post", lambda c: {"pk": c.group1.pk}, {"leader1"}, None),
    "onsite:mid_term_receive": ("post", lambda c: {"pk": c.group1.pk}, OFFICE, None),
    "onsite:fix_add": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:fix_response": ("post", lambda c: {"pk": c.onsite_fix.pk}, KEEPERS1, None),
    "onsite:fix_check": ("post", lambda c: {"pk": c.onsite_fix.pk}, KEEPERS1, None),
    "onsite:restricted": ("get", lambda c: {"pk": c.group1.pk}, WORKING | KEEPERS1, "阻挠干部与巡察组谈话"),
    "onsite:referral_add": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:referral_detail": ("get", lambda c: {"pk": c.onsite_referral.pk}, WORKING | KEEPERS1, "孙某某"),
    "onsite:referral_propose": ("post", lambda c: {"pk": c.onsite_referral.pk}, KEEPERS1, None),
    "onsite:referral_submit": ("post", lambda c: {"pk": c.onsite_referral.pk}, OFFICE, None),
    "onsite:referral_hand": ("post", lambda c: {"pk": c.onsite_referral.pk}, OFFICE, None),
    "onsite:major_add": ("get", lambda c: {"pk": c.group1.pk}, KEEPERS1, None),
    "onsite:major_acknowledge": ("post", lambda c: {"pk": c.onsite_major_matter.pk}, OFFICE, None),
}

# Not case material: sign-in and the language switch. And the respondents' page of the surveys (/s/,
# groups/surveys/public.py): no account, a one-time code opens that code's survey form and nothing else
# (tested in tests/surveys/test_public.py).
UNGUARDED_NAMESPACES: set[str] = set()
UNGUARDED = {"login", "logout", "set_language", "surveys_public:start", "surveys_public:answer"}


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in UNGUARDED_NAMESPACES:
                continue
            yield from _all_url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    missing = sorted(set(_all_url_names()) - set(MATRIX) - UNGUARDED)
    assert not missing, f"views without a permission matrix entry: {missing}"


def _build_world(county):
    from tests.documents.helpers import ready_document
    from tests.files.samples import make_pdf, upload
    from xunchar.approvals.services import approval_submit
    from xunchar.files.services import attachment_upload
    from xunchar.notifications.models import Notification
    from xunchar.workdays.models import CalendarDay

    county.attachment = attachment_upload(owner=county.inspection1, file=upload("谈话笔录.pdf", make_pdf()), actor=county.office)
    county.notification = Notification.objects.create(recipient=county.office, title="给巡察办的通知")
    county.calendar_day = CalendarDay.objects.create(date=datetime.date(2027, 1, 1), is_workday=False, name="元旦")
    county.approval = approval_submit(chain="tests.group_paper", subject=county.group1, actor=county.member1)
    county.document = ready_document(kind="groups.roster", subject=county.group1, actor=county.office, content=make_pdf())
    from tests.petitions.records import add_group1_petitions

    add_group1_petitions(county)
    from tests.sealing.records import delivered

    county.sealed_petition, county.delivery = delivered(county)
    from tests.clues.records import add_group1_inquiries

    add_group1_inquiries(county)
    from tests.groups.talk_records import add_group1_talks

    add_group1_talks(county)
    from tests.withdrawal.records import add_group1_withdrawal_records

    add_group1_withdrawal_records(county)
    from tests.docrequests.records import add_group1_documents

    add_group1_documents(county)
    from tests.workpapers.records import add_group1_working_papers

    add_group1_working_papers(county)
    from tests.surveys.records import add_group1_surveys

    add_group1_surveys(county)
    from tests.onsite.records import add_group1_onsite

    add_group1_onsite(county)
    return _preparation(county)


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world is built once per module, inside a transaction rolled back at the end; each test runs
    in a savepoint of its own (the `db` fixture), so what one test's POSTs change is undone for the next."""
    from django.db import transaction
    from django.test.utils import override_settings

    from tests.conftest import make_county

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        world = _build_world(make_county())
        yield world, dict(vars(world)), media
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_once, db, settings):
    from django.db import models

    world, snapshot, media = _world_once
    settings.MEDIA_ROOT = media
    # An earlier test may have replaced or changed these objects in memory: back to the rows as built.
    vars(world).clear()
    vars(world).update(snapshot)
    for value in snapshot.values():
        if isinstance(value, models.Model):
            value.refresh_from_db()
    return world


def _preparation(world):
    """A round in preparation with one group, a unit, a person with a recusal conflict, a
    secondment — (re)made after an allowed POST took one away."""
    from groups.models import GroupMembership, Inspection, InspectionGroup
    from rounds.models import RecusalConflict, Round, Secondment
    from tests.factories import CadreFactory, UnitFactory

    world.prep_round, _ = Round.objects.get_or_create(year=2027, number=1, defaults={"phase": Round.Phase.PREPARATION})
    world.prep_group, _ = InspectionGroup.objects.get_or_create(round=world.prep_round, number=1)
    if not hasattr(world, "prep_unit"):
        world.prep_unit = UnitFactory(name="示例县水利局")
        world.prep_cadre = CadreFactory(name="备选干部甲", unit=world.prep_unit)
    world.prep_inspection, _ = Inspection.objects.get_or_create(round=world.prep_round, group=world.prep_group, unit=world.prep_unit)
    world.prep_membership, _ = GroupMembership.objects.get_or_create(
        group=world.prep_group, cadre=world.prep_cadre, defaults={"role": GroupMembership.RoundRole.MEMBER}
    )
    world.prep_conflict, _ = RecusalConflict.objects.get_or_create(
        group=world.prep_group, cadre=world.prep_cadre, basis_key=f"unit:{world.prep_unit.pk}",
        defaults={"round": world.prep_round, "unit": world.prep_unit, "source": RecusalConflict.Source.WORKS_THERE, "detail": "现在该单位任职"},
    )
    world.prep_secondment, _ = Secondment.objects.get_or_create(
        round=world.prep_round, cadre=world.prep_cadre,
        defaults={"source": Secondment.Source.ORGANIZATION, "requested_on": datetime.date(2026, 11, 2)},
    )
    return world


@pytest.mark.parametrize("name", list(MATRIX))
def test_matrix(client, world, name):
    """Each persona in turn (one county per URL keeps the suite fast); every wrong answer is listed."""
    from django.urls import reverse

    method, kwargs, allowed, secret = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    wrong = []
    for persona in PERSONAS:
        client.force_login(world.users[persona])
        response = getattr(client, method)(url)
        status = response.status_code
        if persona in allowed:
            if status not in (200, 302) or (status == 302 and "/accounts/login/" in response["Location"]):
                wrong.append(f"{persona} should reach it, got {status}")
        elif status not in (403, 404):
            wrong.append(f"{persona} must be refused, got {status}")
        elif secret and secret in response.content.decode():
            wrong.append(f"{persona} is refused but the page leaks {secret!r}")
        if method == "post" and persona in allowed:
            # a POST may have changed what the next persona sees; start each persona afresh
            world = _reset(world)
            url = reverse(name, kwargs=kwargs(world))
    assert not wrong, f"{name}: " + "; ".join(wrong)


def _reset(world):
    """Undo the effects of an allowed POST (a withdrawal, a deleted day, notifications read)."""
    from xunchar.notifications.models import Notification
    from xunchar.workdays.models import CalendarDay

    world.group1.refresh_from_db()
    type(world.member1).objects.filter(pk=world.member1.pk).update(is_active=True)
    world.group1.deadlines.all().delete()
    if world.group1.withdrawn_on:
        world.group1.withdrawn_on = None
        world.group1.save()
    Notification.objects.filter(pk=world.notification.pk).update(read_at=None)
    _preparation(world)
    world.calendar_day, _ = CalendarDay.objects.get_or_create(
        date=datetime.date(2027, 1, 1), defaults={"is_workday": False, "name": "元旦"}
    )
    # groups: a reopened work plan is filed again
    world.work_plan_revision1.plan.refresh_from_db()
    if world.work_plan_revision1.plan.state != "filed":
        world.work_plan_revision1.plan.state = "filed"
        world.work_plan_revision1.plan.save()
    # talks: a removed problem is tagged again
    from groups.talk_models import TalkProblem

    if not TalkProblem.objects.filter(pk=world.talk_problem1.pk).exists():
        from groups.talks import talk_problem_add

        world.talk_problem1 = talk_problem_add(talk=world.talk1, actor=world.member1, category="integrity", text="补记问题")
    return world


@pytest.mark.parametrize("name", list(MATRIX))
def test_anonymous_is_sent_to_sign_in(client, world, name):
    from django.urls import reverse

    method, kwargs, _, secret = MATRIX[name]
    response = getattr(client, method)(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
