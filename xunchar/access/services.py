from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from .models import AccessLog
from .policy import HANDOVER_PERMISSION


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def access_log_export(*, request, model, count: int, what: str = "") -> AccessLog:
    """Record an export (Excel, PDF) of confidential records: which kind, how many, which filter."""
    return AccessLog.objects.create(
        user=request.user,
        object_type=f"{model._meta.app_label}.{model._meta.model_name}",
        object_id="",
        object_repr=(f"{count} 条" + (f"（{what}）" if what else ""))[:200],
        action="export",
        address=client_address(request),
        path=request.get_full_path()[:300],
    )


def access_log_record(*, request, obj, action: str = "view") -> AccessLog:
    """Record a read of a confidential record. Call it from the view that shows or exports it."""
    return AccessLog.objects.create(
        user=request.user,
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}",
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        address=client_address(request),
        path=request.get_full_path()[:300],
    )


def _handover_codename(obj) -> str:
    return f"{obj._meta.app_label}.{HANDOVER_PERMISSION}_{obj._meta.model_name}"


@transaction.atomic
def handover_grant(*, obj, receiver) -> None:
    """Let a receiver at the discipline commission or organization department see one record
    that was handed to them. Phase services call this when a handover is signed; repeating it
    changes nothing."""
    if not receiver.is_active or not receiver.is_receiver:
        raise ValidationError("只能移交给纪委监委或组织部的接收人。")
    assign_perm(_handover_codename(obj), receiver, obj)


@transaction.atomic
def handover_revoke(*, obj, receiver) -> None:
    remove_perm(_handover_codename(obj), receiver, obj)
