"""The one audit log for security events, append-only and hash-chained.

Rows are only ever inserted (through `xunchar.audit.services.audit_record`). A database trigger
refuses UPDATE and DELETE on PostgreSQL and SQLite alike, and each row carries the SHA-256 of its
own content chained to the previous row's hash, so `manage.py verify_audit` finds a row that was
changed or removed behind the application's back. No clean-up job touches this table.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Event(models.TextChoices):
        LOGIN_OK = "login_ok", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOCKOUT = "lockout", _("Account locked after failed sign-ins")
        LOGOUT = "logout", _("Signed out")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PERMISSION_DENIED = "permission_denied", _("Access refused")
        READ = "read", _("Confidential record read")
        EXPORT = "export", _("Export")
        PDF = "pdf", _("PDF produced")
        GRANT = "grant", _("Access granted")
        REVOKE = "revoke", _("Access revoked")
        ROLE_CHANGE = "role_change", _("Role changed")
        ACCOUNT_CHANGE = "account_change", _("Account changed")
        SESSIONS_ENDED = "sessions_ended", _("Sessions ended by an administrator")
        SETTINGS_CHANGE = "settings_change", _("Settings changed")
        OTP_ENROLLED = "otp_enrolled", _("Second factor enrolled")
        OTP_OK = "otp_ok", _("Second factor verified")
        OTP_FAILED = "otp_failed", _("Second factor refused")
        OTP_RESET = "otp_reset", _("Second factor reset by an administrator")
        UPLOAD = "upload", _("File uploaded")
        UPLOAD_REFUSED = "upload_refused", _("Upload refused")
        DOWNLOAD = "download", _("File downloaded")
        # Sign-offs the procedure makes binding: who decided, signed or entered, and when.
        APPROVAL = "approval", _("Approval decision")
        PLEDGE_SIGNED = "pledge_signed", _("Confidentiality pledge signed")
        GROUP_ENTERED = "group_entered", _("Group entered its units")
        WORK_PLAN_FILED = "work_plan_filed", _("Group work plan filed")
        WORK_PLAN_RECEIVED = "work_plan_received", _("Group work plan received")
        PETITION_REGISTERED = "petition_registered", _("Petition registered")
        PETITION_SCOPE = "petition_scope", _("Petition's handling decided")
        DIRECT_DELIVERY = "direct_delivery", _("Direct-delivery item handled")
        SEALED_OPENED = "sealed_opened", _("Sealed item opened")
        CLUE_ENTRY = "clue_entry", _("Clue recorded")
        SPOT_CHECK = "spot_check", _("Spot check handled")
        INQUIRY = "inquiry", _("Informant inquiry handled")
        HELP_REQUEST = "help_request", _("Help requested from a specialist body")
        TALK_HELD = "talk_held", _("Individual talk recorded as held")
        TALK_RECORD_READ_BY_LEADER = "talk_record_read", _("Talk record read by the group leader")
        ZERO_HOLDING_SIGNED = "zero_holding", _("Zero-holding report signed")
        GROUP_WITHDRAWN = "group_withdrawn", _("Group withdrew from its units")
        DOCUMENT_ITEM = "document_item", _("Requested document signed out, returned or not provided")
        WORKING_PAPER = "working_paper", _("Working paper written or handed to its custodian")

    class Result(models.TextChoices):
        OK = "ok", _("succeeded")
        FAILED = "failed", _("failed")
        REFUSED = "refused", _("refused")

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    event = models.CharField(_("event"), max_length=32, choices=Event.choices, db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.OK)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-id"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.event} {self.result}"

    def compute_hash(self) -> str:
        """SHA-256 over every field that matters and the previous row's hash."""
        parts = [
            self.prev_hash,
            self.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            str(self.actor_id or ""),
            self.username,
            self.event,
            self.result,
            self.object_type,
            self.object_id,
            self.object_repr,
            str(self.address or ""),
            self.path,
            self.detail,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
