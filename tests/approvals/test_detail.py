"""A request's page: its steps with who decided what, its content, and the decision form."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.approvals.chains import ROUND_PLAN
from xunchar.accounts.roles import Role
from xunchar.approvals import chains
from xunchar.approvals.models import ApprovalDecision, ApprovalRequest
from xunchar.approvals.predicates import standing_role
from xunchar.approvals.services import approval_decide, approval_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(county):
    """Group 1's paper, checked by deputy1, awaiting leader1's signature."""
    request = approval_submit(chain="tests.group_paper", subject=county.group1, actor=county.member1)
    return approval_decide(request=request, actor=county.deputy1, passed=True, opinion="事实清楚，证据充分。")


def page(client, user, request):
    client.force_login(user)
    return client.get(reverse("approvals:detail", args=[request.pk]))


def test_the_page_shows_the_steps_decisions_and_content(client, county, paper):
    response = page(client, county.leader1, paper)
    assert response.status_code == 200
    html = response.content.decode()
    assert "第一巡察组工作底稿" in html and "示例县财政局" in html
    assert "第一巡察组副组长" in html and "事实清楚，证据充分。" in html
    steps = [(s.step.code, s.status) for s in response.context["progress"].steps]
    assert steps == [("check", "done"), ("sign", "current")]
    assert 'data-testid="decision-form"' in html


@pytest.mark.parametrize("persona", ["deputy1", "member1", "office", "secretary"])
def test_who_may_see_but_not_decide_gets_no_form(client, county, paper, persona):
    response = page(client, county.users[persona], paper)
    assert response.status_code == 200
    assert 'data-testid="decision-form"' not in response.content.decode()


@pytest.mark.parametrize("persona", ["leader2", "member2", "unit1", "jiwei", "zuzhibu"])
def test_a_request_out_of_scope_is_not_found(client, county, paper, persona):
    response = page(client, county.users[persona], paper)
    assert response.status_code == 404
    assert "示例县财政局" not in response.content.decode()


def test_an_unknown_request_is_not_found(client, county):
    client.force_login(county.office)
    assert client.get(reverse("approvals:detail", args=[999999])).status_code == 404


def decide(client, user, request, **data):
    client.force_login(user)
    return client.post(reverse("approvals:decide", args=[request.pk]), data)


def latest_id(request):
    return request.decisions.order_by("-id").first().pk


def test_the_leader_signs(client, county, paper):
    response = decide(client, county.leader1, paper, decision="pass", opinion="同意", seen=latest_id(paper))
    assert response.status_code == 302 and response["Location"] == reverse("approvals:detail", args=[paper.pk])
    paper.refresh_from_db()
    assert paper.state == ApprovalRequest.State.APPROVED
    signed = paper.decisions.get(outcome=ApprovalDecision.Outcome.SIGNED)
    assert (signed.actor, signed.actor_title, signed.opinion) == (county.leader1, "第一巡察组组长", "同意")


@pytest.mark.parametrize("persona", ["deputy1", "member1", "office", "secretary", "deputy"])
def test_a_decider_of_the_wrong_role_is_refused(client, county, paper, persona):
    response = decide(client, county.users[persona], paper, decision="pass", opinion="", seen=latest_id(paper))
    assert response.status_code == 403
    assert not paper.decisions.filter(outcome=ApprovalDecision.Outcome.SIGNED).exists()


def test_out_of_scope_decider_is_not_found(client, county, paper):
    assert decide(client, county.leader2, paper, decision="pass", seen=latest_id(paper)).status_code == 404


def test_returning_needs_an_opinion(client, county, paper):
    response = decide(client, county.leader1, paper, decision="return", opinion="  ", seen=latest_id(paper))
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.state == ApprovalRequest.State.IN_REVIEW
    response = decide(client, county.leader1, paper, decision="return", opinion="补充问题来源。", seen=latest_id(paper))
    paper.refresh_from_db()
    assert paper.state == ApprovalRequest.State.RETURNED
    assert paper.decisions.get(outcome=ApprovalDecision.Outcome.RETURNED).opinion == "补充问题来源。"


def test_a_repeated_post_is_refused_with_a_message_not_applied_twice(client, county):
    """The executive deputy head's review form, sent twice (a double click, a reload)."""
    plan = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    form = {"decision": "pass", "opinion": "", "seen": latest_id(plan)}
    assert decide(client, county.deputy, plan, **form).status_code == 302
    client.get(reverse("approvals:detail", args=[plan.pk]))  # shows (and so clears) the success message
    response = decide(client, county.deputy, plan, **form)
    assert response.status_code == 302
    assert plan.decisions.filter(outcome=ApprovalDecision.Outcome.REVIEWED).count() == 1
    (shown,) = list(response.wsgi_request._messages)
    assert shown.level_tag == "error"


def test_a_stale_form_of_someone_who_may_decide_both_steps_is_refused(client, county, monkeypatch):
    """If one person could decide two steps in a row, a double click must not pass both."""

    both = tuple(dataclasses.replace(step, may_decide=standing_role(Role.LG_EXECUTIVE_DEPUTY)) for step in ROUND_PLAN.steps)
    monkeypatch.setitem(chains._CHAINS, ROUND_PLAN.code, dataclasses.replace(ROUND_PLAN, steps=both))
    plan = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    form = {"decision": "pass", "opinion": "", "seen": latest_id(plan)}
    decide(client, county.deputy, plan, **form)
    decide(client, county.deputy, plan, **form)
    plan.refresh_from_db()
    assert plan.state == ApprovalRequest.State.IN_REVIEW and plan.step_index == 1


def test_anonymous_is_sent_to_sign_in(client, paper):
    for response in (
        client.get(reverse("approvals:detail", args=[paper.pk])),
        client.post(reverse("approvals:decide", args=[paper.pk]), {"decision": "pass"}),
    ):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_page_makes_the_same_queries_for_3_and_30_decisions(client, county):
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    url = reverse("approvals:detail", args=[request.pk])
    client.force_login(county.secretary)

    def rounds(n):
        nonlocal request
        for i in range(n):
            request = approval_decide(request=request, actor=county.deputy, passed=False, opinion=f"第{i}次退回")
            county.round.focus = f"修改稿{i}-{request.versions.count()}"
            county.round.save()
            request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)

    rounds(1)
    few = _count(client, url)
    rounds(10)
    many = _count(client, url)
    assert request.decisions.count() == 23 and request.versions.count() == 12
    assert few == many, f"{few} queries for 3 decisions, {many} for 23"
