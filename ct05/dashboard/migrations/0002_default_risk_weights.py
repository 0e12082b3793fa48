"""Today's default weights of the risk score (data, editable in the admin site)."""

from django.db import migrations

# Copied, not imported: a migration must not change when the code's defaults change later.
WEIGHTS = {
    "registered": 2.0,
    "specific": 2.0,
    "copied": 2.0,
    "linked": 1.0,
    "with_deadline": 1.0,
    "self_assessed": 1.0,
    "study": 3.0,
    "thematic": 2.0,
    "standards": 1.0,
    "key_plans": 1.0,
}


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    RiskWeight = apps.get_model("dashboard", "RiskWeight")
    for code, weight in WEIGHTS.items():
        RiskWeight.objects.get_or_create(code=code, defaults={"weight": weight})


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
