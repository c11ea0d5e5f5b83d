from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from xunchar.administration import selectors as administration_selectors

from . import selectors

# Models whose history view exists; each has a `visible_to(user)` queryset method.
HISTORY_MODELS = {
    "registry.unit",
    "registry.cadre",
    "rounds.round",
    "groups.inspectiongroup",
    "deadlines.deadline",
    "rounds.taskallocationplan",
    "rounds.roundworkplan",
    "rounds.authorizationdecision",
    "groups.groupmeeting",
    "groups.temporarybranch",
    "groups.groupworkplan",
    "groups.entryfacilities",
    "rounds.mobilizationmeeting",
    "rounds.inspectionnotice",
    # Petitions (issue 5 §1): the ledger row (no content, no identity) and the emergency plan.
    # PetitionContent and Petitioner are left out: this page is not access-logged, and §2 seals content.
    "petitions.petition",
    "petitions.petitionemergencyplan",
    # In-depth inquiries (issue 5 §4–§6): a spot check's way and a request for help. Clues and
    # inquiries are left out: this page is not access-logged.
    "clues.spotcheck",
    "clues.helprequest",
    # Individual talks (issue 5 §3): the plan and the generic outline. TalkRecord is left out: this
    # page is not access-logged, and a record may be sealed (径送件).
    "groups.talk",
    "groups.talkoutline",
    # On site II (issue 6): registration data of borrowed documents (never a classified content), the
    # withdrawal's equipment and destruction records, field visits and immediate fixes.
    "docrequests.documentitem",
    "withdrawal.borrowedequipment",
    "withdrawal.paperdestruction",
    "onsite.fieldvisit",
    "onsite.immediatefix",
}


def home(request):
    user = request.user
    today = timezone.localdate()
    kind = selectors.home_kind(user)
    context = {"kind": kind, "today": today}
    if kind in ("office", "leadership"):
        rounds = list(selectors.rounds_overview(user))
        context.update(
            rounds=rounds,
            deadlines=selectors.open_deadlines(user, limit=15),
            counts=selectors.deadline_counts(user, today),
            overdue=selectors.overdue_deadlines(user, today)[:10],
            active_groups=selectors.active_groups(user),
        )
    elif kind == "group":
        memberships = list(selectors.my_memberships(user))
        round_ids = {m.group.round_id for m in memberships}
        context.update(
            memberships=memberships,
            # S28: groups the user served in that have withdrawn, whose material they no longer reach.
            withdrawn_memberships=[m for m in memberships if not selectors.keeps_group_material(m)],
            groups=selectors.groups_with_units(user, round_ids),
            deadlines=selectors.open_deadlines(user, limit=15),
        )
    elif kind == "unit":
        context.update(deadlines=selectors.open_deadlines(user, limit=15), unit=user.contact_unit)
    elif kind == "system_admin":
        context.update(administration_selectors.system_admin_summary())
    elif kind == "security_admin":
        context.update(roles=administration_selectors.role_holder_counts())
    elif kind == "audit_admin":
        context.update(administration_selectors.audit_admin_summary())
    return render(request, f"core/home_{kind}.html", context)


def history(request, model, pk):
    if model not in HISTORY_MODELS:
        raise Http404
    model_class = apps.get_model(model)
    # A model may narrow its history further than its rows (a sealed petition: xunchar/sealing).
    visible = getattr(model_class.objects, "history_visible_to", model_class.objects.visible_to)
    obj = get_object_or_404(visible(request.user), pk=pk)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = model_class._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        rows.append({"record": newer, "changes": changes})
    return render(
        request,
        "core/history.html",
        {"object": obj, "rows": rows, "model_name": model_class._meta.verbose_name},
    )
