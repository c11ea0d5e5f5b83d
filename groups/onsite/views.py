"""Pages of the on-site records. Every record is fetched through its `visible_to(user)` (out of scope:
404); the right to act is the rules' (in scope without it: 403); the services refuse illegal moves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Inspection
from xunchar.access import policy
from xunchar.access.services import access_log_export, access_log_record
from xunchar.approvals.models import ApprovalRequest
from xunchar.audit.models import AuditEvent
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless
from xunchar.files.models import Attachment

from . import forms, rules, selectors, services
from .models import (
    EntryMeeting,
    FieldVisit,
    ImmediateFix,
    MajorMatter,
    MidTermReport,
    Publicity,
    Referral,
    SpecialCheck,
    UnitReport,
)


def _group(user, pk, scope=policy.group_material_visible_to):
    group = selectors.group_for(user, pk, scope)
    if group is None:
        raise Http404
    return group, rules.onsite_rights(user, group)


def _inspection(user, pk):
    inspection = get_object_or_404(
        policy.group_material_visible_to(Inspection.objects.select_related("group__round", "unit"), user), pk=pk,
    )
    return inspection, rules.onsite_rights(user, inspection.group)


def _form_page(request, *, form, save, context, template="onsite/form.html"):
    """GET: the form; POST: parse, call the service, go back to `context["back"]` or show the errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(context["back"])
    return render(request, template, {**context, "form": form})


def _post_form(request, form_class, save, back):
    """An inline POST form on a record's page: errors go to the messages."""
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("Saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(back)


def _move(request, move, back):
    try:
        move()
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(back)


# --- The group's page ------------------------------------------------------------------------------------------


def group_page(request, pk):
    """The group's on-site work by date, its units' entry records, the mid-term report and 立行立改."""
    group, rights = _group(request.user, pk)
    today = timezone.localdate()
    fixes = list(ImmediateFix.objects.visible_to(request.user).filter(group=group).select_related("inspection__unit", "checked_by"))
    for fix in fixes:
        fix.overdue = fix.is_overdue(today)
    context = {
        "group": group, "rights": rights,
        "activities": selectors.group_activities(request.user, group),
        "inspections": list(policy.group_material_visible_to(Inspection.objects.filter(group=group).select_related("unit"), request.user)),
        "mid_term": MidTermReport.objects.visible_to(request.user).filter(group=group).select_related("submitted_by", "received_by").first(),
        "fixes": fixes,
        "open_items": selectors.withdrawal_open_items(group) if rights.manages or rights.sees_all else [],
        "visit_record_form": forms.VisitRecordForm(initial={"held_on": today}),
        "visit_cancel_form": forms.VisitCancelForm(),
        "fix_response_form": forms.FixResponseForm(initial={"responded_on": today}),
        "fix_check_form": forms.FixCheckForm(initial={"checked_on": today}),
        "today": today,
    }
    return render(request, "onsite/group.html", context)


# --- Entry (S08–S11) -------------------------------------------------------------------------------------------


def entry(request, pk):
    inspection, rights = _inspection(request.user, pk)
    meetings = {m.kind: m for m in EntryMeeting.objects.visible_to(request.user).filter(inspection=inspection).select_related("recorded_by")}
    publicities = {p.kind: p for p in Publicity.objects.visible_to(request.user).filter(inspection=inspection).select_related("risk_recorded_by")}
    requests = {
        r.subject_id: r for r in ApprovalRequest.objects.filter(
            chain=services.PUBLICITY_CHAIN, subject_id__in=[p.pk for p in publicities.values()],
            subject_type__app_label="onsite", subject_type__model="publicity",
        )
    }
    for publicity in publicities.values():
        publicity.approval = requests.get(publicity.pk)
    reports = list(UnitReport.objects.visible_to(request.user).filter(inspection=inspection))
    files = {}
    for attachment in Attachment.objects.filter(
        owner_type__app_label="onsite", owner_type__model="unitreport", owner_id__in=[r.pk for r in reports],
    ):
        files.setdefault(attachment.owner_id, []).append(attachment)
    for report in reports:
        report.files = files.get(report.pk, [])
    context = {
        "group": inspection.group, "inspection": inspection, "rights": rights,
        "meetings": [(kind, label, meetings.get(kind)) for kind, label in EntryMeeting.Kind.choices],
        "publicities": [
            (kind, label, publicities.get(kind), "onsite.announcement" if kind == Publicity.Kind.ANNOUNCEMENT else "onsite.news_release")
            for kind, label in Publicity.Kind.choices
        ],
        "reports": reports,
        "risk_form": forms.RiskCheckForm(initial={"checked_on": timezone.localdate()}),
    }
    return render(request, "onsite/entry.html", context)


def entry_meeting(request, pk, kind):
    inspection, rights = _inspection(request.user, pk)
    if kind not in EntryMeeting.Kind.values:
        raise Http404
    refuse_unless(rights.manages)
    current = EntryMeeting.objects.filter(inspection=inspection, kind=kind).first()
    form_class = forms.MobilizationMeetingForm if kind == EntryMeeting.Kind.MOBILIZATION else forms.PrincipalMeetingForm
    initial = {name: getattr(current, name) for name in form_class.base_fields} if current else {}
    if current and current.speeches_circulated is not None:
        initial["speeches_circulated"] = "1" if current.speeches_circulated else "0"
    form = form_class(request.POST or None, initial=initial)
    return _form_page(
        request, form=form,
        save=lambda data: services.entry_meeting_save(inspection=inspection, actor=request.user, kind=kind, **data),
        context={"group": inspection.group, "title": EntryMeeting.Kind(kind).label, "subtitle": str(inspection.unit),
                 "back": reverse("onsite:entry", args=[inspection.pk])},
    )


def publicity(request, pk, kind):
    inspection, rights = _inspection(request.user, pk)
    if kind not in Publicity.Kind.values:
        raise Http404
    refuse_unless(rights.manages)
    current = Publicity.objects.filter(inspection=inspection, kind=kind).first()
    initial = {name: getattr(current, name) for name in services.PUBLICITY_FIELDS} if current else {}
    form = forms.PublicityForm(request.POST or None, initial=initial)
    return _form_page(
        request, form=form,
        save=lambda data: services.publicity_save(inspection=inspection, actor=request.user, kind=kind, **data),
        context={"group": inspection.group, "title": Publicity.Kind(kind).label, "subtitle": str(inspection.unit),
                 "back": reverse("onsite:entry", args=[inspection.pk]),
                 "note": _("A changed text needs the unit leader's risk check again before it is submitted.")},
    )


def _publicity_for(user, pk):
    return get_object_or_404(Publicity.objects.visible_to(user).select_related("inspection__group__round", "inspection__unit"), pk=pk)


@require_POST
def publicity_risk_check(request, pk):
    item = _publicity_for(request.user, pk)
    refuse_unless(rules.manages(request.user, item.inspection.group))
    return _post_form(request, forms.RiskCheckForm, lambda data: services.publicity_record_risk_check(publicity=item, actor=request.user, **data),
                      reverse("onsite:entry", args=[item.inspection_id]))


def unit_report_add(request, pk):
    inspection, rights = _inspection(request.user, pk)
    refuse_unless(rights.manages)
    form = forms.UnitReportForm(request.POST or None, request.FILES or None)
    return _form_page(
        request, form=form,
        save=lambda data: services.unit_report_add(inspection=inspection, actor=request.user, request=request, **data),
        context={"group": inspection.group, "title": _("The unit's work report and thematic reports"), "subtitle": str(inspection.unit),
                 "back": reverse("onsite:entry", args=[inspection.pk]), "multipart": True},
    )


# --- Symposia, meetings attended, field visits, special checks (S17, S18, S20, S22) -----------------------------


def _group_form_page(request, pk, form_class, save, title, allowed=lambda rights: rights.manages, note="", multipart=False):
    group, rights = _group(request.user, pk)
    refuse_unless(allowed(rights))
    form = form_class(request.POST or None, request.FILES or None, group=group) if multipart else form_class(request.POST or None, group=group)
    return _form_page(
        request, form=form, save=lambda data: save(group, data),
        context={"group": group, "title": title, "subtitle": group.full_name, "back": reverse("onsite:group", args=[group.pk]),
                 "note": note, "multipart": multipart},
    )


def symposium_add(request, pk):
    return _group_form_page(request, pk, forms.SymposiumForm,
                            lambda group, data: services.symposium_create(group=group, actor=request.user, **data), _("Symposium"),
                            note=_("Chaired by the group, with a named minute-taker."))


def meeting_add(request, pk):
    return _group_form_page(request, pk, forms.MeetingAttendedForm,
                            lambda group, data: services.meeting_attended_create(group=group, actor=request.user, **data),
                            _("Meeting attended"), allowed=lambda rights: rights.leads,
                            note=_("The group's people named by the leader attend the unit's meeting. They listen and do not speak."))


def visit_add(request, pk):
    return _group_form_page(request, pk, forms.FieldVisitForm,
                            lambda group, data: services.field_visit_plan(group=group, actor=request.user, **data), _("Field visit plan"),
                            note=_("At least two staff. The leader approves the plan before the visit date; the visit is controlled and undisturbed."))


def _visit_for(user, pk):
    return get_object_or_404(FieldVisit.objects.visible_to(user).select_related("group"), pk=pk)


@require_POST
def visit_approve(request, pk):
    visit = _visit_for(request.user, pk)
    refuse_unless(rules.leads(request.user, visit.group))
    return _move(request, lambda: services.field_visit_approve(visit=visit, actor=request.user), visit.get_absolute_url())


@require_POST
def visit_record(request, pk):
    visit = _visit_for(request.user, pk)
    refuse_unless(rules.manages(request.user, visit.group))
    return _post_form(request, forms.VisitRecordForm, lambda data: services.field_visit_record(visit=visit, actor=request.user, **data),
                      visit.get_absolute_url())


@require_POST
def visit_cancel(request, pk):
    visit = _visit_for(request.user, pk)
    refuse_unless(rules.manages(request.user, visit.group))
    return _post_form(request, forms.VisitCancelForm, lambda data: services.field_visit_cancel(visit=visit, actor=request.user, **data),
                      visit.get_absolute_url())


def special_check_add(request, pk):
    return _group_form_page(request, pk, forms.SpecialCheckForm,
                            lambda group, data: services.special_check_create(group=group, actor=request.user, request=request, **data),
                            _("Special check"), multipart=True,
                            note=_("Cadre selection and appointment, the ideology work responsibility system, or another check: the report goes into the inspection report."))


@require_POST
def special_check_sign(request, pk):
    check = get_object_or_404(SpecialCheck.objects.visible_to(request.user).select_related("group"), pk=pk)
    refuse_unless(rules.leads(request.user, check.group))
    return _move(request, lambda: services.special_check_sign_off(check=check, actor=request.user), check.get_absolute_url())


# --- Mid-term report (S24) ---------------------------------------------------------------------------------------


def mid_term(request, pk):
    group, rights = _group(request.user, pk)
    refuse_unless(rights.manages)
    current = MidTermReport.objects.filter(group=group).first()
    initial = {name: getattr(current, name) for name in forms.MidTermForm.base_fields} if current else {}
    form = forms.MidTermForm(request.POST or None, initial=initial)
    return _form_page(
        request, form=form, save=lambda data: services.mid_term_save(group=group, actor=request.user, **data),
        context={"group": group, "title": _("Mid-term report"), "subtitle": group.full_name, "back": reverse("onsite:group", args=[group.pk]),
                 "note": _("To the leading group or its office: the main problems found, clues and other matters. The leader submits it.")},
    )


def _mid_term_for(user, pk):
    group, rights = _group(user, pk)
    report = MidTermReport.objects.visible_to(user).filter(group=group).first()
    if report is None:
        raise Http404
    return report, rights


@require_POST
def mid_term_submit(request, pk):
    report, rights = _mid_term_for(request.user, pk)
    refuse_unless(rights.leads)
    return _move(request, lambda: services.mid_term_submit(report=report, actor=request.user), reverse("onsite:group", args=[pk]))


@require_POST
def mid_term_receive(request, pk):
    report, rights = _mid_term_for(request.user, pk)
    refuse_unless(rights.office)
    return _move(request, lambda: services.mid_term_receive(report=report, actor=request.user), reverse("onsite:group", args=[pk]))


# --- 立行立改 (S25) ---------------------------------------------------------------------------------------------


def fix_add(request, pk):
    return _group_form_page(request, pk, forms.ImmediateFixForm,
                            lambda group, data: services.immediate_fix_create(group=group, actor=request.user, **data),
                            _("Immediate rectification item"),
                            note=_("A clear-cut problem the unit fixes at once. The deadline is counted in working days from the day the unit is told."))


def _fix_for(user, pk):
    return get_object_or_404(ImmediateFix.objects.visible_to(user).select_related("group"), pk=pk)


@require_POST
def fix_response(request, pk):
    fix = _fix_for(request.user, pk)
    refuse_unless(rules.manages(request.user, fix.group))
    return _post_form(request, forms.FixResponseForm, lambda data: services.immediate_fix_record_response(fix=fix, actor=request.user, **data),
                      fix.get_absolute_url())


@require_POST
def fix_check(request, pk):
    fix = _fix_for(request.user, pk)
    refuse_unless(rules.manages(request.user, fix.group))
    return _post_form(request, forms.FixCheckForm, lambda data: services.immediate_fix_check(fix=fix, actor=request.user, **data),
                      fix.get_absolute_url())


# --- Referrals and major matters (S25–S27): the managers, the office and leadership ------------------------------


def restricted(request, pk):
    group, rights = _group(request.user, pk, policy.clues_visible_to)
    referrals = list(Referral.objects.visible_to(request.user).filter(group=group).select_related("immediate_fix", "proposed_by", "handed_by"))
    matters = list(MajorMatter.objects.visible_to(request.user).filter(group=group).select_related("reported_by", "acknowledged_by"))
    for matter in matters:
        matter.may_acknowledge = not matter.acknowledged_at and services.may_acknowledge(request.user, matter)
    if referrals or matters:
        access_log_export(request=request, model=Referral, count=len(referrals) + len(matters),
                          what=f"{group.full_name} 立查立处、线索移交和重大事项报告", event=AuditEvent.Event.READ)
    requests = {
        r.subject_id: r for r in ApprovalRequest.objects.filter(
            chain__in=services.REFERRAL_CHAINS.values(), subject_id__in=[r.pk for r in referrals],
            subject_type__app_label="onsite", subject_type__model="referral",
        )
    }
    for referral in referrals:
        referral.approval = requests.get(referral.pk)
    return render(request, "onsite/restricted.html", {"group": group, "rights": rights, "referrals": referrals, "matters": matters})


def referral_detail(request, pk):
    referral = get_object_or_404(Referral.objects.visible_to(request.user).select_related("group__round", "immediate_fix", "created_by", "proposed_by", "handed_by"), pk=pk)
    access_log_record(request=request, obj=referral)
    approval = ApprovalRequest.objects.of(referral).filter(chain=services.REFERRAL_CHAINS[referral.kind]).first()
    return render(request, "onsite/referral_detail.html", {
        "group": referral.group, "referral": referral, "approval": approval,
        "rights": rules.onsite_rights(request.user, referral.group),
    })


def referral_add(request, pk):
    group, rights = _group(request.user, pk, policy.clues_visible_to)
    refuse_unless(rights.manages)
    form = forms.ReferralForm(request.POST or None, group=group)
    return _form_page(
        request, form=form, save=lambda data: services.referral_create(group=group, actor=request.user, **data),
        context={"group": group, "title": _("Referral to the discipline commission"), "subtitle": group.full_name,
                 "back": reverse("onsite:restricted", args=[group.pk]),
                 "note": _("立查立处: an urgent clue on a next-level principal leader, with the public notice. Eight-rules clues on county-managed cadres found under 立行立改 go the same way: the office, the leading group's approval, the discipline commission.")},
    )


def _referral_for(user, pk):
    return get_object_or_404(Referral.objects.visible_to(user).select_related("group"), pk=pk)


@require_POST
def referral_propose(request, pk):
    referral = _referral_for(request.user, pk)
    refuse_unless(rules.manages(request.user, referral.group))
    return _move(request, lambda: services.referral_propose(referral=referral, actor=request.user), referral.get_absolute_url())


@require_POST
def referral_submit(request, pk):
    referral = _referral_for(request.user, pk)
    refuse_unless(rules.is_office(request.user))
    return _move(request, lambda: services.referral_submit(referral=referral, actor=request.user), referral.get_absolute_url())


@require_POST
def referral_hand(request, pk):
    referral = _referral_for(request.user, pk)
    refuse_unless(rules.is_office(request.user))
    return _move(request, lambda: services.referral_hand_over(referral=referral, actor=request.user), referral.get_absolute_url())


def major_add(request, pk):
    group, rights = _group(request.user, pk, policy.clues_visible_to)
    refuse_unless(rights.manages)
    form = forms.MajorMatterForm(request.POST or None, initial={"channel": MajorMatter.Channel.THROUGH_OFFICE})
    return _form_page(
        request, form=form, save=lambda data: services.major_matter_report(group=group, actor=request.user, **data),
        context={"group": group, "title": _("Major matter report"), "subtitle": group.full_name,
                 "back": reverse("onsite:restricted", args=[group.pk]),
                 "note": _("Obstruction, major risks, emergencies, problems with the group's staff: reported through the office to the leading group; in special cases the leader reports directly to the head.")},
    )


@require_POST
def major_acknowledge(request, pk):
    matter = get_object_or_404(MajorMatter.objects.visible_to(request.user).select_related("group"), pk=pk)
    refuse_unless(services.may_acknowledge(request.user, matter))
    return _move(request, lambda: services.major_matter_acknowledge(matter=matter, actor=request.user), matter.get_absolute_url())
