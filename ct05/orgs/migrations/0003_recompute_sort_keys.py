"""Name sort keys now compare tones within each name part (given, middle, family) before the next part."""

from django.db import migrations


def forwards(apps, schema_editor):
    from ct05.core.text import name_sort_key

    Member = apps.get_model("orgs", "Member")
    batch = []
    for member in Member.objects.only("id", "full_name").iterator(chunk_size=2000):
        member.sort_key = name_sort_key(member.full_name)
        batch.append(member)
        if len(batch) >= 2000:
            Member.objects.bulk_update(batch, ["sort_key"])
            batch = []
    if batch:
        Member.objects.bulk_update(batch, ["sort_key"])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_default_kinds_sectors")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
