"""In-app notifications: the unread count in the header, opening one, marking all read."""

import pytest
from django.urls import reverse

from xunchar.notifications.models import Notification
from xunchar.notifications.services import notifications_create, notifications_create_many

pytestmark = pytest.mark.django_db


def unread_badge(client):
    page = client.get(reverse("notifications:list")).content.decode()
    marker = 'data-testid="unread-count">'
    return int(page.split(marker)[1].split("<")[0]) if marker in page else 0


def test_one_copy_per_person(county):
    notifications_create_many(
        messages=[([county.office, county.office, county.director], "甲", "", ""), ([county.office], "乙", "", "")]
    )
    assert Notification.objects.filter(recipient=county.office).count() == 2
    assert Notification.objects.filter(recipient=county.director).count() == 1


def test_the_header_counts_unread(client, county):
    client.force_login(county.office)
    assert unread_badge(client) == 0
    notifications_create(recipients=[county.office, county.director], title="【即将到期】D1", url="/deadlines/")
    notifications_create(recipients=[county.office], title="【今日到期】D1", url="/deadlines/")
    assert unread_badge(client) == 2


def test_opening_marks_read_and_follows_the_link(client, county):
    (notification,) = notifications_create(recipients=[county.office], title="【已逾期】D1", url="/deadlines/")
    client.force_login(county.office)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/deadlines/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert unread_badge(client) == 0


def test_an_outside_link_is_not_followed(client, county):
    (notification,) = notifications_create(recipients=[county.office], title="x", url="https://example.org/")
    client.force_login(county.office)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_not_found(client, county):
    (notification,) = notifications_create(recipients=[county.director], title="x")
    client.force_login(county.office)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, county):
    notifications_create(recipients=[county.office, county.director], title="甲")
    notifications_create(recipients=[county.office], title="乙")
    client.force_login(county.office)
    client.post(reverse("notifications:read_all"))
    assert unread_badge(client) == 0
    assert Notification.objects.filter(recipient=county.director, read_at__isnull=True).count() == 1
