"""Receivers see only what was handed to them — a per-object grant through django-guardian."""

import pytest
from django.core.exceptions import ValidationError

from groups.models import Inspection
from xunchar.access.services import handover_grant, handover_revoke

pytestmark = pytest.mark.django_db


def test_a_receiver_sees_nothing_until_something_is_handed_over(county):
    assert not Inspection.objects.visible_to(county.jiwei).exists()


def test_a_receiver_sees_exactly_what_was_handed_to_them(county):
    handover_grant(obj=county.inspection2, receiver=county.jiwei)
    handover_grant(obj=county.inspection2, receiver=county.jiwei)  # repeating changes nothing
    assert list(Inspection.objects.visible_to(county.jiwei)) == [county.inspection2]
    # …and only that receiver: the other department's receiver still sees nothing.
    assert not Inspection.objects.visible_to(county.zuzhibu).exists()


def test_revoking_a_handover_hides_the_record_again(county):
    handover_grant(obj=county.inspection1, receiver=county.zuzhibu)
    handover_revoke(obj=county.inspection1, receiver=county.zuzhibu)
    assert not Inspection.objects.visible_to(county.zuzhibu).exists()


def test_only_receivers_can_be_handed_material(county):
    with pytest.raises(ValidationError):
        handover_grant(obj=county.inspection1, receiver=county.member2)
    assert list(Inspection.objects.visible_to(county.liaison2)) == [county.inspection2]
    assert list(Inspection.objects.visible_to(county.member2)) == []  # group 2 has withdrawn (S28)


def test_the_superuser_flag_opens_nothing(county):
    county.member1.is_superuser = True
    county.member1.save()
    assert list(Inspection.objects.visible_to(county.member1)) == [county.inspection1]
