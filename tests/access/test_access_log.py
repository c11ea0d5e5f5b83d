"""Every read of a confidential record leaves a trace: who, what, when, from where."""

import pytest
from django.urls import reverse

from xunchar.audit.models import AuditEvent
from xunchar.registry.models import Cadre

pytestmark = pytest.mark.django_db


def test_reading_a_cadre_record_is_logged(client, county):
    client.force_login(county.director)
    cadre = county.member1.cadre
    client.get(reverse("registry:cadre_detail", args=[cadre.pk]), REMOTE_ADDR="10.1.2.3")
    entry = AuditEvent.objects.get(event=AuditEvent.Event.READ)
    assert (entry.actor, entry.object_type, entry.object_id) == (county.director, "registry.cadre", str(cadre.pk))
    assert entry.address == "10.1.2.3"
    assert entry.at is not None


def test_a_refused_read_logs_no_read(client, county):
    client.force_login(county.member2)
    response = client.get(reverse("registry:cadre_detail", args=[county.member1.cadre_id]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event=AuditEvent.Event.READ).exists()


def test_exporting_the_cadre_pool_is_logged_with_its_size(client, county):
    client.force_login(county.secretary)
    client.get(reverse("registry:cadre_export"))
    entry = AuditEvent.objects.get(event=AuditEvent.Event.EXPORT)
    assert entry.object_repr == f"{Cadre.objects.count()} 条"
