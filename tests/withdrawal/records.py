"""Withdrawal records for tests: a group's checklist settled through the services, as clicks would."""

import datetime

from groups.withdrawal import services

DAY = datetime.date(2026, 11, 20)


def settle(group, leader, *, skip: str | None = None) -> None:
    """Settle every item of the group's checklist except `skip` ("talks", "destruction", "check",
    "zero_holding"): talks at every unit, one destruction checked, every member's report (on paper)."""
    memberships = list(group.memberships.in_role_order())
    if skip != "talks":
        for inspection in group.inspections.all():
            services.exit_talk_record(inspection=inspection, held_on=DAY, unit_leader="王局长（党组书记、局长）",
                                      notes="通报撤离安排。", actor=leader)
    if skip != "destruction":
        destruction = services.destruction_record(group=group, data=services.DestructionData(
            destroyed_on=DAY, description="谈话提纲草稿、工作笔记复印件", sheets=42, method="shredded",
            destroyed_by=memberships[0], checker=memberships[1]), actor=leader)
        if skip != "check":
            from xunchar.accounts.models import User

            checker = User.objects.get(cadre=memberships[1].cadre)
            services.destruction_check(destruction=destruction, actor=checker)
    if skip != "zero_holding":
        for membership in memberships:
            services.zero_holding_sign(membership=membership, actor=leader, on_paper=True, signed_on=DAY)


def add_group1_withdrawal_records(county) -> None:
    """A borrowed notebook still out and a destruction awaiting deputy1's check (the permission matrix)."""
    leader = county.group1.memberships.get(cadre=county.leader1.cadre)
    deputy = county.group1.memberships.get(cadre=county.deputy1.cadre)
    county.equipment = services.equipment_add(group=county.group1, data=services.EquipmentData(
        name="涉密笔记本电脑", lent_by="县委巡察办", holder=leader, lent_on=datetime.date(2026, 10, 14), classified=True),
        actor=county.leader1)
    county.destruction = services.destruction_record(group=county.group1, data=services.DestructionData(
        destroyed_on=DAY, description="谈话提纲草稿", sheets=12, method="shredded", destroyed_by=leader, checker=deputy),
        actor=county.leader1)
