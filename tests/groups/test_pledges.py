"""S03.3: every person of the group signs the confidentiality pledge, themself, signed in; a signature is
recorded with the wording read, written to the audit log and never changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groups.models import ConfidentialityPledge
from groups.services import AUDIT_PLEDGE_SIGNED, pledge_sign
from groups.standards import CURRENT_PLEDGE, PLEDGE_TEXTS
from xunchar.audit.models import AuditEvent

from .helpers import zh

pytestmark = pytest.mark.django_db


def test_a_member_reads_the_pledge_and_signs_it_for_themself(client, county):
    client.force_login(county.member1)
    page = client.get(reverse("groups:pledge_sign", args=[county.group1.pk])).content.decode()
    assert PLEDGE_TEXTS[CURRENT_PLEDGE][:30] in page
    assert str(county.member1.cadre) in page

    response = client.post(reverse("groups:pledge_sign", args=[county.group1.pk]),
                           {"text_version": CURRENT_PLEDGE, "confirm": "on"})

    assert response.status_code == 302
    pledge = ConfidentialityPledge.objects.get(group=county.group1)
    assert pledge.cadre == county.member1.cadre
    assert pledge.text_version == CURRENT_PLEDGE
    event = AuditEvent.objects.get(event=AUDIT_PLEDGE_SIGNED)
    assert event.actor == county.member1
    assert event.object_id == str(pledge.pk)


def test_signing_needs_the_confirmation_box(client, county):
    client.force_login(county.member1)
    client.post(reverse("groups:pledge_sign", args=[county.group1.pk]), {"text_version": CURRENT_PLEDGE})
    assert not ConfidentialityPledge.objects.exists()


def test_a_pledge_is_signed_only_by_its_own_person(county):
    pledge_sign(group=county.group1, actor=county.leader1, text_version=CURRENT_PLEDGE)
    # The leader's signature is the leader's: nobody else's appears, and there is no way to sign for another.
    assert list(ConfidentialityPledge.objects.values_list("cadre", flat=True)) == [county.leader1.cadre_id]
    with pytest.raises(PermissionDenied):
        pledge_sign(group=county.group1, actor=county.office, text_version=CURRENT_PLEDGE)
    for other_group in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        with pytest.raises(PermissionDenied):
            pledge_sign(group=county.group1, actor=other_group, text_version=CURRENT_PLEDGE)


def test_signing_again_changes_nothing_and_writes_no_second_event(county):
    first = pledge_sign(group=county.group1, actor=county.member1, text_version=CURRENT_PLEDGE)
    again = pledge_sign(group=county.group1, actor=county.member1, text_version="BM-OLD")
    assert again.pk == first.pk and again.signed_at == first.signed_at
    assert AuditEvent.objects.filter(event=AUDIT_PLEDGE_SIGNED).count() == 1


def test_a_changed_wording_is_refused(county):
    with pytest.raises(ValidationError) as refused:
        pledge_sign(group=county.group1, actor=county.member1, text_version="BM-OLD")
    assert refused.value.messages == [
        zh("The wording of the pledge has changed since the page was opened. Read it again and sign.")
    ]
    assert not ConfidentialityPledge.objects.exists()


def test_the_list_shows_x_of_y_and_who_is_missing(client, county):
    pledge_sign(group=county.group1, actor=county.leader1, text_version=CURRENT_PLEDGE)
    pledge_sign(group=county.group1, actor=county.deputy1, text_version=CURRENT_PLEDGE)
    client.force_login(county.liaison1)
    body = client.get(reverse("groups:pledge_list", args=[county.group1.pk])).content.decode()
    assert '<span class="tag warn" data-testid="pledge-count">2/4</span>' in body
    missing = body.split('data-testid="pledges-missing"')[1].split("</p>")[0]
    assert str(county.liaison1.cadre) in missing and str(county.member1.cadre) in missing
    assert str(county.leader1.cadre) not in missing


def test_the_group_page_shows_the_count_and_the_missing(client, county):
    pledge_sign(group=county.group1, actor=county.member1, text_version=CURRENT_PLEDGE)
    client.force_login(county.office)
    body = client.get(reverse("groups:detail", args=[county.group1.pk])).content.decode()
    cell = body.split('data-testid="pledge-count"')[1].split("</td>")[0]
    assert "1/4" in cell
    assert str(county.leader1.cadre) in cell and str(county.member1.cadre) not in cell


def test_the_office_reads_the_list_but_has_nothing_to_sign(client, county):
    client.force_login(county.office)
    assert client.get(reverse("groups:pledge_list", args=[county.group1.pk])).status_code == 200
    assert client.post(reverse("groups:pledge_sign", args=[county.group1.pk]),
                       {"text_version": CURRENT_PLEDGE, "confirm": "on"}).status_code == 403
    assert not ConfidentialityPledge.objects.exists()


@pytest.mark.parametrize("persona", ["member2", "liaison2", "unit1", "zuzhibu"])
def test_others_do_not_find_the_pledges(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(reverse("groups:pledge_list", args=[county.group1.pk])).status_code == 404
    assert client.post(reverse("groups:pledge_sign", args=[county.group1.pk]),
                       {"text_version": CURRENT_PLEDGE, "confirm": "on"}).status_code == 404


def test_the_list_makes_the_same_queries_for_4_people_as_for_20(client, county, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import GroupMembershipFactory

    url = reverse("groups:pledge_list", args=[county.group1.pk])
    client.force_login(county.office)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(16):
        membership = GroupMembershipFactory(group=county.group1)
        ConfidentialityPledge.objects.create(group=county.group1, cadre=membership.cadre, text_version=CURRENT_PLEDGE)
    with django_assert_num_queries(len(few.captured_queries)):
        assert "16/20" in client.get(url).content.decode()
