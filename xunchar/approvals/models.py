"""One approval and sign-off mechanism for the whole procedure (审批 / 签批).

A document (the *subject*: a task allocation plan, a working paper …) goes through a registered
chain of steps: submitted → reviewed / checked → approved / signed, or returned for revision with an
opinion. `ApprovalRequest` is the subject's place in its chain. Each submission and each decision
freezes the document's content as an `ApprovalVersion` and records an `ApprovalDecision` (who, in
what role, when, with what opinion). Versions and decisions are never changed or removed: database
triggers refuse UPDATE and DELETE on both tables (PostgreSQL and SQLite alike). Rows are written
only through `xunchar.approvals.services`.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import chains


class ApprovalRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requests whose subject the user may see, by each chain's own scope; an unknown chain's
        requests are seen by no one."""
        conditions = [
            models.Q(chain=chain.code, subject_id__in=chain.visible(chain.model._default_manager.all(), user).values("pk"))
            for chain in chains.all_chains()
        ]
        return self.filter(reduce(or_, conditions)) if conditions else self.none()

    def of(self, subject):
        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class ApprovalRequest(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Under review")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")

    chain = models.CharField(_("approval chain"), max_length=100)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("record id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    # The step awaiting a decision while under review; 0 otherwise until approval, then the number of steps.
    step_index = models.PositiveSmallIntegerField(_("current step"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ApprovalRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="approvals_request_subject"),
            # What the inbox polls: requests waiting for a decision.
            models.Index(fields=["chain", "step_index"], condition=models.Q(state="in_review"), name="approvals_request_pending"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "subject_type", "subject_id"], name="%(app_label)s_%(class)s_unique_subject"
            ),
            models.CheckConstraint(
                condition=models.Q(state="approved", completed_at__isnull=False)
                | (~models.Q(state="approved") & models.Q(completed_at__isnull=True)),
                name="%(app_label)s_%(class)s_completed_when_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="%(app_label)s_%(class)s_submitted_unless_draft",
            ),
        ]

    def __str__(self):
        chain = self.chain_or_none
        return f"{chain.label if chain else self.chain} #{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("approvals:detail", args=[self.pk])

    @property
    def chain_or_none(self) -> chains.Chain | None:
        try:
            return chains.chain_for(self.chain)
        except LookupError:
            return None

    @property
    def current_step(self) -> chains.Step | None:
        """The step awaiting a decision (None unless under review)."""
        chain = self.chain_or_none
        if chain is None or self.state != self.State.IN_REVIEW:
            return None
        return chain.step(self.step_index)

    @property
    def is_locked(self) -> bool:
        return self.state in (self.State.IN_REVIEW, self.State.APPROVED)


class ApprovalVersion(models.Model):
    """The document's content as it stood when submitted or decided on. Never changed."""

    request = models.ForeignKey(
        ApprovalRequest, verbose_name=_("approval request"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    # {"title": str, "sections": [{"heading": str, "text": str}, ...]}
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("frozen by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval version")
        verbose_name_plural = _("approval versions")
        ordering = ["request", "number"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"),
        ]

    def __str__(self):
        return f"第{self.number}版"

    @property
    def title(self) -> str:
        return str(self.content.get("title", ""))

    @property
    def sections(self) -> list[dict]:
        return list(self.content.get("sections", []))


class ApprovalDecision(models.Model):
    """One submission or decision: who, in what role, when, with what opinion, on which version.
    Never changed."""

    class Outcome(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REVIEWED = "reviewed", _("Reviewed")
        APPROVED = "approved", _("Approved")
        CHECKED = "checked", _("Checked")
        SIGNED = "signed", _("Signed")
        RETURNED = "returned", _("Returned for revision")

    request = models.ForeignKey(
        ApprovalRequest, verbose_name=_("approval request"), on_delete=models.PROTECT, related_name="decisions"
    )
    version = models.ForeignKey(
        ApprovalVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="decisions"
    )
    # The step decided ("review", "sign" …); empty with no index for a submission.
    step_code = models.CharField(_("step"), max_length=30, blank=True)
    step_index = models.PositiveSmallIntegerField(_("step number"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    # The role they decided in, as it stood then: 领导小组常务副组长, 第一巡察组组长 …
    actor_title = models.CharField(_("in the role of"), max_length=100, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        ordering = ["request", "id"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["actor", "outcome"], name="approvals_decision_actor")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="returned") | ~models.Q(opinion=""),
                name="%(app_label)s_%(class)s_return_has_opinion",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="submitted", step_index__isnull=True)
                | (~models.Q(outcome="submitted") & models.Q(step_index__isnull=False)),
                name="%(app_label)s_%(class)s_step_unless_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} · {self.actor_title} {self.actor}"
