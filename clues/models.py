"""Clues and the in-depth inquiries that feed them (issue 5 §4–§6).

- `Clue`, `ClueEntry`: the group's clue register (问题线索), one clue per person, an entry per thing
  learned (S14.3: suspected violations found by a spot check go into the person's clue). The most
  sensitive group material: the office, leadership and the group's leader, deputy and liaison only.
- `SpotCheck`, `SpotCheckPerson`: spot checks of leading cadres' personal-matter reports (抽查核实,
  S14), proposed by the group, approved by the leading group, checked by the organization
  department, whose receiver sees only the requests handed to them.
- `Inquiry`: the questioning of an informant (询问知情人, S15), seen only by the people named on it.
- `HelpRequest`: help asked of a specialist body (S21); what the body is told never carries a clue.
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


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


# --- Clues ---------------------------------------------------------------------------------------------------


class ClueQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.clues_visible_to(self, user)


class Clue(models.Model):
    """问题线索: what the group has learned about one person."""

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="clues")
    cadre = models.ForeignKey(
        "registry.Cadre", verbose_name=_("in the cadre pool"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="clues",
    )
    person = models.CharField(_("person concerned"), max_length=100, help_text=_("Name and post as written."))
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ClueQuerySet.as_manager()

    class Meta:
        verbose_name = _("clue")
        verbose_name_plural = _("clues")
        ordering = ["group", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "cadre"], condition=models.Q(cadre__isnull=False),
                name="%(app_label)s_%(class)s_one_per_cadre",
                violation_error_message=_("The group already keeps a clue about this person."),
            ),
            models.CheckConstraint(condition=~models.Q(person=""), name="%(app_label)s_%(class)s_person_named"),
        ]

    def __str__(self):
        # Never the person: str() goes into audit entries, notifications and page titles.
        return f"{self.group}问题线索第{self.pk}号"

    def get_absolute_url(self):
        return reverse("clues:clue_detail", args=[self.pk])


class ClueEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.clues_visible_to(self, user, group_field="clue__group")


class ClueEntry(models.Model):
    class Source(models.TextChoices):
        SPOT_CHECK = "spot_check", _("Spot check")
        TALK = "talk", pgettext_lazy("clue source", "Talk")
        PETITION = "petition", pgettext_lazy("clue source", "Petition")
        OTHER = "other", pgettext_lazy("clue source", "Other")

    clue = models.ForeignKey(Clue, verbose_name=_("clue"), on_delete=models.CASCADE, related_name="entries")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    text = models.TextField(_("what was found"))
    # The spot-check result this entry was made from: attached once.
    spot_check_person = models.ForeignKey(
        "SpotCheckPerson", verbose_name=_("spot-check result"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="clue_entries",
    )
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ClueEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("clue entry")
        verbose_name_plural = _("clue entries")
        ordering = ["clue", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["spot_check_person"], condition=models.Q(spot_check_person__isnull=False),
                name="%(app_label)s_%(class)s_spot_check_once",
            ),
            models.CheckConstraint(
                condition=models.Q(spot_check_person__isnull=True) | models.Q(source="spot_check"),
                name="%(app_label)s_%(class)s_spot_check_source",
            ),
        ]

    def __str__(self):
        return f"{self.clue}（{self.get_source_display()}）"


# --- Spot checks (S14) ---------------------------------------------------------------------------------------


class SpotCheckQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.spot_checks_visible_to(self, user)


class SpotCheck(models.Model):
    """A group's request to spot-check named cadres' personal-matter reports, and its way:
    the group proposes → the office submits it to the head or executive deputy head → approved →
    the office sends it to the organization department → the department answers → the office
    forwards the answer to the group."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being drawn up by the group")
        PROPOSED = "proposed", _("Proposed to the office")
        APPROVED = "approved", _("Approved by the leading group")
        SENT = "sent", _("With the organization department")
        ANSWERED = "answered", _("Answered to the office")
        DELIVERED = "delivered", _("Forwarded to the group")

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="spot_checks")
    number = models.PositiveIntegerField(_("number"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    proposed_by = _user_fk(_("proposed by"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_by = _user_fk(_("sent by"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent to the organization department at"), null=True, blank=True)
    sent_to = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("sent to"), related_name="+", blank=True)
    answered_by = _user_fk(_("answered by"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    delivered_by = _user_fk(_("forwarded by"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("forwarded to the group at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SpotCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"),
            models.CheckConstraint(
                condition=models.Q(state__in=["draft", "proposed", "approved"]) | models.Q(sent_at__isnull=False),
                name="%(app_label)s_%(class)s_sent_when_with_the_department",
            ),
        ]

    def __str__(self):
        return f"{self.group}抽查核实第{self.number}号"

    def get_absolute_url(self):
        return reverse("clues:spot_check_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{chinese_ordinal(self.group.number)}组抽查〔{self.group.round.year}〕{self.number}号"


class SpotCheckPersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.spot_checks_visible_to(self, user, group_field="spot_check__group", spot_check_field="spot_check")


class SpotCheckPerson(models.Model):
    """One name on a spot check, with the group's reason and the department's 抽查核实情况表 row."""

    class Result(models.TextChoices):
        CONSISTENT = "consistent", _("Consistent with the report")
        DISCREPANCY = "discrepancy", _("Discrepancy found")

    spot_check = models.ForeignKey(SpotCheck, verbose_name=_("spot check"), on_delete=models.CASCADE, related_name="people")
    cadre = models.ForeignKey("registry.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="spot_checks")
    reason = models.TextField(_("reason for the check"))
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, blank=True)
    details = models.TextField(_("details"), blank=True)
    review_opinion = models.TextField(_("review opinion"), blank=True)
    filled_by = _user_fk(_("filled in by"), null=True, blank=True)
    filled_at = models.DateTimeField(_("filled in at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SpotCheckPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person to spot-check")
        verbose_name_plural = _("people to spot-check")
        ordering = ["spot_check", "id"]
        constraints = [
            models.UniqueConstraint(fields=["spot_check", "cadre"], name="%(app_label)s_%(class)s_once_per_check"),
            models.CheckConstraint(
                condition=models.Q(result="") | models.Q(result="consistent") | models.Q(result="discrepancy", details__gt=""),
                name="%(app_label)s_%(class)s_discrepancy_described",
                violation_error_message=_("A discrepancy is described."),
            ),
        ]

    def __str__(self):
        return f"{self.spot_check}（{self.cadre}）"

    def get_absolute_url(self):
        return self.spot_check.get_absolute_url()


# --- Informants (S15) ----------------------------------------------------------------------------------------


class InquiryQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.inquiries_visible_to(self, user)


class Inquiry(models.Model):
    """询问知情人: one informant, the purpose and plan, who may know of it, and how it went."""

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="inquiries")
    informant = models.CharField(_("informant"), max_length=100, help_text=_("Name, and workplace or post."))
    detained = models.BooleanField(
        _("detained or under investigative measures"), default=False,
        help_text=_("Questioned only with the leading group's approval, arranged through the discipline commission."),
    )
    purpose = models.TextField(_("purpose"))
    plan = models.TextField(pgettext_lazy("inquiry", "plan"))
    readers = models.ManyToManyField(
        "groups.GroupMembership", verbose_name=_("who may know of it"), related_name="inquiries_known",
    )
    # S15.2: a detained person is questioned through the discipline commission.
    commission_contact = models.CharField(_("arranged with (discipline commission)"), max_length=100, blank=True)
    arranged_on = models.DateField(_("arranged on"), null=True, blank=True)
    arranged_by = _user_fk(_("arrangement recorded by"), null=True, blank=True)
    interviewed_on = models.DateField(_("questioned on"), null=True, blank=True)
    record = models.TextField(_("what the informant said"), blank=True)
    interview_recorded_by = _user_fk(_("questioning recorded by"), null=True, blank=True)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("informant inquiry")
        verbose_name_plural = _("informant inquiries")
        ordering = ["group", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interviewed_on__isnull=True) | ~models.Q(record=""),
                name="%(app_label)s_%(class)s_questioning_recorded",
            ),
        ]

    def __str__(self):
        # Never the informant: str() goes into audit entries, notifications and the approval inbox.
        return f"{self.group}询问知情人第{self.pk}号"

    def get_absolute_url(self):
        return reverse("clues:inquiry_detail", args=[self.pk])


# --- Help from specialist bodies (S21) -----------------------------------------------------------------------


class HelpRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.group_material_visible_to(self, user)


class HelpRequest(models.Model):
    """提请有关单位协助. No link to any clue: what the body is told is checked against the group's clues."""

    class Channel(models.TextChoices):
        THROUGH_UNIT = "through_unit", _("Through the inspected unit")
        THROUGH_OFFICE = "through_office", _("Through the office")

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="help_requests")
    body = models.ForeignKey("registry.Unit", verbose_name=_("helping body"), on_delete=models.PROTECT, related_name="help_requests")
    channel = models.CharField(_("asked"), max_length=20, choices=Channel.choices)
    what_is_asked = models.TextField(_("what the group needs"), help_text=_("For the group and the office only."))
    told_to_body = models.TextField(
        _("what the body is told"),
        help_text=_("The only text the helping body sees. It must not reveal a clue or the real purpose."),
    )
    helpers = models.CharField(_("helpers"), max_length=200, help_text=_("Names of the people the body sends."))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("The help ends on or after the day it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.group}提请协助第{self.pk}号"

    def get_absolute_url(self):
        return reverse("clues:help_detail", args=[self.pk])
