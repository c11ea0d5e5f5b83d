"""Individual talks (个别谈话, S12, issue 5 §3).

Split by who may read what:
- `TalkOutline`, the office's generic outline (通用性谈话提纲), one per round;
- `Talk`, one planned talk with one subject: who, when, where, safety notes, the group's tailored
  outline, the staff who talk and the named recorder — group material;
- `TalkRecord`, what was said (the record typed or uploaded) and the leader's reading of it — the part a
  direct-delivery item (径送件) seals, so every piece of what was said lives here and none on `Talk`. Its
  `visible_to` goes through `groups.talk_rules.talk_records_visible_to` and nowhere else;
- `TalkProblem`, each problem the record raises, tagged by category (later clues and working-paper
  material), read through the same rule as its record.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy

__all__ = ["TalkOutline", "Talk", "TalkRecord", "TalkProblem"]


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs
    )


class TalkOutlineQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .talk_rules import outlines_visible_to

        return outlines_visible_to(self, user)


class TalkOutline(models.Model):
    """通用性谈话提纲: the office's generic outline for a round; its versions kept by the history."""

    round = models.OneToOneField("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="talk_outline")
    text = models.TextField(_("generic outline"))
    updated_by = _user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = TalkOutlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("generic talk outline")
        verbose_name_plural = _("generic talk outlines")

    def __str__(self):
        return f"{self.round}通用性谈话提纲"

    def get_absolute_url(self):
        return reverse("groups:talk_outline", args=[self.round_id])


class TalkQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field="group")


class Talk(models.Model):
    class SubjectKind(models.TextChoices):
        # The kinds of subjects S12.1 lists.
        LEADERSHIP = "leadership", _("Member of the leadership team")
        RETIRED_LEADERSHIP = "retired_leadership", _("Leadership member retired in the last three years")
        INTEGRITY_PERSONNEL = "integrity_personnel", _("Integrity or personnel staff")
        DEPARTMENT_HEAD = "department_head", _("Head of an internal department or subordinate unit")
        KEY_POST = "key_post", _("Key post or informed person")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="talks")
    inspection = models.ForeignKey(
        "groups.Inspection", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="talks"
    )
    subject_kind = models.CharField(_("kind of subject"), max_length=30, choices=SubjectKind.choices)
    subject_cadre = models.ForeignKey(
        "registry.Cadre", verbose_name=_("in the cadre pool"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="talks",
    )
    subject_name = models.CharField(_("talk subject"), max_length=50)
    subject_post = models.CharField(_("unit and post"), max_length=150, blank=True)
    planned_on = models.DateField(_("date"))
    planned_time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=150)
    safety_notes = models.TextField(_("safety notes"), blank=True)
    outline = models.TextField(_("tailored outline"), blank=True)
    staff = models.ManyToManyField("groups.GroupMembership", verbose_name=_("talking staff"), related_name="talks")
    recorder = models.ForeignKey(
        "groups.GroupMembership", verbose_name=_("recorder"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="talks_recorded",
    )
    # 一对一谈话: why the leader is asked to allow a talk by one staff member (S12.3).
    one_to_one_reason = models.TextField(_("why one-to-one"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PLANNED)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    planned_by = _user_fk(_("planned by"))
    planned_at = models.DateTimeField(_("planned at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = TalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("individual talk")
        verbose_name_plural = _("individual talks")
        ordering = ["group", "planned_on", "planned_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="held", held_on__isnull=False) | (~models.Q(state="held") & models.Q(held_on__isnull=True)),
                name="%(app_label)s_%(class)s_held_on_when_held",
                violation_error_message=_("A held talk has the day it was held, and only a held talk."),
            ),
        ]
        indexes = [models.Index(fields=["group", "planned_on"], name="groups_talk_group_planned")]

    def __str__(self):
        return f"{self.group}个别谈话（{self.subject_name}）"

    def get_absolute_url(self):
        return reverse("groups:talk_detail", args=[self.pk])

    @property
    def subject_display(self) -> str:
        return f"{self.subject_name}（{self.subject_post}）" if self.subject_post else self.subject_name

    @property
    def day(self):
        return self.held_on or self.planned_on


class TalkRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .talk_rules import talk_records_visible_to

        return talk_records_visible_to(self, user)

    def annotate_problem_count(self):
        return self.annotate(problem_count=models.Count("problems"))


class TalkRecord(models.Model):
    """个别谈话记录: what was said. Direct-delivery items (径送件) seal exactly this table."""

    talk = models.OneToOneField(Talk, verbose_name=_("talk"), on_delete=models.CASCADE, related_name="record")
    content = models.TextField(_("what was said"), blank=True)
    written_by = _user_fk(_("written by"))
    written_at = models.DateTimeField(_("written at"), default=timezone.now)
    read_by_leader = _user_fk(_("read by the group leader"), null=True, blank=True)
    read_by_leader_at = models.DateTimeField(_("read by the group leader at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = TalkRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("talk record")
        verbose_name_plural = _("talk records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(read_by_leader__isnull=True, read_by_leader_at__isnull=True)
                | models.Q(read_by_leader__isnull=False, read_by_leader_at__isnull=False),
                name="%(app_label)s_%(class)s_read_by_whom_and_when",
                violation_error_message=_("A record read by the leader says by whom and when."),
            ),
        ]

    def __str__(self):
        # Never what was said: str() goes into audit entries, notifications and page titles.
        return f"{self.talk}记录"

    def get_absolute_url(self):
        return reverse("groups:talk_record", args=[self.talk_id])


class TalkProblemQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .talk_rules import talk_records_visible_to

        return self.filter(record__in=talk_records_visible_to(TalkRecord.objects.all(), user))


class TalkProblem(models.Model):
    """One problem a talk raised, tagged: to be sorted into clues at group meetings (S12.4)."""

    class Category(models.TextChoices):
        POLITICAL = "political", _("Political responsibility and the Party's decisions")
        PARTY_BUILDING = "party_building", _("Party building and governance")
        INTEGRITY = "integrity", _("Integrity, discipline and corruption")
        CONDUCT = "conduct", _("Eight rules and work style")
        PERSONNEL = "personnel", _("Selection and appointment of cadres")
        IDEOLOGY = "ideology", _("Ideological work responsibility")
        MASSES = "masses", _("Corruption and misconduct affecting the public")
        RECTIFICATION = "rectification", _("Rectification of earlier findings")
        OTHER = "other", _("Other")

    record = models.ForeignKey(TalkRecord, verbose_name=_("talk record"), on_delete=models.CASCADE, related_name="problems")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    person_concerned = models.CharField(_("person concerned"), max_length=100, blank=True)
    text = models.TextField(_("problem raised"))
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Free words, separated by commas."))
    added_by = _user_fk(_("added by"))
    added_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = TalkProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem raised in a talk")
        verbose_name_plural = _("problems raised in talks")
        ordering = ["record", "id"]

    def __str__(self):
        return f"{self.record}反映问题"

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.replace("，", ",").replace("、", ",").split(",") if t.strip()]
