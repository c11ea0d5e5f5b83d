"""The demo's working papers: round 2's group 1 has one paper at each stage of the review, sourced
from its demo petitions and talks and never from a sealed item; one was returned and resubmitted
(two versions), one is with its custodian."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from groups.models import InspectionGroup
from groups.workpapers.demo import demo_working_papers
from groups.workpapers.models import Stage, WorkingPaper
from groups.workpapers.selectors import approval_of
from petitions.models import Petition
from xunchar.sealing.policy import sealed_ids


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO())
            groups = {g.number: g for g in InspectionGroup.objects.filter(round__year=2026, round__number=2)}
            users = {u.username: u for u in get_user_model().objects.all()}
            demo_working_papers(groups, users)  # a no-op when the seed already calls it
            yield groups
            transaction.set_rollback(True)


def test_one_paper_at_each_stage(demo, db):
    papers = WorkingPaper.objects.filter(group=demo[1]).with_stage()
    stages = sorted(p.stage for p in papers)
    assert set(stages) == set(Stage.values)
    assert [p.number for p in papers.order_by("number")] == list(range(1, papers.count() + 1))
    assert not WorkingPaper.objects.filter(group=demo[2]).exists()


def test_sources_are_real_and_never_sealed(demo, db):
    papers = WorkingPaper.objects.filter(group=demo[1])
    linked = list(Petition.objects.filter(working_papers__in=papers).values_list("pk", flat=True))
    assert len(linked) >= 4
    assert not sealed_ids(Petition, linked)
    assert papers.filter(talk_problems__isnull=False).distinct().count() >= 3


def test_a_resubmitted_paper_keeps_both_versions_and_one_is_with_its_custodian(demo, db):
    resubmitted = [p for p in WorkingPaper.objects.filter(group=demo[1]).with_stage() if p.stage == Stage.CHECKING
                   and approval_of(p).versions.count() == 2]
    assert len(resubmitted) == 1
    handed = WorkingPaper.objects.filter(group=demo[1]).with_stage().get(stage=Stage.HANDED)
    assert handed.custodian is not None and handed.for_report


def test_papers_link_requested_documents_and_the_evaluation(demo, db):
    from groups.docrequests.models import DocumentItem
    from groups.surveys.models import Survey

    papers = WorkingPaper.objects.filter(group=demo[1])
    documents = DocumentItem.objects.filter(working_papers__in=papers).distinct()
    assert documents.count() >= 2 and documents.filter(classification=DocumentItem.Classification.SECRET).exists()
    assert set(documents.values_list("inspection__group", flat=True)) == {demo[1].pk}
    surveys = Survey.objects.filter(working_papers__in=papers).distinct()
    assert [s.kind for s in surveys] == [Survey.Kind.EVALUATION] and surveys.get().inspection.group == demo[1]
