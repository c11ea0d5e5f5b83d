"""Direct-delivery items (径送件, S13.2).

An item about the people S13 lists goes straight to the group leader, who fills the 巡察径送件呈报单
and names a registrar; once registered it is sealed and goes through the office to the leading
group's head. Two tables, split by who may read them (the pattern of petitions/models.py):

- `DirectDelivery`, the register row: number, date, state, who handled it — what the group, the office
  carrying it and leadership see. It names neither the person nor what is said.
- `DirectDeliveryReport`, the 呈报单's content (the person and post, the main points, the reason it
  is a direct-delivery item, the leader's opinion) — sealed like the source record's own content.

Who may read sealed content is sealing/policy.py. `DirectDeliveryReader` is whom the head names;
`DirectDeliveryOpening` is every opening, shown to the head.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.models import chinese_ordinal


class DirectDeliveryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The register row: group material (the group, the office that carries it, leadership)."""
        from .policy import deliveries_visible_to

        return deliveries_visible_to(self, user)


class DirectDelivery(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("With the group leader")
        REPORTED = "reported", _("Report form filled, awaiting registration")
        SEALED = "sealed", _("Registered and sealed")
        DELIVERED = "delivered", _("Delivered to the leading group")
        DECLINED = "declined", _("Not a direct-delivery item")

    group = models.ForeignKey(
        "groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="direct_deliveries"
    )
    round = models.ForeignKey("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="+")
    source_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField(_("record"))
    source = GenericForeignKey("source_type", "source_id")
    # Given at registration, gap-free per group: 一组径〔2026〕1号.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    automatic = models.BooleanField(_("proposed by the system"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("report form by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("report form at"), null=True, blank=True)
    registrar = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrar"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered and sealed at"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("delivered by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("declined by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DirectDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("direct-delivery item")
        verbose_name_plural = _("direct-delivery items")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="%(app_label)s_%(class)s_one_per_record"),
            models.UniqueConstraint(fields=["group", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(state__in=["sealed", "delivered"], number__isnull=False, registered_at__isnull=False)
                | (~models.Q(state__in=["sealed", "delivered"]) & models.Q(number__isnull=True)),
                name="%(app_label)s_%(class)s_numbered_when_sealed",
                violation_error_message=_("A direct-delivery item is numbered when, and only when, it is registered and sealed."),
            ),
        ]
        indexes = [models.Index(fields=["source_type", "state"], name="sealing_source_state")]

    def __str__(self):
        # Never the person or the content: str() goes into audit entries and notifications.
        return self.reference

    def get_absolute_url(self):
        return reverse("sealing:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        if self.number is None:
            return f"{chinese_ordinal(self.group.number)}组径送件（待登记）"
        return f"{chinese_ordinal(self.group.number)}组径〔{self.round.year}〕{self.number}号"

    @property
    def under_seal(self) -> bool:
        return self.state != self.State.DECLINED

    @property
    def sealed(self) -> bool:
        return self.state in (self.State.SEALED, self.State.DELIVERED)


class DirectDeliveryReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .policy import readable_deliveries

        return self.filter(delivery__in=readable_deliveries(user))


class DirectDeliveryReport(models.Model):
    """巡察径送件呈报单: sealed with the item."""

    delivery = models.OneToOneField(DirectDelivery, verbose_name=_("direct-delivery item"), on_delete=models.CASCADE, related_name="report")
    reason = models.CharField(_("why it is a direct-delivery item"), max_length=300)
    person = models.CharField(_("person concerned and post"), max_length=200, blank=True)
    points = models.TextField(_("main points"), blank=True)
    leader_opinion = models.TextField(_("group leader's opinion"), blank=True)
    decline_reason = models.TextField(_("why not a direct-delivery item"), blank=True)
    history = HistoricalRecords()

    objects = DirectDeliveryReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("direct-delivery report form")
        verbose_name_plural = _("direct-delivery report forms")

    def __str__(self):
        return f"{self.delivery}呈报单"


class DirectDeliveryReader(models.Model):
    """Someone the leading group's head names to open one sealed item."""

    delivery = models.ForeignKey(DirectDelivery, verbose_name=_("direct-delivery item"), on_delete=models.CASCADE, related_name="readers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reader"), on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("named by"), on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField(_("named at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("named reader")
        verbose_name_plural = _("named readers")
        ordering = ["named_at", "id"]
        constraints = [models.UniqueConstraint(fields=["delivery", "user"], name="%(app_label)s_%(class)s_once")]

    def __str__(self):
        return f"{self.delivery}：{self.user}"


class DirectDeliveryOpening(models.Model):
    """One opening of a sealed item's content: who and when. Shown to the head; never changed."""

    delivery = models.ForeignKey(DirectDelivery, verbose_name=_("direct-delivery item"), on_delete=models.PROTECT, related_name="openings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("opened at"), default=timezone.now)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.delivery} {self.at:%Y-%m-%d %H:%M}"
