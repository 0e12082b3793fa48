"""Audit events keep the actor's name and become append-only in the database (issue 12, item 5)."""

from django.db import migrations, models

from ct05.core import append_only


def backfill_actor_names(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    User = apps.get_model("auth", "User")
    actor_ids = AuditEvent.objects.exclude(actor_id=None).values_list("actor_id", flat=True).distinct()
    for user in User.objects.filter(pk__in=list(actor_ids)):
        full = f"{user.first_name} {user.last_name}".strip()
        name = f"{full} ({user.username})" if full else user.username
        AuditEvent.objects.filter(actor_id=user.pk).update(actor_name=name)


def install_triggers(apps, schema_editor):
    append_only.install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    append_only.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="actor_name",
            field=models.CharField(blank=True, max_length=300, verbose_name="người thực hiện"),
        ),
        migrations.RunPython(backfill_actor_names, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
