"""Petition emergencies (S13.3): the group's plan, versioned; incidents reported to the office, which
sees every group's."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from petitions import services
from petitions.models import PetitionEmergencyPlan, PetitionIncident
from xunchar.notifications.models import Notification

from .records import INCIDENT_TEXT, PLAN_TEXT

pytestmark = pytest.mark.django_db


def test_the_plan_is_kept_by_leader_deputy_or_liaison_and_versioned(client, county):
    client.force_login(county.deputy1)
    url = reverse("petitions:emergency_plan", args=[county.group1.pk])
    assert client.post(url, {"text": PLAN_TEXT}).status_code == 302
    assert client.post(url, {"text": PLAN_TEXT + "\n五、其他。"}).status_code == 302
    plan = PetitionEmergencyPlan.objects.get(group=county.group1)
    assert plan.history.count() == 2
    client.force_login(county.member1)
    assert client.post(url, {"text": "改写"}).status_code == 403
    page = client.get(url)
    assert page.status_code == 200 and "五、其他。" in page.content.decode() and page.context["form"] is None
    with pytest.raises(PermissionDenied):
        services.emergency_plan_save(group=county.group1, actor=county.office, text="x")


def test_an_incident_reaches_the_office(client, county):
    client.force_login(county.member1)
    url = reverse("petitions:incident_list", args=[county.group1.pk])
    response = client.post(url, {"occurred_on": "2026-10-22", "what_happened": INCIDENT_TEXT, "how_handled": "劝返",
                                 "reported_on": "2026-10-22"})
    assert response.status_code == 302
    assert PetitionIncident.objects.filter(group=county.group1).count() == 1
    assert Notification.objects.filter(recipient=county.office, title__contains="信访突发事件").exists()
    client.force_login(county.office)
    assert client.post(url, {"occurred_on": "2026-10-22"}).status_code == 403
    everything = client.get(reverse("petitions:incidents_all"))
    assert INCIDENT_TEXT in everything.content.decode()
    client.force_login(county.leader1)
    assert client.get(reverse("petitions:incidents_all")).status_code == 403


def test_a_report_before_the_incident_is_refused(client, county):
    client.force_login(county.liaison1)
    response = client.post(reverse("petitions:incident_list", args=[county.group1.pk]), {
        "occurred_on": "2026-10-22", "what_happened": "x", "how_handled": "y", "reported_on": "2026-10-21"})
    assert response.status_code == 200 and not PetitionIncident.objects.exists()
    assert response.context["form"].errors
    with pytest.raises(ValidationError):
        services.incident_report(group=county.group1, actor=county.liaison1, occurred_on=datetime.date(2026, 10, 22),
                                 what_happened="x", how_handled="y", reported_on=datetime.date(2026, 10, 21))
