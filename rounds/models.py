"""An inspection round (巡察轮次): the year's Nth round, its phase and its dates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy

CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_ordinal(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十; numbers past 99 stay in Arabic digits."""
    if not 0 <= number <= 99:
        return str(number)
    if number <= 10:
        return CHINESE_NUMERALS[number]
    if number < 20:
        return "十" + CHINESE_NUMERALS[number - 10]
    tens, ones = divmod(number, 10)
    return CHINESE_NUMERALS[tens] + "十" + (CHINESE_NUMERALS[ones] if ones else "")


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.rounds_visible_to(self, user)


class Round(models.Model):
    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        ON_SITE = "on_site", _("On-site inspection")
        REPORTING = "reporting", _("Reporting")
        FEEDBACK = "feedback", _("Feedback")
        TRANSFER = "transfer", _("Transfer")
        RECTIFICATION = "rectification", _("Rectification")
        ARCHIVING = "archiving", _("Archiving")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("round number"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION)
    mobilization_date = models.DateField(_("mobilization meeting"), null=True, blank=True)
    entry_date = models.DateField(_("entry into the units"), null=True, blank=True)
    planned_withdrawal_date = models.DateField(_("planned withdrawal"), null=True, blank=True)
    focus = models.TextField(_("focus of the round"), blank=True)
    history = HistoricalRecords()

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="%(app_label)s_%(class)s_unique_year_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"),
        ]

    def __str__(self):
        return f"{self.year}年第{chinese_ordinal(self.number)}轮巡察"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:detail", args=[self.pk])


# --- Preparation S01: the plans, the people, the rules they are chosen by ------------------------


class RoundMaterialQuerySet(models.QuerySet):
    """Round-level preparation papers: the office and leadership; a group's people see nothing
    here (their group's own authorization decision has its own rule)."""

    def visible_to(self, user):
        if policy.sees_all_working_material(user):
            return self
        return self.none()


class TaskAllocationPlan(models.Model):
    """任务分工方案 (S01.1): which group inspects which units under which leader and deputy. The
    groups, units and leaders themselves are the round's staffing; the plan adds the office's
    explanation and goes through the approval chain (office → executive deputy → secretary)."""

    round = models.OneToOneField(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="task_plan")
    consultation = models.TextField(
        _("views of the discipline commission and organization department"), blank=True,
        help_text=_("How the proposed units and leaders were discussed with them (S01)."),
    )
    explanation = models.TextField(_("explanation"), blank=True)
    history = HistoricalRecords()

    objects = RoundMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("task allocation plan")
        verbose_name_plural = _("task allocation plans")

    def __str__(self):
        return f"{self.round}任务分工方案"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:task_plan", args=[self.round_id])


class RoundWorkPlan(models.Model):
    """工作方案 (S01.2): time, units, focus, tasks; approved by the head or the executive deputy,
    then filed with the prefecture inspection office."""

    round = models.OneToOneField(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="work_plan")
    tasks = models.TextField(_("tasks of each stage"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    filed_on = models.DateField(_("filed with the prefecture office on"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = RoundMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("round work plan")
        verbose_name_plural = _("round work plans")

    def __str__(self):
        return f"{self.round}工作方案"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:work_plan", args=[self.round_id])


class AuthorizationDecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office and leadership from the first draft; the group's own people once it is
        approved — leadership's deliberation on an appointment is not the appointee's to read."""
        if policy.sees_all_working_material(user):
            return self
        from xunchar.approvals.models import ApprovalRequest

        approved = ApprovalRequest.objects.filter(chain="rounds.authorization", state=ApprovalRequest.State.APPROVED)
        return policy.group_material_visible_to(self, user).filter(pk__in=approved.values("subject_id"))


class AuthorizationDecision(models.Model):
    """组长授权任职及任务分工的决定 (S01.3, 一次一授权): one per group and round; the leader is also
    secretary of the group's temporary party branch. Approved, then announced at mobilization."""

    group = models.OneToOneField(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="authorization"
    )
    duties = models.TextField(_("division of tasks"), blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AuthorizationDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("authorization decision")
        verbose_name_plural = _("authorization decisions")

    def __str__(self):
        return f"关于{self.group.round}{self.group}组长授权任职及任务分工的决定"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:authorization", args=[self.group_id])


class Secondment(models.Model):
    """抽调 (S01.4): a person asked from their unit for the round. The discipline commission seconds
    its own cadres, the organization department everyone else; an unsuitable person is swapped."""

    class Source(models.TextChoices):
        DISCIPLINE = "discipline", _("Discipline commission")
        ORGANIZATION = "organization", _("Organization department")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        SWAPPED = "swapped", _("Swapped")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="secondments")
    cadre = models.ForeignKey("registry.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="secondments")
    source = models.CharField(_("seconded through"), max_length=20, choices=Source.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REQUESTED)
    requested_on = models.DateField(_("requested on"))
    replaced_by = models.OneToOneField(
        "self", verbose_name=_("replaced by"), on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    swap_reason = models.TextField(_("why the person was swapped"), blank=True)
    history = HistoricalRecords()

    objects = RoundMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["round", "source", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "cadre"], name="%(app_label)s_%(class)s_once_per_round"),
            models.CheckConstraint(
                condition=~models.Q(state="swapped") | (models.Q(replaced_by__isnull=False) & ~models.Q(swap_reason="")),
                name="%(app_label)s_%(class)s_swap_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.cadre}"


class RotationJustification(models.Model):
    """三个不固定: a leader may lead a group for a unit they led a group for in an earlier round only
    when the office records why."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="rotation_justifications")
    cadre = models.ForeignKey("registry.Cadre", verbose_name=_("leader"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("registry.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("justification"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RoundMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("rotation exception")
        verbose_name_plural = _("rotation exceptions")
        constraints = [
            models.UniqueConstraint(fields=["round", "cadre", "unit"], name="%(app_label)s_%(class)s_once"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="%(app_label)s_%(class)s_reason_given"),
        ]

    def __str__(self):
        return f"{self.cadre} · {self.unit}"


class RecusalQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.recusal_material_visible_to(self, user)


class RecusalConflict(models.Model):
    """回避 (S01, S02.3): a person of a group who, or whose relative, works or worked in a unit the
    group inspects, or who declared something. Resolved by replacing the person or by keeping them
    with a recorded reason; the group cannot enter its units while one is open."""

    class Source(models.TextChoices):
        WORKS_THERE = "works_there", _("Works in the unit")
        WORKED_THERE = "worked_there", _("Worked in the unit")
        RELATIVE = "relative", _("A relative works in the unit")
        DECLARED = "declared", _("Declared by the person")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        REPLACED = "replaced", _("Person replaced")
        KEPT = "kept", _("Kept, with reason")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="recusal_conflicts")
    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="recusal_conflicts")
    cadre = models.ForeignKey("registry.Cadre", verbose_name=_("person"), on_delete=models.PROTECT, related_name="recusal_conflicts")
    unit = models.ForeignKey("registry.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = models.CharField(_("found by"), max_length=20, choices=Source.choices)
    # What makes this conflict distinct: the post, the relative or the declaration it comes from.
    basis_key = models.CharField(max_length=50, editable=False)
    detail = models.TextField(_("detail"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RecusalQuerySet.as_manager()

    class Meta:
        verbose_name = _("recusal conflict")
        verbose_name_plural = _("recusal conflicts")
        ordering = ["round", "group", "cadre", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "cadre", "basis_key"], name="%(app_label)s_%(class)s_once"),
            models.CheckConstraint(
                condition=models.Q(state="open") | (~models.Q(resolution="") & models.Q(resolved_at__isnull=False)),
                name="%(app_label)s_%(class)s_resolution_recorded",
            ),
        ]
        indexes = [models.Index(fields=["group", "state"], name="rounds_recusal_group_state")]

    def __str__(self):
        return f"{self.cadre} · {self.get_source_display()}"


class RecusalDeclaration(models.Model):
    """回避申请 (S02.3): on the mobilization day every person of the round says whether they have
    anything to declare; "nothing to declare" is an explicit answer."""

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="recusal_declarations")
    cadre = models.ForeignKey("registry.Cadre", verbose_name=_("person"), on_delete=models.PROTECT, related_name="recusal_declarations")
    nothing_to_declare = models.BooleanField(_("nothing to declare"))
    unit = models.ForeignKey(
        "registry.Unit", verbose_name=_("unit concerned"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    statement = models.TextField(_("what is declared"), blank=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("declared by"), on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RecusalQuerySet.as_manager()

    class Meta:
        verbose_name = _("recusal declaration")
        verbose_name_plural = _("recusal declarations")
        ordering = ["group", "cadre"]
        constraints = [
            models.UniqueConstraint(fields=["group", "cadre"], name="%(app_label)s_%(class)s_once"),
            models.CheckConstraint(
                condition=models.Q(nothing_to_declare=True, statement="") | models.Q(nothing_to_declare=False) & ~models.Q(statement=""),
                name="%(app_label)s_%(class)s_answer_given",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} · {self.group}"


from .prep_models import *  # noqa: E402, F403  (the preparation phase's records, S02/S04/S06)
