"""Make transfers immutable in the database itself: any UPDATE of a transfer row fails.

Deletion is refused by the application (Transfer.delete); a DELETE trigger would also stop
test-database flushes, so it is not added here.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS ledger_transfer_immutable
       BEFORE UPDATE ON ledger_transfer
       BEGIN SELECT RAISE(ABORT, 'ledger transfers are immutable'); END;""",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION ledger_transfer_immutable() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'ledger transfers are immutable'; END; $$ LANGUAGE plpgsql;""",
    """DROP TRIGGER IF EXISTS ledger_transfer_immutable ON ledger_transfer;""",
    """CREATE TRIGGER ledger_transfer_immutable BEFORE UPDATE ON ledger_transfer
       FOR EACH ROW EXECUTE FUNCTION ledger_transfer_immutable();""",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS ledger_transfer_immutable;")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS ledger_transfer_immutable ON ledger_transfer;")
        schema_editor.execute("DROP FUNCTION IF EXISTS ledger_transfer_immutable();")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
