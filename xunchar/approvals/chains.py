"""Approval chains: which document goes through which steps, decided by whom.

A phase app declares its chains in `<app>/approval_chains.py` (imported at start-up) and registers
each once:

    register(Chain(
        code="rounds.task_plan",
        label=_("Task allocation plan"),
        model_label="rounds.taskallocationplan",
        steps=(
            Step(code="review", outcome="reviewed", label=_("Review by the executive deputy head"),
                 may_decide=standing_role(Role.LG_EXECUTIVE_DEPUTY),
                 deciders=users_with_role(Role.LG_EXECUTIVE_DEPUTY),
                 title=standing_title(Role.LG_EXECUTIVE_DEPUTY)),
            Step(code="approve", outcome="approved", label=_("Approval by the secretary"), ...),
        ),
        may_submit=lambda user, plan: policy.can_manage_rounds(user),
        snapshot=lambda plan: {"title": str(plan), "sections": [{"heading": "…", "text": "…"}]},
        visible=lambda queryset, user: queryset if policy.sees_all_working_material(user) else queryset.none(),
    ))

`xunchar.approvals.predicates` has the building blocks for `may_decide`, `deciders` and `title`.

The decider's role title (`ApprovalDecision.actor_title`, e.g. 领导小组常务副组长, 第一巡察组组长) is
taken from `Step.title(user, subject)` when the step names one, else from the decider's standing
roles (`predicates.default_title`); it is computed in the site's language (Chinese) and kept as
text, so a later change of role does not rewrite who decided in what capacity.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

Predicate = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Step:
    code: str  # "review", "approve", "check", "sign"
    outcome: str  # the ApprovalDecision.Outcome recorded when the step passes: reviewed / approved / checked / signed
    label: str  # lazy-translated, e.g. "Review by the executive deputy head"
    may_decide: Predicate  # (user, subject) -> bool
    deciders: Callable[[Any], Any] | None = None  # subject -> QuerySet[User] notified when the request reaches the step
    title: Callable[[Any, Any], str] | None = None  # (user, subject) -> the role they decide in, as text


@dataclass(frozen=True)
class Chain:
    code: str  # "rounds.task_plan"
    label: str
    model_label: str  # the subject's model, "rounds.taskallocationplan"
    steps: tuple[Step, ...]
    may_submit: Predicate  # (user, subject) -> bool
    snapshot: Callable[[Any], dict]  # subject -> {"title": str, "sections": [{"heading": str, "text": str}, ...]}
    visible: Callable[[Any, Any], Any]  # (QuerySet of subjects, user) -> the subjects the user may see
    on_approved: Callable[[Any, Any], None] | None = None  # (subject, request), inside the final decision's transaction
    on_returned: Callable[[Any, Any], None] | None = None  # (subject, request), inside the return's transaction
    # Additions to the agreed API:
    related: tuple[str, ...] = field(default=())  # select_related when subjects are fetched for lists
    confidential: bool = False  # reading the approval page is written to the access log
    submitter_title: Callable[[Any, Any], str] | None = None  # (user, subject) -> the submitter's role as text
    # Who may reopen an approved document for revision (it then goes through the chain again); None: nobody.
    may_reopen: Predicate | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def subjects(self, user):
        """The subjects of this chain the user may see."""
        queryset = self.model._default_manager.all()
        return self.visible(queryset.select_related(*self.related) if self.related else queryset, user)

    def step(self, index: int) -> Step | None:
        return self.steps[index] if 0 <= index < len(self.steps) else None


_CHAINS: dict[str, Chain] = {}


def register(chain: Chain) -> Chain:
    """Add a chain to the registry (once per code). Returns the chain, so a module may keep it."""
    from .models import ApprovalDecision

    passing = set(ApprovalDecision.Outcome.values) - {ApprovalDecision.Outcome.SUBMITTED, ApprovalDecision.Outcome.RETURNED}
    if not chain.steps:
        raise ImproperlyConfigured(f"approval chain {chain.code!r} has no steps")
    codes = [step.code for step in chain.steps]
    if len(set(codes)) != len(codes):
        raise ImproperlyConfigured(f"approval chain {chain.code!r} repeats a step code: {codes}")
    for step in chain.steps:
        if step.outcome not in passing:
            raise ImproperlyConfigured(f"approval chain {chain.code!r}, step {step.code!r}: outcome {step.outcome!r} is not one of {sorted(passing)}")
    if len(chain.code) > 100:
        raise ImproperlyConfigured(f"approval chain code {chain.code!r} is longer than 100 characters")
    existing = _CHAINS.get(chain.code)
    if existing is not None and existing is not chain:
        raise ImproperlyConfigured(f"approval chain {chain.code!r} is registered twice")
    _CHAINS[chain.code] = chain
    return chain


def unregister(code: str) -> None:
    """For tests that register a chain of their own."""
    _CHAINS.pop(code, None)


def chain_for(code: str) -> Chain:
    """The registered chain; LookupError for an unknown code (a view turns it into 404)."""
    try:
        return _CHAINS[code]
    except KeyError:
        raise LookupError(f"no approval chain {code!r}") from None


def all_chains() -> list[Chain]:
    return list(_CHAINS.values())


def chains_for_model(model_label: str) -> list[Chain]:
    return [chain for chain in _CHAINS.values() if chain.model_label == model_label]
