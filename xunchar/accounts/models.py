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
    # None: the password was set by someone else (an administrator, the demo load) and has never been
    # changed by its holder, who must change it at the next sign-in (see services.password_must_change).
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True, editable=False)
    # Credentials are not personal history: PASSWORD_CHANGED in the audit log records when they change.
    history = HistoricalRecords(excluded_fields=["password", "last_login", "password_changed_at"])

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


class LoginThrottle(models.Model):
    """Failed sign-ins counted for one username or one address, and the lock they started.

    The database is the source of truth, so every worker process sees the same count; services
    update a row under `select_for_update`, so concurrent attempts neither lose a failure nor
    start a lock twice. Rows are written only through `xunchar.accounts.services`.
    """

    class Kind(models.TextChoices):
        USERNAME = "username", _("username")
        ADDRESS = "address", _("address")

    kind = models.CharField(_("counted per"), max_length=10, choices=Kind.choices)
    # The username exactly as typed (it need not exist), or the client's IP address.
    key = models.CharField(_("username or address"), max_length=150)
    failures = models.PositiveIntegerField(_("failed sign-ins"), default=0)
    last_failure_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in throttle")
        verbose_name_plural = _("sign-in throttles")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="%(app_label)s_%(class)s_unique_key"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}: {self.failures}"
