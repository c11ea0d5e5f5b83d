import datetime

import pytest
from django.urls import reverse

from groups.withdrawal.services import group_withdraw
from tests.withdrawal.records import settle

pytestmark = pytest.mark.django_db


def test_a_withdrawal_shows_in_the_groups_history_with_who_and_what(client, county):
    settle(county.group1, county.leader1)
    client.force_login(county.office)
    response = client.post(
        reverse("withdrawal:withdraw", args=[county.group1.pk]), {"withdrawn_on": "2026-11-27"}
    )
    assert response.status_code == 302
    page = client.get(reverse("core:history", args=["groups.inspectiongroup", county.group1.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "撤离驻地" in body  # the change reason
    assert "2026年11月27日" in body
    assert county.office.display_name in body


def test_history_of_another_groups_record_is_not_found(client, county):
    client.force_login(county.member1)
    response = client.get(reverse("core:history", args=["groups.inspectiongroup", county.group2.pk]))
    assert response.status_code == 404


def test_history_of_an_unlisted_model_is_not_found(client, county):
    client.force_login(county.office)
    response = client.get(reverse("core:history", args=["accounts.user", county.office.pk]))
    assert response.status_code == 404


def test_withdrawal_starts_d1_and_d2(county):
    settle(county.group1, county.leader1)
    group_withdraw(group=county.group1, withdrawn_on=datetime.date(2026, 11, 20), actor=county.office)
    deadlines = {d.rule: d for d in county.group1.deadlines.all()}
    assert deadlines["D1"].due_on == datetime.date(2026, 12, 4)
    assert deadlines["D2"].due_on == datetime.date(2026, 12, 21)  # 20 December is a Sunday


def test_withdrawal_before_entry_is_refused_with_a_message_and_changes_nothing(client, county):
    client.force_login(county.office)
    settle(county.group1, county.leader1)
    response = client.post(reverse("withdrawal:withdraw", args=[county.group1.pk]), {"withdrawn_on": "2026-10-01"})
    assert response.status_code == 200  # the page again, with the message on the form
    county.group1.refresh_from_db()
    assert county.group1.withdrawn_on is None
    assert not county.group1.deadlines.exists()
    assert "撤离日期不能早于进驻日期" in response.content.decode()


def test_a_borrowed_documents_history_shows_its_sign_out_and_refuses_another_group(client, county):
    from tests.docrequests.records import item, sign_out

    document = sign_out(county, item(county, "2025年局党组会议纪要"))
    client.force_login(county.liaison1)
    page = client.get(reverse("core:history", args=["docrequests.documentitem", document.pk]))
    assert page.status_code == 200 and "财政局办公室王主任" in page.content.decode()  # the sign-out, as a change
    client.force_login(county.liaison2)
    assert client.get(reverse("core:history", args=["docrequests.documentitem", document.pk])).status_code == 404
