"""No page a signed-in user sees is kept by the browser or a proxy (Cache-Control: no-store, private)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(("persona", "name", "kwargs"), [
    ("office", "core:home", {}),
    ("office", "rounds:list", {}),
    ("member1", "groups:detail", {"pk": "group1"}),
    ("director", "registry:cadre_list", {}),
    ("auditor", "administration:audit_list", {}),
])
def test_a_signed_in_users_pages_are_not_stored(client, county, persona, name, kwargs):
    kwargs = {key: getattr(county, value).pk for key, value in kwargs.items()}
    client.force_login(county.users[persona])
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response)


def test_refusals_and_redirects_are_not_stored_either(client, county):
    client.force_login(county.member1)
    assert {"no-store", "private"} <= _directives(client.get(reverse("registry:unit_list")))  # 403
    assert {"no-store", "private"} <= _directives(client.get(reverse("groups:detail", args=[county.group2.pk])))  # 404
    assert {"no-store", "private"} <= _directives(client.post(reverse("notifications:read_all")))  # 302


def test_a_view_that_sets_its_own_caching_headers_keeps_them(client, county):
    client.force_login(county.director)
    response = client.get(reverse("registry:unit_export"))
    assert _directives(response) == {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}


def test_static_files_are_served_before_the_rule(client, county):
    client.force_login(county.office)
    response = client.get("/static/css/app.css")
    if response.status_code == 404:
        pytest.skip("whitenoise serves static files from the finders only while DEBUG is on")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
