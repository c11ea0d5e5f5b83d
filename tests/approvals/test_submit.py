"""Submitting from the subject's page."""

import pytest
from django.urls import reverse

from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_submit

pytestmark = pytest.mark.django_db


def submit(client, user, chain, pk, **data):
    client.force_login(user)
    return client.post(reverse("approvals:submit", args=[chain, pk]), data)


def test_the_office_submits_the_plan_and_returns_to_the_page(client, county):
    response = submit(client, county.office, "tests.round_plan", county.round.pk, next=f"/rounds/{county.round.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/rounds/{county.round.pk}/"
    request = ApprovalRequest.objects.get()
    assert (request.chain, request.subject, request.state) == ("tests.round_plan", county.round, "in_review")


def test_without_a_safe_next_page_it_goes_to_the_request(client, county):
    response = submit(client, county.office, "tests.round_plan", county.round.pk, next="https://evil.example/")
    assert response["Location"] == reverse("approvals:detail", args=[ApprovalRequest.objects.get().pk])


@pytest.mark.parametrize("persona", ["deputy", "secretary"])
def test_who_sees_the_plan_but_may_not_submit_is_refused(client, county, persona):
    assert submit(client, county.users[persona], "tests.round_plan", county.round.pk).status_code == 403
    assert not ApprovalRequest.objects.exists()


@pytest.mark.parametrize("persona", ["leader1", "member2", "unit1", "jiwei"])
def test_who_does_not_see_the_subject_finds_nothing(client, county, persona):
    assert submit(client, county.users[persona], "tests.round_plan", county.round.pk).status_code == 404


def test_a_paper_of_another_group_is_not_found(client, county):
    assert submit(client, county.member2, "tests.group_paper", county.group1.pk).status_code == 404
    assert submit(client, county.liaison2, "tests.group_paper", county.group1.pk).status_code == 404
    assert submit(client, county.member1, "tests.group_paper", county.group1.pk).status_code == 302


def test_an_unknown_chain_is_not_found(client, county):
    assert submit(client, county.office, "rounds.nothing", county.round.pk).status_code == 404


def test_submitting_twice_is_refused_with_a_message(client, county):
    approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    response = submit(client, county.director, "tests.round_plan", county.round.pk)
    assert response.status_code == 302
    (shown,) = list(response.wsgi_request._messages)
    assert shown.level_tag == "error"
    assert ApprovalRequest.objects.get().decisions.count() == 1
