"""巡察工作底稿 (S23, issue 6 §5): one working paper per important problem a group finds.

A paper belongs to a group (and optionally to one unit the group inspects). Its review — written by a
staff member → checked (审核) by the deputy leader → signed (签批) by the leader — is the approvals
mechanism's (chain `workpapers.working_paper`, approval_chains.py): the paper keeps no review state
of its own, its stage is read from its approval request (`WorkingPaperQuerySet.with_stage`), and every
submitted version is the approval's frozen snapshot. After signing the paper is handed to a named
custodian (保管人), recorded here.

Sources are links to the group's talks, problems raised in talks, petitions, requested documents
(调阅资料; a classified one by its registration data only) and surveys — chosen only from what the
author may see and never an item under seal (services.py) — and free text for anything else.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.models import chinese_ordinal
from xunchar.access import policy

CHAIN = "workpapers.working_paper"


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


class Stage(models.TextChoices):
    """Where a paper stands, read from its approval request and its handover."""

    DRAFT = "draft", _("Draft")
    CHECKING = "checking", _("Awaiting the deputy leader's check")
    SIGNING = "signing", _("Awaiting the leader's signature")
    RETURNED = "returned", _("Returned for revision")
    SIGNED = "signed", _("Signed")
    HANDED = "handed", _("Handed to the custodian")


class WorkingPaperQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user)

    def with_stage(self):
        """Annotate `stage` (a Stage value) from the paper's approval request, in the same query."""
        from xunchar.approvals.models import ApprovalRequest

        requests = ApprovalRequest.objects.filter(
            chain=CHAIN, subject_type=ContentType.objects.get_for_model(WorkingPaper), subject_id=models.OuterRef("pk"),
        )
        state = Coalesce(models.Subquery(requests.values("state")[:1]), models.Value("draft"))
        step = models.Subquery(requests.values("step_index")[:1])
        return self.annotate(
            approval_state=state,
            approval_step=step,
        ).annotate(stage=models.Case(
            models.When(approval_state="in_review", approval_step=0, then=models.Value(Stage.CHECKING)),
            models.When(approval_state="in_review", then=models.Value(Stage.SIGNING)),
            models.When(approval_state="returned", then=models.Value(Stage.RETURNED)),
            models.When(approval_state="approved", custodian__isnull=False, then=models.Value(Stage.HANDED)),
            models.When(approval_state="approved", then=models.Value(Stage.SIGNED)),
            default=models.Value(Stage.DRAFT),
            output_field=models.CharField(),
        ))


class WorkingPaper(models.Model):
    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="working_papers")
    inspection = models.ForeignKey(
        "groups.Inspection", verbose_name=_("unit concerned"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="working_papers",
    )
    # Given at creation, gap-free per group (papers are never deleted).
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("problem summary"))
    investigation = models.TextField(_("how it was looked into"), blank=True)
    facts = models.TextField(_("facts established"), blank=True)
    evidence = models.TextField(_("supporting material"), blank=True, help_text=_("One item a line."))
    talks = models.ManyToManyField("groups.Talk", verbose_name=_("talks"), blank=True, related_name="working_papers")
    talk_problems = models.ManyToManyField(
        "groups.TalkProblem", verbose_name=_("problems raised in talks"), blank=True, related_name="working_papers",
    )
    petitions = models.ManyToManyField("petitions.Petition", verbose_name=_("petitions"), blank=True, related_name="working_papers")
    documents = models.ManyToManyField(
        "docrequests.DocumentItem", verbose_name=_("documents consulted"), blank=True, related_name="working_papers",
    )
    surveys = models.ManyToManyField("surveys.Survey", verbose_name=_("surveys"), blank=True, related_name="working_papers")
    other_sources = models.TextField(
        _("other sources"), blank=True, help_text=_("Field visits and anything not listed above … one a line."),
    )
    author = _user_fk(_("written by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # After signing: handed to a named custodian (保管人), one of the group's people.
    custodian = models.ForeignKey(
        "groups.GroupMembership", verbose_name=_("custodian"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="working_papers_kept",
    )
    handed_by = _user_fk(_("handed over by"), null=True, blank=True)
    handed_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    # Tags for later use (not part of the reviewed content).
    for_report = models.BooleanField(_("into the inspection report"), default=False)
    for_problem_list = models.BooleanField(_("into the problem list"), default=False)
    as_clue = models.BooleanField(_("as a clue"), default=False)
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("clue"), on_delete=models.PROTECT, null=True, blank=True, related_name="working_papers",
    )
    history = HistoricalRecords()

    objects = WorkingPaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("working paper")
        verbose_name_plural = _("working papers")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"),
            models.CheckConstraint(
                condition=models.Q(custodian__isnull=True, handed_by__isnull=True, handed_at__isnull=True)
                | models.Q(custodian__isnull=False, handed_by__isnull=False, handed_at__isnull=False),
                name="%(app_label)s_%(class)s_handed_whom_by_whom_when",
            ),
            models.CheckConstraint(
                condition=models.Q(clue__isnull=True) | models.Q(as_clue=True),
                name="%(app_label)s_%(class)s_clue_only_when_tagged",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("workpapers:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """一组底稿〔2026〕3号."""
        return f"{chinese_ordinal(self.group.number)}组底稿〔{self.group.round.year}〕{self.number}号"

    @property
    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]

    @property
    def other_source_list(self) -> list[str]:
        return [line.strip() for line in self.other_sources.splitlines() if line.strip()]
