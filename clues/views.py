from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xunchar.access import policy
from xunchar.access.decorators import require
from xunchar.access.services import access_log_export, access_log_record
from xunchar.audit.models import AuditEvent
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless

from . import rules, selectors, services
from .forms import (
    ArrangementForm,
    ClueEntryForm,
    ClueForm,
    HelpRequestForm,
    InquiryForm,
    InterviewForm,
    SpotCheckFillForm,
    SpotCheckPersonForm,
)
from .models import Clue, ClueEntry, HelpRequest, Inquiry, SpotCheck, SpotCheckPerson


def _group(user, pk, scope=policy.group_material_visible_to):
    group = selectors.group_for(user, pk, scope)
    if group is None:
        raise Http404
    return group, rules.group_rights(user, group)


def _spot_check_for(user, pk):
    return get_object_or_404(
        SpotCheck.objects.visible_to(user).select_related("group__round", "proposed_by", "sent_by", "answered_by", "delivered_by"),
        pk=pk,
    )


def _person_for(user, pk):
    return get_object_or_404(SpotCheckPerson.objects.visible_to(user).select_related("spot_check__group__round", "cadre__unit"), pk=pk)


# --- Overview ------------------------------------------------------------------------------------------------


@require(selectors.has_any_access)
def index(request):
    context = {
        "groups": selectors.groups_overview(request.user),
        "handed": selectors.handed_spot_checks(request.user),
    }
    return render(request, "clues/index.html", context)


# --- Clues ---------------------------------------------------------------------------------------------------


def clue_list(request, pk):
    group, rights = _group(request.user, pk, policy.clues_visible_to)
    form = None
    if rights.keeps_clues:
        form = ClueForm(request.POST or None, group=group)
        if request.method == "POST" and form.is_valid():
            try:
                clue = services.clue_for_person(group=group, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return redirect(clue)
    elif request.method == "POST":
        raise PermissionDenied
    clues = list(
        Clue.objects.visible_to(request.user).filter(group=group).select_related("cadre__unit")
        .annotate(entry_count=Count("entries"), last_entry=Max("entries__created_at"))
    )
    if clues:
        access_log_export(request=request, model=Clue, count=len(clues), what=f"{group.full_name} 问题线索", event=AuditEvent.Event.READ)
    return render(request, "clues/clue_list.html", {"group": group, "rights": rights, "clues": clues, "form": form})


def clue_detail(request, pk):
    clue = get_object_or_404(Clue.objects.visible_to(request.user).select_related("group__round", "cadre__unit", "created_by"), pk=pk)
    rights = rules.group_rights(request.user, clue.group)
    access_log_record(request=request, obj=clue)
    entries = ClueEntry.objects.visible_to(request.user).filter(clue=clue).select_related("created_by", "spot_check_person__spot_check")
    context = {
        "group": clue.group, "clue": clue, "rights": rights, "entries": entries,
        "form": ClueEntryForm() if rights.keeps_clues else None,
    }
    return render(request, "clues/clue_detail.html", context)


@require_POST
def clue_add_entry(request, pk):
    clue = get_object_or_404(Clue.objects.visible_to(request.user).select_related("group"), pk=pk)
    refuse_unless(rules.keeps_clues(request.user, clue.group))
    form = ClueEntryForm(request.POST)
    if form.is_valid():
        try:
            services.clue_add_entry(clue=clue, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("Added to the clue."))
    else:
        messages.error(request, _("Say where it came from and what was found."))
    return redirect(clue)


# --- Spot checks (S14) ---------------------------------------------------------------------------------------


def spot_check_list(request, pk):
    group, rights = _group(request.user, pk)
    if request.method == "POST":
        refuse_unless(rights.keeps_clues)
        try:
            spot_check = services.spot_check_create(group=group, actor=request.user)
        except ValidationError as error:
            errors_to_messages(request, error)
            return redirect("clues:spot_check_list", group.pk)
        return redirect(spot_check)
    spot_checks = selectors.with_counts(SpotCheck.objects.visible_to(request.user).filter(group=group).select_related("group__round"))
    return render(request, "clues/spot_check_list.html", {"group": group, "rights": rights, "spot_checks": spot_checks})


def spot_check_detail(request, pk):
    spot_check = _spot_check_for(request.user, pk)
    group = spot_check.group
    rights = rules.group_rights(request.user, group)
    filler = rules.may_fill_spot_check(request.user, spot_check) and spot_check.state == SpotCheck.State.SENT
    access_log_record(request=request, obj=spot_check)
    people = list(SpotCheckPerson.objects.visible_to(request.user).filter(spot_check=spot_check).select_related("cadre__unit", "filled_by"))
    if rights.keeps_clues:
        attached = dict(ClueEntry.objects.filter(spot_check_person__in=people).values_list("spot_check_person", "clue"))
        for person in people:
            person.clue_id = attached.get(person.pk)
    for person in people:
        person.fill_form = SpotCheckFillForm(initial={
            "result": person.result, "details": person.details, "review_opinion": person.review_opinion,
        }, prefix=f"p{person.pk}") if filler else None
    context = {
        "group": group, "spot_check": spot_check, "rights": rights, "people": people, "filler": filler,
        "receiver_view": not rights.sees_all and not rights.in_group,
        "add_form": SpotCheckPersonForm(group=group) if rights.keeps_clues and spot_check.state == SpotCheck.State.DRAFT else None,
        "all_filled": all(p.result for p in people),
        "sent_to": spot_check.sent_to.all() if rights.sees_all else (),
    }
    return render(request, "clues/spot_check_detail.html", context)


def _spot_check_move(request, pk, move, allowed):
    spot_check = _spot_check_for(request.user, pk)
    refuse_unless(allowed(request.user, spot_check))
    try:
        move(spot_check)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(spot_check)


def _keeper(user, spot_check):
    return rules.keeps_clues(user, spot_check.group)


@require_POST
def spot_check_add_person(request, pk):
    spot_check = _spot_check_for(request.user, pk)
    refuse_unless(_keeper(request.user, spot_check))
    form = SpotCheckPersonForm(request.POST, group=spot_check.group)
    if form.is_valid():
        try:
            services.spot_check_add_person(spot_check=spot_check, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
    else:
        messages.error(request, _("Choose the cadre and say why the report should be checked."))
    return redirect(spot_check)


@require_POST
def spot_check_remove_person(request, pk):
    person = _person_for(request.user, pk)
    refuse_unless(_keeper(request.user, person.spot_check))
    try:
        services.spot_check_remove_person(person=person, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(person.spot_check)


@require_POST
def spot_check_propose(request, pk):
    return _spot_check_move(request, pk, lambda s: services.spot_check_propose(spot_check=s, actor=request.user), _keeper)


@require_POST
def spot_check_send(request, pk):
    return _spot_check_move(request, pk, lambda s: services.spot_check_send(spot_check=s, actor=request.user),
                            lambda user, _s: rules.is_office(user))


@require_POST
def spot_check_fill(request, pk):
    person = _person_for(request.user, pk)
    refuse_unless(rules.may_fill_spot_check(request.user, person.spot_check))
    form = SpotCheckFillForm(request.POST, prefix=f"p{person.pk}")
    if form.is_valid():
        try:
            services.spot_check_fill(person=person, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("Saved for %(name)s.") % {"name": person.cadre.name})
    else:
        messages.error(request, _("Give the result and the review opinion."))
    return redirect(person.spot_check)


@require_POST
def spot_check_answer(request, pk):
    return _spot_check_move(request, pk, lambda s: services.spot_check_answer(spot_check=s, actor=request.user),
                            rules.may_fill_spot_check)


@require_POST
def spot_check_deliver(request, pk):
    return _spot_check_move(request, pk, lambda s: services.spot_check_deliver(spot_check=s, actor=request.user),
                            lambda user, _s: rules.is_office(user))


@require_POST
def spot_check_to_clue(request, pk):
    person = _person_for(request.user, pk)
    refuse_unless(_keeper(request.user, person.spot_check))
    try:
        entry = services.spot_check_to_clue(person=person, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect(person.spot_check)
    messages.success(request, _("Entered in the clue about %(name)s.") % {"name": person.cadre.name})
    return redirect(entry.clue)


# --- Informants (S15) ----------------------------------------------------------------------------------------


def inquiry_list(request, pk):
    group, rights = _group(request.user, pk)
    form = None
    if rights.keeps_clues:
        form = InquiryForm(request.POST or None, group=group)
        if request.method == "POST" and form.is_valid():
            try:
                inquiry = services.inquiry_create(group=group, actor=request.user, data=form.data_for_service())
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return redirect(inquiry)
    elif request.method == "POST":
        raise PermissionDenied
    inquiries = Inquiry.objects.visible_to(request.user).filter(group=group).select_related("created_by")
    return render(request, "clues/inquiry_list.html", {"group": group, "rights": rights, "inquiries": inquiries, "form": form})


def _inquiry_for(user, pk):
    return get_object_or_404(
        Inquiry.objects.visible_to(user).select_related("group__round", "created_by", "arranged_by", "interview_recorded_by"), pk=pk
    )


def inquiry_detail(request, pk):
    inquiry = _inquiry_for(request.user, pk)
    access_log_record(request=request, obj=inquiry)
    named = rules.named_on_inquiry(request.user, inquiry)
    approved = services.inquiry_approved(inquiry) if inquiry.detained else True
    context = {
        "group": inquiry.group, "inquiry": inquiry, "rights": rules.group_rights(request.user, inquiry.group),
        "readers": inquiry.readers.in_role_order().select_related("cadre"), "approved": approved,
        "arrangement_form": (
            ArrangementForm(initial={"commission_contact": inquiry.commission_contact, "arranged_on": inquiry.arranged_on})
            if inquiry.detained and approved and rules.may_record_arrangement(request.user, inquiry) else None
        ),
        "interview_form": InterviewForm(initial={"record": inquiry.record, **({"interviewed_on": inquiry.interviewed_on} if inquiry.interviewed_on else {})}) if named else None,
    }
    return render(request, "clues/inquiry_detail.html", context)


@require_POST
def inquiry_arrange(request, pk):
    inquiry = _inquiry_for(request.user, pk)
    refuse_unless(rules.may_record_arrangement(request.user, inquiry))
    form = ArrangementForm(request.POST)
    if form.is_valid():
        try:
            services.inquiry_record_arrangement(inquiry=inquiry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The arrangement is recorded."))
    else:
        messages.error(request, _("Name who at the commission arranged it, and when."))
    return redirect(inquiry)


@require_POST
def inquiry_interview(request, pk):
    inquiry = _inquiry_for(request.user, pk)
    refuse_unless(rules.named_on_inquiry(request.user, inquiry))
    form = InterviewForm(request.POST)
    if form.is_valid():
        try:
            services.inquiry_record_interview(inquiry=inquiry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The questioning is recorded."))
    else:
        messages.error(request, _("Give the date and what the informant said."))
    return redirect(inquiry)


# --- Help from specialist bodies (S21) -----------------------------------------------------------------------


def help_list(request, pk):
    group, rights = _group(request.user, pk)
    form = None
    if rights.keeps_clues:
        form = HelpRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                help_request = services.help_request_create(group=group, actor=request.user, data=form.data_for_service())
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The request for help is recorded."))
                return redirect(help_request)
    elif request.method == "POST":
        raise PermissionDenied
    requests = HelpRequest.objects.visible_to(request.user).filter(group=group).select_related("body", "group__round")
    return render(request, "clues/help_list.html", {"group": group, "rights": rights, "requests": requests, "form": form})


def help_detail(request, pk):
    help_request = get_object_or_404(HelpRequest.objects.visible_to(request.user).select_related("group__round", "body", "created_by"), pk=pk)
    return render(request, "clues/help_detail.html", {"group": help_request.group, "help": help_request,
                                                      "rights": rules.group_rights(request.user, help_request.group)})


@require(policy.sees_all_working_material)
def help_all(request):
    """The office's list of every group's requests for help."""
    requests = HelpRequest.objects.visible_to(request.user).select_related("group__round", "body", "created_by")
    return render(request, "clues/help_all.html", {"requests": requests})
