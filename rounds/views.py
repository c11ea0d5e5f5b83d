from django.shortcuts import get_object_or_404, render

from groups.models import InspectionGroup, members_in_order
from xunchar.access.policy import can_manage_rounds, sees_all_working_material
from xunchar.core.selectors import rounds_overview
from xunchar.deadlines.models import Deadline

from .models import Round
from .selectors import s01_summary


def round_list(request):
    return render(request, "rounds/round_list.html", {"rounds": rounds_overview(request.user), "can_manage": can_manage_rounds(request.user)})


def round_detail(request, pk):
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    groups = (
        InspectionGroup.objects.visible_to(request.user)
        .filter(round=round_)
        .prefetch_related("inspections__unit", members_in_order())
    )
    deadlines = Deadline.objects.visible_to(request.user).filter(round=round_).select_related("group", "unit", "round")
    context = {
        "round": round_, "groups": groups, "deadlines": deadlines,
        "sees_staffing": sees_all_working_material(request.user),
    }
    if context["sees_staffing"]:
        context["s01"] = s01_summary(round=round_)
    return render(request, "rounds/round_detail.html", context)
