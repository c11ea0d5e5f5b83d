"""Fixtures for the backup drills: committed data, an uploaded file, and a scratch database to restore into.

The data is committed (a transactional test) so that pg_dump, a separate process, and SQLite's
backup, a separate connection, see it as they would in production.
"""

import secrets
import sqlite3
import tarfile
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record

APPEND_ONLY = import_module("xunchar.audit.migrations.0002_append_only")


@pytest.fixture
def committed_county(transactional_db, county):
    """The county and three audit events, committed; on SQLite the audit rows are cleared afterwards.

    The test runner empties tables between transactional tests with DELETE on SQLite, which the
    append-only trigger refuses (PostgreSQL's TRUNCATE is not a row delete): lift the guard for
    that one clean-up, as test_chain does, and put it back.
    """
    county.audit_events = [
        audit_record(event=AuditEvent.Event.LOGIN_OK, actor=county.office),
        audit_record(event=AuditEvent.Event.READ, actor=county.director, object_type="registry.cadre", object_id="7"),
        audit_record(event=AuditEvent.Event.LOGIN_FAILED, username="nobody", result=AuditEvent.Result.FAILED),
    ]
    yield county
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in APPEND_ONLY.SQLITE_REVERSE:
                cursor.execute(statement)
            cursor.execute("DELETE FROM audit_auditevent")
            for statement in APPEND_ONLY.SQLITE:
                cursor.execute(statement)


@pytest.fixture
def media_root(settings, tmp_path):
    """MEDIA_ROOT with one uploaded file (a Chinese name, binary content)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = settings.MEDIA_ROOT / "petitions" / "2026" / "来信扫描件.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.7\n" + secrets.token_bytes(4096))
    return settings.MEDIA_ROOT


@dataclass
class Scratch:
    """An empty database of the test database's kind, reached directly (not through the ORM)."""

    url: str
    vendor: str
    connect_kwargs: dict

    def query(self, statement: str) -> list[tuple]:
        if self.vendor == "sqlite":
            db = sqlite3.connect(**self.connect_kwargs)
            try:
                return db.execute(statement).fetchall()
            finally:
                db.close()
        with psycopg.connect(**self.connect_kwargs) as db:
            return db.execute(statement).fetchall()

    def execute(self, *statements: str) -> None:
        if self.vendor == "sqlite":
            db = sqlite3.connect(**self.connect_kwargs)
            try:
                for statement in statements:
                    db.execute(statement)
                db.commit()
            finally:
                db.close()
            return
        with psycopg.connect(**self.connect_kwargs) as db:
            for statement in statements:
                db.execute(statement)

    def counts(self) -> dict[str, int]:
        if self.vendor == "sqlite":
            names = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        else:
            names = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        return {name: self.query(f'SELECT count(*) FROM "{name}"')[0][0] for (name,) in self.query(names)}


def _pg_kwargs(settings_dict: dict, dbname: str) -> dict:
    keys = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password"}
    return {"dbname": dbname, **{keys[key]: str(settings_dict[key]) for key in keys if settings_dict.get(key)}}


@pytest.fixture
def scratch(tmp_path):
    """SQLite: a temporary file. PostgreSQL: xunchar_restore_drill_<random>, dropped afterwards."""
    if connection.vendor == "sqlite":
        path = tmp_path / "scratch.sqlite3"
        yield Scratch(url=f"sqlite:///{path}", vendor="sqlite", connect_kwargs={"database": path})
        return
    name = f"xunchar_restore_drill_{secrets.token_hex(4)}"
    settings_dict = connection.settings_dict
    with psycopg.connect(**_pg_kwargs(settings_dict, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    user = quote(settings_dict.get("USER") or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict.get("PASSWORD") else ""
    host = quote(settings_dict.get("HOST") or "localhost", safe="")
    url = f"postgres://{user}{password}@{host}:{settings_dict.get('PORT') or 5432}/{name}"
    try:
        yield Scratch(url=url, vendor="postgresql", connect_kwargs=_pg_kwargs(settings_dict, name))
    finally:
        with psycopg.connect(**_pg_kwargs(settings_dict, "postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def live_counts() -> dict[str, int]:
    """Row counts of the test database, through the ORM's connection."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


def only_archive(directory: Path) -> Path:
    archives = list(directory.iterdir())
    assert len(archives) == 1 and archives[0].suffix == ".tar", archives
    return archives[0]


def flip_byte(archive: Path, member_name: str) -> None:
    """Damage one byte in the middle of a member's data, as a bad disk would."""
    with tarfile.open(archive) as tar:
        member = tar.getmember(member_name)
        offset = member.offset_data + member.size // 2
    with open(archive, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)[0]
        handle.seek(offset)
        handle.write(bytes([byte ^ 0xFF]))
