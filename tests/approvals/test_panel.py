"""The panel a subject's page includes: state, steps, a submit button for who may submit."""

import pytest
from django.template import engines
from django.test import RequestFactory

from xunchar.approvals.services import approval_decide, approval_submit

pytestmark = pytest.mark.django_db
PANEL = engines["django"].from_string('{% include "approvals/_panel.html" with chain="tests.round_plan" subject=subject %}')


def render(user, subject):
    request = RequestFactory().get("/rounds/1/")
    request.user = user
    return PANEL.render({"subject": subject}, request)


def test_a_draft_offers_the_submit_button_to_the_office_only(county):
    html = render(county.office, county.round)
    assert 'data-testid="approval-state">Draft<' in html or 'data-testid="approval-state">草稿<' in html
    assert "approvals/submit/tests.round_plan/" in html
    assert "approvals/submit/" not in render(county.secretary, county.round)


def test_under_review_it_shows_the_steps_and_who_must_decide(county):
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    approval_decide(request=request, actor=county.deputy, passed=True, opinion="")
    html = render(county.office, county.round)
    assert "approvals/submit/" not in html
    assert "领导小组常务副组长" in html
    assert 'class="approval-step step-done" data-step="review"' in html
    assert 'class="approval-step step-current" data-step="approve"' in html
    assert f'/approvals/{request.pk}/' in html


def test_a_returned_document_shows_the_opinion_and_can_go_again(county):
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    approval_decide(request=request, actor=county.deputy, passed=False, opinion="请补充专项资金。")
    html = render(county.office, county.round)
    assert "请补充专项资金。" in html and "approvals/submit/tests.round_plan/" in html


@pytest.mark.parametrize("decisions", [0, 1, 9])
def test_the_panel_costs_a_fixed_number_of_queries(county, django_assert_num_queries, decisions):
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    for i in range(decisions // 2):
        request = approval_decide(request=request, actor=county.deputy, passed=False, opinion=f"退回{i}")
        request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    office = type(county.office).objects.get(pk=county.office.pk)
    office.roles  # noqa: B018 — the page has read them already
    with django_assert_num_queries(2):  # the request, its decisions with their actors
        render(office, county.round)


def test_a_subject_never_submitted_costs_one_query(county, django_assert_num_queries):
    office = type(county.office).objects.get(pk=county.office.pk)
    office.roles  # noqa: B018
    with django_assert_num_queries(1):
        render(office, county.round)
