"""The round-level records of the preparation phase that the office keeps (S02, S04, S06).

Mobilization meeting (动员部署会), inspection notices (巡察通知) with their document numbers, training,
briefing requests to the departments (商请通报情况函) and their answers per group, the material the
departments give per inspection (任免审批表, 审计报告), the leaders' private talk with the discipline
commission (recorded without content), and the speech drafts with every saved version.

Who sees what (issue 4): the office and leadership everything; a group's people what concerns their
group — the round-wide records of their round (meeting, central training, briefing requests sent,
generic speech drafts) and their own group's material; a unit contact only the inspection notice
addressed to their unit, once issued; everyone else nothing (404).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy

__all__ = [
    "BriefingAnswer",
    "BriefingRequest",
    "DisciplineTalk",
    "EarlierMaterialItem",
    "InspectionNotice",
    "MobilizationMeeting",
    "OfficeDocumentSerial",
    "SpeechDraft",
    "SpeechDraftVersion",
    "TrainingSession",
]


def member_round_ids(user):
    """A subquery of the rounds in which the user sits in a group."""
    from groups.models import InspectionGroup

    return InspectionGroup.objects.filter(pk__in=policy.member_group_ids(user)).values("round_id")


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _round_wide_visible_to(queryset, user, round_field="round"):
    """Round-wide records: the office and leadership, and the people of the round's groups."""
    if not _active(user):
        return queryset.none()
    if policy.sees_all_working_material(user):
        return queryset
    return queryset.filter(**{f"{round_field}__in": member_round_ids(user)})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- S02.1 Mobilization meeting ----------------------------------------------------------------------


class MobilizationMeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _round_wide_visible_to(self, user)


DEFAULT_AGENDA = "\n".join(
    [
        "传达县委书记在听取上一轮巡察情况汇报时的讲话精神",
        "宣布巡察组组长授权任职及任务分工决定",
        "领导小组组长讲话",
    ]
)


class MobilizationMeeting(models.Model):
    """The round's mobilization meeting (巡察工作动员部署会). Recording it sets the round's date."""

    round = models.OneToOneField(
        "rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="mobilization_meeting"
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100)
    chair = models.CharField(_("chaired by"), max_length=100)
    attendees = models.TextField(
        _("attendees"), blank=True, help_text=_("One line each: leaders attending, office staff, departments.")
    )
    checked_in = models.ManyToManyField(
        "groups.GroupMembership", verbose_name=_("group people present"), related_name="+", blank=True
    )
    agenda = models.TextField(_("agenda"), default=DEFAULT_AGENDA, help_text=_("One item per line, in order."))
    documents = models.TextField(
        _("documents announced"), blank=True, help_text=_("One per line, e.g. the authorization decisions.")
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    objects = MobilizationMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("mobilization meeting")
        verbose_name_plural = _("mobilization meetings")

    def __str__(self):
        return f"{self.round}动员部署会"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:mobilization", args=[self.round_id])

    @property
    def attendee_lines(self):
        return _lines(self.attendees)

    @property
    def agenda_items(self):
        return _lines(self.agenda)

    @property
    def document_lines(self):
        return _lines(self.documents)


# --- Document numbers ----------------------------------------------------------------------------------


class OfficeDocumentSerial(models.Model):
    """The last serial number the office gave out in a series and year (巡察办发〔2026〕3号 → 3).

    Serials come from here under a row lock, inside the transaction that issues the document, so
    they run without gaps or duplicates; a unique constraint on each document backs this up."""

    class Series(models.TextChoices):
        NOTICE = "notice", _("Notices (发)")
        LETTER = "letter", _("Letters (函)")

    series = models.CharField(_("series"), max_length=10, choices=Series.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_serial = models.PositiveIntegerField(_("last serial number"), default=0)

    class Meta:
        verbose_name = _("document serial counter")
        verbose_name_plural = _("document serial counters")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="%(app_label)s_%(class)s_unique_series_year"),
        ]

    def __str__(self):
        return f"{self.get_series_display()} {self.year}: {self.last_serial}"


SERIES_MARK = {OfficeDocumentSerial.Series.NOTICE: "发", OfficeDocumentSerial.Series.LETTER: "函"}


def document_number(prefix: str, series: str, year: int, serial: int) -> str:
    """巡察办 + 发 + 〔2026〕 + 3号, as the county's documents write it."""
    return f"{prefix}{SERIES_MARK[series]}〔{year}〕{serial}号"


# --- S02.2 Inspection notices ----------------------------------------------------------------------


class InspectionNoticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts are the office's; an issued notice goes to the unit and is copied to its group."""
        if not _active(user):
            return self.none()
        if policy.sees_all_working_material(user):
            return self
        condition = models.Q(inspection__group__in=policy.member_group_ids(user))
        if user.contact_unit_id:
            condition |= models.Q(inspection__unit_id=user.contact_unit_id)
        return self.filter(condition, status=InspectionNotice.Status.ISSUED)


class InspectionNotice(models.Model):
    """The notice of inspection to one unit (巡察通知), copied to the group that inspects it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    inspection = models.OneToOneField(
        "groups.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="notice"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    addressee = models.CharField(_("addressed to"), max_length=100)
    opening = models.TextField(_("opening paragraph"))
    main_tasks = models.TextField(_("main tasks"))
    working_methods = models.TextField(_("working methods"))
    schedule = models.TextField(_("schedule"))
    contact_person = models.CharField(_("group's contact person"), max_length=50)
    contact_phone = models.CharField(_("group's contact phone"), max_length=30, blank=True)
    contact_mailbox = models.CharField(_("group's mailbox or address"), max_length=100, blank=True)
    contact_arrangements = models.TextField(_("contact mechanism"))
    requirements = models.TextField(_("requirements"))
    # Filled when issued, never changed afterwards.
    document_prefix = models.CharField(_("document prefix"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the number"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(_("prepared at"), default=timezone.now)
    history = HistoricalRecords()

    objects = InspectionNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection notice")
        verbose_name_plural = _("inspection notices")
        ordering = ["inspection__group__number", "inspection__unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("This document number has already been given out."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", serial__isnull=True, year__isnull=True, issued_on__isnull=True)
                | models.Q(status="issued", serial__isnull=False, year__isnull=False, issued_on__isnull=False),
                name="%(app_label)s_%(class)s_number_when_issued",
            ),
            models.CheckConstraint(
                condition=models.Q(serial__isnull=True) | models.Q(serial__gte=1),
                name="%(app_label)s_%(class)s_serial_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:notice_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def number(self) -> str:
        if self.serial is None:
            return ""
        return document_number(self.document_prefix, OfficeDocumentSerial.Series.NOTICE, self.year, self.serial)


# --- S02.4/5 Training ------------------------------------------------------------------------------------


class TrainingSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Central training concerns the whole round; a group's study session only that group."""
        if not _active(user):
            return self.none()
        if policy.sees_all_working_material(user):
            return self
        return self.filter(
            models.Q(kind=TrainingSession.Kind.CENTRAL, round__in=member_round_ids(user))
            | models.Q(group__in=policy.member_group_ids(user))
        )


class TrainingSession(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central training")
        GROUP = "group", _("Group study")

    round = models.ForeignKey(
        "rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="training_sessions"
    )
    kind = models.CharField(_("form of training"), max_length=10, choices=Kind.choices)
    group = models.ForeignKey(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="training_sessions",
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=200, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    content = models.TextField(_("content"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="central", group__isnull=True) | models.Q(kind="group", group__isnull=False),
                name="%(app_label)s_%(class)s_group_study_has_group",
                violation_error_message=_("A group study session belongs to one group; central training to none."),
            ),
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


# --- S04 Briefings ------------------------------------------------------------------------------------


class BriefingRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office's letters; the round's groups see those sent (they are briefed in turn)."""
        if not _active(user):
            return self.none()
        if policy.sees_all_working_material(user):
            return self
        return self.filter(status=BriefingRequest.Status.SENT, round__in=member_round_ids(user))


class BriefingRequest(models.Model):
    """A letter asking a department to brief the round's groups (商请通报情况函)."""

    class Department(models.TextChoices):
        DISCIPLINE = "discipline", _("Discipline inspection and supervision commission")
        ORGANIZATION = "organization", _("Organization department")
        AUDIT = "audit", _("Audit bureau")
        PETITION = "petition", _("Petition bureau")
        PROPAGANDA = "propaganda", _("Propaganda department")
        EDUCATION = "education", _("Education bureau")
        DEVELOPMENT_REFORM = "development_reform", _("Development and reform bureau")
        OTHER = "other", _("Other department")

    class Topic(models.TextChoices):
        POLITICAL_ECOLOGY = "political_ecology", _("Political ecology")
        PRIMARY_RESPONSIBILITY = "primary_responsibility", _("Primary responsibility for governing the party")
        CADRE_SELECTION = "cadre_selection", _("Selection and appointment of cadres")
        IDEOLOGY = "ideology", _("Ideological work")
        REPORTS = "reports", _("Reports and petitions received")
        CLUE_HANDLING = "clue_handling", _("Handling of clues about leading cadres")
        SECTOR = "sector", _("The sector's situation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    round = models.ForeignKey(
        "rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="briefing_requests"
    )
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    addressee = models.CharField(_("addressed to"), max_length=100)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    extra_request = models.TextField(_("further requests"), blank=True)
    contact = models.CharField(_("office contact"), max_length=100, blank=True)
    due_on = models.DateField(_("answer due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    document_prefix = models.CharField(_("document prefix"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the number"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = BriefingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("briefing request")
        verbose_name_plural = _("briefing requests")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department"],
                condition=~models.Q(department="other"),
                name="%(app_label)s_%(class)s_one_per_department",
                violation_error_message=_("This department has already been asked in this round."),
            ),
            models.UniqueConstraint(
                fields=["year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="%(app_label)s_%(class)s_unique_number",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", serial__isnull=True, sent_on__isnull=True)
                | models.Q(status="sent", serial__isnull=False, year__isnull=False, sent_on__isnull=False),
                name="%(app_label)s_%(class)s_number_when_sent",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True) | models.Q(sent_on__isnull=True)
                | models.Q(due_on__gte=models.F("sent_on")),
                name="%(app_label)s_%(class)s_due_after_sent",
                violation_error_message=_("The answer cannot be due before the letter is sent."),
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.addressee}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:briefing_detail", args=[self.pk])

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def number(self) -> str:
        if self.serial is None:
            return ""
        return document_number(self.document_prefix, OfficeDocumentSerial.Series.LETTER, self.year, self.serial)

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(self.Topic.choices)
        return [str(labels.get(code, code)) for code in self.topics]


class BriefingAnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user)


class BriefingAnswer(models.Model):
    """A department's written answer for one group (its attachments are confidential)."""

    request = models.ForeignKey(
        BriefingRequest, verbose_name=_("briefing request"), on_delete=models.PROTECT, related_name="answers"
    )
    group = models.ForeignKey(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="briefing_answers"
    )
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    objects = BriefingAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("briefing answer")
        verbose_name_plural = _("briefing answers")
        ordering = ["request", "group__number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "group"], name="%(app_label)s_%(class)s_one_per_group"),
        ]

    def __str__(self):
        return f"{self.request.addressee} → {self.group}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:answer_detail", args=[self.pk])


class EarlierMaterialItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field="inspection__group")


class EarlierMaterialItem(models.Model):
    """Material a department gives for one inspection: appointment forms, audit reports (S04.2)."""

    class Kind(models.TextChoices):
        APPOINTMENT_FORMS = "appointment_forms", _("Appointment and removal forms (organization department)")
        AUDIT_REPORT = "audit_report", _("Audit report (audit bureau)")
        OTHER = "other", _("Other material")

    inspection = models.ForeignKey(
        "groups.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT,
        related_name="earlier_material_items",
    )
    kind = models.CharField(_("kind of material"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    provided_by = models.CharField(_("provided by"), max_length=100)
    received_on = models.DateField(_("received on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = EarlierMaterialItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("earlier material")
        verbose_name_plural = _("earlier material")
        ordering = ["inspection", "received_on", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:material_detail", args=[self.pk])


class DisciplineTalkQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user)


class DisciplineTalk(models.Model):
    """The group leaders' private talk with the discipline commission (S04.2): when and who, never
    what was said."""

    group = models.ForeignKey(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="discipline_talks"
    )
    held_on = models.DateField(_("date"))
    group_participants = models.ManyToManyField(
        "groups.GroupMembership", verbose_name=_("for the group"), related_name="+"
    )
    commission_participants = models.CharField(_("for the discipline commission"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = DisciplineTalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("talk with the discipline commission")
        verbose_name_plural = _("talks with the discipline commission")
        ordering = ["group", "held_on", "id"]

    def __str__(self):
        return f"{self.group} · {self.held_on:%Y-%m-%d}"


# --- S06 Speech drafts ----------------------------------------------------------------------------------


class SpeechDraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office's generic drafts concern every group of the round; a unit's version its group."""
        if not _active(user):
            return self.none()
        if policy.sees_all_working_material(user):
            return self
        return self.filter(
            models.Q(inspection__isnull=True, round__in=member_round_ids(user))
            | models.Q(inspection__group__in=policy.member_group_ids(user))
        )


class SpeechDraft(models.Model):
    class Kind(models.TextChoices):
        LEADER_GENERIC = "leader_generic", _("Group leader's speech (generic draft)")
        LEADERSHIP_GENERIC = "leadership_generic", _("Leading group member's or office head's speech (generic draft)")
        LEADER_UNIT = "leader_unit", _("Group leader's speech for the unit")

    round = models.ForeignKey(
        "rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="speech_drafts"
    )
    kind = models.CharField(_("speech"), max_length=20, choices=Kind.choices)
    inspection = models.ForeignKey(
        "groups.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="speech_drafts",
    )
    based_on = models.ForeignKey(
        "self", verbose_name=_("adapted from"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="adaptations",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    version_count = models.PositiveIntegerField(_("versions"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last saved by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved at"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["text"])  # the versions are the text's history

    objects = SpeechDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("speech draft")
        verbose_name_plural = _("speech drafts")
        ordering = ["round", "kind", "inspection__group__number", "inspection__unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind"],
                condition=models.Q(inspection__isnull=True),
                name="%(app_label)s_%(class)s_one_generic_per_kind",
                violation_error_message=_("This round already has this generic draft."),
            ),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(inspection__isnull=False),
                name="%(app_label)s_%(class)s_one_per_inspection",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="leader_unit", inspection__isnull=False)
                | (~models.Q(kind="leader_unit") & models.Q(inspection__isnull=True)),
                name="%(app_label)s_%(class)s_unit_version_has_inspection",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:speech_detail", args=[self.pk])

    @property
    def is_generic(self) -> bool:
        return self.inspection_id is None


class SpeechDraftVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(draft__in=SpeechDraft.objects.visible_to(user))


class SpeechDraftVersion(models.Model):
    """Every save of a speech draft, kept as it was (never changed)."""

    draft = models.ForeignKey(SpeechDraft, verbose_name=_("speech draft"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    objects = SpeechDraftVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("speech draft version")
        verbose_name_plural = _("speech draft versions")
        ordering = ["draft", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"),
        ]

    def __str__(self):
        return f"{self.draft} · 第{self.number}稿"
