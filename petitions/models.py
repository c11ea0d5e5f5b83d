"""The petition ledger of an inspection group (S13, issue 5 §1).

Three tables per item, split by who may read them:
- `Petition`, the ledger row: number, date, channel, state — what everyone in scope sees;
- `PetitionContent`, what the item says and about whom — the part §2 (direct-delivery items) seals,
  so every piece of content lives here and none on `Petition`;
- `Petitioner`, who wrote or came — identity held apart, read only by the group's leader, deputy
  and liaison and the office director (petitions/rules.py), every read written to the access log.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from rounds.models import chinese_ordinal
from xunchar.access import policy


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.petitions_visible_to(self, user)

    def history_visible_to(self, user):
        """The history page lists channel, state and handling: not for an item under seal (§2)."""
        from xunchar.sealing.policy import without_sealed

        return without_sealed(self.visible_to(user), source_model=Petition)


class Petition(models.Model):
    class Channel(models.TextChoices):
        LETTER = "letter", pgettext_lazy("petition channel", "Letter")
        PHONE = "phone", pgettext_lazy("petition channel", "Phone call")
        VISIT = "visit", pgettext_lazy("petition channel", "Visit")
        EMAIL = "email", pgettext_lazy("petition channel", "E-mail")
        BOX = "box", pgettext_lazy("petition channel", "Suggestion box")
        ONLINE = "online", pgettext_lazy("petition channel", "Online")

    class State(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WITHIN_SCOPE = "within_scope", _("Within scope")
        IMPORTANT = "important", _("Important")
        NOT_HANDLED = "not_handled", _("Received, not handled")

    class NotHandledReason(models.TextChoices):
        PERSONAL_CLAIM = "personal_claim", _("Personal claim")
        LAW_RELATED = "law_related", _("Law-related")
        OTHER = "other", _("Outside the inspection's remit")

    group = models.ForeignKey(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="petitions"
    )
    # Denormalised from the group: the ledger is numbered per group and round.
    round = models.ForeignKey("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="petitions")
    inspection = models.ForeignKey(
        "groups.Inspection", verbose_name=_("unit concerned"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="petitions",
    )
    number = models.PositiveIntegerField(_("number"))
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    receivers = models.ManyToManyField(
        "groups.GroupMembership", verbose_name=_("received by"), related_name="petitions_received"
    )
    state = models.CharField(_("handling"), max_length=20, choices=State.choices, default=State.REGISTERED)
    not_handled_reason = models.CharField(
        _("why not handled"), max_length=20, choices=NotHandledReason.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scope decided by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("scope decided at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(state="not_handled", not_handled_reason__gt="")
                | (~models.Q(state="not_handled") & models.Q(not_handled_reason="")),
                name="%(app_label)s_%(class)s_reason_when_not_handled",
                violation_error_message=_("An item not handled says why, and only such an item."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"
            ),
        ]
        indexes = [models.Index(fields=["group", "received_on"], name="petitions_group_received")]

    def __str__(self):
        return f"{self.group}信访件第{self.number}号"

    def get_absolute_url(self):
        return reverse("petitions:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """一组信〔2026〕3号 — the number as the ledger and the forms print it."""
        return f"{chinese_ordinal(self.group.number)}组信〔{self.round.year}〕{self.number}号"


class PetitionContentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Group material, and under seal (a direct-delivery item, §2) only for whoever may open it."""
        from xunchar.sealing.policy import content_visible_to

        rows = policy.petitions_visible_to(self, user, group_field="petition__group")
        return content_visible_to(rows, user, source_model=Petition, source_field="petition")


class PetitionContent(models.Model):
    """What the item says and about whom. §2 seals exactly this table."""

    petition = models.OneToOneField(Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="content")
    summary = models.CharField(_("summary"), max_length=300)
    full_text = models.TextField(_("full text"), blank=True)
    complained_about = models.CharField(_("person complained about"), max_length=200, blank=True)
    complained_cadre = models.ForeignKey(
        "registry.Cadre", verbose_name=_("in the cadre pool"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="petitions_about",
    )
    # 拟办意见: what the staff propose when an item goes to the leader as important.
    proposal = models.TextField(_("proposal"), blank=True)
    history = HistoricalRecords()

    objects = PetitionContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition content")
        verbose_name_plural = _("petition contents")

    def __str__(self):
        return str(self.petition)

    def get_absolute_url(self):
        return self.petition.get_absolute_url()

    @property
    def complained_display(self) -> str:
        """The person complained about as written, with the cadre-pool record it is linked to."""
        cadre = self.complained_cadre
        if cadre is None:
            return self.complained_about
        linked = f"{cadre.name}（{cadre.unit or ''}{cadre.post}）"
        if self.complained_about and cadre.name not in self.complained_about:
            return f"{self.complained_about}；{linked}"
        return self.complained_about or linked


class PetitionerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Identity: the group's leader, deputy and liaison and the office director only."""
        from xunchar.sealing.policy import content_visible_to

        from .rules import petitioners_visible_to

        return content_visible_to(petitioners_visible_to(self, user), user, source_model=Petition, source_field="petition")


class Petitioner(models.Model):
    """Who petitioned; anonymous items have none."""

    petition = models.OneToOneField(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="petitioner"
    )
    name = models.CharField(_("full name"), max_length=50, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = PetitionerQuerySet.as_manager()

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")

    def __str__(self):
        # Never the name: str() goes into audit entries, notifications and page titles.
        return f"{self.petition}反映人"

    @property
    def display(self) -> str:
        return "，".join(part for part in (self.name, self.workplace, self.phone) if part) or "—"


class PetitionEmergencyPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.petitions_visible_to(self, user)


class PetitionEmergencyPlan(models.Model):
    """信访突发事件处置预案: one per group, its versions kept by the history."""

    group = models.OneToOneField(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="petition_emergency_plan"
    )
    text = models.TextField(_("plan"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = PetitionEmergencyPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition emergency plan")
        verbose_name_plural = _("petition emergency plans")

    def __str__(self):
        return f"{self.group}信访突发事件处置预案"

    def get_absolute_url(self):
        return reverse("petitions:emergency_plan", args=[self.group_id])


class PetitionIncidentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.petitions_visible_to(self, user)


class PetitionIncident(models.Model):
    """A petition emergency, how it was handled with the unit, and when the office was told."""

    group = models.ForeignKey(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="petition_incidents"
    )
    occurred_on = models.DateField(_("occurred on"))
    what_happened = models.TextField(_("what happened"))
    how_handled = models.TextField(_("how it was handled"))
    reported_on = models.DateField(_("reported to the office on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = PetitionIncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition incident")
        verbose_name_plural = _("petition incidents")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reported_on__gte=models.F("occurred_on")),
                name="%(app_label)s_%(class)s_reported_after_it_happened",
                violation_error_message=_("An incident is reported on or after the day it happened."),
            ),
        ]

    def __str__(self):
        return f"{self.group}信访突发事件（{self.occurred_on:%Y-%m-%d}）"
