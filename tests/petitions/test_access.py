"""member2 (group 2) — and everyone outside group 1 and the office/leadership — cannot see any of
group 1's petitions by any URL, list, count, search, export or PDF."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from petitions.models import Petition, PetitionContent, PetitionEmergencyPlan, Petitioner, PetitionIncident
from petitions.services import important_request
from xunchar.approvals.selectors import pending_for

from .records import INCIDENT_TEXT, PLAN_TEXT, SECRET_PETITIONER, SECRET_SUMMARY, register

pytestmark = pytest.mark.django_db
OUTSIDERS = ("member2", "leader2", "liaison2", "unit1", "jiwei", "zuzhibu")


def _group1_urls(c):
    p1, p2 = c.petition1, c.petition2
    return [
        ("get", reverse("petitions:ledger", args=[c.group1.pk])),
        ("get", reverse("petitions:ledger", args=[c.group1.pk]) + "?q=财政局"),
        ("get", reverse("petitions:export", args=[c.group1.pk])),
        ("get", reverse("petitions:create", args=[c.group1.pk])),
        ("post", reverse("petitions:create", args=[c.group1.pk])),
        ("get", reverse("petitions:detail", args=[p1.pk])),
        ("get", reverse("petitions:detail", args=[p2.pk])),
        ("post", reverse("petitions:mark_within_scope", args=[p1.pk])),
        ("post", reverse("petitions:mark_important", args=[p1.pk])),
        ("post", reverse("petitions:mark_not_handled", args=[p1.pk])),
        ("get", reverse("petitions:emergency_plan", args=[c.group1.pk])),
        ("post", reverse("petitions:emergency_plan", args=[c.group1.pk])),
        ("get", reverse("petitions:incident_list", args=[c.group1.pk])),
        ("post", reverse("petitions:incident_list", args=[c.group1.pk])),
        ("get", reverse("petitions:incidents_all")),
        ("get", reverse("core:history", args=["petitions.petition", p1.pk])),
        ("get", reverse("core:history", args=["petitions.petitionemergencyplan", c.petition_plan.pk])),
        ("get", reverse("approvals:detail", args=[important_request(p2).pk])),
        ("post", reverse("documents:request", args=["petitions.important", p2.pk])),
        ("get", reverse("files:list", args=["petitions.petitioncontent", p1.content.pk])),
        ("post", reverse("files:add", args=["petitions.petitioncontent", p1.content.pk])),
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_group1_petitions_are_not_found_by_any_url(client, ledger, persona):
    client.force_login(ledger.users[persona])
    wrong = []
    for method, url in _group1_urls(ledger):
        response = getattr(client, method)(url)
        body = response.content.decode(errors="replace")
        if response.status_code not in (403, 404):
            wrong.append(f"{method} {url} → {response.status_code}")
        for secret in (SECRET_SUMMARY, SECRET_PETITIONER, PLAN_TEXT, INCIDENT_TEXT):
            if secret in body:
                wrong.append(f"{method} {url} leaks {secret!r}")
    assert not wrong, wrong
    assert Petition.objects.filter(group=ledger.group1).count() == 2  # nothing was changed or added
    assert Petition.objects.get(pk=ledger.petition1.pk).state == Petition.State.REGISTERED


def test_liaison2_sees_nothing_of_group1_in_lists_counts_search_and_export(client, ledger):
    register(ledger, actor="liaison2", group=ledger.group2, receivers=("liaison2",), summary="反映教育局食堂采购问题")
    # group 2 has withdrawn (S28): member2 no longer reaches its material
    assert not Petition.objects.visible_to(ledger.member2).exists()
    reader = ledger.liaison2  # a person of group 2 who still reads group 2's ledger
    # querysets: the same visible_to everywhere
    assert set(Petition.objects.visible_to(reader).values_list("group_id", flat=True)) == {ledger.group2.pk}
    assert not PetitionContent.objects.visible_to(reader).filter(petition__group=ledger.group1).exists()
    assert not Petitioner.objects.visible_to(reader).filter(petition__group=ledger.group1).exists()
    assert not PetitionEmergencyPlan.objects.visible_to(reader).filter(group=ledger.group1).exists()
    assert not PetitionIncident.objects.visible_to(reader).filter(group=ledger.group1).exists()
    client.force_login(reader)
    # index: only group 2's ledger, with group 2's count
    index = client.get(reverse("petitions:index"))
    assert index.status_code == 200
    groups = list(index.context["groups"])
    assert [g.pk for g in groups] == [ledger.group2.pk] and groups[0].petition_count == 1
    # search in the own ledger never reaches group 1's content
    page = client.get(reverse("petitions:ledger", args=[ledger.group2.pk]), {"q": "惠农补贴"})
    assert page.status_code == 200 and page.context["page"].paginator.count == 0
    assert SECRET_SUMMARY not in page.content.decode()
    # export of the own ledger: group 2's one row only
    export = client.get(reverse("petitions:export", args=[ledger.group2.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "反映教育局食堂采购问题" in values and SECRET_SUMMARY not in values
    assert sheet.max_row == 2
    # the approval inbox holds nothing of group 1's
    assert pending_for(reader) == []


def test_office_and_leadership_read_every_ledger(client, ledger):
    for persona in ("office", "director", "secretary", "deputy"):
        client.force_login(ledger.users[persona])
        response = client.get(reverse("petitions:ledger", args=[ledger.group1.pk]))
        assert response.status_code == 200
        assert SECRET_SUMMARY in response.content.decode()
