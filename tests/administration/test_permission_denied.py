"""Every refusal with 403 is written to the audit log: who, which page, refused. A record outside
someone's scope is a 404 that says nothing, and is not recorded."""

import pytest
from django.urls import reverse

from xunchar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def refusals():
    return AuditEvent.objects.filter(event=AuditEvent.Event.PERMISSION_DENIED)


def test_a_refused_page_is_audited(client, county):
    client.force_login(county.member1)
    response = client.get(reverse("registry:unit_list"), {"q": "财政"}, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 403
    entry = refusals().get()
    assert (entry.actor, entry.username, entry.result) == (county.member1, "member1", AuditEvent.Result.REFUSED)
    assert entry.path == "/registry/units/?q=%E8%B4%A2%E6%94%BF"
    assert entry.address == "10.9.8.7"
    assert entry.detail == "GET registry:unit_list"
    assert "403.html" in [t.name for t in response.templates]


def test_an_administrator_kept_from_case_material_is_audited(client, county):
    client.force_login(county.auditor)
    assert client.post(reverse("withdrawal:withdraw", args=[county.group1.pk])).status_code == 403
    entry = refusals().get()
    assert entry.actor == county.auditor and entry.detail == "POST withdrawal:withdraw"


def test_an_administrator_refused_another_administrators_tool_is_audited(client, county):
    client.force_login(county.sysadmin)
    assert client.get(reverse("administration:audit_export")).status_code == 403
    assert refusals().get().actor == county.sysadmin


def test_a_record_out_of_scope_is_a_404_and_is_not_audited(client, county):
    for user in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        client.force_login(user)
        assert client.get(reverse("groups:detail", args=[county.group1.pk])).status_code == 404
    assert not refusals().exists()
