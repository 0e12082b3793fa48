"""The log of reads of personal data becomes append-only in the database, like the audit trail (issue 12)."""

from django.db import migrations

from ct05.core import append_only


def install_triggers(apps, schema_editor):
    append_only.install(schema_editor.connection, append_only.PERSONAL_DATA_READS)


def remove_triggers(apps, schema_editor):
    append_only.remove(schema_editor.connection, append_only.PERSONAL_DATA_READS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_personal_data_read")]

    operations = [migrations.RunPython(install_triggers, remove_triggers)]
