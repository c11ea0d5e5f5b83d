from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from xunchar.access.policy import can_manage_rounds
from xunchar.deadlines.models import Deadline

from .forms import WithdrawalForm
from .models import InspectionGroup
from .services import group_record_withdrawal


def _group_for(user, pk):
    return get_object_or_404(
        InspectionGroup.objects.visible_to(user).select_related("round"),
        pk=pk,
    )


def group_detail(request, pk):
    group = _group_for(request.user, pk)
    context = {
        "group": group,
        "memberships": group.memberships.in_role_order().select_related("cadre__unit"),
        "inspections": group.inspections.select_related("unit"),
        "deadlines": Deadline.objects.visible_to(request.user).filter(group=group).select_related("round", "group"),
        "can_manage": can_manage_rounds(request.user),
        "withdrawal_form": WithdrawalForm(initial={"withdrawn_on": group.withdrawn_on}),
    }
    return render(request, "groups/group_detail.html", context)


@require_POST
def group_withdraw(request, pk):
    group = _group_for(request.user, pk)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    form = WithdrawalForm(request.POST)
    if form.is_valid():
        try:
            group_record_withdrawal(group=group, withdrawn_on=form.cleaned_data["withdrawn_on"], actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "已记录撤离日期，D1、D2 期限开始计算。")
    else:
        messages.error(request, "请填写正确的撤离日期。")
    return redirect(group)
