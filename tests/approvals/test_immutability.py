"""Frozen versions and recorded decisions cannot be changed or removed — refused by the database
itself (PostgreSQL and SQLite triggers), whatever the application does."""

import pytest
from django.db import DatabaseError, connection, transaction

from xunchar.approvals.models import ApprovalDecision, ApprovalVersion
from xunchar.approvals.services import approval_decide, approval_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(county):
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    approval_decide(request=request, actor=county.deputy, passed=False, opinion="请补充")
    return request


def _refused(action):
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        action()
    assert "immutable" in str(error.value)


def test_a_decision_cannot_be_updated_or_deleted(decided, county):
    decision = decided.decisions.get(outcome=ApprovalDecision.Outcome.RETURNED)
    _refused(lambda: ApprovalDecision.objects.filter(pk=decision.pk).update(opinion="同意", outcome="approved"))
    _refused(lambda: ApprovalDecision.objects.filter(pk=decision.pk).update(actor=county.secretary))
    _refused(lambda: ApprovalDecision.objects.filter(pk=decision.pk).delete())
    decision.opinion = "同意"
    _refused(lambda: decision.save())
    stored = ApprovalDecision.objects.get(pk=decision.pk)
    assert (stored.outcome, stored.opinion, stored.actor_id) == ("returned", "请补充", county.deputy.pk)


def test_a_version_cannot_be_updated_or_deleted(decided):
    version = decided.versions.get()
    _refused(lambda: ApprovalVersion.objects.filter(pk=version.pk).update(content={"title": "改过的", "sections": []}))
    # Django's PROTECT stops .delete() before it reaches the database; go around it as a bulk delete would.
    _refused(lambda: ApprovalVersion.objects.filter(pk=version.pk)._raw_delete("default"))
    assert ApprovalVersion.objects.get(pk=version.pk).content == version.content


def test_raw_sql_is_refused_too(decided):
    """What someone with the application's database account would try."""
    decision_id = decided.decisions.order_by("id").first().pk
    for sql, params in [
        ("UPDATE approvals_approvaldecision SET opinion = %s WHERE id = %s", ["改", decision_id]),
        ("DELETE FROM approvals_approvaldecision WHERE id = %s", [decision_id]),
        ("UPDATE approvals_approvalversion SET number = 9 WHERE request_id = %s", [decided.pk]),
        ("DELETE FROM approvals_approvalversion WHERE request_id = %s", [decided.pk]),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    assert decided.decisions.count() == 2 and decided.versions.count() == 1


def test_the_database_refuses_a_return_without_an_opinion(decided, county):
    """A second guard under the service's check."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        ApprovalDecision.objects.create(
            request=decided, version=decided.versions.get(), step_code="review", step_index=0,
            outcome=ApprovalDecision.Outcome.RETURNED, actor=county.deputy, opinion="",
        )


@pytest.mark.django_db(transaction=True)
def test_the_guard_holds_outside_a_test_transaction(county):
    """Committed rows are guarded as well (and the suite still empties the tables afterwards)."""
    request = approval_submit(chain="tests.round_plan", subject=county.round, actor=county.office)
    with pytest.raises(DatabaseError):
        ApprovalDecision.objects.filter(request=request).update(opinion="改")
    assert ApprovalDecision.objects.filter(request=request, opinion="").count() == 1
