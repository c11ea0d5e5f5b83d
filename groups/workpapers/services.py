"""Writes of the working papers (S23). One service per transition, keyword-only, atomic; each checks
the actor's right (rules.py) and the paper's state, refuses an illegal move with a Chinese message,
and changes nothing when repeated.

The review goes through xunchar.approvals (chain `workpapers.working_paper`): `working_paper_submit`,
`working_paper_check`, `working_paper_sign`, `working_paper_return` and `working_paper_reopen` are
thin, state-checking shells around `approval_submit`, `approval_decide` and `approval_reopen`, so
a decision taken on the approvals page and one taken on the paper's page are the same decision.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, InspectionGroup
from xunchar.approvals.models import ApprovalDecision, ApprovalRequest
from xunchar.approvals.services import approval_decide, approval_is_locked, approval_reopen, approval_submit
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record
from xunchar.core.rules import refuse as _refuse
from xunchar.notifications.services import notifications_create

from . import rules, selectors
from .models import CHAIN, WorkingPaper

# Written to the audit log (AuditEvent.event is free text in the database; the audit app may add
# it to its choices for a translated label).
AUDIT_EVENT = AuditEvent.Event.WORKING_PAPER

TEXT_FIELDS = ("title", "summary", "investigation", "facts", "evidence", "other_sources")


@dataclass
class PaperData:
    """What the author writes: the text, the unit, and the sources chosen."""

    title: str = ""
    summary: str = ""
    investigation: str = ""
    facts: str = ""
    evidence: str = ""
    other_sources: str = ""
    inspection: object = None
    talks: list = field(default_factory=list)
    talk_problems: list = field(default_factory=list)
    petitions: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    surveys: list = field(default_factory=list)


def _clean(*, group, actor, data: PaperData) -> dict:
    """The text stripped and the sources checked; every problem at once, nothing saved."""
    errors = {}
    values = {name: (getattr(data, name) or "").strip() for name in TEXT_FIELDS}
    if not values["title"]:
        errors["title"] = _("Give the paper a title.")
    elif len(values["title"]) > 200:
        errors["title"] = _("The title is at most 200 characters.")
    if not values["summary"]:
        errors["summary"] = _("Summarize the problem.")
    if data.inspection is not None and data.inspection.group_id != group.pk:
        errors["inspection"] = _("Choose a unit the group inspects.")
    choosable = {
        "talks": selectors.talks_to_choose(actor, group),
        "talk_problems": selectors.talk_problems_to_choose(actor, group),
        "petitions": selectors.petitions_to_choose(actor, group),
        "documents": selectors.documents_to_choose(actor, group),
        "surveys": selectors.surveys_to_choose(actor, group),
    }
    chosen = {}
    for name, queryset in choosable.items():
        ids = {item.pk for item in getattr(data, name) or ()}
        allowed = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
        if ids - allowed:
            errors[name] = _("A source can only be chosen from the group's own material you may see, and never an item under seal.")
        chosen[name] = allowed
    if errors:
        raise ValidationError(errors)
    return {"values": values, "inspection": data.inspection, "sources": chosen, "choosable": choosable}


def _set_sources(paper: WorkingPaper, cleaned: dict) -> None:
    """Set the chosen sources; a source the editor cannot see or choose (sealed since, or linked by
    someone who sees more) stays as it was — the editor can neither see nor drop it."""
    for name, chosen in cleaned["sources"].items():
        manager = getattr(paper, name)
        current = set(manager.values_list("pk", flat=True))
        choosable_now = set(cleaned["choosable"][name].filter(pk__in=current).values_list("pk", flat=True))
        manager.set(chosen | (current - choosable_now))


@transaction.atomic
def working_paper_create(*, group: InspectionGroup, actor, data: PaperData) -> WorkingPaper:
    """A new draft, numbered at once: the next number of the group's papers (gap-free, papers are
    never deleted)."""
    _refuse(rules.may_write(actor, group), _("Only the group's own people write its working papers."))
    cleaned = _clean(group=group, actor=actor, data=data)
    InspectionGroup.objects.select_for_update().filter(pk=group.pk).first()
    number = (WorkingPaper.objects.filter(group=group).aggregate(n=Max("number"))["n"] or 0) + 1
    paper = WorkingPaper(group=group, number=number, author=actor, inspection=cleaned["inspection"], **cleaned["values"])
    paper._change_reason = "撰写底稿"
    paper.save()
    _set_sources(paper, cleaned)
    audit_record(event=AUDIT_EVENT, actor=actor, obj=paper, detail=f"{paper.reference} 撰写")
    return paper


def _locked(paper: WorkingPaper) -> WorkingPaper:
    return WorkingPaper.objects.select_for_update().select_related("group__round").get(pk=paper.pk)


@transaction.atomic
def working_paper_update(*, paper: WorkingPaper, actor, data: PaperData) -> WorkingPaper:
    """Revise a draft or a returned paper. Under review or signed it cannot change (the leader may
    reopen a signed paper)."""
    paper = _locked(paper)
    _refuse(rules.may_edit(actor, paper), _("Only the author, the group leader or the deputy leader edit a working paper."))
    if approval_is_locked(paper, CHAIN):
        raise ValidationError(_("The paper is under review or signed and can no longer be edited."), code="locked")
    cleaned = _clean(group=paper.group, actor=actor, data=data)
    changed = [name for name, value in cleaned["values"].items() if getattr(paper, name) != value]
    if cleaned["inspection"] != paper.inspection:
        changed.append("inspection")
    for name, value in cleaned["values"].items():
        setattr(paper, name, value)
    paper.inspection = cleaned["inspection"]
    if changed:
        paper.updated_at = timezone.now()
        paper._change_reason = "修改底稿"
        paper.save()
    _set_sources(paper, cleaned)
    return paper


# --- Review -----------------------------------------------------------------------------------------------------


def may_submit(user, paper) -> bool:
    """The chain's `may_submit`: whoever may edit the paper."""
    return rules.may_edit(user, paper)


def _request(paper) -> ApprovalRequest | None:
    return selectors.approval_of(paper)


@transaction.atomic
def working_paper_submit(*, paper: WorkingPaper, actor) -> ApprovalRequest:
    """Send a draft (or a revised returned paper) to the check. Every submission freezes a version."""
    request = _request(paper)
    if request is not None and request.state == ApprovalRequest.State.IN_REVIEW:
        return request  # submitted already
    return approval_submit(chain=CHAIN, subject=paper, actor=actor)


def _latest_cycle(request: ApprovalRequest) -> list[ApprovalDecision]:
    decisions = list(request.decisions.order_by("id"))
    start = max((i for i, d in enumerate(decisions) if d.outcome == ApprovalDecision.Outcome.SUBMITTED), default=0)
    return decisions[start:]


def _decided_already(request, actor, outcome) -> bool:
    return any(d.outcome == outcome and d.actor_id == actor.pk for d in _latest_cycle(request))


def _at_step(paper, code: str) -> ApprovalRequest:
    request = _request(paper)
    if request is None or request.state != ApprovalRequest.State.IN_REVIEW:
        raise ValidationError(_("The paper is not under review."), code="not_in_review")
    step = request.current_step
    if step is None or step.code != code:
        if code == "sign":
            raise ValidationError(_("The paper cannot be signed before the deputy leader has checked it."), code="not_checked")
        raise ValidationError(_("The paper has already been checked; it awaits the leader's signature."), code="checked")
    return request


@transaction.atomic
def working_paper_check(*, paper: WorkingPaper, actor, opinion: str = "") -> ApprovalRequest:
    """Step 1 (审核): the deputy leader (the leader when the group has none) passes the paper on to
    the leader's signature."""
    request = _request(paper)
    if request is not None and request.state != ApprovalRequest.State.RETURNED and _decided_already(request, actor, ApprovalDecision.Outcome.CHECKED):
        return request
    request = _at_step(paper, "check")
    _refuse(rules.may_check(actor, paper), _("Only the deputy leader checks a working paper (the leader when the group has no deputy)."))
    return approval_decide(request=request, actor=actor, passed=True, opinion=opinion)


@transaction.atomic
def working_paper_sign(*, paper: WorkingPaper, actor, opinion: str = "") -> ApprovalRequest:
    """Step 2 (签批): the leader signs a checked paper. Refused before the check."""
    request = _request(paper)
    if request is not None and request.state == ApprovalRequest.State.APPROVED and _decided_already(request, actor, ApprovalDecision.Outcome.SIGNED):
        return request
    request = _at_step(paper, "sign")
    _refuse(rules.may_sign(actor, paper), _("Only the group leader signs a working paper."))
    return approval_decide(request=request, actor=actor, passed=True, opinion=opinion)


@transaction.atomic
def working_paper_return(*, paper: WorkingPaper, actor, opinion: str) -> ApprovalRequest:
    """Return the paper to its author for revision, at whichever step it awaits (an opinion is required)."""
    request = _request(paper)
    if request is not None and request.state == ApprovalRequest.State.RETURNED:
        return request
    if request is None or request.state != ApprovalRequest.State.IN_REVIEW:
        raise ValidationError(_("The paper is not under review."), code="not_in_review")
    allowed = rules.may_check if request.current_step.code == "check" else rules.may_sign
    _refuse(allowed(actor, paper), _("You may not decide this step."))
    return approval_decide(request=request, actor=actor, passed=False, opinion=opinion)


@transaction.atomic
def working_paper_reopen(*, paper: WorkingPaper, actor, reason: str) -> ApprovalRequest:
    """The leader reopens a signed paper for revision: it goes through the check and the signature
    again, and its custodian's handover lapses (paper_returned)."""
    request = _request(paper)
    if request is None or request.state != ApprovalRequest.State.APPROVED:
        if request is not None and request.state == ApprovalRequest.State.RETURNED:
            return request
        raise ValidationError(_("Only a signed paper can be reopened."), code="not_approved")
    return approval_reopen(request=request, actor=actor, reason=reason)


def paper_returned(paper: WorkingPaper, request) -> None:
    """The chain's `on_returned` (inside the return's transaction): a reopened paper is no longer
    with its custodian. The handover stays in the paper's history."""
    if paper.custodian_id is None:
        return
    paper.custodian = None
    paper.handed_by = None
    paper.handed_at = None
    paper._change_reason = "撤回重报，保管交接失效"
    paper.save(update_fields=["custodian", "handed_by", "handed_at"])


@transaction.atomic
def working_paper_hand_over(*, paper: WorkingPaper, actor, custodian: GroupMembership) -> WorkingPaper:
    """After signing, the leader or liaison hands the paper to a named custodian of the group."""
    paper = _locked(paper)
    _refuse(rules.may_hand_over(actor, paper), _("Only the group leader or the liaison hands a paper to its custodian."))
    request = _request(paper)
    if request is None or request.state != ApprovalRequest.State.APPROVED:
        raise ValidationError(_("Only a signed paper is handed to a custodian."), code="not_signed")
    if custodian is None or not selectors.custodians_to_choose(paper.group).filter(pk=custodian.pk).exists():
        raise ValidationError({"custodian": _("The custodian is one of the group's people who still has access to its material.")})
    if paper.custodian_id == custodian.pk:
        return paper
    paper.custodian = custodian
    paper.handed_by = actor
    paper.handed_at = timezone.now()
    paper._change_reason = "移交保管"
    paper.save(update_fields=["custodian", "handed_by", "handed_at"])
    audit_record(event=AUDIT_EVENT, actor=actor, obj=paper, detail=f"{paper.reference} 移交保管人 {custodian.cadre}")
    recipients = list(get_user_model().objects.filter(cadre_id=custodian.cadre_id, is_active=True))
    if recipients:
        notifications_create(
            recipients=recipients, title=f"巡察工作底稿移交保管：{paper.reference}",
            body=f"{actor.display_name}将{paper.reference}《{paper.title}》交您保管。", url=paper.get_absolute_url(),
        )
    return paper


# --- Tags -----------------------------------------------------------------------------------------------------


@transaction.atomic
def working_paper_tag(*, paper: WorkingPaper, actor, for_report: bool, for_problem_list: bool, as_clue: bool, clue=None) -> WorkingPaper:
    """Tag the paper for later use: into the report, the problem list, or as a clue (optionally
    linked to a clue of the same group that the actor may see)."""
    from clues.models import Clue

    paper = _locked(paper)
    _refuse(rules.may_tag(actor, paper), _("Only the author, the group leader or the deputy leader tag a working paper."))
    if clue is not None:
        if not as_clue:
            raise ValidationError({"clue": _("Link a clue only to a paper tagged as a clue.")})
        if not Clue.objects.visible_to(actor).filter(pk=clue.pk, group=paper.group).exists():
            raise ValidationError({"clue": _("Choose a clue of the same group that you may see.")})
    elif as_clue and paper.clue_id is not None and not Clue.objects.visible_to(actor).filter(pk=paper.clue_id).exists():
        clue = paper.clue  # linked by someone who sees clues: kept, the actor cannot see or drop it
    values = {"for_report": bool(for_report), "for_problem_list": bool(for_problem_list), "as_clue": bool(as_clue), "clue": clue}
    if all(getattr(paper, name) == value for name, value in values.items()):
        return paper
    for name, value in values.items():
        setattr(paper, name, value)
    paper._change_reason = "标注用途"
    paper.save(update_fields=list(values))
    return paper
