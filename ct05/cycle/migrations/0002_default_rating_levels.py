"""Today's four rating levels of a party member's year (names are data; the admin can change them)."""

from django.db import migrations

LEVELS = [
    ("xuat-sac", "Hoàn thành xuất sắc nhiệm vụ", 1),
    ("tot", "Hoàn thành tốt nhiệm vụ", 2),
    ("hoan-thanh", "Hoàn thành nhiệm vụ", 3),
    ("khong-hoan-thanh", "Không hoàn thành nhiệm vụ", 4),
]


def add_levels(apps, schema_editor):  # type: ignore[no-untyped-def]
    RatingLevel = apps.get_model("cycle", "RatingLevel")
    for code, name, rank in LEVELS:
        RatingLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})


class Migration(migrations.Migration):
    dependencies = [("cycle", "0001_initial")]
    operations = [migrations.RunPython(add_levels, migrations.RunPython.noop)]
