"""The signed-in sessions of each user, so that an administrator can end them.

Django's session store is keyed by session and cannot be searched by user; this table is the index.
A row is written at sign-in, touched at most once a minute while the session is used, and removed at
sign-out, at a timeout and when an administrator ends the user's sessions.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions", verbose_name=_("user")
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created = models.DateTimeField(_("signed in at"))
    last_seen = models.DateTimeField(_("last seen"))
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")
        ordering = ["-last_seen"]
        indexes = [models.Index(fields=["user", "-last_seen"], name="admin_usersession_user_idx")]

    def __str__(self):
        return f"{self.user} · {self.created:%Y-%m-%d %H:%M}"
