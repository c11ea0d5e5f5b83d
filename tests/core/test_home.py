import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["secretary", "director", "office", "leader1", "member2", "jiwei", "unit1"])
def test_each_persona_gets_a_home_page(client, county, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("core:home"))
    assert response.status_code == 200


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
