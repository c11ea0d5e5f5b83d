"""S07.2: problems and their causes take 60% of the self-report or more, counted in characters without
white space, in integer arithmetic: exactly 60% is accepted, 59.99% goes back with the figure."""

import pytest
from django.core.exceptions import ValidationError

from groups.models import SelfReport, SelfReportVersion
from groups.services import self_report_accept, self_report_submit
from groups.standards import count_characters, share_display, share_passes

from .helpers import report_of, zh

pytestmark = pytest.mark.django_db


def test_characters_are_counted_without_white_space():
    assert count_characters("一、存在问题\n  1. 资金 拨付\t滞后。") == 15


@pytest.mark.parametrize(("part", "total", "passes", "shown"), [
    (60, 100, True, "60"),
    (5999, 10000, False, "59.99"),
    (523, 1000, False, "52.3"),
    (3, 5, True, "60"),
    (2, 3, True, "66.66"),  # cut, not rounded
    (0, 10, False, "0"),
    (0, 0, False, "0"),
])
def test_the_rule_and_its_figure(part, total, passes, shown):
    assert share_passes(part, total) is passes
    assert share_display(part, total) == shown


def test_exactly_sixty_percent_waits_for_review_and_can_be_accepted(county):
    version = self_report_submit(inspection=county.inspection2, sections=report_of(40, 20, 40), actor=county.liaison2)
    assert version.outcome == SelfReportVersion.Outcome.PENDING
    assert (version.problems_causes_chars, version.total_chars) == (60, 100)

    self_report_accept(version=version, actor=county.leader2)

    version.refresh_from_db()
    assert version.outcome == SelfReportVersion.Outcome.ACCEPTED
    assert version.decided_by == county.leader2
    assert county.inspection2.self_report.state == SelfReport.State.ACCEPTED


def test_59_99_percent_is_returned_at_once_with_the_figure(county):
    version = self_report_submit(inspection=county.inspection2, sections=report_of(5000, 999, 4001), actor=county.liaison2)

    assert version.outcome == SelfReportVersion.Outcome.RETURNED
    assert version.decided_by is None and version.decided_at is not None
    assert "59.99%" in version.decision_note
    assert "60%" in version.decision_note
    report = SelfReport.objects.get(inspection=county.inspection2)
    assert report.state == SelfReport.State.RETURNED
    assert report.share_display == "59.99"


def test_a_report_below_sixty_percent_cannot_be_accepted_even_by_its_leader(county):
    version = self_report_submit(inspection=county.inspection2, sections=report_of(52, 0, 48), actor=county.liaison2)
    with pytest.raises(ValidationError) as refused:
        self_report_accept(version=version, actor=county.leader2)
    assert refused.value.messages == [zh("This version has already been decided.")]
    version.refresh_from_db()
    assert version.outcome == SelfReportVersion.Outcome.RETURNED


def test_the_database_refuses_an_accepted_report_below_sixty_percent(county):
    from django.db import IntegrityError, transaction

    version = self_report_submit(inspection=county.inspection2, sections=report_of(59, 0, 41), actor=county.liaison2)
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfReportVersion.objects.filter(pk=version.pk).update(outcome="accepted", decided_by=county.leader2)
