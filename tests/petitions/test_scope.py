"""Scope decisions: one service per move, by the leader, deputy or liaison; illegal moves refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from petitions import services
from petitions.models import Petition

from .records import register

pytestmark = pytest.mark.django_db


def test_within_scope_by_the_deputy_and_repeating_changes_nothing(county):
    petition = register(county)
    services.petition_mark_within_scope(petition=petition, actor=county.deputy1)
    petition.refresh_from_db()
    assert petition.state == Petition.State.WITHIN_SCOPE and petition.decided_by == county.deputy1
    decided_at = petition.decided_at
    services.petition_mark_within_scope(petition=petition, actor=county.liaison1)
    petition.refresh_from_db()
    assert petition.decided_at == decided_at and petition.decided_by == county.deputy1


def test_not_handled_needs_a_reason_and_ends_there(county):
    petition = register(county)
    with pytest.raises(ValidationError):
        services.petition_mark_not_handled(petition=petition, actor=county.liaison1, reason="")
    services.petition_mark_not_handled(petition=petition, actor=county.liaison1, reason=Petition.NotHandledReason.PERSONAL_CLAIM)
    petition.refresh_from_db()
    assert petition.state == Petition.State.NOT_HANDLED and petition.not_handled_reason == "personal_claim"
    with pytest.raises(ValidationError):
        services.petition_mark_important(petition=petition, actor=county.liaison1, proposal="报组长")
    with pytest.raises(ValidationError):
        services.petition_mark_within_scope(petition=petition, actor=county.liaison1)
    petition.refresh_from_db()
    assert petition.state == Petition.State.NOT_HANDLED


def test_an_important_item_cannot_go_back(county):
    petition = register(county)
    services.petition_mark_within_scope(petition=petition, actor=county.liaison1)
    with pytest.raises(ValidationError):  # a proposal is required
        services.petition_mark_important(petition=petition, actor=county.liaison1, proposal=" ")
    services.petition_mark_important(petition=petition, actor=county.liaison1, proposal="建议深入了解")
    for move in (
        lambda: services.petition_mark_within_scope(petition=petition, actor=county.liaison1),
        lambda: services.petition_mark_not_handled(petition=petition, actor=county.liaison1, reason="law_related"),
    ):
        with pytest.raises(ValidationError):
            move()
    petition.refresh_from_db()
    assert petition.state == Petition.State.IMPORTANT


@pytest.mark.parametrize("persona", ["member1", "office", "director", "secretary", "leader2"])
def test_others_may_not_decide(county, persona):
    petition = register(county)
    with pytest.raises(PermissionDenied):
        services.petition_mark_within_scope(petition=petition, actor=county.users[persona])
    with pytest.raises(PermissionDenied):
        services.petition_mark_important(petition=petition, actor=county.users[persona], proposal="报组长")
    with pytest.raises(PermissionDenied):
        services.petition_mark_not_handled(petition=petition, actor=county.users[persona], reason="law_related")
    petition.refresh_from_db()
    assert petition.state == Petition.State.REGISTERED


def test_the_views_refuse_a_member_with_403(client, county):
    petition = register(county)
    client.force_login(county.member1)
    for name in ("petitions:mark_within_scope", "petitions:mark_important", "petitions:mark_not_handled"):
        assert client.post(reverse(name, args=[petition.pk]), {"proposal": "x", "reason": "law_related"}).status_code == 403
    client.force_login(county.liaison1)
    response = client.post(reverse("petitions:mark_not_handled", args=[petition.pk]), {"reason": "law_related"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.NOT_HANDLED
