"""The round-wide lists refuse who has no part in the round's preparation (not found, no leak)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["briefing_list", "speech_list", "training_list", "mobilization"])
@pytest.mark.parametrize("persona", ["unit1", "jiwei", "sysadmin"])
def test_the_preparation_lists_are_not_found(client, county, name, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse(f"rounds:{name}", args=[county.round.pk]))
    # an administrator is stopped before the view (三员分立: 403); the others find nothing
    assert response.status_code == (403 if persona == "sysadmin" else 404)


@pytest.mark.parametrize("persona", ["jiwei", "zuzhibu", "sysadmin"])
def test_the_notice_list_is_not_found_outside_the_round(client, county, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("rounds:notice_list", args=[county.round.pk]))
    assert response.status_code == (403 if persona == "sysadmin" else 404)
    assert "巡察办发" not in response.content.decode()
