"""The audit log is append-only and its hash chain finds a changed or removed row."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


def _three(county):
    return [
        audit_record(event=AuditEvent.Event.LOGIN_OK, actor=county.office),
        audit_record(event=AuditEvent.Event.READ, actor=county.director, object_type="registry.cadre", object_id="7"),
        audit_record(event=AuditEvent.Event.LOGIN_FAILED, username="nobody", result=AuditEvent.Result.FAILED),
    ]


def test_rows_chain_to_each_other(county):
    first, second, third = _three(county)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert audit_verify() == []


def test_the_application_cannot_update_or_delete_a_row(county):
    row = _three(county)[1]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).update(username="someone-else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).delete()
    assert AuditEvent.objects.get(pk=row.pk).username == county.director.username


def _behind_the_applications_back(sql_by_vendor, params):
    """What an intruder with the table owner's rights does: drop the guard, change a row, restore it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A database superuser can switch triggers off for the session.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(sql_by_vendor, params)
            cursor.execute("SET session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER audit_auditevent_no_update")
            cursor.execute("DROP TRIGGER audit_auditevent_no_delete")
            cursor.execute(sql_by_vendor, params)
            from importlib import import_module

            migration = import_module("xunchar.audit.migrations.0002_append_only")
            for statement in migration.SQLITE:
                cursor.execute(statement)


def test_verify_finds_a_changed_row(county, capsys):
    row = _three(county)[1]
    _behind_the_applications_back("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["8", row.pk])
    problems = audit_verify()
    assert problems == [f"#{row.pk}：记录内容被改动（校验值不符）"]
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit")
    assert exit_info.value.code == 1


def test_verify_finds_a_removed_row(county):
    first, second, third = _three(county)
    _behind_the_applications_back("DELETE FROM audit_auditevent WHERE id = %s", [second.pk])
    assert audit_verify() == [f"#{third.pk}：前一条记录缺失或被改动（链接断开）"]


def test_verify_command_reports_an_intact_log(county, capsys):
    _three(county)
    call_command("verify_audit")
    assert "审计日志完整：共 3 条记录" in capsys.readouterr().out
