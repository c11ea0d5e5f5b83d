"""The office staffs a round (S01, S02.3): groups, units, people, secondments, recusal."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.access.decorators import require
from xunchar.access.policy import can_manage_rounds, sees_all_working_material
from xunchar.core.viewutils import errors_to_messages
from xunchar.registry.models import Unit

from . import staffing
from .forms import (
    DeclarationForm,
    InspectionAddForm,
    MemberAddForm,
    RecusalResolveForm,
    RemoveForm,
    RoundForm,
    SecondmentRequestForm,
    SecondmentSwapForm,
)
from .models import RecusalConflict, RecusalDeclaration, Round, Secondment
from .selectors import staffing_overview


def _round_for(user, pk):
    return get_object_or_404(Round.objects.visible_to(user), pk=pk)



def _back_to_staffing(round_, request, ok: bool, fields: tuple[str, ...]):
    """After a refusal the form comes back filled in as it was sent, so that only the reason need be added."""
    url = reverse("rounds:staffing", args=[round_.pk])
    if ok:
        return redirect(url)
    kept = {name: request.POST.get(name, "") for name in fields if request.POST.get(name)}
    return redirect(f"{url}?{urlencode(kept)}#add-{fields[1]}")


def _run(request, service, success: str, **kwargs) -> bool:
    try:
        service(**kwargs)
    except ValidationError as error:
        errors_to_messages(request, error)
        return False
    messages.success(request, success)
    return True


@require(can_manage_rounds)
def round_create(request):
    form = RoundForm(request.POST or None, initial={"year": _next_round_year(), "number": _next_round_number()})
    if request.method == "POST" and form.is_valid():
        try:
            round_ = staffing.round_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("%(round)s created. Now form its groups.") % {"round": round_})
            return redirect("rounds:staffing", round_.pk)
    return render(request, "rounds/round_form.html", {"form": form})


def _next_round_year():
    from django.utils import timezone

    return timezone.localdate().year


def _next_round_number():
    from django.db.models import Max

    top = Round.objects.filter(year=_next_round_year()).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@require(sees_all_working_material)  # the office arranges, leadership reads
def round_staffing(request, pk):
    round_ = _round_for(request.user, pk)
    can_manage = can_manage_rounds(request.user)
    context = {
        "round": round_,
        "groups": staffing_overview(round=round_, user=request.user),
        "can_manage": can_manage and round_.phase == Round.Phase.PREPARATION,
        # After a refusal the forms come back as they were sent (see _back_to_staffing).
        "inspection_form": InspectionAddForm(initial=request.GET.dict()),
        "member_form": MemberAddForm(initial=request.GET.dict()),
        "selected_group": request.GET.get("group", ""),
        "liaison_candidates": staffing.liaison_candidates(),
    }
    return render(request, "rounds/staffing/staffing.html", context)


@require_POST
@require(can_manage_rounds)
def group_create(request, pk):
    round_ = _round_for(request.user, pk)
    _run(request, staffing.group_create, _("Group added."), round=round_, actor=request.user)
    return redirect("rounds:staffing", round_.pk)


def _groups_of(user, round_):
    return InspectionGroup.objects.visible_to(user).filter(round=round_)


def _group_for(user, pk):
    return get_object_or_404(InspectionGroup.objects.visible_to(user).select_related("round"), pk=pk)


@require_POST
@require(can_manage_rounds)
def inspection_add(request, pk):
    round_ = _round_for(request.user, pk)
    form = InspectionAddForm(request.POST, groups=_groups_of(request.user, round_))
    ok = False
    if form.is_valid():
        ok = _run(request, staffing.inspection_add, _("Unit added to the group."), group=form.cleaned_data["group"], actor=request.user,
                  unit=form.cleaned_data["unit"], justification=form.cleaned_data["justification"])
    else:
        messages.error(request, _("Choose a group and a unit."))
    return _back_to_staffing(round_, request, ok, ("group", "unit", "justification"))


@require_POST
@require(can_manage_rounds)
def inspection_remove(request, pk):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    _run(request, staffing.inspection_remove, _("Unit taken from the group."), inspection=inspection, actor=request.user)
    return redirect("rounds:staffing", inspection.round_id)


@require_POST
@require(can_manage_rounds)
def member_add(request, pk):
    round_ = _round_for(request.user, pk)
    form = MemberAddForm(request.POST, groups=_groups_of(request.user, round_))
    ok = False
    if form.is_valid():
        ok = _run(request, staffing.membership_add, _("Person added to the group."), group=form.cleaned_data["group"], actor=request.user,
                  cadre=form.cleaned_data["cadre"], role=form.cleaned_data["role"], justification=form.cleaned_data["justification"])
    else:
        messages.error(request, _("Choose a group, a person and their role."))
    return _back_to_staffing(round_, request, ok, ("group", "cadre", "role", "justification"))


@require_POST
@require(can_manage_rounds)
def member_remove(request, pk):
    membership = get_object_or_404(
        GroupMembership.objects.filter(group__in=InspectionGroup.objects.visible_to(request.user)).select_related("group"), pk=pk
    )
    form = RemoveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _run(request, staffing.membership_remove, _("Person taken out of the group."), membership=membership, actor=request.user, reason=reason)
    return redirect("rounds:staffing", membership.group.round_id)


@require(sees_all_working_material)  # the office arranges, leadership reads
def recusal_list(request, pk):
    round_ = _round_for(request.user, pk)
    can_manage = can_manage_rounds(request.user)
    conflicts = (
        RecusalConflict.objects.visible_to(request.user).filter(round=round_)
        .select_related("group", "cadre__unit", "unit", "resolved_by")
        .order_by("state", "group__number", "cadre__name")
    )
    declarations = (
        RecusalDeclaration.objects.visible_to(request.user).filter(group__round=round_)
        .select_related("group", "cadre", "unit")
    )
    return render(request, "rounds/staffing/recusal.html", {
        "round": round_, "conflicts": conflicts, "declarations": declarations,
        "can_manage": can_manage and round_.phase == Round.Phase.PREPARATION, "resolve_form": RecusalResolveForm(),
        "groups": staffing_overview(round=round_, user=request.user),
    })


@require_POST
@require(can_manage_rounds)
def recusal_resolve(request, pk):
    conflict = get_object_or_404(RecusalConflict.objects.visible_to(request.user), pk=pk)
    form = RecusalResolveForm(request.POST)
    if form.is_valid():
        _run(request, staffing.recusal_resolve, _("Recusal conflict resolved."), conflict=conflict, actor=request.user,
             keep=form.cleaned_data["decision"] == "keep", reason=form.cleaned_data["reason"],
             replacement=form.cleaned_data["replacement"])
    else:
        messages.error(request, _("Choose a decision and write down the reason."))
    return redirect("rounds:recusal", conflict.round_id)


def recusal_declare(request, pk):
    """The person's own declaration on the mobilization day (S02.3)."""
    group = _group_for(request.user, pk)
    cadre_id = getattr(request.user, "cadre_id", None)
    if cadre_id is None or not group.memberships.filter(cadre_id=cadre_id).exists():
        raise PermissionDenied
    existing = RecusalDeclaration.objects.filter(group=group, cadre_id=cadre_id).select_related("unit").first()
    units = group.round.inspections.select_related("unit", "group")
    form = DeclarationForm(request.POST or None, units=Unit.objects.filter(inspections__round=group.round).order_by("name"))
    if request.method == "POST" and existing is None and form.is_valid():
        ok = _run(request, staffing.recusal_declare, _("Your declaration has been recorded."), group=group, actor=request.user,
                  nothing_to_declare=form.cleaned_data["answer"] == "nothing", statement=form.cleaned_data["statement"],
                  unit=form.cleaned_data["unit"])
        if ok:
            return redirect("rounds:declare", group.pk)
    return render(request, "rounds/staffing/declare.html", {"group": group, "form": form, "existing": existing, "units": units})


@require_POST
@require(can_manage_rounds)
def recusal_declare_for(request, pk):
    """The office enters a declaration made on paper at the mobilization meeting."""
    membership = get_object_or_404(
        GroupMembership.objects.filter(group__in=InspectionGroup.objects.visible_to(request.user)).select_related("group", "cadre"), pk=pk
    )
    form = DeclarationForm(request.POST, units=Unit.objects.filter(inspections__round_id=membership.group.round_id))
    if form.is_valid():
        _run(request, staffing.recusal_declare, _("Declaration entered."), group=membership.group, actor=request.user,
             cadre=membership.cadre, nothing_to_declare=form.cleaned_data["answer"] == "nothing",
             statement=form.cleaned_data["statement"], unit=form.cleaned_data["unit"])
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("rounds:recusal", membership.group.round_id)


@require(sees_all_working_material)  # the office arranges, leadership reads
def secondment_list(request, pk):
    round_ = _round_for(request.user, pk)
    can_manage = can_manage_rounds(request.user)
    secondments = (
        Secondment.objects.visible_to(request.user).filter(round=round_)
        .select_related("cadre__unit", "replaced_by__cadre")
    )
    from django.utils import timezone

    return render(request, "rounds/staffing/secondments.html", {
        "round": round_, "secondments": secondments,
        "can_manage": can_manage and round_.phase == Round.Phase.PREPARATION,
        "request_form": SecondmentRequestForm(initial={"requested_on": timezone.localdate()}),
        "swap_form": SecondmentSwapForm(),
    })


@require_POST
@require(can_manage_rounds)
def secondment_request(request, pk):
    round_ = _round_for(request.user, pk)
    form = SecondmentRequestForm(request.POST)
    if form.is_valid():
        _run(request, staffing.secondment_request, _("Secondment requested."), round=round_, actor=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("Choose a person and the date."))
    return redirect("rounds:secondments", round_.pk)


@require_POST
@require(can_manage_rounds)
def secondment_confirm(request, pk):
    secondment = get_object_or_404(Secondment.objects.visible_to(request.user), pk=pk)
    _run(request, staffing.secondment_confirm, _("Secondment confirmed."), secondment=secondment, actor=request.user)
    return redirect("rounds:secondments", secondment.round_id)


@require_POST
@require(can_manage_rounds)
def secondment_swap(request, pk):
    secondment = get_object_or_404(Secondment.objects.visible_to(request.user), pk=pk)
    form = SecondmentSwapForm(request.POST)
    if form.is_valid():
        _run(request, staffing.secondment_swap, _("Person swapped."), secondment=secondment, actor=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("Choose the replacement and write down why."))
    return redirect("rounds:secondments", secondment.round_id)
