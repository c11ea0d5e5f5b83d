"""Documents the group asks the unit for (调阅或复制资料, S16; issue 6 §2).

`DocumentItem`: one line of an inspection's request list (调阅资料清单) and its way — requested →
(approved by the group leader, if important) → signed out (签收) to a named custodian → returned
(清退); or "not provided" when the unit says it does not exist. A classified item (秘密, 机密) is
kept by its registration data only — document number, level, copies, custodian and the locked
cabinet it is kept in; its content never enters the system (no attachments).

`DocumentReminder`: that the daily reminder about an item went out on a day (one a day at most).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from xunchar.access import policy


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


def _member_fk(verbose_name, **kwargs):
    return models.ForeignKey(
        "groups.GroupMembership", verbose_name=verbose_name, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", **kwargs,
    )


def default_period_from(today: date | None = None) -> date:
    """The last three years (近三年): from 1 January three years back."""
    today = today or timezone.localdate()
    return date(today.year - 3, 1, 1)


class DocumentItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Group material: the office and leadership, the group's own people; a unit contact nothing
        (the request list reaches the unit on paper)."""
        return policy.group_material_visible_to(self, user, group_field="inspection__group")

    def still_out(self):
        return self.filter(state=DocumentItem.State.SIGNED_OUT)

    def open(self):
        """Not yet settled: asked for and not provided or refused, or signed out and not returned."""
        return self.filter(state__in=DocumentItem.OPEN_STATES)


class DocumentItem(models.Model):
    class Category(models.TextChoices):
        SUMMARIES = "summaries", _("Work summaries and reports")
        INTEGRITY = "integrity", _("Party conduct and integrity work")
        PERSONNEL = "personnel", _("Cadres and personnel")
        IDEOLOGY = "ideology", pgettext_lazy("docrequests", "Ideological work")
        MAJOR_DECISIONS = "major_decisions", _("“Three majors, one large” decisions")
        EIGHT_RULES = "eight_rules", _("Compliance with the eight-point rules")
        FILES = "files", pgettext_lazy("docrequests", "Files")
        ACCOUNTS = "accounts", _("Accounts and finance")
        ARCHIVES = "archives", pgettext_lazy("docrequests", "Archives")
        MINUTES = "minutes", _("Meeting records and minutes")
        OTHER = "other", pgettext_lazy("document category", "Other")

    class Form(models.TextChoices):
        ORIGINAL = "original", pgettext_lazy("docrequests", "Original")
        COPY = "copy", pgettext_lazy("docrequests", "Copy")

    class Medium(models.TextChoices):
        PAPER = "paper", pgettext_lazy("docrequests", "Paper")
        ELECTRONIC = "electronic", pgettext_lazy("docrequests", "Electronic")

    class Classification(models.TextChoices):
        NONE = "none", _("Not classified")
        SECRET = "secret", _("Secret (秘密)")
        CONFIDENTIAL = "confidential", _("Confidential (机密)")

    class State(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("docrequests", "Requested")
        APPROVED = "approved", pgettext_lazy("docrequests", "Approved by the group leader")
        SIGNED_OUT = "signed_out", pgettext_lazy("docrequests", "Signed out")
        RETURNED = "returned", pgettext_lazy("docrequests", "Returned")
        NOT_PROVIDED = "not_provided", pgettext_lazy("docrequests", "Not provided")

    OPEN_STATES = (State.REQUESTED, State.APPROVED, State.SIGNED_OUT)

    inspection = models.ForeignKey(
        "groups.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="document_items",
    )
    number = models.PositiveIntegerField(pgettext_lazy("docrequests", "number"))
    title = models.CharField(pgettext_lazy("docrequests", "document"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    form = models.CharField(_("original or copy"), max_length=10, choices=Form.choices, default=Form.COPY)
    medium = models.CharField(_("paper or electronic"), max_length=10, choices=Medium.choices, default=Medium.PAPER)
    classification = models.CharField(_("classification"), max_length=12, choices=Classification.choices, default=Classification.NONE)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    important = models.BooleanField(
        _("important"), default=False, help_text=_("Signed out only with the group leader's approval."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REQUESTED)
    requested_on = models.DateField(pgettext_lazy("docrequests", "requested on"))
    created_by = _user_fk(_("entered by"))
    created_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # 签收
    signed_out_on = models.DateField(_("signed out on"), null=True, blank=True)
    received_by = _member_fk(pgettext_lazy("docrequests", "received by"))
    handed_over_by = models.CharField(_("handed over by (at the unit)"), max_length=100, blank=True)
    custodian = _member_fk(_("custodian"))
    cabinet = models.CharField(
        _("locked cabinet"), max_length=200, blank=True, help_text=_("Where the classified item is locked away."),
    )
    due_back_on = models.DateField(_("due back on"), null=True, blank=True)
    signed_out_recorded_by = _user_fk(_("sign-out recorded by"), null=True, blank=True)
    # 清退
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    returned_by = _member_fk(_("returned by"))
    received_back_by = models.CharField(_("received back by (at the unit)"), max_length=100, blank=True)
    return_recorded_by = _user_fk(_("return recorded by"), null=True, blank=True)
    # 不提供
    not_provided_on = models.DateField(_("marked not provided on"), null=True, blank=True)
    not_provided_reason = models.CharField(_("why it is not provided"), max_length=300, blank=True)
    not_provided_recorded_by = _user_fk(_("recorded by"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DocumentItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("requested document")
        verbose_name_plural = _("requested documents")
        ordering = ["inspection", "number"]
        indexes = [
            # What the daily reminder polls: items out.
            models.Index(fields=["due_back_on"], condition=models.Q(state="signed_out"), name="docrequests_item_out"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(condition=models.Q(copies__gte=1), name="%(app_label)s_%(class)s_copies_positive"),
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from")), name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("The period ends on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(classification="none") | ~models.Q(document_number=""),
                name="%(app_label)s_%(class)s_classified_numbered",
                violation_error_message=_("A classified item is registered with its document number."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["requested", "approved", "not_provided"])
                | models.Q(signed_out_on__isnull=False, received_by__isnull=False, custodian__isnull=False),
                name="%(app_label)s_%(class)s_signed_out_with_who",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["requested", "approved", "not_provided"], signed_out_on__isnull=True)
                | models.Q(state__in=["signed_out", "returned"]),
                name="%(app_label)s_%(class)s_signed_out_only_when_out",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="returned") | models.Q(returned_on__isnull=False, returned_by__isnull=False),
                name="%(app_label)s_%(class)s_returned_with_who",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="not_provided") | ~models.Q(not_provided_reason=""),
                name="%(app_label)s_%(class)s_not_provided_with_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["requested", "approved", "not_provided"])
                | models.Q(classification="none") | ~models.Q(cabinet=""),
                name="%(app_label)s_%(class)s_classified_locked_away",
            ),
        ]

    def __str__(self):
        return f"{self.inspection.unit}调阅资料第{self.number}号"

    def get_absolute_url(self):
        return reverse("docrequests:item_detail", args=[self.pk])

    @property
    def group(self):
        return self.inspection.group

    @property
    def group_id(self):
        return self.inspection.group_id

    @property
    def classified(self) -> bool:
        return self.classification != self.Classification.NONE

    @property
    def level_display(self) -> str:
        """秘密 / 机密, or empty."""
        return {self.Classification.SECRET: "秘密", self.Classification.CONFIDENTIAL: "机密"}.get(self.classification, "")

    @property
    def form_display_zh(self) -> str:
        return "原件" if self.form == self.Form.ORIGINAL else "复印件"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class DocumentReminder(models.Model):
    """One reminder about an item out, sent on a day: the daily task sends at most one per item a day."""

    item = models.ForeignKey(DocumentItem, verbose_name=_("requested document"), on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField(pgettext_lazy("docrequests", "sent on"))

    class Meta:
        verbose_name = _("document reminder")
        verbose_name_plural = _("document reminders")
        ordering = ["item", "-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["item", "sent_on"], name="%(app_label)s_%(class)s_once_a_day"),
        ]

    def __str__(self):
        return f"{self.item} {self.sent_on:%Y-%m-%d}"
