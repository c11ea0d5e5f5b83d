"""The inbox: what awaits my decision, what I submitted, what I decided — and the menu's badge."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, InspectionGroupFactory, RoundFactory
from xunchar.approvals.selectors import pending_for
from xunchar.approvals.services import approval_decide, approval_submit

pytestmark = pytest.mark.django_db
INBOX = reverse("approvals:inbox")


@pytest.fixture
def under_way(county):
    """The round plan awaits the executive deputy head; group 1's paper awaits its leader."""
    plan = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    paper = approval_submit(chain="tests.group_paper", subject=county.group1, actor=county.member1)
    paper = approval_decide(request=paper, actor=county.deputy1, passed=True, opinion="")
    return {"plan": plan, "paper": paper}


def listed(client, user, tab="pending"):
    client.force_login(user)
    response = client.get(INBOX, {"tab": tab})
    assert response.status_code == 200
    return [request.pk for request in response.context["page"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("deputy", ["plan"]),
        ("leader1", ["paper"]),
        ("secretary", []),
        ("deputy1", []),
        ("member1", []),
        ("office", []),
        ("director", []),
        ("leader2", []),
        ("unit1", []),
        ("jiwei", []),
    ],
)
def test_pending_shows_exactly_what_the_person_may_decide(client, county, under_way, persona, expected):
    assert listed(client, county.users[persona]) == [under_way[name].pk for name in expected]


def test_a_decision_moves_the_request_to_the_next_inbox(client, county, under_way):
    approval_decide(request=under_way["plan"], actor=county.deputy, passed=True, opinion="")
    assert listed(client, county.deputy) == []
    assert listed(client, county.secretary) == [under_way["plan"].pk]
    assert listed(client, county.deputy, "done") == [under_way["plan"].pk]


def test_submitted_and_done_tabs(client, county, under_way):
    assert listed(client, county.office, "submitted") == [under_way["plan"].pk]
    assert listed(client, county.member1, "submitted") == [under_way["paper"].pk]
    assert listed(client, county.deputy1, "done") == [under_way["paper"].pk]
    assert listed(client, county.deputy1, "submitted") == []
    client.force_login(county.deputy1)
    counts = client.get(INBOX).context["counts"]
    assert counts == {"pending": 0, "submitted": 0, "done": 1}


def test_a_request_out_of_scope_is_not_listed_even_for_its_decider(client, county, under_way):
    """leader1 leads group 1 only: a paper of another group never shows, whatever the role."""
    other = InspectionGroupFactory(round=RoundFactory(year=2025), number=1)
    GroupMembershipFactory(group=other, role=GroupMembership.RoundRole.MEMBER)
    assert listed(client, county.leader1) == [under_way["paper"].pk]


def test_the_menu_badge_counts_what_awaits_me(client, county, under_way):
    client.force_login(county.deputy)
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="pending-approvals">1<' in page
    client.force_login(county.secretary)
    assert 'data-testid="pending-approvals"' not in client.get(reverse("core:home")).content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_administrator_is_refused(client, county):
    client.force_login(county.sysadmin)
    assert client.get(INBOX).status_code == 403


def _grow(county, n):
    """n more round plans awaiting the executive deputy head and n more papers awaiting deputy1 and
    leader1 in other groups."""
    for _ in range(n):
        round_ = RoundFactory(year=2025, focus="专项")
        approval_submit(chain="tests.round_plan", subject=round_, actor=county.office)
        group = InspectionGroupFactory(round=round_, number=1)
        GroupMembershipFactory(group=group, cadre=county.leader1.cadre, role=GroupMembership.RoundRole.LEADER)
        GroupMembershipFactory(group=group, cadre=county.deputy1.cadre, role=GroupMembership.RoundRole.DEPUTY)
        paper = approval_submit(chain="tests.group_paper", subject=group, actor=county.leader1)
        approval_decide(request=paper, actor=county.deputy1, passed=True, opinion="")


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(("persona", "tab"), [("deputy", "pending"), ("leader1", "pending"), ("office", "submitted"), ("deputy1", "done")])
def test_the_inbox_makes_the_same_queries_for_3_and_30_requests(client, county, persona, tab):
    client.force_login(county.users[persona])
    url = f"{INBOX}?tab={tab}"
    _grow(county, 3)
    few = _count(client, url)
    _grow(county, 27)
    many = _count(client, url)
    assert few == many, f"{persona}/{tab}: {few} queries for 3 requests, {many} for 30"
    assert len(client.get(url).context["page"]) == 30


def test_pending_for_reads_a_fixed_number_of_rows(county, django_assert_num_queries):
    """The requests in scope, their subjects (one query per subject model) and leader1's round roles."""
    _grow(county, 30)
    leader1 = type(county.leader1).objects.get(pk=county.leader1.pk)
    leader1.roles  # noqa: B018 — read once per request anyway (the menu needs it)
    with django_assert_num_queries(3):
        assert len(pending_for(leader1)) == 30
