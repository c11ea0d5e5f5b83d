"""POST documents:request — generate, then on to the copy's page; 404 out of scope."""

import pytest
from django.urls import reverse

from xunchar.documents.models import GeneratedDocument

pytestmark = pytest.mark.django_db


def _url(county, group=None, kind="groups.roster"):
    return reverse("documents:request", args=[kind, (group or county.group1).pk])


def test_a_group_member_generates_the_group_sheet(client, county):
    client.force_login(county.member1)
    response = client.post(_url(county))
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert document.status == GeneratedDocument.Status.READY
    assert document.requested_by == county.member1


@pytest.mark.parametrize("persona", ["member2", "leader2", "unit1", "jiwei", "zuzhibu"])
def test_someone_outside_the_group_gets_404(client, county, persona):
    client.force_login(county.users[persona])
    assert client.post(_url(county)).status_code == 404
    assert not GeneratedDocument.objects.exists()


def test_an_administrator_is_refused(client, county):
    client.force_login(county.sysadmin)
    assert client.post(_url(county)).status_code == 403


def test_an_unknown_kind_is_404_and_a_get_is_not_allowed(client, county):
    client.force_login(county.office)
    assert client.post(_url(county, kind="no.such_kind")).status_code == 404
    assert client.get(_url(county)).status_code == 405
    assert not GeneratedDocument.objects.exists()
