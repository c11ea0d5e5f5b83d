from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy

from .rules import RULES


class DeadlineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.deadlines_visible_to(self, user)

    def open(self):
        return self.filter(state=Deadline.State.OPEN)


class Deadline(models.Model):
    """One running clock of a rule, for one group, unit or round. The database is what is due."""

    class State(models.TextChoices):
        OPEN = "open", _("Running")
        MET = "met", _("Met")
        MET_LATE = "met_late", _("Met late")

    rule = models.CharField(_("rule"), max_length=4, choices=[(code, code) for code in RULES])
    scope_key = models.CharField(max_length=40, editable=False)
    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="deadlines", verbose_name=_("round"))
    group = models.ForeignKey(
        "groups.InspectionGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines",
        verbose_name=_("group"),
    )
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines", verbose_name=_("unit")
    )
    started_on = models.DateField(_("clock started"))
    due_on = models.DateField(_("due"))
    provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("The count runs through a year whose calendar is not confirmed.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "rule", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "scope_key"], name="%(app_label)s_%(class)s_one_clock_per_scope"),
            models.CheckConstraint(
                condition=models.Q(state="open", met_on__isnull=True) | ~models.Q(state="open") & models.Q(met_on__isnull=False),
                name="%(app_label)s_%(class)s_met_on_iff_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("started_on")), name="%(app_label)s_%(class)s_due_after_start"
            ),
        ]
        indexes = [
            # The sweep polls open deadlines by due date.
            models.Index(fields=["due_on"], condition=models.Q(state="open"), name="deadlines_open_due_idx"),
        ]

    def __str__(self):
        return f"{self.rule} {self.rule_obj.title} · {self.subject_display}"

    @property
    def rule_obj(self):
        return RULES[self.rule]

    @property
    def subject_display(self) -> str:
        if self.unit_id:
            return str(self.unit)
        if self.group_id:
            return f"{self.round} {self.group}"
        return str(self.round)


class Reminder(models.Model):
    """That a stage's reminder went out for a deadline. The unique pair makes each stage happen once."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        DUE_TODAY = "due_today", _("Due today")
        OVERDUE = "overdue", _("Overdue — escalated")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    for_date = models.DateField()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "stage"], name="%(app_label)s_%(class)s_once_per_stage"),
        ]

    def __str__(self):
        return f"{self.deadline_id} {self.stage}"
