"""Rating levels join the one base of effective-dated rules (ct05/core/rules.py): `active_from`/`active_to`
become `effective_from`/`effective_to` (renamed in place, so every existing row and its dates are kept), and
a level can name its source like the other rules."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cycle", "0005_derived_rows_without_db_checks")]

    operations = [
        migrations.RenameField(model_name="ratinglevel", old_name="active_from", new_name="effective_from"),
        migrations.RenameField(model_name="ratinglevel", old_name="active_to", new_name="effective_to"),
        migrations.AlterModelOptions(
            name="ratinglevel",
            options={"ordering": ["rank", "-effective_from"], "verbose_name": "mức xếp loại"},
        ),
        migrations.AddField(
            model_name="ratinglevel",
            name="source",
            field=models.CharField(blank=True, max_length=255, verbose_name="căn cứ"),
        ),
    ]
