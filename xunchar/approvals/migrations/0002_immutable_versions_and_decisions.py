"""Frozen versions and recorded decisions refuse UPDATE and DELETE, whoever asks (the application's
role included): who decided what, when and on which content stays as it was recorded."""

from django.db import migrations

TABLES = ["approvals_approvalversion", "approvals_approvaldecision"]

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION approvals_immutable() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '%% is immutable: %% refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql;
    """,
    *[
        f"""
        CREATE TRIGGER {table}_no_update_delete
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION approvals_immutable();
        """
        for table in TABLES
    ],
]
POSTGRES_REVERSE = [
    *[f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};" for table in TABLES],
    "DROP FUNCTION IF EXISTS approvals_immutable();",
]
SQLITE = [
    statement
    for table in TABLES
    for statement in (
        f"""
        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is immutable: UPDATE refused'); END;
        """,
        f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is immutable: DELETE refused'); END;
        """,
    )
]
SQLITE_REVERSE = [
    statement
    for table in TABLES
    for statement in (f"DROP TRIGGER IF EXISTS {table}_no_update;", f"DROP TRIGGER IF EXISTS {table}_no_delete;")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
