"""三员分立 in the database: a user who holds an administrator role holds no other role.

`services.role_grant` refuses it with a message; these triggers refuse it for every other writer
(Django's admin site, a shell, a script) on PostgreSQL and SQLite alike. A CHECK constraint cannot see
other rows, hence a trigger. On PostgreSQL the trigger first locks the user's row, so two concurrent
grants to one user are checked one after the other.
"""

from django.db import migrations

ADMIN_ROLES = "('system_admin', 'security_admin', 'audit_admin')"
MESSAGE = "an administrator role cannot be combined with any other role"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION administration_rolegrant_admin_alone() RETURNS trigger AS $$
    BEGIN
        PERFORM 1 FROM accounts_user WHERE id = NEW.user_id FOR UPDATE;
        IF EXISTS (
            SELECT 1 FROM accounts_rolegrant g
            WHERE g.user_id = NEW.user_id AND g.id IS DISTINCT FROM NEW.id AND g.role <> NEW.role
              AND (g.role IN {ADMIN_ROLES} OR NEW.role IN {ADMIN_ROLES})
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER administration_rolegrant_admin_alone
    BEFORE INSERT OR UPDATE ON accounts_rolegrant
    FOR EACH ROW EXECUTE FUNCTION administration_rolegrant_admin_alone();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS administration_rolegrant_admin_alone ON accounts_rolegrant;",
    "DROP FUNCTION IF EXISTS administration_rolegrant_admin_alone();",
]
_SQLITE_CONFLICT = f"""
    SELECT 1 FROM accounts_rolegrant g
    WHERE g.user_id = NEW.user_id AND g.id IS NOT NEW.id AND g.role <> NEW.role
      AND (g.role IN {ADMIN_ROLES} OR NEW.role IN {ADMIN_ROLES})
"""
SQLITE = [
    f"""
    CREATE TRIGGER administration_rolegrant_admin_alone_insert BEFORE INSERT ON accounts_rolegrant
    WHEN EXISTS ({_SQLITE_CONFLICT})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER administration_rolegrant_admin_alone_update BEFORE UPDATE ON accounts_rolegrant
    WHEN EXISTS ({_SQLITE_CONFLICT})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS administration_rolegrant_admin_alone_insert;",
    "DROP TRIGGER IF EXISTS administration_rolegrant_admin_alone_update;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0001_initial"),
        ("accounts", "0003_admin_roles"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
