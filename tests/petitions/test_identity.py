"""The petitioner's identity: shown to the group's leader, deputy and liaison and the office director,
each read written to the access log; hidden from ordinary members, office staff and leadership — on
the ledger, the detail page and the export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xunchar.audit.models import AuditEvent

from .records import SECRET_ID_NUMBER, SECRET_PETITIONER

pytestmark = pytest.mark.django_db
READERS = ("leader1", "deputy1", "liaison1", "director")
NOT_READERS = ("member1", "office", "secretary", "deputy")


def _petitioner_reads(user):
    return AuditEvent.objects.filter(actor=user, event=AuditEvent.Event.READ, object_type="petitions.petitioner")


def _export_text(client, group):
    response = client.get(reverse("petitions:export", args=[group.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)


@pytest.mark.parametrize("persona", NOT_READERS)
def test_hidden_from_members_office_staff_and_leadership(client, ledger, persona):
    user = ledger.users[persona]
    client.force_login(user)
    for url in (reverse("petitions:ledger", args=[ledger.group1.pk]), reverse("petitions:detail", args=[ledger.petition1.pk])):
        body = client.get(url).content.decode()
        assert SECRET_PETITIONER not in body and SECRET_ID_NUMBER not in body, url
    text = _export_text(client, ledger.group1)
    assert SECRET_PETITIONER not in text and "实名" in text
    assert not _petitioner_reads(user).exists()


@pytest.mark.parametrize("persona", READERS)
def test_shown_to_leader_deputy_liaison_and_director_and_logged(client, ledger, persona):
    user = ledger.users[persona]
    client.force_login(user)
    ledger_page = client.get(reverse("petitions:ledger", args=[ledger.group1.pk]))
    assert SECRET_PETITIONER in ledger_page.content.decode()
    assert _petitioner_reads(user).count() == 1  # one entry for the page, with how many it showed
    detail = client.get(reverse("petitions:detail", args=[ledger.petition1.pk]))
    assert SECRET_ID_NUMBER in detail.content.decode()
    assert _petitioner_reads(user).filter(object_id=str(ledger.petition1.petitioner.pk)).exists()
    assert SECRET_PETITIONER not in " ".join(_petitioner_reads(user).values_list("object_repr", flat=True))
    assert SECRET_PETITIONER in _export_text(client, ledger.group1)
    assert AuditEvent.objects.filter(actor=user, event=AuditEvent.Event.EXPORT, detail__contains="含反映人").exists()


def test_the_leader_of_another_group_does_not_read_group1s_petitioners(ledger):
    from petitions.models import Petitioner

    assert not Petitioner.objects.visible_to(ledger.leader2).exists()
    assert Petitioner.objects.visible_to(ledger.leader1).count() == 2
    assert Petitioner.objects.visible_to(ledger.director).count() == 2
    assert not Petitioner.objects.visible_to(ledger.secretary).exists()
