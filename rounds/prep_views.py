"""Pages of the preparation phase's round-level records (S02, S04, S06).

Reading: the office and leadership everything; a group's people their round's round-wide records
and their own group's material; a unit contact only its issued notice. Anything else is not found
(404). Changing: the office (403 for those who may read but not change), and for a unit's version of
the leader's speech also the group's leader, deputy leader and liaison.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.access import policy
from xunchar.access.services import access_log_record
from xunchar.core.viewutils import errors_to_messages
from xunchar.files.selectors import attachment_panel

from . import papers
from . import prep_services as services
from .models import AuthorizationDecision, Round
from .prep_forms import (
    BriefingAnswerForm,
    BriefingRequestForm,
    CompareForm,
    DisciplineTalkForm,
    EarlierMaterialForm,
    GenericSpeechForm,
    IssueForm,
    MobilizationMeetingForm,
    NoticeForm,
    SendForm,
    SpeechEditForm,
    TrainingForm,
)
from .prep_models import (
    BriefingAnswer,
    BriefingRequest,
    DisciplineTalk,
    EarlierMaterialItem,
    InspectionNotice,
    MobilizationMeeting,
    SpeechDraft,
    SpeechDraftVersion,
    TrainingSession,
)
from .prep_selectors import compare_texts, earlier_material, rounds_prepared_by

T = "rounds/prep/"


# --- fetching within scope --------------------------------------------------------------------------


def _prep_round(user, pk) -> Round:
    """A round whose preparation records the user reads (a unit contact's round is not one)."""
    return get_object_or_404(rounds_prepared_by(user), pk=pk)


def _managed_round(user, pk) -> Round:
    round_ = get_object_or_404(Round.objects.visible_to(user), pk=pk)
    if not policy.can_manage_rounds(user):
        raise PermissionDenied
    return round_


def _require_manager(user) -> None:
    if not policy.can_manage_rounds(user):
        raise PermissionDenied


def _group_inspection(user, pk) -> Inspection:
    """An inspection as group material: its group's people, the office and leadership (not the unit)."""
    queryset = Inspection.objects.select_related("round", "group", "unit")
    return get_object_or_404(policy.group_material_visible_to(queryset, user), pk=pk)



def _form_page(request, template, context):
    return render(request, T + template, context)


# --- S02.1 Mobilization meeting ----------------------------------------------------------------------


def mobilization(request, pk):
    round_ = _prep_round(request.user, pk)
    meeting = (
        MobilizationMeeting.objects.visible_to(request.user).filter(round=round_)
        .prefetch_related(Prefetch(
            "checked_in",
            queryset=GroupMembership.objects.in_role_order().select_related("group", "cadre"),
        ))
        .select_related("recorded_by").first()
    )
    context = {"round": round_, "meeting": meeting, "can_manage": policy.can_manage_rounds(request.user)}
    # The leaders' authorization decisions announced at the meeting (S01.3, S02.1), as recorded on them.
    context["announced"] = (
        AuthorizationDecision.objects.visible_to(request.user)
        .filter(group__round=round_, announced_on__isnull=False).select_related("group__round").order_by("group__number")
    )
    return render(request, T + "mobilization.html", context)


MEETING_ATTENDEES = "\n".join([
    "领导小组组长、副组长、成员",
    "本轮巡察组全体成员",
    "巡察办全体人员",
    "县纪委监委、县委组织部相关科室负责同志",
])


def mobilization_edit(request, pk):
    round_ = _managed_round(request.user, pk)
    meeting = MobilizationMeeting.objects.filter(round=round_).first()
    initial = {} if meeting else {
        "held_on": round_.mobilization_date, "chair": "县委书记、巡察工作领导小组组长", "attendees": MEETING_ATTENDEES,
    }
    form = MobilizationMeetingForm(request.POST or None, instance=meeting, initial=initial, round=round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.mobilization_meeting_record(round=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mobilization meeting recorded; the round's mobilization date is updated."))
            return redirect("rounds:mobilization", round_.pk)
    return _form_page(request, "mobilization_form.html", {"round": round_, "form": form, "meeting": meeting})


# --- S02.2 Inspection notices ----------------------------------------------------------------------


def notice_list(request, pk):
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    notices = (
        InspectionNotice.objects.visible_to(request.user).filter(inspection__round=round_)
        .select_related("inspection__group", "inspection__unit", "issued_by")
    )
    can_manage = policy.can_manage_rounds(request.user)
    context = {"round": round_, "notices": notices, "can_manage": can_manage}
    if can_manage:
        context["without_notice"] = (
            Inspection.objects.filter(round=round_, notice__isnull=True).select_related("group", "unit")
        )
        context["issue_form"] = IssueForm(initial={"issued_on": round_.mobilization_date})
    return render(request, T + "notice_list.html", context)


@require_POST
def notice_prepare(request, pk):
    round_ = _managed_round(request.user, pk)
    try:
        created = services.notices_prepare(round=round_, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, (_("%(n)s inspection notices drafted.") % {"n": len(created)}) if created else _("Every inspection already has its notice."))
    return redirect("rounds:notice_list", round_.pk)


@require_POST
def notice_issue_all(request, pk):
    round_ = _managed_round(request.user, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of issue."))
        return redirect("rounds:notice_list", round_.pk)
    try:
        issued = services.notices_issue_all(round=round_, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _("No notice was issued; first deal with the following:"))
        errors_to_messages(request, error)
    else:
        messages.success(request, (_("%(n)s inspection notices issued.") % {"n": len(issued)}) if issued else _("No notice is waiting to be issued."))
    return redirect("rounds:notice_list", round_.pk)


def _notice_for(user, pk) -> InspectionNotice:
    return get_object_or_404(
        InspectionNotice.objects.visible_to(user).select_related(
            "inspection__round", "inspection__group", "inspection__unit", "issued_by", "prepared_by"
        ),
        pk=pk,
    )


def notice_detail(request, pk):
    notice = _notice_for(request.user, pk)
    _template, paper = papers.inspection_notice_paper(notice)
    can_manage = policy.can_manage_rounds(request.user)
    context = {
        "notice": notice, "round": notice.inspection.round, "paper": paper, "can_manage": can_manage,
        "issue_form": IssueForm(initial={"issued_on": notice.inspection.round.mobilization_date}),
    }
    return render(request, T + "notice_detail.html", context)


def notice_edit(request, pk):
    notice = _notice_for(request.user, pk)
    _require_manager(request.user)
    if notice.is_issued:
        messages.error(request, _("The notice has been issued and can no longer be changed."))
        return redirect(notice)
    form = NoticeForm(request.POST or None, instance=notice)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_update(notice=notice, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Notice saved."))
            return redirect(notice)
    return _form_page(request, "notice_form.html", {"notice": notice, "round": notice.inspection.round, "form": form})


@require_POST
def notice_issue(request, pk):
    notice = _notice_for(request.user, pk)
    _require_manager(request.user)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of issue."))
        return redirect(notice)
    try:
        notice = services.notice_issue(notice=notice, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Issued: %(number)s.") % {"number": notice.number})
    return redirect(notice)


# --- S02.4/5 Training ----------------------------------------------------------------------------------


def training_list(request, pk):
    round_ = _prep_round(request.user, pk)
    sessions = list(
        TrainingSession.objects.visible_to(request.user).filter(round=round_).select_related("group")
    )
    context = {
        "round": round_,
        "central": [s for s in sessions if s.kind == TrainingSession.Kind.CENTRAL],
        "group_study": [s for s in sessions if s.kind == TrainingSession.Kind.GROUP],
        "can_manage": policy.can_manage_rounds(request.user),
    }
    return render(request, T + "training_list.html", context)


def training_create(request, pk):
    round_ = _managed_round(request.user, pk)
    kind = request.GET.get("kind") if request.GET.get("kind") in TrainingSession.Kind.values else TrainingSession.Kind.CENTRAL
    form = TrainingForm(request.POST or None, initial={"kind": kind}, round=round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record(round=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Training recorded."))
            return redirect("rounds:training_list", round_.pk)
    return _form_page(request, "training_form.html", {"round": round_, "form": form})


def training_edit(request, pk):
    session = get_object_or_404(TrainingSession.objects.visible_to(request.user).select_related("round"), pk=pk)
    _require_manager(request.user)
    form = TrainingForm(request.POST or None, instance=session, round=session.round)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "kind"}
        try:
            services.training_update(session=session, actor=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Training record saved."))
            return redirect("rounds:training_list", session.round_id)
    return _form_page(request, "training_form.html", {"round": session.round, "form": form, "session": session})


# --- S04 Briefings ---------------------------------------------------------------------------------------


def briefing_list(request, pk):
    round_ = _prep_round(request.user, pk)
    user = request.user
    requests = list(
        BriefingRequest.objects.visible_to(user).filter(round=round_)
        .prefetch_related(Prefetch("answers", queryset=BriefingAnswer.objects.visible_to(user).select_related("group")))
    )
    groups = list(
        InspectionGroup.objects.visible_to(user).filter(round=round_)
        .prefetch_related(
            Prefetch("inspections", queryset=Inspection.objects.select_related("unit").order_by("unit__name")),
            Prefetch(
                "discipline_talks",
                queryset=DisciplineTalk.objects.visible_to(user).prefetch_related(
                    Prefetch("group_participants", queryset=GroupMembership.objects.in_role_order().select_related("cadre"))
                ),
            ),
        )
    )
    rows = []
    for briefing in requests:
        answers = {a.group_id: a for a in briefing.answers.all()}
        rows.append({"request": briefing, "cells": [answers.get(g.pk) for g in groups]})
    context = {"round": round_, "rows": rows, "groups": groups, "can_manage": policy.can_manage_rounds(user)}
    return render(request, T + "briefing_list.html", context)


@require_POST
def briefing_prepare(request, pk):
    round_ = _managed_round(request.user, pk)
    try:
        created = services.briefing_requests_prepare(round=round_, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, (_("%(n)s briefing letters drafted.") % {"n": len(created)}) if created else _("Every department already has its letter."))
    return redirect("rounds:briefing_list", round_.pk)


def briefing_create(request, pk):
    round_ = _managed_round(request.user, pk)
    form = BriefingRequestForm(request.POST or None, initial={"department": BriefingRequest.Department.OTHER})
    if request.method == "POST" and form.is_valid():
        try:
            briefing = services.briefing_request_create(round=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Briefing letter drafted."))
            return redirect(briefing)
    return _form_page(request, "briefing_form.html", {"round": round_, "form": form})


def _briefing_for(user, pk) -> BriefingRequest:
    return get_object_or_404(
        BriefingRequest.objects.visible_to(user).select_related("round", "sent_by", "prepared_by"), pk=pk
    )


def briefing_detail(request, pk):
    briefing = _briefing_for(request.user, pk)
    _template, paper = papers.briefing_letter_paper(briefing)
    context = {
        "briefing": briefing,
        "round": briefing.round,
        "paper": paper,
        "answers": BriefingAnswer.objects.visible_to(request.user).filter(request=briefing).select_related("group"),
        "can_manage": policy.can_manage_rounds(request.user),
        "send_form": SendForm(),
    }
    return render(request, T + "briefing_detail.html", context)


def briefing_edit(request, pk):
    briefing = _briefing_for(request.user, pk)
    _require_manager(request.user)
    if briefing.is_sent:
        messages.error(request, _("The letter has been sent and can no longer be changed."))
        return redirect(briefing)
    form = BriefingRequestForm(request.POST or None, instance=briefing)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "department"}
        try:
            services.briefing_request_update(request=briefing, actor=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Letter saved."))
            return redirect(briefing)
    return _form_page(request, "briefing_form.html", {"round": briefing.round, "form": form, "briefing": briefing})


@require_POST
def briefing_send(request, pk):
    briefing = _briefing_for(request.user, pk)
    _require_manager(request.user)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the letter is sent."))
        return redirect(briefing)
    try:
        briefing = services.briefing_request_send(request=briefing, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Sent: %(number)s.") % {"number": briefing.number})
    return redirect(briefing)


def answer_create(request, pk):
    briefing = _briefing_for(request.user, pk)
    _require_manager(request.user)
    form = BriefingAnswerForm(request.POST or None, round=briefing.round, initial={"group": request.GET.get("group")})
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.briefing_answer_record(request=briefing, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Written answer recorded; its files can be uploaded on this page."))
            return redirect(answer)
    return _form_page(request, "answer_form.html", {"round": briefing.round, "briefing": briefing, "form": form})


def _answer_for(user, pk) -> BriefingAnswer:
    return get_object_or_404(
        BriefingAnswer.objects.visible_to(user).select_related("request__round", "group", "recorded_by"), pk=pk
    )


def answer_detail(request, pk):
    answer = _answer_for(request.user, pk)
    access_log_record(request=request, obj=answer)
    context = {
        "answer": answer,
        "round": answer.request.round,
        "panel": attachment_panel(request.user, answer, next_url=request.path),
        "can_manage": policy.can_manage_rounds(request.user),
    }
    return render(request, T + "answer_detail.html", context)


def answer_edit(request, pk):
    answer = _answer_for(request.user, pk)
    _require_manager(request.user)
    form = BriefingAnswerForm(request.POST or None, instance=answer, round=answer.request.round)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "group"}
        try:
            services.briefing_answer_record(request=answer.request, group=answer.group, actor=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(answer)
    context = {"round": answer.request.round, "briefing": answer.request, "form": form, "answer": answer}
    return _form_page(request, "answer_form.html", context)


def inspection_material(request, pk):
    """Everything the groups are briefed with for one inspection (S04): the departments' answers for
    the group, the material given for the unit, the talk with the discipline commission, and what
    the system holds from earlier rounds."""
    inspection = _group_inspection(request.user, pk)
    user = request.user
    items = EarlierMaterialItem.objects.visible_to(user).filter(inspection=inspection)
    answers = (
        BriefingAnswer.objects.visible_to(user).filter(group=inspection.group, request__round=inspection.round)
        .select_related("request")
    )
    talks = DisciplineTalk.objects.visible_to(user).filter(group=inspection.group).prefetch_related(
        Prefetch("group_participants", queryset=GroupMembership.objects.in_role_order().select_related("cadre"))
    )
    context = {
        "inspection": inspection,
        "round": inspection.round,
        "items": items,
        "answers": answers,
        "talks": talks,
        "earlier": earlier_material(inspection, user=user),
        "can_manage": policy.can_manage_rounds(user),
    }
    return render(request, T + "inspection_material.html", context)


def material_create(request, pk):
    inspection = _group_inspection(request.user, pk)
    _require_manager(request.user)
    form = EarlierMaterialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.earlier_material_record(inspection=inspection, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Recorded; its files can be uploaded on this page."))
            return redirect(item)
    return _form_page(request, "material_form.html", {"round": inspection.round, "inspection": inspection, "form": form})


def _material_for(user, pk) -> EarlierMaterialItem:
    return get_object_or_404(
        EarlierMaterialItem.objects.visible_to(user).select_related(
            "inspection__round", "inspection__group", "inspection__unit", "recorded_by"
        ),
        pk=pk,
    )


def material_detail(request, pk):
    item = _material_for(request.user, pk)
    access_log_record(request=request, obj=item)
    context = {
        "item": item,
        "inspection": item.inspection,
        "round": item.inspection.round,
        "panel": attachment_panel(request.user, item, next_url=request.path),
        "can_manage": policy.can_manage_rounds(request.user),
    }
    return render(request, T + "material_detail.html", context)


def material_edit(request, pk):
    item = _material_for(request.user, pk)
    _require_manager(request.user)
    form = EarlierMaterialForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.earlier_material_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(item)
    context = {"round": item.inspection.round, "inspection": item.inspection, "form": form, "item": item}
    return _form_page(request, "material_form.html", context)


def talk_create(request, pk):
    group = get_object_or_404(InspectionGroup.objects.visible_to(request.user).select_related("round"), pk=pk)
    _require_manager(request.user)
    form = DisciplineTalkForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_talk_record(group=group, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Private talk recorded (its content is not recorded)."))
            return redirect("rounds:briefing_list", group.round_id)
    return _form_page(request, "talk_form.html", {"round": group.round, "group": group, "form": form})


def talk_edit(request, pk):
    talk = get_object_or_404(DisciplineTalk.objects.visible_to(request.user).select_related("group__round"), pk=pk)
    _require_manager(request.user)
    form = DisciplineTalkForm(request.POST or None, instance=talk, group=talk.group)
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_talk_update(talk=talk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("rounds:briefing_list", talk.group.round_id)
    return _form_page(request, "talk_form.html", {"round": talk.group.round, "group": talk.group, "form": form, "talk": talk})


# --- S06 Speech drafts -------------------------------------------------------------------------------------


def speech_list(request, pk):
    round_ = _prep_round(request.user, pk)
    user = request.user
    drafts = list(
        SpeechDraft.objects.visible_to(user).filter(round=round_)
        .select_related("inspection__group", "inspection__unit", "updated_by")
    )
    adapted = {d.inspection_id for d in drafts if d.inspection_id}
    roles = dict(
        GroupMembership.objects.filter(group__round=round_, cadre_id=user.cadre_id).values_list("group_id", "role")
    ) if user.cadre_id else {}
    can_manage = policy.can_manage_rounds(user)
    inspections = policy.group_material_visible_to(
        Inspection.objects.filter(round=round_).select_related("group", "unit").order_by("group__number", "unit__name"),
        user,
    )
    to_adapt = [
        i for i in inspections
        if i.pk not in adapted and (can_manage or roles.get(i.group_id) in services.SPEECH_EDITORS)
    ]
    context = {
        "round": round_,
        "generic": [d for d in drafts if d.is_generic],
        "unit_versions": [d for d in drafts if not d.is_generic],
        "has_leader_generic": any(d.kind == SpeechDraft.Kind.LEADER_GENERIC for d in drafts),
        "to_adapt": to_adapt,
        "can_manage": can_manage,
    }
    return render(request, T + "speech_list.html", context)


def speech_create(request, pk):
    round_ = _managed_round(request.user, pk)
    kind = request.GET.get("kind", SpeechDraft.Kind.LEADER_GENERIC)
    form = GenericSpeechForm(request.POST or None, initial={"kind": kind, "title": _generic_title(kind)})
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.speech_draft_create(round=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft speech saved (version 1)."))
            return redirect(draft)
    return _form_page(request, "speech_form.html", {"round": round_, "form": form})


def _generic_title(kind: str) -> str:
    if kind == SpeechDraft.Kind.LEADERSHIP_GENERIC:
        return "在巡察工作动员会上的讲话（领导小组成员或巡察办负责同志）"
    return "巡察组组长在巡察工作动员会上的讲话"


@require_POST
def speech_adapt(request, pk):
    inspection = _group_inspection(request.user, pk)
    if not services.can_adapt_speech(request.user, inspection):
        raise PermissionDenied
    try:
        draft = services.speech_adapt(inspection=inspection, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect("rounds:speech_list", inspection.round_id)
    messages.success(request, _("A speech for %(unit)s has been made from the draft; adapt it to the unit.") % {"unit": inspection.unit})
    return redirect("rounds:speech_edit", draft.pk)


def _draft_for(user, pk) -> SpeechDraft:
    return get_object_or_404(
        SpeechDraft.objects.visible_to(user).select_related(
            "round", "inspection__group", "inspection__unit", "based_on", "updated_by"
        ),
        pk=pk,
    )


def speech_detail(request, pk):
    draft = _draft_for(request.user, pk)
    versions = list(draft.versions.select_related("author").defer("text"))
    context = {
        "draft": draft,
        "round": draft.round,
        "versions": versions,
        "can_edit": services.can_edit_speech(request.user, draft),
    }
    return render(request, T + "speech_detail.html", context)


def speech_edit(request, pk):
    draft = _draft_for(request.user, pk)
    if not services.can_edit_speech(request.user, draft):
        raise PermissionDenied
    form = SpeechEditForm(request.POST or None, initial={"title": draft.title, "text": draft.text})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.speech_save(draft=draft, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if version is None:
                messages.info(request, _("Nothing was changed; no new version."))
            else:
                messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
            return redirect(draft)
    return _form_page(request, "speech_edit.html", {"round": draft.round, "draft": draft, "form": form})


def speech_compare(request, pk):
    draft = _draft_for(request.user, pk)
    form = CompareForm(request.GET)
    if form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    else:
        b = draft.version_count
        a = max(b - 1, 1)
    versions = {v.number: v for v in draft.versions.filter(number__in=[a, b]).select_related("author")}
    if a not in versions or b not in versions:
        raise Http404
    context = {
        "draft": draft,
        "round": draft.round,
        "old": versions[a],
        "new": versions[b],
        "rows": compare_texts(versions[a].text, versions[b].text),
        "numbers": range(1, draft.version_count + 1),
    }
    return render(request, T + "speech_compare.html", context)


def speech_version(request, pk):
    version = get_object_or_404(
        SpeechDraftVersion.objects.visible_to(request.user).select_related("draft__round", "author"), pk=pk
    )
    return render(request, T + "speech_version.html", {"version": version, "draft": version.draft, "round": version.draft.round})
