"""Each demo role signs in through the real form and sees its own home page."""

import pytest

from tests.conftest import PERSONAS
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME_HEADINGS = {
    "secretary": "巡察工作领导小组",
    "deputy": "巡察工作领导小组",
    "director": "巡察办",
    "office": "巡察办",
    "jiwei": "移交给我",
    "zuzhibu": "移交给我",
    "unit1": "示例县财政局",
    "sysadmin": "系统管理员",
    "secadmin": "安全管理员",
    "auditor": "安全审计员",
}


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_signs_in_and_sees_its_home(page, live_server, county, screenshot, persona):
    sign_in(page, live_server, persona)
    heading = page.locator("h1").first.inner_text()
    expected = HOME_HEADINGS.get(persona, "我的巡察组")
    assert expected in heading, f"{persona} sees {heading!r}"
    assert page.locator(".who").inner_text() == county.users[persona].display_name
    screenshot(f"home-{persona}")


def test_member1_does_not_see_group2(page, live_server, county):
    sign_in(page, live_server, "member1")
    assert "示例县财政局" in page.content()
    assert "示例县教育局" not in page.content()
    response = page.goto(f"{live_server.url}/groups/{county.group2.pk}/")
    assert response.status == 404


def test_wrong_password_gives_a_chinese_message(page, live_server, county, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.content()
    screenshot("login-failed")


def test_the_cadre_search_narrows_the_list_as_one_types(page, live_server, county, screenshot):
    from tests.factories import CadreFactory

    CadreFactory(name="欧阳明远", post="局长")
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}/registry/cadres/")
    page.fill("input[type=search]", "欧阳")
    page.wait_for_url("**/registry/cadres/?q=*")
    page.wait_for_selector("text=欧阳明远")
    assert page.locator("#results tbody tr").count() == 1
    screenshot("cadre-live-search")
