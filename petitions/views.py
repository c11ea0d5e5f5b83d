from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import InspectionGroup
from xunchar.access import policy
from xunchar.access.decorators import require
from xunchar.access.services import access_log_export, access_log_record
from xunchar.audit.models import AuditEvent
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless
from xunchar.files.selectors import attachment_panel
from xunchar.sealing.forms import ProposeDirectDeliveryForm
from xunchar.sealing.policy import may_open
from xunchar.sealing.services import delivery_of

from . import exports, papers, rules, selectors, services
from .forms import (
    EmergencyPlanForm,
    ImportantForm,
    IncidentForm,
    LedgerFilterForm,
    NotHandledForm,
    PetitionForm,
)
from .models import Petition, PetitionContent, PetitionEmergencyPlan, Petitioner, PetitionIncident

PAGE_SIZE = 30




def _group_for(user, pk):
    """A group whose ledger the user may see; out of scope is 404."""
    group = get_object_or_404(
        policy.petitions_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk"), pk=pk
    )
    return group, rules.petition_rights(user, group)


def _petition_for(user, pk):
    petition = get_object_or_404(
        Petition.objects.visible_to(user).select_related("group__round", "round", "inspection__unit", "recorded_by", "decided_by"),
        pk=pk,
    )
    return petition, rules.petition_rights(user, petition.group)


# --- The ledger ----------------------------------------------------------------------------------------------


@require(selectors.has_any_ledger)
def index(request):
    return render(request, "petitions/index.html", {"groups": selectors.groups_with_petitions(request.user)})


def ledger(request, pk):
    group, rights = _group_for(request.user, pk)
    form = LedgerFilterForm(request.GET or None, group=group)
    rows = selectors.ledger(request.user, group, with_petitioner=rights.can_see_petitioner, **form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    petitions = selectors.mark_sealed(page.object_list)
    if rights.can_see_petitioner:
        shown = sum(1 for p in petitions if not p.sealed and not p.anonymous and hasattr(p, "petitioner"))
        if shown:
            access_log_export(request=request, model=Petitioner, count=shown, what=f"{group.full_name} 信访台账第{page.number}页",
                              event=AuditEvent.Event.READ)
    instructions = papers.instructions_for(petitions)
    for petition in petitions:
        petition.instruction = instructions.get(petition.pk)
    context = {"group": group, "rights": rights, "form": form, "page": page, "petitions": petitions}
    return render(request, "petitions/ledger.html", context)


def export(request, pk):
    group, rights = _group_for(request.user, pk)
    form = LedgerFilterForm(request.GET or None, group=group)
    rows = selectors.mark_sealed(selectors.ledger(request.user, group, with_petitioner=rights.can_see_petitioner, **form.filters()))
    content = exports.ledger_workbook(group, rows, with_petitioner=rights.can_see_petitioner, instructions=papers.instructions_for(rows))
    access_log_export(request=request, model=Petition, count=len(rows),
                      what=f"{group.full_name} 信访台账" + ("（含反映人）" if rights.can_see_petitioner else ""))
    day = timezone.localdate().isoformat()
    name = f"{group.full_name}信访件登记台账_{day}.xlsx"
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename=\"petitions_{day}.xlsx\"; filename*=UTF-8''{quote(name)}"
    add_never_cache_headers(response)
    return response


def create(request, pk):
    group, rights = _group_for(request.user, pk)
    refuse_unless(rights.can_register)
    form = PetitionForm(request.POST or None, group=group, membership_id=rights.membership_id)
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.petition_register(group=group, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": petition.reference})
            if "another" in request.POST:
                return redirect("petitions:create", group.pk)
            return redirect(petition)
    return render(request, "petitions/petition_form.html", {"group": group, "rights": rights, "form": form})


def detail(request, pk):
    petition, rights = _petition_for(request.user, pk)
    delivery = delivery_of(petition)
    if delivery is not None and delivery.under_seal:
        # A direct-delivery item: number, date and routing only; its content opens on the sealing page.
        return render(request, "petitions/petition_sealed.html", {
            "group": petition.group, "petition": petition, "rights": rights, "delivery": delivery,
            "may_open": may_open(request.user, delivery),
        })
    content = get_object_or_404(PetitionContent.objects.visible_to(request.user).select_related("complained_cadre__unit"), petition=petition)
    access_log_record(request=request, obj=petition)
    petitioner = None
    if rights.can_see_petitioner and not petition.anonymous:
        petitioner = selectors.petitioner_of(request.user, petition)
        if petitioner is not None:
            access_log_record(request=request, obj=petitioner)
    context = {
        "group": petition.group, "petition": petition, "content": content, "rights": rights, "petitioner": petitioner,
        "complained_about": papers.complained_about(content),
        "receivers": petition.receivers.in_role_order().select_related("cadre"),
        "instruction": papers.instruction_of(petition),
        "important_form": ImportantForm(initial={"proposal": content.proposal}) if rights.can_decide else None,
        "returned": petition.state == Petition.State.IMPORTANT and getattr(services.important_request(petition), "state", "") == "returned",
        "not_handled_form": NotHandledForm() if rights.can_decide else None,
        "panel": attachment_panel(request.user, content, next_url=request.path),
        "delivery": delivery,
        "propose_form": ProposeDirectDeliveryForm() if rights.in_group else None,
    }
    return render(request, "petitions/petition_detail.html", context)


def _transition(request, pk, move):
    petition, rights = _petition_for(request.user, pk)
    refuse_unless(rights.can_decide)
    try:
        move(petition)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(petition)


@require_POST
def mark_within_scope(request, pk):
    return _transition(request, pk, lambda p: services.petition_mark_within_scope(petition=p, actor=request.user))


@require_POST
def mark_important(request, pk):
    form = ImportantForm(request.POST)
    proposal = request.POST.get("proposal", "") if not form.is_valid() else form.cleaned_data["proposal"]
    return _transition(request, pk, lambda p: services.petition_mark_important(petition=p, actor=request.user, proposal=proposal))


@require_POST
def mark_not_handled(request, pk):
    reason = request.POST.get("reason", "")
    return _transition(request, pk, lambda p: services.petition_mark_not_handled(petition=p, actor=request.user, reason=reason))


# --- Emergencies (S13.3) -------------------------------------------------------------------------------------


def emergency_plan(request, pk):
    group, rights = _group_for(request.user, pk)
    plan = PetitionEmergencyPlan.objects.visible_to(request.user).filter(group=group).select_related("updated_by").first()
    form = None
    if rights.can_edit_emergency_plan:
        form = EmergencyPlanForm(request.POST or None, initial={"text": plan.text if plan else ""})
        if request.method == "POST" and form.is_valid():
            try:
                services.emergency_plan_save(group=group, actor=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                errors_to_messages(request, error)
            else:
                messages.success(request, _("The emergency plan is saved."))
                return redirect("petitions:emergency_plan", group.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "petitions/emergency_plan.html", {"group": group, "rights": rights, "plan": plan, "form": form})


def incident_list(request, pk):
    group, rights = _group_for(request.user, pk)
    incidents = PetitionIncident.objects.visible_to(request.user).filter(group=group).select_related("recorded_by")
    form = None
    if rights.can_report_incident:
        form = IncidentForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.incident_report(group=group, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The incident is recorded and the office is told."))
                return redirect("petitions:incident_list", group.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "petitions/incident_list.html", {"group": group, "rights": rights, "incidents": incidents, "form": form})


@require(policy.sees_all_working_material)
def incidents_all(request):
    """The office sees every group's incident reports."""
    incidents = PetitionIncident.objects.visible_to(request.user).select_related("group__round", "recorded_by")
    return render(request, "petitions/incidents_all.html", {"incidents": incidents})
