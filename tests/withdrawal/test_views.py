"""The checklist page's forms: bad input shows the page again with the message on its form and changes nothing."""

import pytest
from django.urls import reverse

from groups.withdrawal.models import BorrowedEquipment, ExitTalk

pytestmark = pytest.mark.django_db


def test_a_talk_without_the_unit_leader_is_shown_again_with_the_message(client, county):
    client.force_login(county.liaison1)
    prefix = f"talk{county.inspection1.pk}"
    response = client.post(reverse("withdrawal:exit_talk", args=[county.inspection1.pk]),
                           {f"{prefix}-held_on": "2026-11-20", f"{prefix}-unit_leader": " "})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()  # a blank name is no name
    assert not ExitTalk.objects.exists()


def test_equipment_lent_in_the_future_is_refused_on_its_form(client, county):
    client.force_login(county.leader1)
    holder = county.group1.memberships.get(cadre=county.member1.cadre)
    response = client.post(reverse("withdrawal:equipment_add", args=[county.group1.pk]), {
        "name": "涉密笔记本电脑", "lent_by": "县委巡察办", "holder": holder.pk, "lent_on": "2099-01-05",
    })
    assert response.status_code == 200 and "日期不能晚于今天" in response.content.decode()
    assert not BorrowedEquipment.objects.exists()


def test_marking_withdrawn_too_early_lists_what_is_open_on_the_form(client, county):
    client.force_login(county.leader1)
    response = client.post(reverse("withdrawal:withdraw", args=[county.group1.pk]), {"withdrawn_on": "2026-11-20"})
    body = response.content.decode()
    assert response.status_code == 200 and "以下事项尚未办结" in body and county.member1.cadre.name in body
    county.group1.refresh_from_db()
    assert county.group1.withdrawn_on is None


def test_the_checklist_page_makes_the_same_queries_for_few_or_many_records(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groups.withdrawal import services
    from tests.withdrawal.records import DAY, settle

    settle(county.group1, county.leader1)
    holder = county.group1.memberships.get(cadre=county.member1.cadre)

    def lend(n):
        for i in range(n):
            services.equipment_add(group=county.group1, data=services.EquipmentData(
                name=f"设备{i}", lent_by="县委巡察办", holder=holder, lent_on=DAY), actor=county.leader1)

    client.force_login(county.leader1)
    url = reverse("withdrawal:checklist", args=[county.group1.pk])
    lend(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    lend(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
