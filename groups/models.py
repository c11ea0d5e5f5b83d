"""Inspection groups of a round, their people with their round roles, and the units they inspect."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.models import chinese_ordinal
from xunchar.access import policy


class InspectionGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.groups_visible_to(self, user)


class InspectionGroup(models.Model):
    round = models.ForeignKey("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group number"))
    entered_on = models.DateField(_("entered the units on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrew on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = InspectionGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection group")
        verbose_name_plural = _("inspection groups")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(entered_on__isnull=False, withdrawn_on__gte=models.F("entered_on")),
                name="%(app_label)s_%(class)s_withdrawal_after_entry",
                violation_error_message=_("A group withdraws after it entered."),
            ),
        ]

    def __str__(self):
        return f"第{chinese_ordinal(self.number)}巡察组"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("groups:detail", args=[self.pk])

    @property
    def full_name(self):
        return f"{self.round} {self}"


class GroupMembershipQuerySet(models.QuerySet):
    def in_role_order(self):
        """Leader, deputy, liaison, then members — the order a group lists its people in."""
        order = models.Case(
            *[models.When(role=role, then=models.Value(i)) for i, role in enumerate(GroupMembership.RoundRole.values)],
            output_field=models.IntegerField(),
        )
        return self.alias(role_order=order).order_by("group", "role_order", "id")


class GroupMembership(models.Model):
    class RoundRole(models.TextChoices):
        LEADER = "leader", _("Group leader")
        DEPUTY = "deputy", _("Deputy leader")
        LIAISON = "liaison", _("Liaison")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(
        InspectionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    cadre = models.ForeignKey(
        "registry.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="group_memberships"
    )
    role = models.CharField(_("role in the round"), max_length=10, choices=RoundRole.choices)
    history = HistoricalRecords()

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "cadre"], name="%(app_label)s_%(class)s_unique_person"),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(role="leader"),
                name="%(app_label)s_%(class)s_one_leader",
                violation_error_message=_("A group has one leader."),
            ),
        ]

    def __str__(self):
        return f"{self.group} · {self.get_role_display()} · {self.cadre}"


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.inspections_visible_to(self, user)


class Inspection(models.Model):
    """A group inspecting a unit in a round (巡察对象)."""

    round = models.ForeignKey("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="inspections")
    group = models.ForeignKey(
        InspectionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="inspections"
    )
    unit = models.ForeignKey("registry.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="inspections")
    history = HistoricalRecords()

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["group", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="%(app_label)s_%(class)s_unique_unit_per_round"),
        ]

    def __str__(self):
        return f"{self.group} → {self.unit}"


def members_in_order():
    """A prefetch of a group's people in role order, with their cadre records."""
    return models.Prefetch("memberships", queryset=GroupMembership.objects.in_role_order().select_related("cadre"))
