"""Withdrawal from the units (撤离驻地, S28; issue 6 §7).

Before a group may be marked withdrawn it settles what it holds: the talk with each unit's principal
leader, the equipment it borrowed (classified equipment checked back by a named person), the
destruction of the papers it no longer needs (recorded by one member, checked by another), and each
member's zero-holding report (零持有). The borrowed documents are the document register's
(groups.docrequests); the checklist reads them from there. Marking the group withdrawn starts D1
and D2 and takes the members' access away (xunchar.access.policy.access_giving).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


class GroupMaterialQuerySet(models.QuerySet):
    group_field = "group"

    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field=self.group_field)


class ExitTalkQuerySet(GroupMaterialQuerySet):
    group_field = "inspection__group"


class ExitTalk(models.Model):
    """S28: before leaving, the group leader talks with the unit's principal leader."""

    inspection = models.OneToOneField(
        "groups.Inspection", verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="exit_talk"
    )
    held_on = models.DateField(_("held on"))
    unit_leader = models.CharField(_("the unit's principal leader"), max_length=100, help_text=_("Name and post."))
    notes = models.TextField(_("what was said"), blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ExitTalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("talk before withdrawal")
        verbose_name_plural = _("talks before withdrawal")

    def __str__(self):
        return f"{self.inspection.unit} · {self.held_on}"


class BorrowedEquipment(models.Model):
    """Equipment the group borrowed (computers, notebooks, cabinets, keys): returned before it leaves."""

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="borrowed_equipment")
    name = models.CharField(_("equipment"), max_length=100)
    asset_number = models.CharField(_("asset or serial number"), max_length=60, blank=True)
    classified = models.BooleanField(_("classified"), default=False, help_text=_("Classified computers, storage media and notebooks."))
    lent_by = models.CharField(_("lent by"), max_length=100, help_text=_("The office, the unit or another body."))
    holder = models.ForeignKey(
        "groups.GroupMembership", verbose_name=_("held by"), on_delete=models.PROTECT, related_name="+"
    )
    lent_on = models.DateField(_("lent on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    returned_to = models.CharField(_("received back by"), max_length=100, blank=True)
    checked_by = models.ForeignKey(
        "groups.GroupMembership", verbose_name=_("return checked by"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )
    recorded_by = _user_fk(_("recorded by"))
    history = HistoricalRecords()

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("borrowed equipment")
        verbose_name_plural = _("borrowed equipment")
        ordering = ["group", "returned_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_on__isnull=True) | models.Q(returned_on__gte=models.F("lent_on")),
                name="%(app_label)s_%(class)s_returned_after_lent",
                violation_error_message=_("Equipment is returned after it was lent."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_out(self) -> bool:
        return self.returned_on is None


class PaperDestruction(models.Model):
    """Papers the group no longer needs, destroyed before it leaves; another member checks it."""

    class Method(models.TextChoices):
        SHREDDED = "shredded", _("Shredded")
        SENT = "sent", _("Sent to the secure destruction site")

    group = models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="paper_destructions")
    destroyed_on = models.DateField(_("destroyed on"))
    description = models.TextField(_("what was destroyed"))
    sheets = models.PositiveIntegerField(_("sheets or copies"), default=0)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.SHREDDED)
    destroyed_by = models.ForeignKey(
        "groups.GroupMembership", verbose_name=_("destroyed by"), on_delete=models.PROTECT, related_name="+"
    )
    checker = models.ForeignKey(
        "groups.GroupMembership", verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    recorded_by = _user_fk(_("recorded by"))
    history = HistoricalRecords()

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("destruction of papers")
        verbose_name_plural = _("destructions of papers")
        ordering = ["group", "destroyed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(checker=models.F("destroyed_by")),
                name="%(app_label)s_%(class)s_checked_by_another",
                violation_error_message=_("The destruction is checked by someone other than who destroyed the papers."),
            ),
        ]

    def __str__(self):
        return f"{self.destroyed_on} · {self.description[:20]}"


class ZeroHoldingReportQuerySet(GroupMaterialQuerySet):
    group_field = "membership__group"


class ZeroHoldingReport(models.Model):
    """零持有报告: a member declares that they keep nothing of the inspection's material."""

    membership = models.OneToOneField(
        "groups.GroupMembership", verbose_name=_("member"), on_delete=models.PROTECT, related_name="zero_holding_report"
    )
    statement = models.TextField(_("statement"), help_text=_("The text signed, as it stood that day."))
    signed_on = models.DateField(_("signed on"))
    # The member signs in the system; a member who signed on paper has it recorded by the liaison or leader.
    on_paper = models.BooleanField(_("signed on paper"), default=False)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ZeroHoldingReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("zero-holding report")
        verbose_name_plural = _("zero-holding reports")

    def __str__(self):
        return f"{self.membership.cadre} · {self.signed_on}"

    def get_absolute_url(self):
        return reverse("withdrawal:checklist", args=[self.membership.group_id])
