"""Audit times for people: local time, Chinese date, and the zone named so that no one has to guess."""

import datetime

from django.utils import timezone


def zone_label(at: datetime.datetime) -> str:
    offset = at.utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zoned(at: datetime.datetime | None) -> str:
    """2026-11-28 09:39:05 UTC → "2026年11月28日 17:39:05（UTC+08:00）" (Asia/Shanghai)."""
    if at is None:
        return ""
    local = timezone.localtime(at)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M:%S}（{zone_label(local)}）"
