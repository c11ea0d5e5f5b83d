from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import LEADERSHIP_ROLES, OFFICE_ROLES, RECEIVER_ROLES, Role


class User(AbstractUser):
    """A person who signs in. Standing roles are granted as `RoleGrant`s; round roles come from groups."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    cadre = models.OneToOneField(
        "registry.Cadre",
        verbose_name=_("cadre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
    )
    contact_unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit (for unit contacts)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """Standing roles, read once per request."""
        if not self.pk or not self.is_active:
            return frozenset()
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_leadership(self) -> bool:
        return bool(self.roles & LEADERSHIP_ROLES)

    @property
    def is_office(self) -> bool:
        return bool(self.roles & OFFICE_ROLES)

    @property
    def is_receiver(self) -> bool:
        return bool(self.roles & RECEIVER_ROLES)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="%(app_label)s_%(class)s_unique_role"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"
