"""An erased member's personal data leaves the audit log while every row stays.

On PostgreSQL the append-only trigger (0002) refused every UPDATE. It now lets
exactly one kind through: the pseudonymising update of
``AuditEntry.objects.pseudonymise``, which

- sets ``data.pseudonymised`` to true on a row that was not pseudonymised yet,
- keeps the same keys in ``data`` (only their values change),
- changes no other column (action, actor, member, post, item, time).

Anything else, and every DELETE, is still refused. (SQLite, the embedded
default, has no trigger: the model refuses updates and deletes there.)
"""

from django.db import migrations, models

PSEUDONYMISING_TRIGGER = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.data ->> 'pseudonymised') = 'true'
       AND COALESCE(OLD.data ->> 'pseudonymised', 'false') <> 'true'
       AND NEW.id = OLD.id
       AND NEW.action = OLD.action
       AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
       AND NEW.member_id IS NOT DISTINCT FROM OLD.member_id
       AND NEW.post_id IS NOT DISTINCT FROM OLD.post_id
       AND NEW.item_id IS NOT DISTINCT FROM OLD.item_id
       AND NEW.created_at = OLD.created_at
       AND (SELECT COALESCE(array_agg(k ORDER BY k), '{}') FROM jsonb_object_keys(NEW.data - 'pseudonymised') AS k)
           = (SELECT COALESCE(array_agg(k ORDER BY k), '{}') FROM jsonb_object_keys(OLD.data - 'pseudonymised') AS k)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The moderation audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""

APPEND_ONLY_TRIGGER = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The moderation audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def allow_pseudonymising(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PSEUDONYMISING_TRIGGER)


def refuse_every_update(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [('moderation', '0006_urgent_outcomes_staffed_hours'),]

    operations = [
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('screened', 'Screened'), ('blocked', 'Blocked by a watched word'), ('flagged', 'Flagged by a member'), ('hidden_by_flags', 'Hidden after flags'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('edited_approved', 'Edited and approved'), ('escalated', 'Escalated'), ('sanctioned', 'Sanction imposed'), ('sanction_revoked', 'Sanction revoked'), ('erased', 'Account erased')], db_index=True, max_length=20),
        ),
        migrations.RunPython(allow_pseudonymising, refuse_every_update),
    ]
