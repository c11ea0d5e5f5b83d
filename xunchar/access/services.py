"""Recording reads and exports of confidential material, and handing records to receivers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record

from .policy import HANDOVER_PERMISSION


def access_log_record(*, request, obj, action: str = AuditEvent.Event.READ) -> AuditEvent:
    """Record a read of a confidential record. Call it from the view that shows it."""
    return audit_record(event=action, request=request, obj=obj)


def access_log_export(*, request, model, count: int, what: str = "", event: str = AuditEvent.Event.EXPORT) -> AuditEvent:
    """Record an export (Excel, PDF) of confidential records: which kind, how many, which filter."""
    return audit_record(
        event=event,
        request=request,
        object_type=f"{model._meta.app_label}.{model._meta.model_name}",
        object_repr=f"{count} 条",
        detail=what,
    )


def _handover_codename(obj) -> str:
    return f"{obj._meta.app_label}.{HANDOVER_PERMISSION}_{obj._meta.model_name}"


@transaction.atomic
def handover_grant(*, obj, receiver, actor=None) -> None:
    """Let a receiver at the discipline commission or organization department see one record
    that was handed to them. Phase services call this when a handover is signed; repeating it
    changes nothing."""
    if not receiver.is_active or not receiver.is_receiver:
        raise ValidationError("只能移交给纪委监委或组织部的接收人。")
    assign_perm(_handover_codename(obj), receiver, obj)
    audit_record(event=AuditEvent.Event.GRANT, actor=actor, obj=obj, detail=f"移交给 {receiver.get_username()}")


@transaction.atomic
def handover_revoke(*, obj, receiver, actor=None) -> None:
    remove_perm(_handover_codename(obj), receiver, obj)
    audit_record(event=AuditEvent.Event.REVOKE, actor=actor, obj=obj, detail=f"撤回 {receiver.get_username()} 的查看权限")
