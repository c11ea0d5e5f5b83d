from .models import AccessLog


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


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
