"""Issue 5's browser walk: the liaison logs a letter on one page, the group leader marks it important
and instructs from the approval page; the instruction shows on the item. Selectors are ids
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

    # The leader marks it important (the 重要信访呈批单) and instructs on it.
    _as(page, live_server, "leader1")
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    decide = page.get_by_test_id("scope-decision")
    decide.locator('textarea[name="proposal"]').fill("反映财务违规问题，建议报组长批示。")
    decide.locator('form[action$="/important/"] button').click()
    expect(page.get_by_test_id("approval-panel")).to_be_visible()
    page.get_by_test_id("approval-panel").locator('a[href^="/approvals/"]').click()
    decision = page.get_by_test_id("decision-form")
    decision.locator('textarea[name="opinion"]').fill(INSTRUCTION)
    decision.locator('button[name="decision"][value="pass"]').click()
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    expect(page.get_by_test_id("instruction")).to_contain_text(INSTRUCTION)
    screenshot("petitions-02-instructed")


SEALED = "来信反映县纪委某室副主任收受礼金"


def test_an_item_about_a_commission_cadre_is_sealed_and_the_head_opens_it(page, live_server, county, screenshot):
    """§2: the liaison links the person to the cadre pool; the system routes it to the leader, who fills
    the report form and names the liaison to register it; the office delivers it; only the head opens it."""
    from tests.sealing.records import commission_cadre
    from xunchar.sealing.models import DirectDelivery, DirectDeliveryOpening

    cadre = commission_cadre()
    page.set_default_timeout(10_000)
    _as(page, live_server, "liaison1")
    page.goto(f"{live_server.url}/petitions/groups/{county.group1.pk}/new/")
    form = page.get_by_test_id("petition-form")
    form.locator('input[name="channel"][value="letter"]').check()
    form.locator("#id_complained_about").fill("县纪委监委第一纪检监察室副主任")
    form.locator("#id_complained_cadre").select_option(str(cadre.pk))
    form.locator("#id_summary").fill(SEALED)
    form.locator("details.petitioner-fields summary").click()
    form.locator("#id_petitioner_name").fill("孙大圣")
    form.locator("button.primary").click()
    petition = Petition.objects.get(content__summary=SEALED)
    expect(page.get_by_test_id("sealed-facts")).to_be_visible()  # the liaison no longer reads it
    expect(page.locator("body")).not_to_contain_text(SEALED)
    delivery = DirectDelivery.objects.get(source_id=petition.pk)
    screenshot("petitions-03-routed")

    _as(page, live_server, "leader1")
    page.goto(f"{live_server.url}/sealed/{delivery.pk}/")
    report = page.get_by_test_id("report-form")
    report.locator("#id_person").fill("柯振邦，县纪委监委第一纪检监察室副主任")
    report.locator("#id_points").fill("反映收受礼金问题。")
    report.locator("#id_registrar").select_option(str(county.liaison1.pk))
    screenshot("petitions-04-report-form")
    report.locator("button.primary").click()
    expect(page.get_by_test_id("delivery-state")).to_have_attribute("class", "tag state-reported")

    _as(page, live_server, "liaison1")
    page.goto(f"{live_server.url}/sealed/{delivery.pk}/")
    page.get_by_test_id("register").locator("button").click()
    expect(page.get_by_test_id("delivery-state")).to_have_attribute("class", "tag state-sealed")

    _as(page, live_server, "office")
    page.goto(f"{live_server.url}/sealed/{delivery.pk}/")
    expect(page.get_by_test_id("open-sealed")).to_have_count(0)
    page.get_by_test_id("deliver").locator("button").click()
    expect(page.get_by_test_id("delivery-state")).to_have_attribute("class", "tag state-delivered")

    _as(page, live_server, "secretary")
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    page.get_by_test_id("open-sealed").click()
    expect(page.get_by_test_id("sealed-content")).to_contain_text(SEALED)
    expect(page.get_by_test_id("sealed-content")).to_contain_text("孙大圣")
    screenshot("petitions-05-opened-by-the-head")
    assert DirectDeliveryOpening.objects.filter(delivery=delivery, user=county.secretary).count() == 1
    page.goto(f"{live_server.url}/sealed/{delivery.pk}/")
    expect(page.get_by_test_id("openings")).to_contain_text(county.secretary.display_name)
