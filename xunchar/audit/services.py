"""Writing to the audit log. Every security event goes through `audit_record`."""

import ipaddress

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS = "0" * 64
_CHAIN_LOCK = 0x58554E43  # "XUNC": a PostgreSQL advisory lock that serialises appends to the chain


def client_address(request) -> str | None:
    """The client's address. Behind TRUSTED_PROXIES reverse proxies (production: the intranet's TLS proxy)
    it is the address the nearest of them saw, from X-Forwarded-For; an entry the client could have
    forged further left is never read, and a malformed one falls back to the connection's address."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                return remote
    return remote


def audit_record(
    *,
    event: str,
    request=None,
    actor=None,
    username: str = "",
    result: str = AuditEvent.Result.OK,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    detail: str = "",
) -> AuditEvent:
    """Append one event to the chain. `actor` defaults to the request's signed-in user."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        # On SQLite the IMMEDIATE transaction mode already serialises writers.
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event_row = AuditEvent(
            at=timezone.now(),
            actor=actor,
            username=(username or (actor.get_username() if actor else ""))[:150],
            event=event,
            result=result,
            object_type=object_type[:100],
            object_id=str(object_id)[:64],
            object_repr=str(object_repr)[:200],
            address=client_address(request),
            path=request.get_full_path()[:300] if request is not None else "",
            detail=detail[:500],
            prev_hash=previous or GENESIS,
        )
        event_row.hash = event_row.compute_hash()
        event_row.save(force_insert=True)
    return event_row


def audit_verify() -> list[str]:
    """Walk the chain from the start; return a description of every break (empty: intact)."""
    problems = []
    expected_prev = GENESIS
    for row in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if row.prev_hash != expected_prev:
            problems.append(f"#{row.id}：前一条记录缺失或被改动（链接断开）")
        if row.compute_hash() != row.hash:
            problems.append(f"#{row.id}：记录内容被改动（校验值不符）")
        expected_prev = row.hash
    return problems
