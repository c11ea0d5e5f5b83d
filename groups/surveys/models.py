"""Democratic evaluations and questionnaires (民主测评、问卷调查, S19).

- `Survey`: a form a group designs for one inspection (group × unit): its questions, the respondent
  groups it asks (县管干部, 中层干部 …), census or sample. Draft → open (questions frozen) → closed.
- `Question`, `Option`: ordered; single or multiple choice, a rating scale (its options marked
  "satisfied" count towards the satisfaction rate), or free text.
- `Sheet`, `Answer`: one answer sheet per respondent — a paper form typed in by the group, or
  answered in the browser with a one-time code. A sheet is corrected or voided, never deleted.
- `AccessCode`: a one-time code for the browser; only its hash is kept.

All of it is group material: the office, leadership and the group's own people see it; a unit
contact and other groups see nothing (404).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy

GROUP_FIELD = "inspection__group"


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field=GROUP_FIELD)


class Survey(models.Model):
    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Democratic evaluation")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")

    class Method(models.TextChoices):
        CENSUS = "census", _("Census (everyone)")
        SAMPLE = "sample", _("Sample")

    class State(models.TextChoices):
        DRAFT = "draft", _("Being designed")
        OPEN = "open", _("Answering")
        CLOSED = "closed", _("Closed")

    inspection = models.ForeignKey("groups.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUESTIONNAIRE)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    # The respondent groups in the order the form lists them (县管干部, 中层干部 …): names, not rows —
    # a sheet and a code keep the name they were given.
    respondent_groups = models.JSONField(_("respondent groups"), default=list)
    method = models.CharField(_("census or sample"), max_length=10, choices=Method.choices, default=Method.CENSUS)
    planned_size = models.PositiveIntegerField(_("planned number of respondents"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["inspection", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="%(app_label)s_%(class)s_titled"),
            models.CheckConstraint(
                condition=models.Q(method="census") | models.Q(planned_size__gt=0),
                name="%(app_label)s_%(class)s_sample_has_size",
                violation_error_message=_("A sample needs its planned size."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.pk])

    @property
    def group(self):
        return self.inspection.group


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "rating", _("Rating scale")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return f"{self.position}. {self.text}"

    @property
    def has_options(self) -> bool:
        return self.kind != self.Kind.TEXT


class Option(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("option"), max_length=100)
    # On a rating scale: this answer counts as satisfied (好, 较好) for the satisfaction rate.
    satisfied = models.BooleanField(_("counts as satisfied"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position", "id"]

    def __str__(self):
        return self.label


class AccessCodeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field=f"survey__{GROUP_FIELD}")


class AccessCode(models.Model):
    """A one-time code a respondent types to answer in the browser. Only the SHA-256 of the code is
    kept: the plain codes are shown once, to be printed on slips, when they are made."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(_("code digest"), max_length=64, unique=True, editable=False)
    respondent_group = models.CharField(_("respondent group"), max_length=50, blank=True)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    spent_at = models.DateTimeField(_("used at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["digest"])

    objects = AccessCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")
        ordering = ["survey", "id"]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class SheetQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field=f"survey__{GROUP_FIELD}")

    def valid(self):
        return self.filter(voided=False)


class Sheet(models.Model):
    class Channel(models.TextChoices):
        PAPER = "paper", _("Paper form")
        ONLINE = "online", _("Answered online")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="sheets")
    number = models.PositiveIntegerField(_("sheet number"))
    respondent_group = models.CharField(_("respondent group"), max_length=50, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    code = models.OneToOneField(AccessCode, verbose_name=_("access code"), on_delete=models.PROTECT, null=True, blank=True, related_name="sheet")
    entered_by = _user_fk(_("entered by"), null=True, blank=True)
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    voided = models.BooleanField(_("voided"), default=False)
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = SheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer sheet")
        verbose_name_plural = _("answer sheets")
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(channel="paper", code__isnull=True) | models.Q(channel="online", code__isnull=False),
                name="%(app_label)s_%(class)s_online_has_code",
            ),
        ]
        indexes = [models.Index(fields=["survey", "voided", "respondent_group"], name="surveys_sheet_valid_group")]

    def __str__(self):
        return f"{self.survey} 第{self.number}份"

    def get_absolute_url(self):
        return reverse("surveys:sheet_edit", args=[self.pk])


class Answer(models.Model):
    """One ticked option (a multiple-choice question has as many as were ticked) or one free text."""

    sheet = models.ForeignKey(Sheet, verbose_name=_("answer sheet"), on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(Option, verbose_name=_("option"), on_delete=models.PROTECT, null=True, blank=True, related_name="answers")
    text = models.TextField(_("answer"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["sheet", "question", "option"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "option"], name="%(app_label)s_%(class)s_option_once"),
            models.CheckConstraint(
                condition=models.Q(option__isnull=False, text="") | models.Q(option__isnull=True) & ~models.Q(text=""),
                name="%(app_label)s_%(class)s_option_or_text",
            ),
        ]

    def __str__(self):
        return f"{self.sheet} · {self.question.position}"
