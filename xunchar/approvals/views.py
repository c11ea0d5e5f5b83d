from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xunchar.access.services import access_log_record

from . import selectors
from .chains import chain_for
from .diff import compare_contents
from .forms import DecisionForm
from .models import ApprovalDecision, ApprovalRequest
from .services import approval_decide, approval_submit

TABS = ("pending", "submitted", "done")

# The pass button's words for each kind of step.
PASS_LABELS = {
    ApprovalDecision.Outcome.REVIEWED: gettext_lazy("Review passed"),
    ApprovalDecision.Outcome.CHECKED: gettext_lazy("Check passed"),
    ApprovalDecision.Outcome.APPROVED: gettext_lazy("Approve"),
    ApprovalDecision.Outcome.SIGNED: gettext_lazy("Sign"),
}


def inbox(request):
    user = request.user
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "pending"
    pending = selectors.pending_for(user)
    submitted = selectors.submitted_by(user)
    done = selectors.decided_by(user)
    counts = {"pending": len(pending), "submitted": submitted.count(), "done": done.count()}
    rows = {"pending": pending, "submitted": submitted, "done": done}[tab]
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    if tab != "pending":
        page.object_list = selectors.attach_subjects(page.object_list)
    context = {"tab": tab, "counts": counts, "page": page, "pending_approval_count": counts["pending"]}
    return render(request, "approvals/inbox.html", context)


def _request_for(user, pk) -> ApprovalRequest:
    """The request, with its subject, if the user may see the subject; else 404."""
    approval = get_object_or_404(selectors.requests_visible_to(user).select_related("submitted_by"), pk=pk)
    attached = selectors.attach_subjects([approval])
    if not attached:
        raise Http404
    return attached[0]


def detail(request, pk):
    approval = _request_for(request.user, pk)
    chain = approval.chain_or_none
    if chain.confidential:
        access_log_record(request=request, obj=approval.subject)
    decisions = selectors.decisions_of(approval)
    versions = selectors.versions_of(approval)
    can_decide = selectors.may_decide(approval, request.user)
    step = approval.current_step
    context = {
        "approval": approval,
        "chain": chain,
        # 关于……的决定 already says what kind of paper it is; "巡察任务分工方案：2026年…任务分工方案" would say it twice.
        "kind_in_title": str(chain.label) in str(approval.subject),
        "subject": approval.subject,
        "progress": selectors.progress(chain, approval, decisions),
        "decisions": decisions,
        "versions": versions,
        "version": versions[-1] if versions else None,
        "can_decide": can_decide,
        "can_submit": approval.state == ApprovalRequest.State.RETURNED and chain.may_submit(request.user, approval.subject),
        "form": DecisionForm(initial={"seen": decisions[-1].pk if decisions else None}) if can_decide else None,
        "pass_label": PASS_LABELS.get(step.outcome) if step else None,
    }
    return render(request, "approvals/detail.html", context)


@require_POST
def decide(request, pk):
    approval = _request_for(request.user, pk)
    form = DecisionForm(request.POST)
    if not selectors.may_decide(approval, request.user):
        latest = approval.decisions.order_by("-id").values_list("id", flat=True).first()
        if form.is_valid() and form.cleaned_data["seen"] is not None and form.cleaned_data["seen"] != latest:
            # The decider's own form, sent again after the request moved on (a double click, a reload).
            messages.error(request, _("This request has changed since you opened it (another decision was recorded); your decision was not recorded."))
            return redirect(approval)
        raise PermissionDenied
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(approval)
    try:
        approval_decide(
            request=approval, actor=request.user, passed=form.passed,
            opinion=form.cleaned_data["opinion"], seen_decision_id=form.cleaned_data["seen"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your decision has been recorded.") if form.passed else _("The document has been returned for revision."))
    return redirect(approval)


@require_POST
def submit(request, chain, pk):
    try:
        the_chain = chain_for(chain)
    except LookupError:
        raise Http404 from None
    subject = get_object_or_404(the_chain.subjects(request.user), pk=pk)
    if not the_chain.may_submit(request.user, subject):
        raise PermissionDenied
    try:
        approval = approval_submit(chain=the_chain, subject=subject, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        approval = None
    else:
        messages.success(request, _("Submitted for approval."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    if approval is not None:
        return redirect(approval)
    return redirect(subject) if hasattr(subject, "get_absolute_url") else redirect("approvals:inbox")


def compare(request, pk):
    approval = _request_for(request.user, pk)
    versions = selectors.versions_of(approval)
    if not versions:
        raise Http404
    by_number = {v.number: v for v in versions}

    def chosen(name, default):
        try:
            return by_number[int(request.GET.get(name, default))]
        except (KeyError, ValueError):
            raise Http404 from None

    new = chosen("new", versions[-1].number)
    old = chosen("old", max(new.number - 1, 1))
    if approval.chain_or_none.confidential:
        access_log_record(request=request, obj=approval.subject)
    context = {
        "approval": approval,
        "chain": approval.chain_or_none,
        "subject": approval.subject,
        "versions": versions,
        "old": old,
        "new": new,
        "diff": compare_contents(old.content, new.content),
    }
    return render(request, "approvals/compare.html", context)
