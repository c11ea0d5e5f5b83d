from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.onsite.rules import OnsiteRights
from rounds.models import Round
from rounds.selectors import group_s01
from xunchar.access import policy
from xunchar.access.decorators import require
from xunchar.access.policy import can_manage_rounds
from xunchar.access.services import access_log_export, access_log_record
from xunchar.core.viewutils import errors_to_messages, refuse_unless
from xunchar.deadlines.models import Deadline

from . import exports, rules, selectors, services
from .forms import (
    BranchForm,
    ChecklistMarkForm,
    DutiesForm,
    EntryForm,
    FacilitiesForm,
    FocusItemForm,
    MeetingForm,
    MeetingItemFormSet,
    MeetingsDeputyForm,
    OpinionNoteForm,
    PledgeSignForm,
    SelfReportReturnForm,
    SelfReportSectionFormSet,
    WorkPlanForm,
)
from .models import (
    WORK_PLAN_SECTIONS,
    ConfidentialityPledge,
    EntryChecklistMark,
    EntryFacilities,
    FocusItem,
    GroupMeeting,
    GroupWorkPlan,
    GroupWorkPlanRevision,
    Inspection,
    InspectionGroup,
    OpinionNote,
    SelfReport,
    SelfReportVersion,
    TemporaryBranch,
)
from .standards import CHECKLIST_SECTIONS, CURRENT_PLEDGE, ENTRY_CHECKLIST, PLEDGE_TEXTS, PLEDGE_TITLE

# --- Fetching through the access policy: out of scope is 404 ------------------------------------------------


def _group_for(user, pk):
    return get_object_or_404(
        InspectionGroup.objects.visible_to(user).select_related("round"),
        pk=pk,
    )


def _group_material(user, pk):
    """A group whose working material the user may see (the office, leadership, its own people)."""
    group = get_object_or_404(
        policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk"), pk=pk
    )
    return group, rules.group_rights(user, group)


def _inspection_material(user, pk):
    """An inspection whose group material the user may see; a unit contact finds nothing here."""
    inspection = get_object_or_404(
        policy.group_material_visible_to(Inspection.objects.select_related("group__round", "unit"), user), pk=pk
    )
    return inspection, rules.group_rights(user, inspection.group)


def _inspection_for_unit(user, pk):
    """An inspection as the unit sees it too: what is addressed to the unit (checklist, self-report)."""
    inspection = get_object_or_404(Inspection.objects.visible_to(user).select_related("group__round", "unit"), pk=pk)
    return inspection, rules.group_rights(user, inspection.group)




# --- The group page ---------------------------------------------------------------------------------------


def group_detail(request, pk):
    group = _group_for(request.user, pk)
    rights = rules.group_rights(request.user, group)
    context = {
        "group": group,
        "rights": rights,
        "memberships": group.memberships.in_role_order().select_related("cadre__unit"),
        "inspections": group.inspections.select_related("unit"),
        "deadlines": Deadline.objects.visible_to(request.user).filter(group=group).select_related("round", "group"),
        "can_manage": can_manage_rounds(request.user),
    }
    if rights.sees_material:
        # The on-site app's own rule for its restricted page, from the standing already read (no query).
        context["onsite_rights"] = OnsiteRights(role=rights.role, sees_all=rights.office or rights.leadership, office=rights.office)
        context["prep"] = selectors.group_preparation(group, with_blockers=group.entered_on is None)
        context["s01"] = group_s01(group)
        context["entry_form"] = EntryForm(initial={"entered_on": group.round.entry_date})
    else:
        # A unit contact: only what is addressed to the unit.
        context["unit_inspections"] = [i for i in context["inspections"] if rules.is_contact_of(request.user, i)]
    return render(request, "groups/group_detail.html", context)


@require_POST
def group_mark_entered(request, pk):
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.can_mark_entered)
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid entry date."))
        return redirect(group)
    try:
        services.group_mark_entered(group=group, entered_on=form.cleaned_data["entered_on"], actor=request.user,
                                    request=request)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The group's entry into its units is recorded."))
    return redirect(group)


# --- Group meetings (组务会) ----------------------------------------------------------------------------------


def meeting_list(request, pk):
    group, rights = _group_material(request.user, pk)
    meetings = (
        GroupMeeting.objects.visible_to(request.user).filter(group=group)
        .select_related("minute_taker__cadre").prefetch_related("items").order_by("-number")
    )
    context = {
        "group": group,
        "rights": rights,
        "meetings": meetings,
        "deputy_form": MeetingsDeputyForm(group=group, initial={"membership": group.meetings_deputy_id}) if rights.is_leader else None,
    }
    return render(request, "groups/meeting_list.html", context)


def _minutes_from(form, formset) -> services.Minutes:
    data = form.cleaned_data
    return services.Minutes(
        held_on=data["held_on"],
        attendees=list(data["attendees"]),
        minute_taker=data["minute_taker"],
        items=[(f.cleaned_data["kind"], f.cleaned_data.get("text", "")) for f in formset.forms if f.cleaned_data],
        decisions=data["decisions"],
        dissent=data["dissent"],
        major_disagreement=data["major_disagreement"],
        reported_to=data["reported_to"],
        reported_on=data["reported_on"],
        report_manner=data["report_manner"],
    )


def _meeting_form_page(request, group, meeting=None):
    if request.method == "POST":
        form = MeetingForm(request.POST, group=group)
        formset = MeetingItemFormSet(request.POST, prefix="items")
        if form.is_valid() and formset.is_valid():
            try:
                if meeting is None:
                    meeting = services.meeting_record(group=group, minutes=_minutes_from(form, formset), actor=request.user)
                else:
                    meeting = services.meeting_update(meeting=meeting, minutes=_minutes_from(form, formset), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect(meeting)
    elif meeting is None:
        leading = [m for m in group.memberships.all() if m.role in rules.GROUP_VETTERS]
        form = MeetingForm(group=group, initial={"held_on": timezone.localdate(), "attendees": leading})
        formset = MeetingItemFormSet(prefix="items", initial=[{"kind": "work_arrangements"}])
    else:
        form = MeetingForm(group=group, initial={
            "held_on": meeting.held_on, "attendees": list(meeting.attendees.all()), "minute_taker": meeting.minute_taker,
            "decisions": meeting.decisions, "dissent": meeting.dissent, "major_disagreement": meeting.major_disagreement,
            "reported_to": meeting.reported_to, "reported_on": meeting.reported_on, "report_manner": meeting.report_manner,
        })
        formset = MeetingItemFormSet(prefix="items", initial=[{"kind": i.kind, "text": i.text} for i in meeting.items.all()])
    return render(request, "groups/meeting_form.html", {"group": group, "meeting": meeting, "form": form, "formset": formset})


def meeting_create(request, pk):
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.can_keep_minutes)
    return _meeting_form_page(request, group)


def _meeting_for(user, pk):
    meeting = get_object_or_404(GroupMeeting.objects.visible_to(user).select_related("group__round"), pk=pk)
    return meeting, rules.group_rights(user, meeting.group)


def meeting_detail(request, pk):
    meeting, rights = _meeting_for(request.user, pk)
    access_log_record(request=request, obj=meeting)  # minutes may discuss clues about leading cadres
    context = {
        "group": meeting.group,
        "meeting": meeting,
        "rights": rights,
        "items": meeting.items.all(),
        "attendees": meeting.attendees.in_role_order().select_related("cadre"),
        "minute_taker": meeting.minute_taker.cadre,
    }
    return render(request, "groups/meeting_detail.html", context)


def meeting_edit(request, pk):
    meeting, rights = _meeting_for(request.user, pk)
    refuse_unless(rights.can_keep_minutes)
    return _meeting_form_page(request, meeting.group, meeting)


@require_POST
def meetings_deputy(request, pk):
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.is_leader)
    form = MeetingsDeputyForm(request.POST, group=group)
    if form.is_valid():
        try:
            services.group_name_meetings_deputy(group=group, membership=form.cleaned_data["membership"], actor=request.user)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("Saved."))
    return redirect("groups:meeting_list", group.pk)


# --- Temporary party branch --------------------------------------------------------------------------------


def branch(request, pk):
    group, rights = _group_material(request.user, pk)
    branch = TemporaryBranch.objects.visible_to(request.user).filter(group=group).first()
    form = None
    if request.method == "POST":
        refuse_unless(rights.can_lead)
        form = BranchForm(request.POST, group=group)
        if form.is_valid():
            try:
                services.branch_save(group=group, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("groups:branch", group.pk)
    elif rights.can_lead:
        initial = {"founded_on": timezone.localdate()}
        if branch:
            initial = {"founded_on": branch.founded_on, "party_members": list(branch.party_members.all()),
                       "work_plan": branch.work_plan}
        form = BranchForm(group=group, initial=initial)
    memberships = group.memberships.in_role_order().select_related("cadre")
    party_ids = set(branch.party_members.values_list("pk", flat=True)) if branch else set()
    context = {
        "group": group,
        "branch": branch,
        "rights": rights,
        "form": form,
        "secretary": next((m for m in memberships if m.role == "leader"), None),
        "party_members": [m for m in memberships if m.pk in party_ids],
    }
    return render(request, "groups/branch.html", context)


# --- Confidentiality pledges -------------------------------------------------------------------------------


def pledge_list(request, pk):
    group, rights = _group_material(request.user, pk)
    pledges = {
        p.cadre_id: p for p in ConfidentialityPledge.objects.visible_to(request.user).filter(group=group)
    }
    rows = [(m, pledges.get(m.cadre_id)) for m in group.memberships.in_role_order().select_related("cadre")]
    context = {
        "group": group,
        "rights": rights,
        "rows": rows,
        "signed": sum(1 for _m, p in rows if p),
        "missing": [m for m, p in rows if p is None],
        "own_pledge": pledges.get(request.user.cadre_id) if rights.in_group else None,
    }
    return render(request, "groups/pledge_list.html", context)


def pledge_sign(request, pk):
    """The person reads the pledge and signs it for themself; nobody signs for someone else."""
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.in_group)
    pledge = ConfidentialityPledge.objects.filter(group=group, cadre_id=request.user.cadre_id).first()
    form = PledgeSignForm(initial={"text_version": CURRENT_PLEDGE})
    if request.method == "POST" and pledge is None:
        form = PledgeSignForm(request.POST)
        if form.is_valid():
            try:
                services.pledge_sign(group=group, actor=request.user, text_version=form.cleaned_data["text_version"],
                                     request=request)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("You have signed the confidentiality pledge."))
                return redirect("groups:pledge_list", group.pk)
    version = pledge.text_version if pledge else CURRENT_PLEDGE
    context = {
        "group": group,
        "pledge": pledge,
        "form": form,
        "title": PLEDGE_TITLE,
        "text": PLEDGE_TEXTS[version],
        "version": version,
        "cadre": request.user.cadre,
    }
    return render(request, "groups/pledge_sign.html", context)


# --- Division of work and the group work plan --------------------------------------------------------------


def work_plan(request, pk):
    group, rights = _group_material(request.user, pk)
    plan = GroupWorkPlan.objects.visible_to(request.user).filter(group=group).select_related("latest_revision").first()
    revisions = (
        GroupWorkPlanRevision.objects.visible_to(request.user).filter(plan__group=group)
        .select_related("filed_by", "received_by").order_by("-number")
    )
    context = {
        "group": group,
        "rights": rights,
        "plan": plan,
        "sections": [(GroupWorkPlan._meta.get_field(n).verbose_name, getattr(plan, n)) for n in WORK_PLAN_SECTIONS] if plan else [],
        "branch": TemporaryBranch.objects.visible_to(request.user).filter(group=group).first(),
        "memberships": group.memberships.in_role_order().select_related("cadre"),
        "revisions": revisions,
    }
    return render(request, "groups/work_plan.html", context)


def work_plan_edit(request, pk):
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.can_lead)
    plan = GroupWorkPlan.objects.filter(group=group).first()
    if plan is not None and plan.state == GroupWorkPlan.State.FILED:
        messages.error(request, _("The work plan has been filed with the office. Reopen it for a new revision before changing it."))
        return redirect("groups:work_plan", group.pk)
    form = WorkPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_plan_save(group=group, sections=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("groups:work_plan", group.pk)
    return render(request, "groups/work_plan_form.html", {"group": group, "form": form, "plan": plan})


@require_POST
def work_plan_file(request, pk):
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.can_lead)
    try:
        revision = services.work_plan_file(group=group, actor=request.user, request=request)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Revision %(number)s of the work plan is filed with the office.") % {"number": revision.number})
    return redirect("groups:work_plan", group.pk)


@require_POST
def work_plan_reopen(request, pk):
    group, rights = _group_material(request.user, pk)
    refuse_unless(rights.can_lead)
    try:
        services.work_plan_reopen(group=group, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The work plan is open for its next revision; file it again when done."))
    return redirect("groups:work_plan", group.pk)


def work_plan_revision(request, pk):
    revision = get_object_or_404(
        GroupWorkPlanRevision.objects.visible_to(request.user).select_related("plan__group__round", "filed_by", "received_by"),
        pk=pk,
    )
    rights = rules.group_rights(request.user, revision.plan.group)
    context = {
        "group": revision.plan.group,
        "revision": revision,
        "rights": rights,
        "sections": [(GroupWorkPlanRevision._meta.get_field(n).verbose_name, getattr(revision, n))
                     for n in (*WORK_PLAN_SECTIONS, "branch_plan")],
    }
    return render(request, "groups/work_plan_revision.html", context)


@require_POST
def work_plan_acknowledge(request, pk):
    revision = get_object_or_404(GroupWorkPlanRevision.objects.visible_to(request.user).select_related("plan__group"), pk=pk)
    refuse_unless(rules.group_rights(request.user, revision.plan.group).can_acknowledge_work_plan)
    services.work_plan_acknowledge(revision=revision, actor=request.user, request=request)
    messages.success(request, _("Receipt acknowledged."))
    return redirect(revision)


def duties(request, pk):
    group, rights = _group_material(request.user, pk)
    memberships = group.memberships.in_role_order().select_related("cadre")
    form = None
    if rights.can_lead:
        form = DutiesForm(request.POST or None, memberships=memberships)
        if request.method == "POST" and form.is_valid():
            try:
                services.duties_save(group=group, duties=form.duties(), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("groups:work_plan", group.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "groups/duties.html", {"group": group, "rights": rights, "form": form, "memberships": memberships})


# --- Public opinion, the focus list ------------------------------------------------------------------------


def opinion_list(request, pk):
    inspection, rights = _inspection_material(request.user, pk)
    notes = OpinionNote.objects.visible_to(request.user).filter(inspection=inspection).select_related("recorded_by")
    return render(request, "groups/opinion_list.html", {"inspection": inspection, "group": inspection.group, "rights": rights, "notes": notes})


def _opinion_form_page(request, inspection, note=None):
    form = OpinionNoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        try:
            if note is None:
                services.opinion_note_record(inspection=inspection, actor=request.user, **form.cleaned_data)
            else:
                services.opinion_note_update(note=note, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("groups:opinion_list", inspection.pk)
    return render(request, "groups/opinion_form.html", {"inspection": inspection, "group": inspection.group, "form": form, "note": note})


def opinion_create(request, pk):
    inspection, rights = _inspection_material(request.user, pk)
    refuse_unless(rights.can_work)
    return _opinion_form_page(request, inspection)


def opinion_edit(request, pk):
    note = get_object_or_404(OpinionNote.objects.visible_to(request.user).select_related("inspection__group__round", "inspection__unit"), pk=pk)
    refuse_unless(rules.group_rights(request.user, note.inspection.group).can_work)
    return _opinion_form_page(request, note.inspection, note)


def focus_list(request, pk):
    inspection, rights = _inspection_material(request.user, pk)
    items = FocusItem.objects.visible_to(request.user).filter(inspection=inspection).select_related("opinion_note")
    return render(request, "groups/focus_list.html", {"inspection": inspection, "group": inspection.group, "rights": rights, "items": items})


def _focus_form_page(request, inspection, item=None):
    form = FocusItemForm(request.POST or None, instance=item, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.focus_item_add(inspection=inspection, actor=request.user, **form.cleaned_data)
            else:
                services.focus_item_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("groups:focus_list", inspection.pk)
    return render(request, "groups/focus_form.html", {"inspection": inspection, "group": inspection.group, "form": form, "item": item})


def focus_create(request, pk):
    inspection, rights = _inspection_material(request.user, pk)
    refuse_unless(rights.can_work)
    return _focus_form_page(request, inspection)


def _focus_item_for(user, pk):
    item = get_object_or_404(FocusItem.objects.visible_to(user).select_related("inspection__group__round", "inspection__unit"), pk=pk)
    refuse_unless(rules.group_rights(user, item.inspection.group).can_work)
    return item


def focus_edit(request, pk):
    item = _focus_item_for(request.user, pk)
    return _focus_form_page(request, item.inspection, item)


@require_POST
def focus_move(request, pk):
    item = _focus_item_for(request.user, pk)
    try:
        services.focus_item_move(item=item, direction=request.POST.get("direction", ""), actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("groups:focus_list", item.inspection_id)


# --- Entry: checklist, self-report, facilities, roll-up ------------------------------------------------------


def checklist(request, pk):
    """The entry preparation checklist for one unit: the group marks each item; the unit's contact reads it."""
    inspection, rights = _inspection_for_unit(request.user, pk)
    if request.method == "POST":
        refuse_unless(rights.can_work)
        form = ChecklistMarkForm(request.POST)
        if form.is_valid():
            try:
                services.checklist_mark(inspection=inspection, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors_to_messages(request, error)
        else:
            messages.error(request, _("Unknown state."))
        return redirect("groups:checklist", inspection.pk)
    marks = {m.code: m for m in EntryChecklistMark.objects.visible_to(request.user).filter(inspection=inspection).select_related("marked_by")}
    sections = [
        (label, [(item, marks.get(item.code)) for item in ENTRY_CHECKLIST if item.section == key])
        for key, label in CHECKLIST_SECTIONS.items()
    ]
    context = {
        "inspection": inspection,
        "group": inspection.group,
        "rights": rights,
        "sections": sections,
        "done": sum(1 for m in marks.values() if m.state == EntryChecklistMark.State.DONE),
        "total": len(ENTRY_CHECKLIST),
        "states": EntryChecklistMark.State.choices,
    }
    return render(request, "groups/checklist.html", context)


def self_report(request, pk):
    inspection, rights = _inspection_for_unit(request.user, pk)
    report = SelfReport.objects.visible_to(request.user).filter(inspection=inspection).first()
    versions = list(
        SelfReportVersion.objects.visible_to(request.user).filter(report__inspection=inspection)
        .select_related("submitted_by", "decided_by").order_by("-number")
    ) if report else []
    latest = versions[0] if versions else None
    context = {
        "inspection": inspection,
        "group": inspection.group,
        "rights": rights,
        "report": report,
        "versions": versions,
        "latest": latest,
        "sections": latest.sections.all() if latest else [],
        "can_submit": rules.can_submit_self_report(request.user, inspection, rights)
        and (report is None or report.state != SelfReport.State.ACCEPTED),
        "return_form": SelfReportReturnForm(),
    }
    return render(request, "groups/self_report.html", context)


def self_report_submit(request, pk):
    inspection, rights = _inspection_for_unit(request.user, pk)
    refuse_unless(rules.can_submit_self_report(request.user, inspection, rights))
    if request.method == "POST":
        formset = SelfReportSectionFormSet(request.POST, prefix="sections")
        if formset.is_valid():
            sections = [(f.cleaned_data["kind"], f.cleaned_data.get("text", "")) for f in formset.forms if f.cleaned_data]
            try:
                version = services.self_report_submit(inspection=inspection, sections=sections, actor=request.user)
            except ValidationError as error:
                errors_to_messages(request, error)
            else:
                if version.outcome == SelfReportVersion.Outcome.RETURNED:
                    messages.error(request, version.decision_note)
                else:
                    messages.success(request, _("Version %(number)s is submitted for the group's review.") % {"number": version.number})
                return redirect("groups:self_report", inspection.pk)
    else:
        latest = (
            SelfReportVersion.objects.filter(report__inspection=inspection).order_by("-number").first()
        )
        initial = [{"kind": s.kind, "text": s.text} for s in latest.sections.all()] if latest else [
            {"kind": "problems"}, {"kind": "causes"}, {"kind": "other"}
        ]
        formset = SelfReportSectionFormSet(prefix="sections", initial=initial)
    return render(request, "groups/self_report_form.html", {"inspection": inspection, "group": inspection.group, "formset": formset})


def self_report_version(request, pk):
    version = get_object_or_404(
        SelfReportVersion.objects.visible_to(request.user).select_related(
            "report__inspection__group__round", "report__inspection__unit", "submitted_by", "decided_by"
        ),
        pk=pk,
    )
    inspection = version.report.inspection
    context = {"version": version, "inspection": inspection, "group": inspection.group, "sections": version.sections.all()}
    return render(request, "groups/self_report_version.html", context)


@require_POST
def self_report_decide(request, pk):
    version = get_object_or_404(
        SelfReportVersion.objects.visible_to(request.user).select_related("report__inspection__group"), pk=pk
    )
    inspection = version.report.inspection
    refuse_unless(rules.group_rights(request.user, inspection.group).can_vet_self_report)
    try:
        if request.POST.get("decision") == "accept":
            services.self_report_accept(version=version, actor=request.user)
            messages.success(request, _("The self-report is accepted."))
        elif request.POST.get("decision") == "return":
            services.self_report_return(version=version, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The self-report is returned for revision."))
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("groups:self_report", inspection.pk)


def facilities(request, pk):
    inspection, rights = _inspection_material(request.user, pk)
    current = EntryFacilities.objects.visible_to(request.user).filter(inspection=inspection).select_related("updated_by").first()
    form = None
    if request.method == "POST":
        refuse_unless(rights.can_work)
        form = FacilitiesForm(request.POST, instance=current)
        if form.is_valid():
            try:
                services.facilities_save(inspection=inspection, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("groups:facilities", inspection.pk)
    elif rights.can_work:
        form = FacilitiesForm(instance=current)
    context = {"inspection": inspection, "group": inspection.group, "rights": rights, "facilities": current, "form": form}
    return render(request, "groups/facilities.html", context)


def _round_for_rollup(request, pk):
    if not rules.sees_rollups(request.user):
        raise PermissionDenied
    return get_object_or_404(Round.objects.visible_to(request.user), pk=pk)


@require(rules.sees_rollups)
def entry_rollup(request, pk):
    round_ = _round_for_rollup(request, pk)
    return render(request, "groups/entry_rollup.html", {"round": round_, "rows": selectors.entry_rollup(round_, request.user)})


@require(rules.sees_rollups)
def entry_rollup_export(request, pk):
    round_ = _round_for_rollup(request, pk)
    rows = selectors.entry_rollup(round_, request.user)
    content = exports.entry_rollup_workbook(round_, rows)
    access_log_export(request=request, model=InspectionGroup, count=len(rows), what=f"{round_} 进驻情况")
    day = timezone.localdate().isoformat()
    name = f"{round_}进驻情况汇总_{day}.xlsx"
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"entry-status_{day}.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    add_never_cache_headers(response)
    return response

