"""Reads of the withdrawal: the checklist the system fills itself, and what still keeps the group on site."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.sealing.models import DirectDelivery
from xunchar.workdays.calendar import chinese_date

from .models import BorrowedEquipment, ExitTalk, PaperDestruction, ZeroHoldingReport

# Other apps' open matters: (code, label, dotted path of a function (group) -> [one sentence per open item]).
OTHER_CHECKS: tuple[tuple[str, str, str], ...] = (
    ("documents", gettext_lazy("Borrowed documents returned, classified ones accounted for"),
     "groups.docrequests.selectors.withdrawal_open_items"),
    ("onsite", gettext_lazy("Immediate fixes answered, field visits held or cancelled"),
     "groups.onsite.selectors.withdrawal_open_items"),
    ("surveys", gettext_lazy("Surveys closed"), "groups.surveys.selectors.withdrawal_open_items"),
    ("working_papers", gettext_lazy("Working papers signed and with their custodian"),
     "groups.workpapers.selectors.withdrawal_open_items"),
)


@dataclass
class ChecklistSection:
    code: str
    label: str
    open_items: list[str] = field(default_factory=list)
    done_items: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return not self.open_items


def _talk_section(group: InspectionGroup) -> ChecklistSection:
    section = ChecklistSection("talks", _("Talk with each unit's principal leader"))
    talks = {talk.inspection_id: talk for talk in ExitTalk.objects.filter(inspection__group=group)}
    for inspection in Inspection.objects.filter(group=group).select_related("unit").order_by("id"):
        talk = talks.get(inspection.pk)
        if talk is None:
            section.open_items.append(
                _("The talk with the principal leader of %(unit)s before withdrawal is not recorded.") % {"unit": inspection.unit}
            )
        else:
            section.done_items.append(_("%(unit)s: talked with %(leader)s") % {"unit": inspection.unit, "leader": talk.unit_leader})
    return section


def _equipment_section(group: InspectionGroup) -> ChecklistSection:
    section = ChecklistSection("equipment", _("Borrowed equipment returned"))
    for item in BorrowedEquipment.objects.filter(group=group).select_related("holder__cadre").order_by("id"):
        if item.is_out:
            message = (
                _("Classified equipment “%(item)s” is not returned yet (held by %(holder)s).")
                if item.classified
                else _("Borrowed equipment “%(item)s” is not returned yet (held by %(holder)s).")
            )
            section.open_items.append(message % {"item": item.name, "holder": item.holder.cadre.name})
        else:
            section.done_items.append(_("%(item)s: returned to %(to)s") % {"item": item.name, "to": item.returned_to})
    return section


def _destruction_section(group: InspectionGroup) -> ChecklistSection:
    section = ChecklistSection("destruction", _("Papers no longer needed destroyed and checked"))
    records = list(PaperDestruction.objects.filter(group=group).select_related("checker__cadre").order_by("id"))
    if not records:
        section.open_items.append(_("No destruction of the papers no longer needed is recorded."))
    for record in records:
        if record.checked_at is None:
            section.open_items.append(
                _("The destruction of %(date)s is not yet checked by %(checker)s.")
                % {"date": chinese_date(record.destroyed_on), "checker": record.checker.cadre.name}
            )
        else:
            section.done_items.append(
                _("%(date)s: destroyed, checked by %(checker)s") % {"date": chinese_date(record.destroyed_on), "checker": record.checker.cadre.name}
            )
    return section


def _zero_holding_section(group: InspectionGroup) -> ChecklistSection:
    section = ChecklistSection("zero_holding", _("Zero-holding reports of every member"))
    memberships = GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre", "zero_holding_report")
    for membership in memberships:
        report = getattr(membership, "zero_holding_report", None)
        values = {"name": membership.cadre.name, "role": membership.get_role_display()}
        if report is None:
            section.open_items.append(_("%(name)s (%(role)s) has not signed a zero-holding report.") % values)
        else:
            section.done_items.append(_("%(name)s (%(role)s): signed") % values)
    return section


def _sealing_section(group: InspectionGroup) -> ChecklistSection:
    """Direct-delivery items still with the group: they are registered and sealed before it leaves."""
    section = ChecklistSection("sealed", _("Direct-delivery items registered and sealed"))
    pending = DirectDelivery.objects.filter(
        group=group, state__in=[DirectDelivery.State.PROPOSED, DirectDelivery.State.REPORTED]
    ).order_by("id")
    for delivery in pending:
        section.open_items.append(
            _("A direct-delivery item proposed on %(date)s is not yet registered and sealed.") % {"date": chinese_date(timezone.localdate(delivery.proposed_at))}
        )
    return section


def _other_sections(group: InspectionGroup) -> list[ChecklistSection]:
    sections = []
    for code, label, path in OTHER_CHECKS:
        sections.append(ChecklistSection(code, str(label), open_items=list(import_string(path)(group))))
    return sections


def checklist(group: InspectionGroup) -> list[ChecklistSection]:
    """The withdrawal checklist, section by section, as the system finds it now."""
    return [
        _talk_section(group),
        *_other_sections(group),
        _equipment_section(group),
        _destruction_section(group),
        _sealing_section(group),
        _zero_holding_section(group),
    ]


def open_items(group: InspectionGroup) -> list[str]:
    """Everything that keeps the group on site, one sentence each; empty when it may withdraw."""
    return [item for section in checklist(group) for item in section.open_items]


def zero_holding_reports(group: InspectionGroup):
    return ZeroHoldingReport.objects.filter(membership__group=group).select_related("membership__cadre", "recorded_by")
