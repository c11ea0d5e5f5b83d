"""The database side of a backup: a consistent dump, a restore, and per-table row counts.

A database is named by a Django settings dict (ENGINE, NAME, USER, PASSWORD, HOST, PORT, OPTIONS),
either the configured one or one parsed from `--database-url`. PostgreSQL goes through pg_dump and
pg_restore with the credentials in their environment, never on the command line that `ps` shows;
SQLite through the online backup API and a file copy.
"""

import os
import secrets
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from . import BackupError
from .files import fsync_directory

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
VENDOR_LABELS = {POSTGRESQL: "PostgreSQL", SQLITE: "SQLite"}
DUMP_FILES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
METHOD_LABELS = {POSTGRESQL: "pg_dump 自定义格式，一致性快照", SQLITE: "SQLite 在线备份，一致性副本"}

# libpq connection keywords and the environment variables pg_dump and pg_restore read them from.
LIBPQ_ENV = {
    "dbname": "PGDATABASE",
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "gssencmode": "PGGSSENCMODE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
TOOL_TIMEOUT = 6 * 3600


@dataclass
class Dump:
    """What a dump holds: the row count of every table, read in the same snapshot as the dump."""

    tables: dict[str, int]
    details: dict = field(default_factory=dict)


def vendor_of(database: dict) -> str:
    engine = database.get("ENGINE", "")
    if "postgresql" in engine or "postgis" in engine:
        return POSTGRESQL
    if "sqlite3" in engine or "spatialite" in engine:
        return SQLITE
    raise BackupError(f"不支持的数据库类型：{engine or '（未配置）'}。只能备份 PostgreSQL 或 SQLite。")


def describe(database: dict) -> str:
    """The database for a message: no password."""
    if vendor_of(database) == SQLITE:
        return f"SQLite 文件 {database.get('NAME')}"
    where = f"{database.get('HOST') or '本机'}:{database.get('PORT') or 5432}"
    return f"PostgreSQL 数据库 {database.get('NAME')}（{where}，用户 {database.get('USER') or '默认'}）"


def dump(database: dict, target: Path) -> Dump:
    """Write a consistent dump of `database` to `target` and count its rows in the same snapshot."""
    if vendor_of(database) == POSTGRESQL:
        return _pg_dump(database, target)
    return _sqlite_dump(database, target)


def load(database: dict, dump_file: Path) -> None:
    """Restore `dump_file` into `database`, replacing what the dump holds."""
    if vendor_of(database) == POSTGRESQL:
        _pg_restore(database, dump_file)
    else:
        _sqlite_restore(database, dump_file)


def table_counts(database: dict) -> dict[str, int]:
    """The row count of every table in `database`."""
    return _inspect(database, count=True)


def table_names(database: dict) -> list[str]:
    """The tables in `database`: empty for a new database (or an SQLite file not there yet)."""
    return list(_inspect(database, count=False))


def _inspect(database: dict, *, count: bool) -> dict[str, int | None]:
    if vendor_of(database) == POSTGRESQL:
        try:
            with _pg_connect(database) as connection:
                return _pg_counts(connection, count=count)
        except psycopg.Error as exc:
            raise BackupError(f"读取 {describe(database)} 失败：{str(exc).strip()}") from None
    path = _sqlite_path(database)
    if not path.exists() or path.stat().st_size == 0:
        return {}
    connection = _sqlite_connect(path.resolve().as_uri() + "?mode=ro")
    try:
        return _sqlite_counts(connection, count=count)
    except sqlite3.Error as exc:
        raise BackupError(f"无法读取 SQLite 数据库 {path}：{exc}") from None
    finally:
        connection.close()


# PostgreSQL


def _pg_params(database: dict) -> dict[str, str]:
    params = {
        "dbname": database.get("NAME"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
    }
    for key, value in (database.get("OPTIONS") or {}).items():
        if key in LIBPQ_ENV:  # the rest (pool, isolation_level …) are Django's own options
            params[key] = value
    return {key: str(value) for key, value in params.items() if value not in (None, "")}


def _pg_env(database: dict) -> dict[str, str]:
    """The tools' environment: what libpq would read for the application's own connection."""
    env = dict(os.environ)
    for key, value in _pg_params(database).items():
        env[LIBPQ_ENV[key]] = value
    return env


def _pg_connect(database: dict, **kwargs) -> psycopg.Connection:
    try:
        return psycopg.connect(**_pg_params(database), **kwargs)
    except psycopg.OperationalError as exc:
        raise BackupError(f"无法连接 {describe(database)}：{str(exc).strip()}") from None


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"找不到 {name}：请安装与数据库服务器同一大版本的 PostgreSQL 客户端（例如 postgresql-client-15）。"
        )
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise BackupError(f"{what}超时（超过 {TOOL_TIMEOUT // 3600} 小时）。") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what}失败（退出码 {result.returncode}）：{detail}")
    return result


def _pg_counts(connection: psycopg.Connection, *, count: bool = True) -> dict[str, int | None]:
    tables = connection.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname <> 'information_schema' AND schemaname NOT LIKE 'pg\\_%'"
        " ORDER BY schemaname, tablename"
    ).fetchall()
    counts = {}
    for schema, table in tables:
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
        key = table if schema == "public" else f"{schema}.{table}"
        counts[key] = connection.execute(query).fetchone()[0] if count else None
    return counts


def _pg_dump(database: dict, target: Path) -> Dump:
    pg_dump = _pg_tool("pg_dump")
    connection = _pg_connect(database)
    try:
        # One REPEATABLE READ transaction exports its snapshot: pg_dump dumps exactly that state and
        # the row counts below are read from it too, whatever the application writes meanwhile.
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        command = [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={target}"]
        _run(command, _pg_env(database), "pg_dump 导出数据库")
        counts = _pg_counts(connection)
        server_version = connection.execute("SHOW server_version").fetchone()[0]
        connection.rollback()
    except psycopg.Error as exc:
        raise BackupError(f"读取 {describe(database)} 失败：{str(exc).strip()}") from None
    finally:
        connection.close()
    tool_version = _run([pg_dump, "--version"], dict(os.environ), "pg_dump --version").stdout.strip()
    return Dump(
        tables=counts,
        details={"format": "pg_dump --format=custom", "server_version": server_version, "tool": tool_version},
    )


def _pg_restore(database: dict, dump_file: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    name = _pg_params(database).get("dbname")
    if not name:
        raise BackupError("目标 PostgreSQL 数据库未指定数据库名。")
    # One transaction: a restore that fails half-way leaves the target as it was.
    command = [
        pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
        "--no-password", f"--dbname={name}", str(dump_file),
    ]
    try:
        _run(command, _pg_env(database), "pg_restore 恢复数据库")
    except BackupError as exc:
        raise BackupError(f"{exc}\n（恢复在一个事务中进行，已整体回滚：目标数据库未改动。）") from None


# SQLite


def _sqlite_path(database: dict) -> Path:
    name = str(database.get("NAME") or "")
    if not name or name == ":memory:" or "mode=memory" in name:
        raise BackupError(f"SQLite 内存数据库不能备份或恢复（{name or '未指定文件'}）：请指定数据库文件。")
    return Path(name)


def _sqlite_connect(name: str, timeout: float = 20) -> sqlite3.Connection:
    try:
        return sqlite3.connect(name, uri=True, timeout=timeout)
    except sqlite3.Error as exc:
        raise BackupError(f"无法打开 SQLite 数据库 {name}：{exc}") from None


def _sqlite_counts(connection: sqlite3.Connection, *, count: bool = True) -> dict[str, int | None]:
    tables = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    ).fetchall()
    counts = {}
    for (name,) in tables:
        quoted = '"' + name.replace('"', '""') + '"'
        counts[name] = connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0] if count else None
    return counts


def _sqlite_dump(database: dict, target: Path) -> Dump:
    name = str(database.get("NAME") or "")
    # The test runner's shared in-memory database is reachable by URI from a second connection.
    if not name.startswith("file:"):
        path = _sqlite_path(database)
        if not path.is_file():
            raise BackupError(f"SQLite 数据库文件不存在：{path}")
        name = str(path)
    source = _sqlite_connect(name, timeout=float((database.get("OPTIONS") or {}).get("timeout", 20)))
    try:
        destination = sqlite3.connect(target)
        try:
            # The online backup API copies every page in one step under a read lock (waiting for a
            # writer to finish): a consistent copy while the application keeps running.
            source.backup(destination)
            check = destination.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"SQLite 数据库的备份副本未通过完整性检查：{check}")
            counts = _sqlite_counts(destination)
        finally:
            destination.close()
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite 在线备份失败：{exc}") from None
    finally:
        source.close()
    return Dump(tables=counts, details={"format": "sqlite3 online backup", "sqlite_version": sqlite3.sqlite_version})


def _sqlite_restore(database: dict, dump_file: Path) -> None:
    target = _sqlite_path(database)
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(f".{target.name}.restoring-{secrets.token_hex(4)}")
    try:
        shutil.copyfile(dump_file, incoming)
        with open(incoming, "rb+") as handle:
            os.fsync(handle.fileno())
        check = sqlite3.connect(incoming)
        try:
            result = check.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise BackupError(f"备份中的 SQLite 数据库未通过完整性检查：{result}")
        # A journal or WAL left beside the old file would be replayed into the new one.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(incoming, target)
        fsync_directory(target.parent)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"SQLite 数据库文件无法放到 {target}：{exc}") from None
    finally:
        incoming.unlink(missing_ok=True)

