"""The round's S01 papers: edit while a draft, approve through the approval panel, file, announce."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from groups.models import InspectionGroup
from xunchar.access import policy
from xunchar.access.decorators import require
from xunchar.access.policy import can_manage_rounds
from xunchar.approvals.chains import chain_for
from xunchar.approvals.services import approval_is_locked

from . import plans
from .models import AuthorizationDecision, Round, RoundWorkPlan, TaskAllocationPlan
from .selectors import staffing_overview

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskPlanForm(forms.ModelForm):
    class Meta:
        model = TaskAllocationPlan
        fields = ["consultation", "explanation"]
        widgets = {"consultation": forms.Textarea(attrs={"rows": 4}), "explanation": forms.Textarea(attrs={"rows": 4})}


class WorkPlanForm(forms.ModelForm):
    class Meta:
        model = RoundWorkPlan
        fields = ["tasks", "requirements"]
        widgets = {"tasks": forms.Textarea(attrs={"rows": 8}), "requirements": forms.Textarea(attrs={"rows": 5})}


class AuthorizationForm(forms.ModelForm):
    class Meta:
        model = AuthorizationDecision
        fields = ["duties"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 6})}


class DateForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Date"), widget=DATE)


def _round_for(user, pk):
    return get_object_or_404(Round.objects.visible_to(user), pk=pk)


def _save(request, service, success, **kwargs) -> bool:
    try:
        service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


@require(policy.sees_all_working_material)
def task_plan(request, pk):
    round_ = _round_for(request.user, pk)
    plan = plans.task_plan_of(round_)
    editable = can_manage_rounds(request.user) and not approval_is_locked(plan, plans.TASK_PLAN) and round_.phase == Round.Phase.PREPARATION
    form = TaskPlanForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid() and _save(request, plans.task_plan_update, _("Task allocation plan saved."), plan=plan, actor=request.user,
                                     consultation=form.cleaned_data["consultation"], explanation=form.cleaned_data["explanation"]):
            return redirect("rounds:task_plan", round_.pk)
    return render(request, "rounds/plans/task_plan.html", {
        "round": round_, "plan": plan, "form": form, "editable": editable,
        "can_reopen": plans.is_approved(plan, plans.TASK_PLAN) and chain_for(plans.TASK_PLAN).may_reopen(request.user, plan),
        "groups": staffing_overview(round=round_, user=request.user), "gaps": plans.task_plan_gaps(round_),
    })


@require_POST
@require(can_manage_rounds)
def task_plan_reopen(request, pk):
    round_ = _round_for(request.user, pk)
    reason = request.POST.get("reason", "")
    try:
        plans.task_plan_reopen(plan=plans.task_plan_of(round_), actor=request.user, reason=reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The plan is reopened: change it, then submit it again."))
    return redirect("rounds:task_plan", round_.pk)


@require(policy.sees_all_working_material)
def work_plan(request, pk):
    round_ = _round_for(request.user, pk)
    plan = plans.work_plan_of(round_)
    editable = can_manage_rounds(request.user) and not approval_is_locked(plan, plans.WORK_PLAN) and round_.phase == Round.Phase.PREPARATION
    form = WorkPlanForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid() and _save(request, plans.work_plan_update, _("Work plan saved."), plan=plan, actor=request.user,
                                     tasks=form.cleaned_data["tasks"], requirements=form.cleaned_data["requirements"]):
            return redirect("rounds:work_plan", round_.pk)
    approved = plans.is_approved(plan, plans.WORK_PLAN)
    return render(request, "rounds/plans/work_plan.html", {
        "round": round_, "plan": plan, "form": form, "editable": editable, "approved": approved,
        "task_plan_approved": plans.task_plan_approved(round_),
        "filing_form": DateForm(initial={"day": plan.filed_on or timezone.localdate()}),
        "can_manage": can_manage_rounds(request.user),
    })


@require_POST
@require(can_manage_rounds)
def work_plan_file(request, pk):
    round_ = _round_for(request.user, pk)
    form = DateForm(request.POST)
    if form.is_valid():
        _save(request, plans.work_plan_record_filing, _("Filing with the prefecture office recorded."),
              plan=plans.work_plan_of(round_), filed_on=form.cleaned_data["day"], actor=request.user)
    else:
        messages.error(request, _("Enter the filing date."))
    return redirect("rounds:work_plan", round_.pk)


def _group_for(user, pk):
    """The group, for its own papers: group material (a unit contact who sees the group does not)."""
    groups = policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk")
    return get_object_or_404(groups, pk=pk)


def authorization(request, pk):
    group = _group_for(request.user, pk)
    decision = plans.authorization_of(group)
    if not AuthorizationDecision.objects.visible_to(request.user).filter(pk=decision.pk).exists():
        raise Http404  # the group's people read it once approved
    editable = (
        can_manage_rounds(request.user) and not approval_is_locked(decision, plans.AUTHORIZATION)
        and group.round.phase == Round.Phase.PREPARATION
    )
    form = AuthorizationForm(request.POST or None, instance=decision)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid() and _save(request, plans.authorization_update, _("Authorization decision saved."), decision=decision,
                                     actor=request.user, duties=form.cleaned_data["duties"]):
            return redirect("rounds:authorization", group.pk)
    return render(request, "rounds/plans/authorization.html", {
        "group": group, "round": group.round, "decision": decision, "form": form, "editable": editable,
        "snapshot": plans.authorization_snapshot(decision), "approved": plans.is_approved(decision, plans.AUTHORIZATION),
        "task_plan_approved": plans.task_plan_approved(group.round), "can_manage": can_manage_rounds(request.user),
        "announce_form": DateForm(initial={"day": decision.announced_on or group.round.mobilization_date or timezone.localdate()}),
    })


@require_POST
@require(can_manage_rounds)
def authorization_announce(request, pk):
    group = _group_for(request.user, pk)
    form = DateForm(request.POST)
    if form.is_valid():
        _save(request, plans.authorization_announce, _("Announcement recorded."),
              decision=plans.authorization_of(group), announced_on=form.cleaned_data["day"], actor=request.user)
    else:
        messages.error(request, _("Enter the date of the announcement."))
    return redirect("rounds:authorization", group.pk)
