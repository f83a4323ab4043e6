"""Hash-chain the audit log and make it append-only in the database.

Existing rows are chained in id order. Triggers then refuse UPDATE (except setting
`actor_id` to NULL, which deleting a user does) on both databases, and DELETE on
PostgreSQL. SQLite gets no DELETE trigger because test databases are flushed with DELETE
(PostgreSQL flushes with TRUNCATE, which row triggers do not see); there the chain itself
detects a deleted row.
"""

import django.utils.timezone
from django.db import migrations, models

from tallytale.audit.chain import GENESIS, event_hash

COLUMNS = ("at", "actor_label", "action", "target_type", "target_id", "project_slug",
           "detail", "prev_hash", "hash", "id")
SAME = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in COLUMNS)
SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_append_only
       BEFORE UPDATE ON audit_auditevent
       WHEN NOT (NEW.actor_id IS NULL AND {SAME})
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
            AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
]


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    db = schema_editor.connection.alias
    prev = GENESIS
    for event in AuditEvent.objects.using(db).order_by("id").iterator(chunk_size=2000):
        fields = {f: getattr(event, f) for f in ("at", "actor_label", "action", "target_type",
                                                 "target_id", "project_slug", "detail")}
        h = event_hash(fields, prev)
        AuditEvent.objects.using(db).filter(pk=event.pk).update(prev_hash=prev, hash=h)
        prev = h


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_append_only;")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;")
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_event_append_only();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
