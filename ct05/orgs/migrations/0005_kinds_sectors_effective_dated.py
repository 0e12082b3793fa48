"""Org kinds and sectors join the one base of effective-dated rules (ct05/core/rules.py): their
`active_from`/`active_to` become `effective_from`/`effective_to` (renamed in place: every row and its dates
kept), and each can name its source like the other rules."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orgs", "0004_kind_doc_symbol")]

    operations = [
        migrations.RenameField(model_name="orgkind", old_name="active_from", new_name="effective_from"),
        migrations.RenameField(model_name="orgkind", old_name="active_to", new_name="effective_to"),
        migrations.AddField(
            model_name="orgkind",
            name="source",
            field=models.CharField(blank=True, max_length=255, verbose_name="căn cứ"),
        ),
        migrations.RenameField(model_name="sector", old_name="active_from", new_name="effective_from"),
        migrations.RenameField(model_name="sector", old_name="active_to", new_name="effective_to"),
        migrations.AddField(
            model_name="sector",
            name="source",
            field=models.CharField(blank=True, max_length=255, verbose_name="căn cứ"),
        ),
    ]
