"""The demo's requested documents: group 1 of round 2 has twelve items across its units, most
returned, three still out (one classified, one important and approved), one not provided; group 2
(withdrawn) has every item back."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from groups.docrequests.models import DocumentItem
from groups.docrequests.selectors import withdrawal_open_items
from groups.docrequests.services import IMPORTANT_CHAIN
from groups.models import InspectionGroup
from xunchar.approvals.services import approval_state


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO())
            yield {g.number: g for g in InspectionGroup.objects.filter(round__year=2026, round__number=2)}
            transaction.set_rollback(True)


def test_group_1_has_three_items_still_out_and_one_not_provided(demo, db):
    items = DocumentItem.objects.filter(inspection__group=demo[1])
    assert items.count() == 12 and items.values("inspection").distinct().count() == 2
    states = sorted(items.values_list("state", flat=True))
    assert states.count("returned") == 8 and states.count("signed_out") == 3 and states.count("not_provided") == 1
    out = items.filter(state="signed_out")
    assert out.filter(classification="secret").exclude(cabinet="").count() == 1
    important = out.get(important=True)
    assert approval_state(important, IMPORTANT_CHAIN) == "approved"
    sentences = withdrawal_open_items(demo[1])
    assert len(sentences) == 3 and sum(s.startswith("涉密资料") for s in sentences) == 1


def test_group_2_returned_everything_before_it_withdrew(demo, db):
    items = DocumentItem.objects.filter(inspection__group=demo[2])
    assert items.exists() and set(items.values_list("state", flat=True)) == {"returned"}
    assert all(i.returned_on <= demo[2].withdrawn_on for i in items)
    assert withdrawal_open_items(demo[2]) == []
