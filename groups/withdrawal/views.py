"""The withdrawal checklist page and its moves (S28). Thin: each POST calls one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.access import policy
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless

from . import rules, selectors, services
from .forms import (
    DestructionForm,
    EquipmentForm,
    EquipmentReturnForm,
    ExitTalkForm,
    PaperReportForm,
    WithdrawForm,
)
from .models import BorrowedEquipment, ExitTalk, PaperDestruction
from .standards import zero_holding_statement


def _group(user, pk) -> InspectionGroup:
    """A group whose working material the user may see (its own people, the office, leadership)."""
    queryset = InspectionGroup.objects.select_related("round")
    return get_object_or_404(policy.group_material_visible_to(queryset, user, group_field="pk"), pk=pk)


def _page(request, group, **forms):
    rights = rules.rights(request.user, group)
    today = timezone.localdate()
    talks = {talk.inspection_id: talk for talk in ExitTalk.objects.filter(inspection__group=group)}
    inspections = list(Inspection.objects.filter(group=group).select_related("unit").order_by("id"))
    bound_talk = forms.get("talk_form")
    for inspection in inspections:
        inspection.exit_talk_record = talks.get(inspection.pk)
        inspection.talk_form = (
            bound_talk if bound_talk is not None and bound_talk.prefix == _prefix("talk", inspection.pk)
            else ExitTalkForm(prefix=_prefix("talk", inspection.pk), initial={"held_on": today})
        )
    members = list(GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre", "zero_holding_report"))
    bound_return = forms.get("return_form")
    equipment = list(BorrowedEquipment.objects.filter(group=group).select_related("holder__cadre", "checked_by__cadre"))
    for item in equipment:
        if item.is_out:
            item.return_form = (
                bound_return if bound_return is not None and bound_return.prefix == _prefix("return", item.pk)
                else EquipmentReturnForm(members=members, prefix=_prefix("return", item.pk), initial={"returned_on": today})
            )
    sections = selectors.checklist(group)
    context = {
        "group": group,
        "rights": rights,
        "sections": sections,
        "open_count": sum(len(section.open_items) for section in sections),
        "inspections": inspections,
        "members": members,
        "my_membership": next((m for m in members if m.pk == rights.membership_id), None),
        "equipment": equipment,
        "destructions": PaperDestruction.objects.filter(group=group).select_related("destroyed_by__cadre", "checker__cadre"),
        "on_site": group.entered_on is not None and group.withdrawn_on is None,
        "equipment_form": forms.get("equipment_form") or EquipmentForm(group=group, initial={"lent_on": group.entered_on}),
        "destruction_form": forms.get("destruction_form") or DestructionForm(group=group, initial={"destroyed_on": today}),
        "paper_form": PaperReportForm(initial={"signed_on": today}),
        "zero_holding_statement": zero_holding_statement(group),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(initial={"withdrawn_on": group.withdrawn_on or today}),
    }
    return render(request, "withdrawal/checklist.html", context)


def _prefix(kind: str, pk: int) -> str:
    return f"{kind}{pk}"


def checklist(request, pk):
    return _page(request, _group(request.user, pk))


def _done(request, group, message):
    messages.success(request, message)
    return redirect("withdrawal:checklist", group.pk)


def _submit(request, group, form, form_key: str, act, success: str):
    """A checklist form: valid input goes to one service (`act(cleaned_data)`); a refusal or bad input
    shows the page again with the messages on the form that was sent, and nothing changed."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return _done(request, group, success)
    return _page(request, group, **{form_key: form})


@require_POST
def exit_talk(request, pk):
    inspection = get_object_or_404(
        policy.group_material_visible_to(Inspection.objects.select_related("group__round", "unit"), request.user), pk=pk
    )
    group = inspection.group
    refuse_unless(rules.rights(request.user, group).keeps_checklist)
    form = ExitTalkForm(request.POST, prefix=_prefix("talk", inspection.pk))
    return _submit(request, group, form, "talk_form",
                   lambda data: services.exit_talk_record(inspection=inspection, actor=request.user, **data),
                   _("The talk with the principal leader of %(unit)s is recorded.") % {"unit": inspection.unit})


@require_POST
def equipment_add(request, pk):
    group = _group(request.user, pk)
    refuse_unless(rules.rights(request.user, group).keeps_checklist)
    form = EquipmentForm(request.POST, group=group)
    return _submit(request, group, form, "equipment_form",
                   lambda data: services.equipment_add(group=group, data=services.EquipmentData(**data), actor=request.user),
                   _("The borrowed equipment is recorded."))


@require_POST
def equipment_return(request, pk):
    item = get_object_or_404(BorrowedEquipment.objects.visible_to(request.user).select_related("group__round"), pk=pk)
    group = item.group
    refuse_unless(rules.rights(request.user, group).keeps_checklist)
    members = GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")
    form = EquipmentReturnForm(request.POST, members=list(members), prefix=_prefix("return", item.pk))
    return _submit(request, group, form, "return_form",
                   lambda data: services.equipment_return(equipment=item, actor=request.user, **data),
                   _("“%(item)s” is recorded as returned.") % {"item": item.name})


@require_POST
def destruction_add(request, pk):
    group = _group(request.user, pk)
    refuse_unless(rules.rights(request.user, group).keeps_checklist)
    form = DestructionForm(request.POST, group=group)
    return _submit(request, group, form, "destruction_form",
                   lambda data: services.destruction_record(group=group, data=services.DestructionData(**data), actor=request.user),
                   _("The destruction is recorded; the member named checks it."))


@require_POST
def destruction_check(request, pk):
    destruction = get_object_or_404(PaperDestruction.objects.visible_to(request.user).select_related("group__round"), pk=pk)
    refuse_unless(rules.rights(request.user, destruction.group).membership_id == destruction.checker_id)
    try:
        services.destruction_check(destruction=destruction, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect("withdrawal:checklist", destruction.group_id)
    return _done(request, destruction.group, _("You have checked the destruction."))


@require_POST
def zero_holding_sign(request, pk):
    group = _group(request.user, pk)
    rights = rules.rights(request.user, group)
    refuse_unless(rights.membership_id is not None)
    membership = GroupMembership.objects.select_related("group").get(pk=rights.membership_id)
    try:
        services.zero_holding_sign(membership=membership, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect("withdrawal:checklist", group.pk)
    return _done(request, group, _("You have signed your zero-holding report."))


@require_POST
def zero_holding_paper(request, pk):
    membership = get_object_or_404(
        policy.group_material_visible_to(GroupMembership.objects.select_related("group__round", "cadre"), request.user), pk=pk
    )
    group = membership.group
    refuse_unless(rules.rights(request.user, group).records_paper_reports)
    form = PaperReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the report was signed on paper."))
        return redirect("withdrawal:checklist", group.pk)
    try:
        services.zero_holding_sign(membership=membership, actor=request.user, on_paper=True, signed_on=form.cleaned_data["signed_on"])
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect("withdrawal:checklist", group.pk)
    return _done(request, group, _("The zero-holding report %(name)s signed on paper is recorded.") % {"name": membership.cadre.name})


@require_POST
def withdraw(request, pk):
    group = _group(request.user, pk)
    refuse_unless(rules.rights(request.user, group).marks_withdrawn)
    form = WithdrawForm(request.POST)
    return _submit(request, group, form, "withdraw_form",
                   lambda data: services.group_withdraw(group=group, actor=request.user, **data),
                   _("The group is marked withdrawn; D1 and D2 are running."))
