"""Issue 5's browser walk for §1: the liaison logs a letter on one page, marks it important, and the
group leader instructs from the approval page; the instruction shows on the item. Selectors are ids
and test ids, so the walk does not depend on the wording of the catalogue."""

import pytest
from playwright.sync_api import expect

from petitions.models import Petition
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "来信反映财政局会计股长虚列支出套取资金"
INSTRUCTION = "请副组长牵头了解核实，注意保护反映人。"


def _as(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def test_liaison_logs_leader_instructs(page, live_server, county, screenshot):
    page.set_default_timeout(10_000)
    _as(page, live_server, "liaison1")
    page.goto(f"{live_server.url}/petitions/groups/{county.group1.pk}/")
    page.locator(f'a[href="/petitions/groups/{county.group1.pk}/new/"]').first.click()
    form = page.get_by_test_id("petition-form")
    form.locator('input[name="channel"][value="letter"]').check()
    form.locator("#id_complained_about").fill("财政局会计股长")
    form.locator("#id_summary").fill(SUMMARY)
    form.locator("#id_full_text").fill("某股长2025年以来多次虚列会议费支出。")
    form.locator("details.petitioner-fields summary").click()
    form.locator("#id_petitioner_name").fill("钱多多")
    form.locator("#id_petitioner_phone").fill("13800009999")
    screenshot("petitions-01-register")
    form.locator("button.primary").click()
    petition = Petition.objects.get(content__summary=SUMMARY)
    expect(page).to_have_url(f"{live_server.url}/petitions/{petition.pk}/")
    assert petition.number == 1 and petition.petitioner.name == "钱多多"

    decide = page.get_by_test_id("scope-decision")
    decide.locator('textarea[name="proposal"]').fill("反映财务违规问题，建议报组长批示。")
    decide.locator('form[action$="/important/"] button').click()
    expect(page.get_by_test_id("approval-panel")).to_be_visible()

    _as(page, live_server, "leader1")
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    page.get_by_test_id("approval-panel").locator('a[href^="/approvals/"]').click()
    decision = page.get_by_test_id("decision-form")
    decision.locator('textarea[name="opinion"]').fill(INSTRUCTION)
    decision.locator('button[name="decision"][value="pass"]').click()
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    expect(page.get_by_test_id("instruction")).to_contain_text(INSTRUCTION)
    screenshot("petitions-02-instructed")
