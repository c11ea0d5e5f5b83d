"""Group 1's preparation records in the county fixture: one of each kind, made directly (no services,
so nobody gets a notification), for the permission matrix and the groups tests."""

import datetime

from groups.models import (
    FocusItem,
    GroupMeeting,
    GroupMeetingItem,
    GroupWorkPlan,
    GroupWorkPlanRevision,
    OpinionNote,
    SelfReport,
    SelfReportSection,
    SelfReportVersion,
)

MEETING_DECISIONS = "研究确定个别谈话名单"
OPINION_SUMMARY = "网民反映财政局惠农补贴发放不及时"
FOCUS_RISK = "专项资金挪用"
PLAN_TASKS = "重点了解财政资金分配使用情况"


def add_group1_preparation(county) -> None:
    leader1 = county.leader1
    group1 = county.group1
    memberships = {m.cadre_id: m for m in group1.memberships.all()}
    meeting = GroupMeeting.objects.create(
        group=group1, number=1, held_on=datetime.date(2026, 10, 9), minute_taker=memberships[county.liaison1.cadre_id],
        decisions=MEETING_DECISIONS, recorded_by=leader1,
    )
    meeting.attendees.set([memberships[county.users[u].cadre_id] for u in ("leader1", "deputy1", "liaison1")])
    GroupMeetingItem.objects.create(meeting=meeting, position=1, kind=GroupMeetingItem.Kind.WORK_ARRANGEMENTS,
                                    text="部署进驻前各项准备工作")
    sections = {"tasks": PLAN_TASKS, "methods": "个别谈话、调阅资料", "schedule": "十月中旬进驻",
                "staffing": "组长负责，副组长协助", "discipline": "严守巡察纪律"}
    plan = GroupWorkPlan.objects.create(group=group1, updated_by=leader1, **sections)
    revision = GroupWorkPlanRevision.objects.create(plan=plan, number=1, filed_by=leader1, branch_plan="每周组织一次学习",
                                                    **sections)
    plan.state, plan.latest_revision = GroupWorkPlan.State.FILED, revision
    plan.save(update_fields=["state", "latest_revision"])
    opinion = OpinionNote.objects.create(
        inspection=county.inspection1, source="示例县融媒体中心", noted_on=datetime.date(2026, 9, 28),
        summary=OPINION_SUMMARY, recorded_by=county.member1,
    )
    focus = FocusItem.objects.create(
        inspection=county.inspection1, position=1, area="财政资金管理", description="惠农补贴资金的分配和发放",
        risk_points=FOCUS_RISK, source=FocusItem.Source.BRIEFING, created_by=leader1,
    )
    report = SelfReport.objects.create(inspection=county.inspection1, state=SelfReport.State.PENDING,
                                       problems_causes_chars=10, total_chars=12, version_count=1)
    version = SelfReportVersion.objects.create(report=report, number=1, problems_chars=6, causes_chars=4, other_chars=2,
                                               outcome=SelfReportVersion.Outcome.PENDING, submitted_by=county.unit1)
    SelfReportSection.objects.bulk_create([
        SelfReportSection(version=version, position=1, kind="problems", text="资金拨付滞后"),
        SelfReportSection(version=version, position=2, kind="causes", text="审核把关"),
        SelfReportSection(version=version, position=3, kind="other", text="成绩"),
    ])
    county.meeting1, county.work_plan_revision1, county.opinion1 = meeting, revision, opinion
    county.focus1, county.self_report_version1 = focus, version
