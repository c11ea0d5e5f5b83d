"""Reads about sign-in: whether a username or an address is locked at the moment."""

import math

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginThrottle


def login_lock_message(*, username: str, address: str | None) -> str | None:
    """The Chinese message to show when sign-in is refused for this username or address, else None."""
    now = timezone.now()
    keys = Q(kind=LoginThrottle.Kind.USERNAME, key=username)
    if address:
        keys |= Q(kind=LoginThrottle.Kind.ADDRESS, key=address)
    locks = dict(
        LoginThrottle.objects.filter(keys, locked_until__gt=now).values_list("kind", "locked_until")
    )
    if not locks:
        return None

    def minutes(kind):
        # The whole minutes still to wait: 30 right after the lock starts, never 0 while it holds.
        return math.ceil((locks[kind] - now).total_seconds() / 60)

    if LoginThrottle.Kind.USERNAME in locks:
        return (
            f"该账号因连续{settings.XUNCHAR_LOCKOUT_ATTEMPTS}次登录失败已被锁定，"
            f"请于{minutes(LoginThrottle.Kind.USERNAME)}分钟后再试或联系系统管理员。"
        )
    return (
        "本机登录失败次数过多，已暂停从本机登录，"
        f"请于{minutes(LoginThrottle.Kind.ADDRESS)}分钟后再试或联系系统管理员。"
    )
