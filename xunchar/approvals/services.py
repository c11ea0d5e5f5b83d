"""Submitting a document for approval and deciding on it. Every write to the approval tables is here.

Locks are always taken in the same order — the subject's row, then the request's — so that a
submission, a decision and the subject's own edit service (which locks the subject and asks
`approval_is_locked`) never interleave.
"""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.notifications.services import notifications_create

from . import predicates
from .chains import Chain, chain_for
from .models import ApprovalDecision, ApprovalRequest, ApprovalVersion

# Written to the audit log for each submission and decision (AuditEvent.event is free text in the
# database; the audit app may add it to its choices for a translated label).
AUDIT_EVENT = AuditEvent.Event.APPROVAL


def _chain(chain) -> Chain:
    return chain if isinstance(chain, Chain) else chain_for(chain)


def _lock_subject(chain: Chain, subject_id):
    return chain.model._default_manager.select_for_update().get(pk=subject_id)


def frozen_content(chain: Chain, subject) -> dict:
    """The chain's snapshot of the subject, checked for shape and passed through JSON, so that it
    compares equal to what the database gives back."""
    content = chain.snapshot(subject)
    if not isinstance(content, dict) or not isinstance(content.get("title"), str):
        raise ImproperlyConfigured(f"{chain.code}: snapshot must be a dict with a 'title' string")
    sections = content.get("sections")
    if not isinstance(sections, list) or not all(
        isinstance(s, dict) and isinstance(s.get("heading"), str) and isinstance(s.get("text"), str) for s in sections
    ):
        raise ImproperlyConfigured(f"{chain.code}: snapshot 'sections' must be a list of {{'heading': str, 'text': str}}")
    try:
        return json.loads(json.dumps(content, ensure_ascii=False))
    except TypeError as error:
        raise ImproperlyConfigured(f"{chain.code}: snapshot is not JSON ({error}); give dates as Chinese strings") from error


def _freeze(*, request: ApprovalRequest, chain: Chain, subject, actor) -> ApprovalVersion:
    """The latest version if the content is unchanged, else a new one."""
    content = frozen_content(chain, subject)
    latest = request.versions.order_by("-number").first()
    if latest is not None and latest.content == content:
        return latest
    return ApprovalVersion.objects.create(
        request=request, number=(latest.number + 1) if latest else 1, content=content, created_by=actor
    )


def _title(step, actor, subject) -> str:
    title = step.title(actor, subject) if step.title else predicates.default_title(actor, subject)
    return str(title)[:100]


def _record(*, request, version, actor, outcome, step=None, step_index=None, title="", opinion="") -> ApprovalDecision:
    return ApprovalDecision.objects.create(
        request=request,
        version=version,
        step_code=step.code if step else "",
        step_index=step_index,
        outcome=outcome,
        actor=actor,
        actor_title=title,
        opinion=opinion,
    )


def _audit(*, actor, subject, request, decision):
    audit_record(
        event=AUDIT_EVENT,
        actor=actor,
        obj=subject,
        detail=f"审批单#{request.pk} {request.chain} 第{decision.version.number}版 {decision.outcome}"
        + (f" {decision.step_code}" if decision.step_code else "")
        + (f"：{decision.opinion}" if decision.opinion else ""),
    )


def _notify(*, recipients, title: str, body: str, request: ApprovalRequest):
    recipients = list(recipients)
    if recipients:
        notifications_create(recipients=recipients, title=title[:200], body=body, url=reverse("approvals:detail", args=[request.pk]))


def _in_site_language(text) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _notify_step(*, chain: Chain, request: ApprovalRequest, subject):
    """Tell whoever decides the step the request has reached."""
    step = chain.step(request.step_index)
    if step is None or step.deciders is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _notify(
            recipients=step.deciders(subject),
            title=_("For your approval: %(chain)s — %(subject)s") % {"chain": chain.label, "subject": subject},
            body=_("“%(subject)s” awaits “%(step)s”.") % {"subject": subject, "step": step.label},
            request=request,
        )


@transaction.atomic
def approval_submit(*, chain, subject, actor) -> ApprovalRequest:
    """Submit the subject to its chain (again, after a return): freeze its content, record the
    submission and send it to the first step."""
    chain = _chain(chain)
    if subject._meta.label_lower != chain.model_label:
        raise ImproperlyConfigured(f"{chain.code} approves {chain.model_label}, not {subject._meta.label_lower}")
    subject = _lock_subject(chain, subject.pk)
    if not chain.may_submit(actor, subject):
        raise PermissionDenied(_("You may not submit this document for approval."))
    subject_type = ContentType.objects.get_for_model(subject)
    lookup = {"chain": chain.code, "subject_type": subject_type, "subject_id": subject.pk}
    request = ApprovalRequest.objects.select_for_update().filter(**lookup).first()
    if request is None:
        try:
            with transaction.atomic():
                request = ApprovalRequest.objects.create(**lookup, created_by=actor)
        except IntegrityError:  # created a moment ago by a concurrent submission
            request = ApprovalRequest.objects.select_for_update().get(**lookup)
    if request.state == ApprovalRequest.State.IN_REVIEW:
        raise ValidationError(_("This document has already been submitted and is under review."), code="in_review")
    if request.state == ApprovalRequest.State.APPROVED:
        raise ValidationError(_("This document has already been approved."), code="approved")
    version = _freeze(request=request, chain=chain, subject=subject, actor=actor)
    decision = _record(
        request=request, version=version, actor=actor, outcome=ApprovalDecision.Outcome.SUBMITTED,
        title=str(chain.submitter_title(actor, subject) if chain.submitter_title else predicates.default_title(actor, subject))[:100],
    )
    request.state = ApprovalRequest.State.IN_REVIEW
    request.step_index = 0
    request.submitted_by = actor
    request.submitted_at = decision.decided_at
    request.completed_at = None
    request._change_reason = "提交审批"
    request.save(update_fields=["state", "step_index", "submitted_by", "submitted_at", "completed_at"])
    _audit(actor=actor, subject=subject, request=request, decision=decision)
    _notify_step(chain=chain, request=request, subject=subject)
    return request


@transaction.atomic
def approval_decide(
    *, request: ApprovalRequest, actor, passed: bool, opinion: str, seen_decision_id: int | None = None
) -> ApprovalRequest:
    """Decide the current step: pass it (the next step, or approval after the last) or return the
    document for revision (an opinion is required).

    `request` is the caller's view of it: if another decision was recorded since — or, with
    `seen_decision_id`, any decision after the one the actor saw — the decision is refused, so a
    repeated or outdated form never decides twice."""
    chain = _chain(request.chain)
    subject = _lock_subject(chain, request.subject_id)
    current = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    latest_id = current.decisions.order_by("-id").values_list("id", flat=True).first()
    moved = (request.state, request.step_index) != (current.state, current.step_index) or (
        seen_decision_id is not None and seen_decision_id != latest_id
    )
    if moved:
        raise ValidationError(
            _("This request has changed since you opened it (another decision was recorded); your decision was not recorded."),
            code="stale",
        )
    if current.state != ApprovalRequest.State.IN_REVIEW:
        raise ValidationError(_("This request is not awaiting a decision."), code="not_in_review")
    index = current.step_index
    step = chain.step(index)
    if step is None:
        raise ImproperlyConfigured(f"{chain.code}: request #{current.pk} is at step {index}, the chain has {len(chain.steps)}")
    if not step.may_decide(actor, subject):
        raise PermissionDenied(_("You may not decide this step."))
    opinion = (opinion or "").strip()
    if not passed and not opinion:
        raise ValidationError(_("Say what must be revised: an opinion is required when returning a document."), code="opinion_required")
    version = _freeze(request=current, chain=chain, subject=subject, actor=actor)
    decision = _record(
        request=current, version=version, actor=actor,
        outcome=step.outcome if passed else ApprovalDecision.Outcome.RETURNED,
        step=step, step_index=index, title=_title(step, actor, subject), opinion=opinion,
    )
    _audit(actor=actor, subject=subject, request=current, decision=decision)
    submitter = current.submitted_by
    if not passed:
        current.state = ApprovalRequest.State.RETURNED
        current.step_index = 0
        current._change_reason = "退回修改"
        current.save(update_fields=["state", "step_index"])
        if chain.on_returned:
            chain.on_returned(subject, current)
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                recipients=[submitter],
                title=_("Returned for revision: %(chain)s — %(subject)s") % {"chain": chain.label, "subject": subject},
                body=_("%(who)s returned it: %(opinion)s") % {"who": f"{decision.actor_title} {actor}".strip(), "opinion": opinion},
                request=current,
            )
    elif index + 1 < len(chain.steps):
        current.step_index = index + 1
        current._change_reason = _in_site_language(step.label)
        current.save(update_fields=["step_index"])
        _notify_step(chain=chain, request=current, subject=subject)
    else:
        current.state = ApprovalRequest.State.APPROVED
        current.step_index = len(chain.steps)
        current.completed_at = decision.decided_at
        current._change_reason = "审批完成"
        current.save(update_fields=["state", "step_index", "completed_at"])
        if chain.on_approved:
            chain.on_approved(subject, current)
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                recipients=[submitter],
                title=_("Approved: %(chain)s — %(subject)s") % {"chain": chain.label, "subject": subject},
                body=_("%(who)s: %(outcome)s.") % {
                    "who": f"{decision.actor_title} {actor}".strip(), "outcome": decision.get_outcome_display(),
                },
                request=current,
            )
    return current


@transaction.atomic
def approval_reopen(*, request: ApprovalRequest, actor, reason: str) -> ApprovalRequest:
    """Reopen an approved document for revision — a leader replaced after the recusal declarations,
    say. The approval stays on record; the reopening is a decision of its own (a return, with the
    reason), and the document goes through its whole chain again."""
    chain = _chain(request.chain)
    subject = _lock_subject(chain, request.subject_id)
    current = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    if current.state != ApprovalRequest.State.APPROVED:
        raise ValidationError(_("Only an approved document can be reopened."), code="not_approved")
    if chain.may_reopen is None or not chain.may_reopen(actor, subject):
        raise PermissionDenied(_("You may not reopen this document."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the approved document is reopened."), code="opinion_required")
    title = chain.submitter_title(actor, subject) if chain.submitter_title else predicates.default_title(actor, subject)
    decision = _record(
        request=current, version=current.versions.order_by("-number").first(), actor=actor,
        outcome=ApprovalDecision.Outcome.RETURNED, step_index=len(chain.steps) - 1, title=str(title)[:100], opinion=reason,
    )
    _audit(actor=actor, subject=subject, request=current, decision=decision)
    current.state = ApprovalRequest.State.RETURNED
    current.step_index = 0
    current.completed_at = None
    current._change_reason = "撤回重报"
    current.save(update_fields=["state", "step_index", "completed_at"])
    if chain.on_returned:
        chain.on_returned(subject, current)
    last = chain.steps[-1]
    if last.deciders:
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                recipients=list(last.deciders(subject)),
                title=_("Reopened for revision: %(chain)s — %(subject)s") % {"chain": chain.label, "subject": subject},
                body=_("%(who)s reopened it: %(opinion)s") % {"who": f"{decision.actor_title} {actor}".strip(), "opinion": reason},
                request=current,
            )
    return current


def approval_request(subject, chain_code: str) -> ApprovalRequest | None:
    """The subject's request in this chain, if it was ever submitted."""
    return ApprovalRequest.objects.of(subject).filter(chain=chain_code).first()


def approval_state(subject, chain_code: str) -> str:
    """The subject's state in this chain: DRAFT until it is first submitted."""
    state = ApprovalRequest.objects.of(subject).filter(chain=chain_code).values_list("state", flat=True).first()
    return state or ApprovalRequest.State.DRAFT


def approval_is_locked(subject, chain_code: str | None = None) -> bool:
    """Whether the subject is under review or approved (in any chain, or in the one named): its own
    edit service must then refuse changes. Call it after locking the subject's row."""
    requests = ApprovalRequest.objects.of(subject).filter(
        state__in=[ApprovalRequest.State.IN_REVIEW, ApprovalRequest.State.APPROVED]
    )
    if chain_code is not None:
        requests = requests.filter(chain=chain_code)
    return requests.exists()
