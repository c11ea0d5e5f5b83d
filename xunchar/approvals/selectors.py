"""Reading approvals: the inbox, a request's page and the panel a subject's page shows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from . import predicates
from .chains import Chain, Step, chain_for
from .models import ApprovalDecision, ApprovalRequest, ApprovalVersion


def requests_visible_to(user) -> QuerySet:
    """Requests whose subject the user may see (by each chain's `visible`); the rest are not found."""
    return ApprovalRequest.objects.visible_to(user)


def attach_subjects(requests) -> list[ApprovalRequest]:
    """Fetch the requests' subjects, one query per subject model, and set `request.subject`.
    Requests of an unknown chain or whose subject is gone are left out."""
    requests = list(requests)
    wanted: dict[str, set] = defaultdict(set)
    chains: dict[str, Chain] = {}
    for request in requests:
        chain = request.chain_or_none
        if chain is not None:
            chains[request.chain] = chain
            wanted[chain.model_label].add(request.subject_id)
    related: dict[str, set] = defaultdict(set)
    for chain in chains.values():
        related[chain.model_label].update(chain.related)
    found = {}
    for label, ids in wanted.items():
        model = next(c.model for c in chains.values() if c.model_label == label)
        queryset = model._default_manager.all()
        if related[label]:
            queryset = queryset.select_related(*related[label])
        found[label] = queryset.in_bulk(ids)
    result = []
    for request in requests:
        chain = chains.get(request.chain)
        subject = found.get(chain.model_label, {}).get(request.subject_id) if chain else None
        if subject is not None:
            request.subject = subject
            result.append(request)
    return result


def _may_decide(request: ApprovalRequest, user) -> bool:
    step = request.current_step
    return step is not None and step.may_decide(user, request.subject)


def may_decide(request: ApprovalRequest, user) -> bool:
    """Whether the user may decide the request's current step now (the request's subject loaded)."""
    return _may_decide(request, user)


def pending_for(user) -> list[ApprovalRequest]:
    """Requests under review whose current step the user may decide, oldest submission first.
    A fixed number of queries: the requests, their subjects per model, the user's round roles."""
    candidates = (
        requests_visible_to(user)
        .filter(state=ApprovalRequest.State.IN_REVIEW)
        .select_related("submitted_by")
        .order_by("submitted_at", "id")
    )
    with predicates.batch():
        return [request for request in attach_subjects(candidates) if _may_decide(request, user)]


def submitted_by(user) -> QuerySet:
    """Requests the user submitted (at least once) and may still see."""
    ids = ApprovalDecision.objects.filter(actor=user, outcome=ApprovalDecision.Outcome.SUBMITTED).values("request_id")
    return requests_visible_to(user).filter(pk__in=ids).select_related("submitted_by").order_by("-submitted_at", "-id")


def decided_by(user) -> QuerySet:
    """Requests the user decided a step of (已办) and may still see."""
    ids = ApprovalDecision.objects.filter(actor=user).exclude(outcome=ApprovalDecision.Outcome.SUBMITTED).values("request_id")
    return requests_visible_to(user).filter(pk__in=ids).select_related("submitted_by").order_by("-submitted_at", "-id")


# A request's progress, for its page and the subject's panel


@dataclass
class StepProgress:
    index: int
    step: Step
    status: str  # "done", "current", "returned", "waiting"
    decision: ApprovalDecision | None = None


@dataclass
class Progress:
    steps: list[StepProgress]
    submission: ApprovalDecision | None  # the latest submission
    returned: ApprovalDecision | None  # the return that ended the latest round, if it did
    cycles: list[list[ApprovalDecision]] = field(default_factory=list)  # every submission and what followed it


def progress(chain: Chain, request: ApprovalRequest | None, decisions: list[ApprovalDecision]) -> Progress:
    """The chain's steps with the decisions of the latest submission; `decisions` in order."""
    cycles: list[list[ApprovalDecision]] = []
    for decision in decisions:
        if decision.outcome == ApprovalDecision.Outcome.SUBMITTED or not cycles:
            cycles.append([])
        cycles[-1].append(decision)
    latest = cycles[-1] if cycles else []
    submission = latest[0] if latest and latest[0].outcome == ApprovalDecision.Outcome.SUBMITTED else None
    returned = next((d for d in latest if d.outcome == ApprovalDecision.Outcome.RETURNED), None)
    by_index = {d.step_index: d for d in latest if d.step_index is not None}
    steps = []
    for index, step in enumerate(chain.steps):
        decision = by_index.get(index)
        if decision is not None:
            status = "returned" if decision.outcome == ApprovalDecision.Outcome.RETURNED else "done"
        elif request is not None and request.state == ApprovalRequest.State.IN_REVIEW and request.step_index == index:
            status = "current"
        else:
            status = "waiting"
        steps.append(StepProgress(index=index, step=step, status=status, decision=decision))
    return Progress(steps=steps, submission=submission, returned=returned, cycles=cycles)


def decisions_of(request: ApprovalRequest) -> list[ApprovalDecision]:
    return list(request.decisions.select_related("actor", "version").order_by("id"))


def versions_of(request: ApprovalRequest) -> list[ApprovalVersion]:
    return list(request.versions.select_related("created_by").order_by("number"))


@dataclass
class Panel:
    """What templates/approvals/_panel.html shows for one subject."""

    chain: Chain
    request: ApprovalRequest | None
    state: str
    state_label: str
    progress: Progress
    can_submit: bool
    can_decide: bool


def approval_panel(user, chain_code: str, subject) -> Panel:
    """Two queries at most (the request; its decisions), plus whatever the chain's `may_submit` and
    `may_decide` read. The caller has fetched `subject` through its own scope."""
    chain = chain_for(chain_code)
    request = (
        ApprovalRequest.objects.of(subject).filter(chain=chain.code).select_related("submitted_by").first()
    )
    decisions = decisions_of(request) if request is not None else []
    state = request.state if request is not None else ApprovalRequest.State.DRAFT
    if request is not None:
        request.subject = subject
    return Panel(
        chain=chain,
        request=request,
        state=state,
        state_label=ApprovalRequest.State(state).label,
        progress=progress(chain, request, decisions),
        can_submit=state in (ApprovalRequest.State.DRAFT, ApprovalRequest.State.RETURNED) and chain.may_submit(user, subject),
        can_decide=request is not None and _may_decide(request, user),
    )
