"""Individual talks (S12): the group's talk plan, a talk, its record, the office's generic outline."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rounds.models import Round
from xunchar.access import policy
from xunchar.access.services import access_log_export, access_log_record
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless
from xunchar.files.selectors import attachment_panel
from xunchar.sealing.forms import ProposeDirectDeliveryForm
from xunchar.sealing.policy import may_open, without_sealed
from xunchar.sealing.services import delivery_of

from . import exports, talk_rules, talks
from .models import InspectionGroup
from .talk_forms import HeldForm, OutlineForm, ProblemForm, RecordForm, TalkFilterForm, TalkForm
from .talk_models import Talk, TalkOutline, TalkProblem, TalkRecord

PAGE_SIZE = 30





def _group_for(user, pk):
    """A group whose talks the user may see (the office, leadership, its own people); else 404."""
    group = get_object_or_404(
        policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk"), pk=pk
    )
    return group, talk_rules.talk_rights(user, group)


def _talk_for(user, pk):
    talk = get_object_or_404(
        Talk.objects.visible_to(user).select_related("group__round", "inspection__unit", "recorder__cadre", "subject_cadre", "planned_by"),
        pk=pk,
    )
    return talk, talk_rules.talk_rights(user, talk.group)


def _record_for(user, talk):
    """The record of a held talk, through the one rule for records (talk_rules.talk_records_visible_to).
    A record under seal (径送件) is not read or changed here, by anyone: its readers open it on the
    sealing page, which records the opening."""
    records = without_sealed(TalkRecord.objects.visible_to(user), source_model=TalkRecord)
    return get_object_or_404(records.select_related("read_by_leader", "written_by"), talk=talk)


# --- The plan -------------------------------------------------------------------------------------------------


def talk_list(request, pk):
    group, rights = _group_for(request.user, pk)
    form = TalkFilterForm(request.GET or None, group=group)
    rows = talks.talk_roster(request.user, group, **form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    records = talks.records_by_talk(request.user, shown)
    for talk in shown:
        talk.the_record = records.get(talk.pk)
    proposals = []
    if rights.can_plan:
        planned = set(Talk.objects.filter(group=group, subject_cadre__isnull=False).exclude(state=Talk.State.CANCELLED)
                      .values_list("subject_cadre_id", flat=True))
        proposals = [p for p in talks.talk_subject_proposals(group) if p.cadre.pk not in planned]
    context = {
        "group": group, "rights": rights, "form": form, "page": page, "talks": shown, "proposals": proposals,
        "outline": TalkOutline.objects.visible_to(request.user).filter(round=group.round).exists(),
    }
    return render(request, "groups/talks/talk_list.html", context)


def talk_export(request, pk):
    group, rights = _group_for(request.user, pk)
    form = TalkFilterForm(request.GET or None, group=group)
    rows = list(talks.talk_roster(request.user, group, **form.filters()))
    content = exports.talk_roster_workbook(group, rows)
    access_log_export(request=request, model=Talk, count=len(rows), what=f"{group.full_name} 谈话安排表")
    day = timezone.localdate().isoformat()
    name = f"{group.full_name}谈话安排表_{day}.xlsx"
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename=\"talks_{day}.xlsx\"; filename*=UTF-8''{quote(name)}"
    add_never_cache_headers(response)
    return response


def _proposed_initial(request, group) -> dict:
    """?cadre=… (a proposal from the cadre pool) fills the subject."""
    cadre_id = request.GET.get("cadre", "")
    if not cadre_id.isdigit():
        return {}
    cadre = talks.cadres_of_units(group).select_related("unit").filter(pk=cadre_id).first()
    if cadre is None:
        return {}
    proposal = next((p for p in talks.talk_subject_proposals(group) if p.cadre.pk == cadre.pk), None)
    initial = {"subject_cadre": cadre.pk, "subject_name": cadre.name, "subject_post": f"{cadre.unit or ''}{cadre.post}"}
    if proposal is not None:
        initial.update(subject_kind=proposal.kind, subject_post=proposal.post, inspection=proposal.inspection.pk)
    return initial


def talk_create(request, pk):
    group, rights = _group_for(request.user, pk)
    refuse_unless(rights.can_plan)
    initial = _proposed_initial(request, group) if request.method == "GET" else {}
    form = TalkForm(request.POST or None, group=group, membership_id=rights.membership_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            talk = talks.talk_plan(group=group, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The talk with %(name)s is on the plan.") % {"name": talk.subject_name})
            if "another" in request.POST:
                return redirect("groups:talk_create", group.pk)
            return redirect(talk)
    return render(request, "groups/talks/talk_form.html", {"group": group, "rights": rights, "form": form, "talk": None})


def talk_edit(request, pk):
    talk, rights = _talk_for(request.user, pk)
    refuse_unless(rights.can_plan)
    form = TalkForm(request.POST or None, group=talk.group, initial=TalkForm.initial_for(talk))
    if request.method == "POST" and form.is_valid():
        try:
            talks.talk_update(talk=talk, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The talk plan is saved."))
            return redirect(talk)
    return render(request, "groups/talks/talk_form.html", {"group": talk.group, "rights": rights, "form": form, "talk": talk})


def talk_detail(request, pk):
    talk, rights = _talk_for(request.user, pk)
    staff = list(talk.staff.in_role_order().select_related("cadre"))
    context = {
        "group": talk.group, "talk": talk, "rights": rights, "staff": staff,
        "one_to_one": len(staff) == 1,
        "approved_on": talks.one_to_one_approved_on(talk) if len(staff) == 1 else None,
        "held_form": HeldForm(talk=talk) if rights.can_record and talk.state == Talk.State.PLANNED else None,
        "has_outline": TalkOutline.objects.visible_to(request.user).filter(round=talk.group.round).exists(),
    }
    record = TalkRecord.objects.filter(talk=talk).only("pk").first()
    delivery = delivery_of(record) if record is not None else None
    if delivery is not None and delivery.under_seal:
        context.update(delivery=delivery, may_open=may_open(request.user, delivery))
    elif record is not None and rights.in_group:
        context["propose_form"] = ProposeDirectDeliveryForm()
        context["record_pk"] = record.pk
    return render(request, "groups/talks/talk_detail.html", context)


@require_POST
def talk_held(request, pk):
    talk, rights = _talk_for(request.user, pk)
    refuse_unless(rights.can_record)
    form = HeldForm(request.POST, talk=talk)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(talk)
    try:
        talks.talk_mark_held(talk=talk, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect(talk)
    messages.success(request, _("The talk is recorded as held: write its record now."))
    return redirect("groups:talk_record", talk.pk)


@require_POST
def talk_cancel(request, pk):
    talk, rights = _talk_for(request.user, pk)
    refuse_unless(rights.can_plan)
    try:
        talks.talk_cancel(talk=talk, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(talk)


# --- The record -----------------------------------------------------------------------------------------------


def talk_record(request, pk):
    talk, rights = _talk_for(request.user, pk)
    if talk.state != Talk.State.HELD:
        raise Http404
    record = _record_for(request.user, talk)
    form = None
    if rights.can_record:
        form = RecordForm(request.POST or None, initial={"content": record.content})
        if request.method == "POST" and form.is_valid():
            try:
                talks.talk_record_save(talk=talk, actor=request.user, content=form.cleaned_data["content"])
            except ValidationError as error:
                errors_to_messages(request, error)
            else:
                messages.success(request, _("The talk record is saved."))
                return redirect("groups:talk_record", talk.pk)
    elif request.method == "POST":
        raise PermissionDenied
    access_log_record(request=request, obj=record)
    context = {
        "group": talk.group, "talk": talk, "rights": rights, "record": record, "form": form,
        "problems": TalkProblem.objects.visible_to(request.user).filter(record=record).select_related("added_by"),
        "problem_form": ProblemForm() if rights.can_record else None,
        "staff": talk.staff.in_role_order().select_related("cadre"),
        "panel": attachment_panel(request.user, record, next_url=request.path),
    }
    return render(request, "groups/talks/talk_record.html", context)


@require_POST
def talk_problem_add(request, pk):
    talk, rights = _talk_for(request.user, pk)
    if talk.state != Talk.State.HELD:
        raise Http404
    _record_for(request.user, talk)
    refuse_unless(rights.can_record)
    form = ProblemForm(request.POST)
    if form.is_valid():
        try:
            talks.talk_problem_add(talk=talk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The problem is tagged."))
    else:
        messages.error(request, _("Choose a category and describe the problem."))
    return redirect("groups:talk_record", talk.pk)


@require_POST
def talk_problem_remove(request, pk):
    problems = without_sealed(TalkProblem.objects.visible_to(request.user), source_model=TalkRecord, source_field="record")
    problem = get_object_or_404(problems.select_related("record__talk__group"), pk=pk)
    talk = problem.record.talk
    refuse_unless(talk_rules.talk_rights(request.user, talk.group).can_record)
    try:
        talks.talk_problem_remove(problem=problem, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("groups:talk_record", talk.pk)


@require_POST
def talk_record_read(request, pk):
    talk, rights = _talk_for(request.user, pk)
    if talk.state != Talk.State.HELD:
        raise Http404
    _record_for(request.user, talk)
    refuse_unless(rights.can_mark_read)
    try:
        talks.talk_record_mark_read(talk=talk, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Marked as read by the group leader."))
    return redirect("groups:talk_record", talk.pk)


# --- The office's generic outline -------------------------------------------------------------------------------


def talk_outline(request, pk):
    """The round's generic outline: kept by the office, read by leadership and the round's groups."""
    user = request.user
    round_ = get_object_or_404(Round, pk=pk)
    in_round = InspectionGroup.objects.filter(round=round_, pk__in=policy.member_group_ids(user)).exists()
    if not (policy.sees_all_working_material(user) or in_round):
        raise Http404
    outline = TalkOutline.objects.visible_to(user).filter(round=round_).select_related("updated_by").first()
    can_keep = talk_rules.can_keep_outline(user)
    form = None
    if can_keep:
        form = OutlineForm(request.POST or None, initial={"text": outline.text if outline else ""})
        if request.method == "POST" and form.is_valid():
            try:
                talks.talk_outline_save(round=round_, actor=user, text=form.cleaned_data["text"])
            except ValidationError as error:
                errors_to_messages(request, error)
            else:
                messages.success(request, _("The generic talk outline is saved."))
                return redirect("groups:talk_outline", round_.pk)
    elif request.method == "POST":
        raise PermissionDenied
    groups = policy.group_material_visible_to(InspectionGroup.objects.filter(round=round_), user, group_field="pk")
    return render(request, "groups/talks/outline.html", {"round": round_, "outline": outline, "form": form, "groups": groups})
