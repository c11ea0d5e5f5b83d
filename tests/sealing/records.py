"""A direct-delivery petition in group 1, taken through the register by the services."""

from petitions.models import Petition
from tests.factories import CadreFactory, UnitFactory
from tests.petitions.records import register
from xunchar.registry.models import Cadre, Unit
from xunchar.sealing import services
from xunchar.sealing.services import delivery_of

SEALED_SUMMARY = "反映县纪委某室副主任收受礼金"
SEALED_TEXT = "来信称其于2026年春节期间收受管理服务对象礼金二万元。"
SEALED_PERSON = "柯振邦"
SEALED_POINTS = "收受礼金问题，时间地点具体。"


def commission_cadre():
    unit = Unit.objects.filter(function=Unit.Function.DISCIPLINE_COMMISSION).first() or UnitFactory(
        name="示例县纪委监委", function=Unit.Function.DISCIPLINE_COMMISSION
    )
    return CadreFactory(name=SEALED_PERSON, unit=unit, post="第一纪检监察室副主任", rank=Cadre.Rank.SECTION_DEPUTY)


def proposed_petition(county, **extra):
    """Registered by liaison1 about a commission cadre: the system routes it to the group leader."""
    return register(county, summary=SEALED_SUMMARY, full_text=SEALED_TEXT, complained_about=f"县纪委监委{SEALED_PERSON}",
                    complained_cadre=commission_cadre(), channel=Petition.Channel.LETTER, **extra)


def reported(county, petition=None):
    petition = petition or proposed_petition(county)
    delivery = delivery_of(petition)
    services.delivery_report(delivery=delivery, actor=county.leader1, person=f"{SEALED_PERSON}，县纪委监委第一纪检监察室副主任",
                             points=SEALED_POINTS, opinion="按径送件密封报送。", registrar=county.liaison1)
    return petition, delivery_of(petition)


def sealed(county):
    petition, delivery = reported(county)
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    return petition, delivery_of(petition)


def delivered(county):
    petition, delivery = sealed(county)
    services.delivery_deliver(delivery=delivery, actor=county.office)
    return petition, delivery_of(petition)


SECRETS = (SEALED_SUMMARY, SEALED_TEXT, SEALED_PERSON, SEALED_POINTS, "收受礼金")
