"""Issue 6's working-paper walk: a member writes a paper on a problem from a petition, submits it; the
leader finds no signing button before the deputy's check; the deputy checks, the leader signs and hands
it to a custodian. Selectors are ids and test ids."""

import pytest
from playwright.sync_api import expect

from groups.workpapers.models import WorkingPaper
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "财政局违规发放津补贴问题"


def _as(page, live_server, username, county=None):
    page.context.clear_cookies()
    sign_in(page, live_server, username)
    # Signed in as this person before going on (the sign-in's redirect can still be in flight).
    expect(page.locator(".who")).to_have_text(_display_name(username))


def _display_name(username):
    from xunchar.accounts.models import User

    return User.objects.get(username=username).display_name


def test_a_working_paper_goes_from_draft_to_signed(page, live_server, county, screenshot):
    from tests.petitions.records import register

    petition = register(county, summary="反映财政局违规发放津补贴")
    page.set_default_timeout(10_000)
    _as(page, live_server, "member1")
    page.goto(f"{live_server.url}/workpapers/groups/{county.group1.pk}/")
    page.locator(f'a[href="/workpapers/groups/{county.group1.pk}/new/"]').click()
    form = page.get_by_test_id("paper-form")
    form.locator("#id_title").fill(TITLE)
    form.locator("#id_summary").fill("2025年财政局以加班补助名义向全体干部发放津补贴共计12.6万元。")
    form.locator(f'input[name="petitions"][value="{petition.pk}"]').check()
    form.locator("#id_investigation").fill("调阅2025年会计凭证，与财务股长谈话。")
    form.locator("#id_facts").fill("查实2025年3月至12月违规发放津补贴12.6万元。")
    screenshot("workpaper-01-draft")
    form.locator("button.primary").click()
    paper = WorkingPaper.objects.get(title=TITLE)
    expect(page).to_have_url(f"{live_server.url}{paper.get_absolute_url()}")
    expect(page.get_by_test_id("paper-stage")).to_have_attribute("data-stage", "draft")
    page.get_by_test_id("submit-paper").click()
    expect(page.get_by_test_id("paper-stage")).to_have_attribute("data-stage", "checking")

    # Before the deputy's check the leader has nothing to sign.
    _as(page, live_server, "leader1")
    page.goto(f"{live_server.url}{paper.get_absolute_url()}")
    expect(page.get_by_test_id("paper-stage")).to_have_attribute("data-stage", "checking")
    expect(page.get_by_test_id("decide-paper")).to_have_count(0)

    _as(page, live_server, "deputy1")
    page.goto(f"{live_server.url}{paper.get_absolute_url()}")
    decide = page.get_by_test_id("decide-paper")
    decide.locator("textarea").fill("事实清楚，证据充分。")
    decide.locator('button[value="check"]').click()
    expect(page.get_by_test_id("paper-stage")).to_have_attribute("data-stage", "signing")
    expect(page.get_by_test_id("decide-paper")).to_have_count(0)  # the deputy does not sign

    _as(page, live_server, "leader1")
    page.goto(f"{live_server.url}{paper.get_absolute_url()}")
    decide = page.get_by_test_id("decide-paper")
    decide.locator("textarea").fill("同意。")
    decide.locator('button[value="sign"]').click()
    expect(page.get_by_test_id("paper-stage")).to_have_attribute("data-stage", "signed")
    hand_over = page.get_by_test_id("hand-over")
    hand_over.locator("select").select_option(str(county.group1.memberships.get(cadre=county.liaison1.cadre).pk))
    hand_over.locator("button.primary").click()
    expect(page.get_by_test_id("custodian")).to_contain_text(county.liaison1.cadre.name)
    screenshot("workpaper-02-signed")
    paper = WorkingPaper.objects.with_stage().get(pk=paper.pk)
    assert paper.stage == "handed"
