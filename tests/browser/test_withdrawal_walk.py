"""Issue 6's withdrawal walk: the leader cannot mark the group withdrawn while anything is open and is
told what; the checklist is settled on its page (the talk with the unit's leader, the destruction
checked by the deputy, the zero-holding reports signed or recorded); then the group withdraws, and the
member no longer reaches the group's material. Selectors are ids and test ids."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, live_server, username, county=None):
    page.context.clear_cookies()
    sign_in(page, live_server, username)
    # Signed in as this person before going on (the sign-in's redirect can still be in flight).
    expect(page.locator(".who")).to_have_text(_display_name(username))


def _display_name(username):
    from xunchar.accounts.models import User

    return User.objects.get(username=username).display_name


def _membership(county, username):
    return county.group1.memberships.get(cadre=county.users[username].cadre)


def test_a_group_goes_from_on_site_to_withdrawn(page, live_server, county, screenshot):
    page.set_default_timeout(10_000)
    checklist = f"{live_server.url}/withdrawal/groups/{county.group1.pk}/"
    _as(page, live_server, "leader1")
    page.goto(checklist)
    withdraw = page.get_by_test_id("withdraw-form")
    withdraw.locator("#id_withdrawn_on").fill("2026-11-20")
    withdraw.locator("button.primary").click()
    refusal = page.get_by_test_id("withdraw-form")
    expect(refusal).to_contain_text("示例县财政局")  # the talk with the unit's leader is missing
    expect(refusal).to_contain_text(county.member1.cadre.name)  # and member1's zero-holding report
    screenshot("withdrawal-01-refused")
    county.group1.refresh_from_db()
    assert county.group1.withdrawn_on is None

    # The talk with the unit's principal leader, and the destruction, checked by the deputy.
    talk = page.get_by_test_id(f"talk-form-{county.inspection1.pk}")
    talk.locator("summary").click()
    talk.locator(f"#id_talk{county.inspection1.pk}-held_on").fill("2026-11-19")
    talk.locator(f"#id_talk{county.inspection1.pk}-unit_leader").fill("周正（党组书记、局长）")
    talk.locator("button.primary").click()
    destruction = page.get_by_test_id("destruction-form")
    destruction.locator("summary").click()
    destruction.locator("#id_destroyed_on").fill("2026-11-19")
    destruction.locator("#id_description").fill("谈话提纲草稿、工作笔记复印件")
    destruction.locator("#id_sheets").fill("48")
    destruction.locator("#id_destroyed_by").select_option(str(_membership(county, "liaison1").pk))
    destruction.locator("#id_checker").select_option(str(_membership(county, "deputy1").pk))
    destruction.locator("button.primary").click()
    expect(page.get_by_test_id("section-talks")).to_contain_text("周正")
    # The leader signs their own report and records the deputy's and the liaison's paper ones.
    page.get_by_test_id("sign-zero-holding").click()
    for username in ("deputy1", "liaison1"):
        page.get_by_test_id(f"paper-{_membership(county, username).pk}").locator("button").click()

    _as(page, live_server, "deputy1")
    page.goto(checklist)
    page.get_by_test_id("destructions").locator("button.primary").click()
    expect(page.get_by_test_id("section-destruction")).to_contain_text(county.deputy1.cadre.name)

    _as(page, live_server, "member1")
    page.goto(checklist)
    page.get_by_test_id("sign-zero-holding").click()
    expect(page.get_by_test_id("section-zero_holding")).not_to_contain_text("尚未签署")

    _as(page, live_server, "leader1")
    page.goto(checklist)
    expect(page.get_by_test_id("withdrawal-state")).to_contain_text("可以撤离")
    withdraw = page.get_by_test_id("withdraw-form")
    withdraw.locator("#id_withdrawn_on").fill("2026-11-20")
    withdraw.locator("button.primary").click()
    expect(page.get_by_test_id("withdrawal-state")).to_contain_text("2026年11月20日")
    screenshot("withdrawal-02-withdrawn")
    county.group1.refresh_from_db()
    assert str(county.group1.withdrawn_on) == "2026-11-20"
    assert set(county.group1.deadlines.values_list("rule", flat=True)) >= {"D1", "D2"}

    # The member no longer reaches the group's material; the leader does.
    _as(page, live_server, "member1")
    response = page.goto(f"{live_server.url}/petitions/groups/{county.group1.pk}/")
    assert response.status == 404
    _as(page, live_server, "leader1")
    assert page.goto(f"{live_server.url}/petitions/groups/{county.group1.pk}/").status == 200
