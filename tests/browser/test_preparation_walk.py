"""Issue 4's "Done when": a round walked in the browser from proposal to "entered".

Office, executive deputy, secretary, the group's leader and its people each sign in through the
login form and click through the real pages: round and staffing (the rotation rule refuses a
leader once), the task allocation plan through review and approval, the round work plan and the
authorization decision, the mobilization meeting, recusal declarations (in the app and on paper),
confidentiality pledges, the temporary branch and the group work plan, the self-report under the
60% rule, and the entry. Only the accounts and the cadre pool are set up beforehand (the `county`
fixture); nothing moves the story on but the pages. Screenshots land in test-artifacts/screenshots/.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import InspectionGroup
from rounds.models import Round
from xunchar.registry.models import Cadre

from .test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The people of the new group get names, so that the pages read like the real thing.
NAMES = {"leader1": "周立军", "leader2": "陈国华", "deputy1": "刘明远", "liaison1": "赵敏", "member1": "孙浩"}
GROUP = "第一巡察组"  # the new round's first group
UNIT = "示例县财政局"  # county.unit_a: leader1 led group 1 for it in round 2026-2

# The self-report, counted in characters: problems + causes against the whole.
PROBLEMS_SHORT, CAUSES_SHORT = "惠农补贴资金拨付滞后。", "审核把关流于形式。"  # 11 + 9
OTHER_LONG = "全年完成各项目标任务，财政收入稳步增长，民生支出保障更有力。"  # 30: 20 of 50 = 40%
PROBLEMS, CAUSES = "惠农补贴资金拨付滞后，专项资金存在挤占挪用。", "审核把关流于形式，内控制度执行不严。"  # 22 + 18
OTHER = "全年完成各项目标任务"  # 10: 40 of 50 = 80%


def _cadre_label(user) -> str:
    cadre = Cadre.objects.select_related("unit").get(pk=user.cadre_id)
    return f"{cadre.name}（{cadre.unit} {cadre.post}）"


def _messages(page):
    return page.locator("ul.messages")


class Walk:
    """The browser, one persona at a time."""

    def __init__(self, page, live_server, county, screenshot):
        self.page, self.live_server, self.county, self.screenshot = page, live_server, county, screenshot
        self.signed_in = False
        self.shots = 0
        page.set_default_timeout(10_000)  # a step that does not happen fails in seconds, not half a minute

    def sign_in(self, username):
        """Sign out (the top bar's button) and sign in as `username` through the login form."""
        page = self.page
        if self.signed_in:
            page.get_by_role("button", name="退出").click()
            expect(page.locator("#id_username")).to_be_visible()
        sign_in(page, self.live_server, username)
        expect(page.locator(".who")).to_have_text(self.county.users[username].display_name)
        self.signed_in = True

    def shot(self, name):
        """test-artifacts/screenshots/walk-NN-<name>.png, numbered in the order of the walk."""
        self.shots += 1
        self.screenshot(f"walk-{self.shots:02d}-{name}")

    def nav(self, name):
        self.page.locator("nav.sidenav").get_by_role("link", name=re.compile(name)).click()

    def expect_success(self, text):
        expect(_messages(self.page).locator(".msg-success")).to_contain_text(text)

    def open_round(self, round_name):
        self.nav("巡察轮次")
        self.page.get_by_role("link", name=round_name, exact=True).click()
        expect(self.page.locator("h1")).to_contain_text(round_name)

    def open_s01(self, round_name, link):
        """The office or the leading group: a paper of S01 from the round page."""
        self.open_round(round_name)
        self.page.get_by_test_id("s01").get_by_role("link", name=link, exact=True).click()

    def open_my_group(self, label):
        """A group person: from the home page to the group page."""
        self.page.get_by_role("link", name=label, exact=True).click()
        expect(self.page.get_by_test_id("preparation")).to_be_visible()

    def decide(self, subject_name, button, opinion):
        """A leader of the leading group: from the approvals inbox to the decision."""
        page = self.page
        self.nav("审批")
        expect(page.get_by_test_id("tab-pending")).to_have_class(re.compile("current"))
        page.get_by_test_id("approval-list").get_by_role("link", name=subject_name, exact=True).click()
        expect(page.get_by_test_id("decision-form")).to_be_visible()
        page.fill("#id_opinion", opinion)
        page.get_by_test_id("decision-form").get_by_role("button", name=button).click()
        self.expect_success("审批意见已记录。")

    def declare_nothing(self):
        page = self.page
        page.get_by_test_id("preparation").get_by_role("link", name="我的回避申请").click()
        page.get_by_label("本人无需要回避的事项").check()
        page.get_by_role("button", name="提交回避申请").click()
        self.expect_success("回避申请已提交。")
        expect(page.locator(".panel")).to_contain_text("无需回避事项")

    def back_to_group(self):
        """The crumbs lead back to the group ("第一巡察组", or its full name)."""
        self.page.locator("p.crumbs").get_by_role("link", name=re.compile(f"{GROUP}$")).click()
        expect(self.page.get_by_test_id("preparation")).to_be_visible()

    def sign_pledge(self, shot=None):
        page = self.page
        self.back_to_group()
        page.get_by_test_id("preparation").get_by_role("link", name="我的承诺书").click()
        expect(page.get_by_test_id("pledge-text")).to_be_visible()
        page.get_by_label("本人已阅读上述承诺内容，并承诺严格遵守。").check()
        if shot:
            self.shot(shot)
        page.get_by_role("button", name="签订承诺书").click()
        self.expect_success("保密承诺书")


def test_a_round_walks_from_proposal_to_entered(page, live_server, county, screenshot):
    today = timezone.localdate()
    for username, name in NAMES.items():
        Cadre.objects.filter(pk=county.users[username].cadre_id).update(name=name)
    walk = Walk(page, live_server, county, screenshot)

    # --- 1. The office proposes the round, forms its group and drafts the task allocation plan ----
    walk.sign_in("office")
    walk.nav("巡察轮次")
    page.get_by_role("link", name="新建巡察轮次").click()
    page.fill("#id_mobilization_date", today.isoformat())
    page.fill("#id_entry_date", today.isoformat())
    page.fill("#id_planned_withdrawal_date", (today + datetime.timedelta(days=45)).isoformat())
    page.fill("#id_focus", "聚焦财政资金管理使用和惠民政策落实")
    walk.shot("round-form")
    page.get_by_role("button", name="新建").click()
    expect(page.locator("h1")).to_contain_text("分组与人员")
    round_ = Round.objects.order_by("-pk").first()
    round_name = str(round_)
    assert round_.phase == Round.Phase.PREPARATION and round_ != county.round

    page.get_by_role("button", name="增加巡察组").click()
    walk.expect_success("已增加巡察组。")
    group_name = GROUP
    expect(page.locator("section.staffing-group h2")).to_contain_text(group_name)

    units_form = page.locator("form[action$='/staffing/units/add/']")
    units_form.locator("select[name=unit]").select_option(label=UNIT)
    units_form.get_by_role("button", name="添加").click()
    walk.expect_success("已确定巡察对象。")

    people_form = page.locator("form[action$='/staffing/people/add/']")

    def add_person(username, role):
        people_form.locator("select[name=cadre]").select_option(label=_cadre_label(county.users[username]))
        people_form.locator("select[name=role]").select_option(label=role)
        people_form.get_by_role("button", name="编入").click()

    # 三个不固定: leader1 led a group for the same unit in round 2026-2.
    add_person("leader1", "组长")
    refusal = _messages(page).locator(".msg-error")
    expect(refusal).to_contain_text("三个不固定")
    expect(refusal).to_contain_text(NAMES["leader1"])
    expect(refusal).to_contain_text(UNIT)
    walk.shot("rotation-refused")
    add_person("leader2", "组长")
    walk.expect_success("已编入巡察组。")
    for username, role in (("deputy1", "副组长"), ("liaison1", "联络员"), ("member1", "成员")):
        add_person(username, role)
        walk.expect_success("已编入巡察组。")
    people = page.locator("section.staffing-group table")
    for username in ("leader2", "deputy1", "liaison1", "member1"):
        expect(people).to_contain_text(NAMES[username])
    expect(people).not_to_contain_text(NAMES["leader1"])
    walk.shot("staffing")

    page.locator("nav.tabs").get_by_role("link", name="回避").click()
    expect(page.locator("h1")).to_contain_text("回避")
    expect(page.get_by_role("row").filter(has_text=NAMES["member1"])).to_contain_text("未提交")
    walk.shot("recusal")

    walk.open_s01(round_name, "巡察任务分工方案")
    panel = page.get_by_test_id("approval-panel")
    page.fill("#id_consultation", "已征求县纪委监委、县委组织部意见，均无异议。")
    page.fill("#id_explanation", "第一巡察组巡察县财政局，组长不与以往带队巡察的单位重复。")
    page.get_by_role("button", name="保存").click()
    walk.expect_success("巡察任务分工方案已保存。")
    panel.get_by_role("button", name="提交审批").click()
    walk.expect_success("已提交审批。")
    expect(panel.get_by_test_id("approval-state")).to_have_text("审批中")
    plan_name = f"{round_name}任务分工方案"
    walk.shot("task-plan-submitted")

    # --- 2. At the review step the secretary cannot decide yet; the executive deputy reviews ------
    walk.sign_in("secretary")
    expect(page.get_by_test_id("pending-approvals")).to_have_count(0)  # nothing in the inbox yet
    walk.open_s01(round_name, "巡察任务分工方案")
    page.get_by_test_id("approval-panel").get_by_role("link", name="审批详情").click()
    expect(page.get_by_test_id("approval-steps").locator("[data-step=review]")).to_contain_text("待审批")
    expect(page.get_by_test_id("decision-form")).to_have_count(0)
    walk.shot("secretary-before-review")

    walk.sign_in("deputy")
    expect(page.get_by_test_id("pending-approvals")).to_have_text("1")
    walk.decide(plan_name, "审核通过", "分工合理，同意提请书记审批。")
    expect(page.get_by_test_id("approval-steps").locator("[data-step=review]")).to_contain_text("分工合理")
    walk.shot("deputy-reviewed")

    # --- 3. The secretary approves -----------------------------------------------------------------
    walk.sign_in("secretary")
    walk.decide(plan_name, "同意", "同意。")
    expect(page.locator("h1").get_by_test_id("approval-state")).to_have_text("已批准")
    walk.shot("task-plan-approved")

    # --- 4. Work plan and authorization decision; the mobilization meeting --------------------------
    walk.sign_in("office")
    walk.open_s01(round_name, "巡察工作方案")
    page.fill("#id_tasks", "准备阶段：组建巡察组、开展培训；了解阶段：进驻被巡察单位开展监督；报告阶段：形成巡察报告。")
    page.fill("#id_requirements", "严守巡察纪律，严格执行保密规定。")
    page.get_by_role("button", name="保存").click()
    walk.expect_success("巡察工作方案已保存。")
    page.get_by_test_id("approval-panel").get_by_role("button", name="提交审批").click()
    walk.expect_success("已提交审批。")

    walk.open_s01(round_name, group_name)
    page.fill("#id_duties", "组长主持全面工作，副组长协助组长工作，联络员负责联络协调。")
    page.get_by_role("button", name="保存").click()
    walk.expect_success("授权决定已保存。")
    page.get_by_test_id("approval-panel").get_by_role("button", name="提交审批").click()
    walk.expect_success("已提交审批。")

    walk.sign_in("deputy")
    expect(page.get_by_test_id("pending-approvals")).to_have_text("2")
    walk.decide(f"{round_name}工作方案", "同意", "同意。")
    walk.decide(f"关于{round_name}{group_name}组长授权任职及任务分工的决定", "同意", "同意。")
    walk.shot("authorization-approved")

    walk.sign_in("office")
    walk.open_s01(round_name, "巡察工作方案")
    expect(page.get_by_test_id("approval-state")).to_have_text("已批准")
    page.get_by_role("button", name="记录报备").click()
    walk.expect_success("已记录向州委巡察办报备。")
    walk.open_s01(round_name, group_name)
    page.get_by_role("button", name="记录宣布").click()
    walk.expect_success("已记录宣布情况。")

    walk.open_round(round_name)
    page.get_by_test_id("preparation").get_by_role("link", name="动员部署会").click()
    page.get_by_role("link", name="记录动员部署会").click()
    page.fill("#id_place", "县委常委会议室")
    for box in page.locator("input[name=checked_in]").all():
        box.check()
    page.get_by_role("button", name="保存").click()
    walk.expect_success("已记录动员部署会")
    expect(page.get_by_test_id("meeting")).to_contain_text(NAMES["member1"])
    walk.shot("mobilization")

    # The inspection notice to the unit, copied to the group (S02.2): drafted, completed, issued.
    walk.open_round(round_name)
    page.get_by_test_id("preparation").get_by_role("link", name="巡察通知").click()
    page.get_by_role("button", name="起草缺少的巡察通知").click()
    page.get_by_role("link", name="示例县财政局").first.click()
    page.get_by_role("link", name="修改正文").click()
    page.fill("#id_contact_phone", "0971-8123456")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="印发此通知").click()
    walk.expect_success("已印发：巡察办发〔")

    # --- 5. A paper declaration entered by the office (the liaison declared on paper) ----------------
    walk.open_round(round_name)
    page.get_by_role("link", name="回避", exact=True).click()
    row = page.get_by_role("row").filter(has_text=NAMES["liaison1"])
    row.get_by_text("录入纸质回避申请").click()
    row.get_by_label("无需回避事项").check()
    row.get_by_role("button", name="录入").click()
    walk.expect_success("回避申请已录入。")
    expect(page.get_by_role("row").filter(has_text=NAMES["liaison1"])).not_to_contain_text("未提交")

    # --- 5, 6. The group's people: declaration, pledge; the member enters the self-report -----------
    home_link = f"{round_name} · {group_name}"

    walk.sign_in("member1")
    walk.open_my_group(home_link)
    expect(page.get_by_test_id("entry-blockers")).to_be_visible()
    walk.shot("member-group-page")
    walk.declare_nothing()
    walk.sign_pledge(shot="pledge")
    expect(page.get_by_test_id("pledge-count").first).to_have_text("1/4")

    walk.back_to_group()
    page.get_by_test_id("preparation").get_by_role("link", name="未提交").click()
    page.get_by_role("link", name="提交汇报材料").click()
    page.fill("#id_sections-0-text", PROBLEMS_SHORT)
    page.fill("#id_sections-1-text", CAUSES_SHORT)
    page.fill("#id_sections-2-text", OTHER_LONG)
    page.get_by_role("button", name="提交", exact=True).click()
    expect(_messages(page).locator(".msg-error")).to_contain_text("问题及原因分析仅占 40%，不足 60%，已退回修改")
    expect(page.get_by_test_id("self-report-share")).to_contain_text("40%")
    expect(page.get_by_test_id("self-report-state")).to_have_text("退回修改")
    walk.shot("self-report-under-60")
    page.get_by_role("link", name="提交新稿").click()
    page.fill("#id_sections-0-text", PROBLEMS)
    page.fill("#id_sections-1-text", CAUSES)
    page.fill("#id_sections-2-text", OTHER)
    page.get_by_role("button", name="提交", exact=True).click()
    walk.expect_success("第2稿")
    expect(page.get_by_test_id("self-report-share")).to_contain_text("80%")

    for username in ("deputy1", "liaison1"):
        walk.sign_in(username)
        walk.open_my_group(home_link)
        if username == "deputy1":
            walk.declare_nothing()
        else:
            page.get_by_test_id("preparation").get_by_role("link", name="我的回避申请").click()
            expect(page.locator(".panel")).to_contain_text("无需回避事项")  # the office's paper entry
        walk.sign_pledge()

    # --- 6. The leader: declaration, pledge, branch, group work plan; accepts the self-report --------
    walk.sign_in("leader2")
    walk.open_my_group(home_link)
    walk.declare_nothing()
    walk.sign_pledge()
    expect(page.get_by_test_id("pledge-count").first).to_have_text("4/4")

    walk.back_to_group()
    page.get_by_test_id("preparation").get_by_role("link", name="临时党支部").click()
    for box in page.locator("input[name=party_members]").all():
        box.check()
    page.fill("#id_work_plan", "每周组织一次集中学习，发挥支部战斗堡垒作用。")
    page.get_by_role("button", name="保存").click()
    walk.expect_success("已保存")

    walk.back_to_group()
    page.get_by_test_id("preparation").get_by_role("link", name="工作方案").click()
    page.get_by_role("link", name="起草工作方案").click()
    page.fill("#id_tasks", "重点了解财政资金分配使用和惠民政策落实情况。")
    page.fill("#id_methods", "听取汇报、个别谈话、调阅资料、受理信访。")
    page.fill("#id_schedule", "进驻后第一周听取汇报，其余时间开展个别谈话和专项检查。")
    page.fill("#id_staffing", "组长全面负责，副组长协助，联络员负责联络协调。")
    page.fill("#id_discipline", "严守巡察纪律和保密规定。")
    page.get_by_role("button", name="保存草稿").click()
    walk.expect_success("已保存")
    page.get_by_role("button", name=re.compile("第1版报巡察办备案")).click()
    walk.expect_success("第1版")
    walk.shot("group-work-plan-filed")

    walk.back_to_group()
    page.get_by_test_id("preparation").get_by_role("link", name=re.compile("（80%）")).click()
    page.get_by_role("button", name="审核通过").click()
    walk.expect_success("汇报材料已审核通过。")
    expect(page.get_by_test_id("self-report-state")).to_have_text("审核通过")
    walk.shot("self-report-accepted")

    # --- The office acknowledges the filed work plan ---------------------------------------------------
    walk.sign_in("office")
    walk.open_round(round_name)
    page.locator("table.grid").get_by_role("link", name=group_name, exact=True).click()
    page.get_by_test_id("preparation").get_by_role("link", name="工作方案").click()
    page.get_by_role("link", name="第1版").click()
    page.get_by_role("button", name="签收").click()
    walk.expect_success("已签收。")

    # --- 7. The leader records the entry; the group is on site, and so is the round -----------------
    walk.sign_in("leader2")
    walk.open_my_group(home_link)
    expect(page.get_by_test_id("entry-blockers")).to_have_count(0)
    expect(page.get_by_test_id("preparation")).to_contain_text("进驻条件均已具备。")
    walk.shot("ready-to-enter")
    expect(page.locator("#id_entered_on")).to_have_value(today.isoformat())
    page.get_by_role("button", name="记录进驻").click()
    walk.expect_success("已记录巡察组进驻日期。")
    expect(page.locator("dl.facts")).to_contain_text(f"{today.year}年{today.month}月{today.day}日")
    walk.shot("entered")
    page.locator("p.crumbs").get_by_role("link", name=round_name).click()
    expect(page.locator("h1 .phase")).to_have_text("巡察了解")
    expect(page.get_by_role("row").filter(has_text=group_name)).to_contain_text("已进驻")
    walk.shot("round-on-site")

    group = InspectionGroup.objects.get(round=round_, number=1)
    round_.refresh_from_db()
    assert group.entered_on == today
    assert round_.phase == Round.Phase.ON_SITE
