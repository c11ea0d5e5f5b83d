"""The demo's withdrawals (S28): round 1's groups and round 2's group 2 left their units with everything
settled — a talk with each unit's principal leader, the borrowed equipment returned (the classified
notebook checked back by a named member), the papers no longer needed shredded and checked, every
member's zero-holding report. All names and events are fictional. Everything goes through the
services, as clicks would."""

from datetime import date

from django.contrib.auth import get_user_model

from groups.models import GroupMembership, InspectionGroup
from xunchar.registry.models import Cadre

from . import services

UNIT_LEADER_POSTS = {"乡": "党委书记", "镇": "党委书记", "学": "党支部书记、校长", "院": "党委书记"}


def _unit_leader(unit) -> str:
    """The unit's principal leader as the cadre pool has them, else the post alone."""
    cadre = Cadre.objects.filter(unit=unit, post__contains="书记").order_by("id").first()
    if cadre is not None:
        return f"{cadre.name}（{cadre.post}）"
    post = next((post for key, post in UNIT_LEADER_POSTS.items() if unit.name.endswith(key)), "党组书记、局长")
    return f"{unit.name.removeprefix('示例县')}{post}"


def demo_withdraw(group: InspectionGroup, *, on: date, office) -> None:
    """Settle the group's checklist on the day it leaves and mark it withdrawn (the office records it)."""
    User = get_user_model()
    memberships = list(GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre"))
    accounts = {user.cadre_id: user for user in User.objects.filter(cadre__in=[m.cadre_id for m in memberships])}
    keepers = [m for m in memberships if m.role in ("leader", "liaison") and m.cadre_id in accounts]
    keeper = accounts[keepers[0].cadre_id]
    with_account = [m for m in memberships if m.cadre_id in accounts and m.pk != keepers[0].pk]
    checker = with_account[0]

    for inspection in group.inspections.select_related("unit").order_by("id"):
        services.exit_talk_record(
            inspection=inspection, held_on=on, unit_leader=_unit_leader(inspection.unit), actor=keeper,
            notes="通报巡察组撤离安排，要求对巡察期间群众反映的问题和巡察组交办事项抓紧整改，做好反馈前的准备工作。",
        )
    notebook = services.equipment_add(group=group, data=services.EquipmentData(
        name="涉密笔记本电脑", asset_number=f"XCB-{group.round.number}{group.number}-01", classified=True,
        lent_by="县委巡察办", holder=keepers[0], lent_on=group.entered_on), actor=keeper)
    services.equipment_return(equipment=notebook, returned_on=on, returned_to="县委巡察办综合室", checked_by=checker, actor=keeper)
    printer = services.equipment_add(group=group, data=services.EquipmentData(
        name="激光打印机", lent_by=str(group.inspections.first().unit), holder=memberships[-1], lent_on=group.entered_on),
        actor=keeper)
    services.equipment_return(equipment=printer, returned_on=on, returned_to="办公室工作人员", checked_by=None, actor=keeper)
    destruction = services.destruction_record(group=group, data=services.DestructionData(
        destroyed_on=on, description="谈话提纲草稿、个人工作笔记复印件及不需归档的资料复印件", sheets=136,
        method="shredded", destroyed_by=keepers[0], checker=checker), actor=keeper)
    services.destruction_check(destruction=destruction, actor=accounts[checker.cadre_id])
    for membership in memberships:
        user = accounts.get(membership.cadre_id)
        if user is not None:
            services.zero_holding_sign(membership=membership, actor=user, signed_on=on)
        else:
            services.zero_holding_sign(membership=membership, actor=keeper, on_paper=True, signed_on=on)
    services.group_withdraw(group=group, withdrawn_on=on, actor=office)
