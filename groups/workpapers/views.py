from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clues.models import Clue
from xunchar.access.services import access_log_record
from xunchar.approvals.selectors import approval_panel, versions_of
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless

from . import rules, selectors, services
from .forms import DecisionForm, HandOverForm, ReopenForm, TagForm, WorkingPaperForm
from .models import CHAIN, Stage, WorkingPaper


def _group(user, pk):
    group = selectors.group_for(user, pk)
    if group is None:
        raise Http404
    return group, rules.paper_rights(user, group)


def _paper_for(user, pk) -> WorkingPaper:
    return get_object_or_404(
        WorkingPaper.objects.visible_to(user).with_stage().select_related(
            "group__round", "inspection__unit", "author", "custodian__cadre", "handed_by", "clue__group",
        ),
        pk=pk,
    )


def paper_list(request, pk):
    group, rights = _group(request.user, pk)
    stage = request.GET.get("stage") if request.GET.get("stage") in Stage.values else ""
    counts = selectors.stage_counts(request.user, group)
    papers = list(selectors.papers_of(request.user, group, stage))
    for paper in papers:
        paper.stage_label = Stage(paper.stage).label
    context = {
        "group": group, "rights": rights, "papers": papers, "stage": stage,
        "stages": [(value, label, counts[value]) for value, label in Stage.choices],
        "total": sum(counts.values()),
        "no_deputy": not rules.group_has_deputy(group),
    }
    return render(request, "workpapers/paper_list.html", context)


def paper_create(request, pk):
    group, rights = _group(request.user, pk)
    refuse_unless(rights.can_write)
    form = WorkingPaperForm(request.POST or None, group=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.working_paper_create(group=group, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The working paper %(reference)s has been written.") % {"reference": paper.reference})
            return redirect(paper)
    return render(request, "workpapers/paper_form.html", {"group": group, "form": form, "paper": None})


def paper_edit(request, pk):
    paper = _paper_for(request.user, pk)
    refuse_unless(rules.may_edit(request.user, paper))
    form = WorkingPaperForm(request.POST or None, group=paper.group, user=request.user,
                            initial=WorkingPaperForm.initial_for(paper))
    if request.method == "POST" and form.is_valid():
        try:
            services.working_paper_update(paper=paper, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(paper)
    return render(request, "workpapers/paper_form.html", {"group": paper.group, "form": form, "paper": paper})


def paper_detail(request, pk):
    paper = _paper_for(request.user, pk)
    user = request.user
    rights = rules.paper_rights(user, paper.group)
    access_log_record(request=request, obj=paper)
    panel = approval_panel(user, CHAIN, paper)
    step = panel.request.current_step if panel.request is not None else None
    editable = paper.stage in (Stage.DRAFT, Stage.RETURNED) and rules.may_edit(user, paper, rights)
    context = {
        "group": paper.group, "paper": paper, "rights": rights, "panel": panel, "step": step,
        "stage_label": Stage(paper.stage).label,
        "sources": selectors.sources_for(user, paper),
        "editable": editable,
        "can_submit": panel.can_submit,
        "can_decide": panel.can_decide,
        "decision_form": DecisionForm() if panel.can_decide else None,
        "versions": versions_of(panel.request) if panel.request is not None else [],
        "no_deputy": not rules.group_has_deputy(paper.group),
        "hand_over_form": HandOverForm(group=paper.group, initial={"custodian": paper.custodian_id})
        if paper.stage in (Stage.SIGNED, Stage.HANDED) and rights.can_hand_over else None,
        "reopen_form": ReopenForm() if paper.stage in (Stage.SIGNED, Stage.HANDED) and rights.is_leader else None,
        "tag_form": TagForm(group=paper.group, user=user, initial={
            "for_report": paper.for_report, "for_problem_list": paper.for_problem_list, "as_clue": paper.as_clue, "clue": paper.clue_id,
        }) if rules.may_tag(user, paper, rights) else None,
        "clue_visible": paper.clue_id is not None and Clue.objects.visible_to(user).filter(pk=paper.clue_id).exists(),
    }
    return render(request, "workpapers/paper_detail.html", context)


@require_POST
def paper_submit(request, pk):
    paper = _paper_for(request.user, pk)
    refuse_unless(services.may_submit(request.user, paper))
    try:
        services.working_paper_submit(paper=paper, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Submitted for the check."))
    return redirect(paper)


@require_POST
def paper_decide(request, pk):
    """The check (审核), the signature (签批) or a return, on the paper's own page."""
    paper = _paper_for(request.user, pk)
    refuse_unless(rules.may_check(request.user, paper) or rules.may_sign(request.user, paper))
    form = DecisionForm(request.POST)
    opinion = form.cleaned_data["opinion"] if form.is_valid() else ""
    action = request.POST.get("action")
    moves = {
        "check": lambda: services.working_paper_check(paper=paper, actor=request.user, opinion=opinion),
        "sign": lambda: services.working_paper_sign(paper=paper, actor=request.user, opinion=opinion),
        "return": lambda: services.working_paper_return(paper=paper, actor=request.user, opinion=opinion),
    }
    if action not in moves:
        messages.error(request, _("Choose what to do with the paper."))
        return redirect(paper)
    try:
        moves[action]()
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Your decision has been recorded.") if action != "return" else _("The paper has been returned to its author."))
    return redirect(paper)


@require_POST
def paper_hand_over(request, pk):
    paper = _paper_for(request.user, pk)
    refuse_unless(rules.may_hand_over(request.user, paper))
    form = HandOverForm(request.POST, group=paper.group)
    if not form.is_valid():
        messages.error(request, _("Choose the custodian from the group's people."))
        return redirect(paper)
    try:
        services.working_paper_hand_over(paper=paper, actor=request.user, custodian=form.cleaned_data["custodian"])
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The paper has been handed to its custodian."))
    return redirect(paper)


@require_POST
def paper_reopen(request, pk):
    paper = _paper_for(request.user, pk)
    refuse_unless(rules.may_reopen(request.user, paper))
    form = ReopenForm(request.POST)
    try:
        services.working_paper_reopen(paper=paper, actor=request.user, reason=form.cleaned_data["reason"] if form.is_valid() else "")
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The paper has been reopened for revision."))
    return redirect(paper)


@require_POST
def paper_tag(request, pk):
    paper = _paper_for(request.user, pk)
    refuse_unless(rules.may_tag(request.user, paper))
    form = TagForm(request.POST, group=paper.group, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a clue of the same group that you may see."))
        return redirect(paper)
    try:
        services.working_paper_tag(paper=paper, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(paper)
