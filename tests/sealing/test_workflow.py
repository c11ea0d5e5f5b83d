"""The direct-delivery register, move by move (S13.2): proposed → report form → registered and sealed →
delivered; declined; the rights of each move; the numbers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from petitions.models import Petition, PetitionContent
from petitions.services import petition_mark_important, petition_mark_within_scope
from tests.petitions.records import register
from xunchar.audit.models import AuditEvent
from xunchar.notifications.models import Notification
from xunchar.sealing import services
from xunchar.sealing.models import DirectDelivery, DirectDeliveryOpening
from xunchar.sealing.policy import may_open
from xunchar.sealing.services import delivery_of

from .records import SEALED_SUMMARY, delivered, proposed_petition, reported, sealed

pytestmark = pytest.mark.django_db
State = DirectDelivery.State


def test_an_item_about_a_listed_cadre_goes_straight_to_the_leader(county):
    petition = proposed_petition(county)
    delivery = delivery_of(petition)
    assert delivery.state == State.PROPOSED and delivery.automatic
    assert "县纪委监委副科级以上" in delivery.report.reason
    assert Notification.objects.filter(recipient=county.leader1, url=delivery.get_absolute_url()).exists()
    # The liaison who logged it no longer reads it; the leader does, to fill the report form.
    assert not PetitionContent.objects.visible_to(county.liaison1).filter(petition=petition).exists()
    assert PetitionContent.objects.visible_to(county.leader1).filter(petition=petition).exists()


def test_an_ordinary_item_is_not_routed(county):
    petition = register(county)
    assert delivery_of(petition) is None


def test_anyone_in_the_group_can_route_an_item_by_hand(county):
    petition = register(county)
    delivery = services.delivery_propose(record=petition, actor=county.member1, reason="被反映人系县委副书记的亲属")
    assert delivery.state == State.PROPOSED and not delivery.automatic
    again = services.delivery_propose(record=petition, actor=county.member1, reason="重复提交")
    assert again.pk == delivery.pk and again.report.reason == "被反映人系县委副书记的亲属"


def test_routing_by_hand_needs_a_reason_and_a_group_member(county):
    petition = register(county)
    with pytest.raises(ValidationError):
        services.delivery_propose(record=petition, actor=county.member1, reason=" ")
    with pytest.raises(PermissionDenied):
        services.delivery_propose(record=petition, actor=county.member2, reason="亲属")
    with pytest.raises(PermissionDenied):
        services.delivery_propose(record=petition, actor=county.office, reason="亲属")
    assert not DirectDelivery.objects.exists()


def test_the_whole_way_to_the_head(county):
    petition, delivery = delivered(county)
    assert delivery.state == State.DELIVERED
    assert delivery.number == 1 and delivery.reference == "一组径〔2026〕1号"
    assert delivery.registrar == county.liaison1 and delivery.delivered_by == county.office
    events = list(AuditEvent.objects.filter(event=AuditEvent.Event.DIRECT_DELIVERY).values_list("detail", flat=True))
    assert len(events) == 4  # proposed, report form, registered, delivered
    assert not any(SEALED_SUMMARY in e for e in events)
    assert Notification.objects.filter(recipient=county.secretary, url=delivery.get_absolute_url()).exists()


def test_numbers_are_given_at_registration_in_order(county):
    first_petition, first = reported(county)
    second_petition, second = reported(county, proposed_petition(county, received_on=first_petition.received_on))
    services.delivery_register(delivery=second, actor=county.liaison1)
    services.delivery_register(delivery=first, actor=county.liaison1)
    assert delivery_of(second_petition).number == 1 and delivery_of(first_petition).number == 2


def test_only_the_leader_fills_the_report_form_or_declines(county):
    delivery = delivery_of(proposed_petition(county))
    for who in ("deputy1", "liaison1", "office", "secretary"):
        with pytest.raises(PermissionDenied):
            services.delivery_report(delivery=delivery, actor=county.users[who], person="某", points="某", opinion="", registrar=county.liaison1)
        with pytest.raises(PermissionDenied):
            services.delivery_decline(delivery=delivery, actor=county.users[who], reason="不属于")
    assert delivery_of(delivery.source).state == State.PROPOSED


def test_the_report_form_names_someone_else_of_the_group_to_register(county):
    delivery = delivery_of(proposed_petition(county))
    with pytest.raises(ValidationError) as error:
        services.delivery_report(delivery=delivery, actor=county.leader1, person="", points="", opinion="", registrar=county.leader1)
    assert set(error.value.error_dict) == {"person", "points", "registrar"}
    with pytest.raises(ValidationError):
        services.delivery_report(delivery=delivery, actor=county.leader1, person="某", points="某", opinion="", registrar=county.member2)
    assert delivery_of(delivery.source).state == State.PROPOSED


def test_only_the_named_registrar_registers(county):
    _petition, delivery = reported(county)
    for who in ("leader1", "member1", "office", "secretary"):
        with pytest.raises(PermissionDenied):
            services.delivery_register(delivery=delivery, actor=county.users[who])
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    services.delivery_register(delivery=delivery, actor=county.liaison1)  # repeated: nothing more
    assert delivery_of(delivery.source).number == 1


def test_registration_before_the_report_form_is_refused(county):
    delivery = delivery_of(proposed_petition(county))
    delivery.registrar = county.liaison1
    delivery.save(update_fields=["registrar"])
    with pytest.raises(ValidationError):
        services.delivery_register(delivery=delivery, actor=county.liaison1)


def test_only_the_office_delivers_a_sealed_item(county):
    _petition, delivery = reported(county)
    with pytest.raises(ValidationError):
        services.delivery_deliver(delivery=delivery, actor=county.office)  # not sealed yet
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    for who in ("leader1", "liaison1", "secretary"):
        with pytest.raises(PermissionDenied):
            services.delivery_deliver(delivery=delivery, actor=county.users[who])
    services.delivery_deliver(delivery=delivery, actor=county.director)
    assert delivery_of(delivery.source).state == State.DELIVERED


def test_after_sealing_the_report_form_cannot_change(county):
    _petition, delivery = sealed(county)
    with pytest.raises(ValidationError):
        services.delivery_report(delivery=delivery, actor=county.leader1, person="改", points="改", opinion="", registrar=county.liaison1)
    with pytest.raises(ValidationError):
        services.delivery_decline(delivery=delivery, actor=county.leader1, reason="不属于")


def test_the_leader_reads_until_it_is_sealed_then_only_the_head(county):
    petition, delivery = reported(county)
    assert may_open(county.leader1, delivery)
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    delivery = delivery_of(petition)
    assert not may_open(county.leader1, delivery)
    assert may_open(county.secretary, delivery)
    for who in ("deputy", "director", "office", "liaison1", "member1", "deputy1", "jiwei"):
        assert not may_open(county.users[who], delivery), who


def test_declined_item_returns_to_the_group(county):
    petition = proposed_petition(county)
    delivery = delivery_of(petition)
    with pytest.raises(ValidationError):
        services.delivery_decline(delivery=delivery, actor=county.leader1, reason="")
    services.delivery_decline(delivery=delivery, actor=county.leader1, reason="被反映人已调离纪委，属一般信访件。")
    assert not delivery_of(petition).under_seal
    assert PetitionContent.objects.visible_to(county.liaison1).filter(petition=petition).exists()
    petition_mark_within_scope(petition=petition, actor=county.liaison1)


def test_a_routed_item_is_not_handled_in_the_group(county):
    petition = proposed_petition(county)
    with pytest.raises(ValidationError):
        petition_mark_within_scope(petition=petition, actor=county.leader1)
    with pytest.raises(ValidationError):
        petition_mark_important(petition=petition, actor=county.liaison1, proposal="报组长")
    petition.refresh_from_db()
    assert petition.state == Petition.State.REGISTERED


def test_the_head_names_readers_and_every_opening_is_recorded(county):
    _petition, delivery = delivered(county)
    with pytest.raises(PermissionDenied):
        services.delivery_name_reader(delivery=delivery, actor=county.deputy, reader=county.deputy)
    with pytest.raises(ValidationError):
        services.delivery_name_reader(delivery=delivery, actor=county.secretary, reader=county.leader1)
    with pytest.raises(PermissionDenied):
        services.delivery_open(delivery=delivery, actor=county.deputy)
    services.delivery_name_reader(delivery=delivery, actor=county.secretary, reader=county.deputy)
    services.delivery_open(delivery=delivery, actor=county.deputy)
    services.delivery_open(delivery=delivery, actor=county.secretary)
    assert list(DirectDeliveryOpening.objects.filter(delivery=delivery).values_list("user__username", flat=True)) == ["secretary", "deputy"]
    assert AuditEvent.objects.filter(event=AuditEvent.Event.SEALED_OPENED).count() == 2
    services.delivery_remove_reader(delivery=delivery, actor=county.secretary, reader=county.deputy)
    with pytest.raises(PermissionDenied):
        services.delivery_open(delivery=delivery, actor=county.deputy)


def test_the_superuser_flag_opens_nothing(county):
    _petition, delivery = delivered(county)
    boss = county.office
    boss.is_superuser = boss.is_staff = True
    boss.save(update_fields=["is_superuser", "is_staff"])
    assert not may_open(boss, delivery)
    with pytest.raises(PermissionDenied):
        services.delivery_open(delivery=delivery, actor=boss)
    assert not PetitionContent.objects.visible_to(boss).filter(petition_id=delivery.source_id).exists()


def test_readers_are_named_once_the_item_is_sealed(county):
    _petition, delivery = reported(county)
    with pytest.raises(ValidationError):
        services.delivery_name_reader(delivery=delivery, actor=county.secretary, reader=county.deputy)
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    services.delivery_name_reader(delivery=delivery_of(delivery.source), actor=county.secretary, reader=county.deputy)


def test_a_registrar_who_left_the_group_cannot_seal(county):
    _petition, delivery = reported(county)
    county.liaison1.is_active = False
    county.liaison1.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        services.delivery_register(delivery=delivery, actor=county.liaison1)


def test_the_leader_adds_no_files_to_a_routed_item(client, county, settings, tmp_path):
    from django.urls import reverse

    from tests.files.samples import make_pdf, upload

    settings.MEDIA_ROOT = tmp_path / "media"
    petition = proposed_petition(county)
    client.force_login(county.leader1)
    response = client.post(reverse("files:add", args=["petitions.petitioncontent", petition.content.pk]),
                           {"file": upload("补充.pdf", make_pdf("x"), "application/pdf")})
    assert response.status_code in (403, 404)


def test_a_retired_commission_cadre_can_be_picked_on_the_form(county):
    import datetime

    from petitions.forms import complained_cadre_choices
    from tests.factories import CadreFactory, CadrePostFactory, UnitFactory
    from xunchar.registry.models import Cadre, Unit

    unit = UnitFactory(function=Unit.Function.DISCIPLINE_COMMISSION)
    retired = CadreFactory(unit=None, rank=Cadre.Rank.SECTION_DEPUTY, is_retired=True)
    CadrePostFactory(cadre=retired, unit=unit, title="案件审理室副主任", start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2020, 1, 1))
    assert retired in complained_cadre_choices(county.group1)
