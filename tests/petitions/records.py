"""Group 1's petitions for the tests and the permission matrix: made through the services."""

import datetime

from petitions import services
from petitions.models import Petition
from petitions.services import PetitionData, PetitionerData

SECRET_SUMMARY = "反映财政局某股长违规发放惠农补贴"
SECRET_PETITIONER = "王秀英"
SECRET_ID_NUMBER = "522601198003150028"
PLAN_TEXT = "遇有群体性来访，由联络员牵头接待，及时向巡察办报告。"
INCIDENT_TEXT = "十余名群众到驻地反映拆迁补偿问题"


def membership(county, username):
    return county.group1.memberships.get(cadre_id=county.users[username].cadre_id)


def register(county, *, actor="liaison1", channel=Petition.Channel.LETTER, summary=SECRET_SUMMARY, anonymous=False,
             petitioner_name=SECRET_PETITIONER, receivers=("liaison1",), group=None, received_on=None, **extra):
    group = group or county.group1
    people = [group.memberships.get(cadre_id=county.users[name].cadre_id) for name in receivers]
    data = PetitionData(
        received_on=received_on or datetime.date(2026, 10, 20), channel=channel, summary=summary, receivers=people,
        anonymous=anonymous, inspection=group.inspections.first(), full_text=extra.pop("full_text", "来信全文。"),
        complained_about=extra.pop("complained_about", "财政局农业股股长"),
        petitioner=None if anonymous else PetitionerData(name=petitioner_name, id_number=SECRET_ID_NUMBER, phone="13800001111"),
        **extra,
    )
    return services.petition_register(group=group, actor=county.users[actor], data=data)


def add_group1_petitions(county):
    """A registered item, an important one with the leader's instruction, a plan and an incident."""
    from xunchar.approvals.services import approval_decide

    county.petition1 = register(county)
    county.petition2 = register(county, channel=Petition.Channel.VISIT, receivers=("liaison1", "member1"), summary="反映财政局局长违规审批专项资金")
    services.petition_mark_important(petition=county.petition2, actor=county.liaison1, proposal="建议报组长批示后深入了解。")
    request = services.important_request(county.petition2)
    approval_decide(request=request, actor=county.leader1, passed=True, opinion="请副组长牵头了解核实。")
    county.petition2.refresh_from_db()
    county.petition_plan = services.emergency_plan_save(group=county.group1, actor=county.liaison1, text=PLAN_TEXT)
    county.petition_incident = services.incident_report(
        group=county.group1, actor=county.liaison1, occurred_on=datetime.date(2026, 10, 22),
        what_happened=INCIDENT_TEXT, how_handled="会同单位妥善劝返。", reported_on=datetime.date(2026, 10, 22),
    )
    return county
