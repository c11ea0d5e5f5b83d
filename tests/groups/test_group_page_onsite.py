"""The group page's on-site section links each on-site app; the restricted page only for whom it admits."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("username", "sees_restricted"), [
    ("liaison1", True), ("deputy1", True), ("director", True), ("secretary", True), ("member1", False),
])
def test_the_on_site_links_follow_the_readers_rights(client, county, username, sees_restricted):
    client.force_login(county.users[username])
    body = client.get(reverse("groups:detail", args=[county.group1.pk])).content.decode()
    for name in ("onsite:group", "docrequests:register", "surveys:list", "workpapers:list", "withdrawal:checklist"):
        assert reverse(name, args=[county.group1.pk]) in body, name
    assert (reverse("onsite:restricted", args=[county.group1.pk]) in body) is sees_restricted
