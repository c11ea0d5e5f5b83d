"""System checks: no account can sign in with an empty or a published password.

An Error stops `manage.py check`, `migrate`, `runserver` and the other commands that run the checks,
so a production server does not start with such an account in its database.
"""

from django.conf import settings
from django.contrib.auth import get_user_model, hashers
from django.core import checks
from django.db import DatabaseError, connections, router

SHOWN = 10  # usernames listed in one message


def _names(usernames: list[str]) -> str:
    shown = "、".join(usernames[:SHOWN])
    return shown + (f" 等{len(usernames)}个账号" if len(usernames) > SHOWN else "")


def _user_table_ready(User) -> bool:
    """False before `migrate` has made the table and the column: migrate runs these checks first."""
    connection = connections[router.db_for_read(User)]
    table = User._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return False
        columns = {column.name for column in connection.introspection.get_table_description(cursor, table)}
    return "password_changed_at" in columns


def check_no_default_or_empty_password(app_configs=None, **kwargs):
    if app_configs is not None and not any(config.label == "accounts" for config in app_configs):
        return []
    User = get_user_model()
    try:
        if not _user_table_ready(User):
            return []
        active = User.objects.filter(is_active=True)
        errors = []
        empty = list(active.filter(password="").order_by("username").values_list("username", flat=True))
        if empty:
            errors.append(
                checks.Error(
                    f"启用的账号没有设置密码：{_names(empty)}。",
                    hint="请为这些账号设置密码，或停用这些账号（is_active=False）。",
                    id="accounts.E001",
                )
            )
        if not settings.DEMO:
            errors.extend(_demo_password_errors(active))
        return errors
    except DatabaseError:
        # No database to read (not reachable, not created yet): nothing can sign in either.
        return []


def _demo_password_errors(active) -> list[checks.Error]:
    from xunchar.core.demo import DEMO_PASSWORD  # the demo pulls in every phase app: import late

    # Only passwords never changed by their holder can still be the demo's: a changed one has passed
    # the validators, which refuse it (too short). That keeps the hashing to a few accounts.
    candidates = active.filter(password_changed_at__isnull=True).exclude(password="").order_by("username")
    found, verdicts = [], {}
    for username, encoded in candidates.values_list("username", "password"):
        # The demo load gives its accounts one shared hash: hash each distinct one once.
        if encoded not in verdicts:
            try:
                # Without a setter: a check must not rewrite the stored hash.
                verdicts[encoded] = hashers.check_password(DEMO_PASSWORD, encoded)
            except ValueError:  # a hash from a hasher this installation does not list: not the demo's
                verdicts[encoded] = False
        if verdicts[encoded]:
            found.append(username)
    if not found:
        return []
    return [
        checks.Error(
            f"演示模式未开启，但以下账号仍在使用公开的演示密码：{_names(found)}。",
            hint="生产环境不得使用示例县数据库。请停用这些账号或由系统管理员重置其密码。",
            id="accounts.E002",
        )
    ]


def check_lockout_settings(app_configs=None, **kwargs):
    names = (
        "XUNCHAR_PASSWORD_MAX_AGE_DAYS",
        "XUNCHAR_LOCKOUT_ATTEMPTS",
        "XUNCHAR_LOCKOUT_MINUTES",
        "XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS",
    )
    return [
        checks.Error(f"{name} 必须是正整数（当前为 {getattr(settings, name)}）。", id="accounts.E003")
        for name in names
        if getattr(settings, name) < 1
    ]
