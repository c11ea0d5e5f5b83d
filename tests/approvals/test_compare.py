"""Every version is kept and two of them are shown side by side, the changes marked."""

import pytest
from django.urls import reverse

from xunchar.approvals.services import approval_decide, approval_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def revised(county):
    """The round plan, returned by the executive deputy head and submitted again with a new focus."""
    county.round.focus = "财政资金使用情况"
    county.round.save()
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    approval_decide(request=request, actor=county.deputy, passed=False, opinion="请写明专项资金。")
    county.round.focus = "专项资金使用情况"
    county.round.save()
    return approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)


def compare(client, user, request, **params):
    client.force_login(user)
    return client.get(reverse("approvals:compare", args=[request.pk]), params)


def test_both_versions_are_kept_and_compared(client, county, revised):
    response = compare(client, county.secretary, revised)
    assert response.status_code == 200
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)
    html = response.content.decode()
    assert "<del>财政</del>" in html and "<ins>专项</ins>" in html
    assert "使用情况" in html


def test_any_two_versions_can_be_chosen(client, county, revised):
    response = compare(client, county.office, revised, old=2, new=1)
    assert "<del>专项</del>" in response.content.decode()
    response = compare(client, county.office, revised, old=1, new=1)
    assert response.status_code == 200 and "<ins>" not in response.content.decode()


def test_a_version_that_does_not_exist_is_not_found(client, county, revised):
    assert compare(client, county.office, revised, old=1, new=7).status_code == 404
    assert compare(client, county.office, revised, old="x").status_code == 404


@pytest.mark.parametrize("persona", ["leader1", "member2", "unit1", "jiwei"])
def test_out_of_scope_is_not_found(client, county, revised, persona):
    response = compare(client, county.users[persona], revised)
    assert response.status_code == 404
    assert "专项资金" not in response.content.decode()


def test_the_detail_page_links_the_versions(client, county, revised):
    client.force_login(county.deputy)
    html = client.get(reverse("approvals:detail", args=[revised.pk])).content.decode()
    assert f"{reverse('approvals:compare', args=[revised.pk])}?old=1&amp;new=2" in html
    assert "请写明专项资金。" in html
