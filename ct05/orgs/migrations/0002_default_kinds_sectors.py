"""Today's org kinds and sectors, as data the province admin can edit (DESIGN.md section 4)."""

from django.db import migrations

KINDS = [
    # code, name, level, is_cell, is_grassroots
    ("tinh-uy", "Tỉnh ủy", 0, False, False),
    ("dang-bo-truc-thuoc", "Đảng bộ trực thuộc Tỉnh ủy", 1, False, False),
    ("dang-bo-co-so", "Đảng bộ cơ sở", 2, False, True),
    ("chi-bo-co-so", "Chi bộ cơ sở", 2, True, True),
    ("dang-bo-bo-phan", "Đảng bộ bộ phận", 3, False, False),
    ("chi-bo-truc-thuoc", "Chi bộ trực thuộc", 4, True, False),
]
SECTORS = [
    ("xa-phuong", "Xã, phường, đặc khu"),
    ("co-quan", "Cơ quan hành chính, Đảng, đoàn thể"),
    ("su-nghiep", "Đơn vị sự nghiệp"),
    ("doanh-nghiep", "Doanh nghiệp"),
    ("luc-luong-vu-trang", "Lực lượng vũ trang"),
    ("thon-ban", "Thôn, bản, tổ dân phố"),
]


def forwards(apps, schema_editor):
    OrgKind = apps.get_model("orgs", "OrgKind")
    Sector = apps.get_model("orgs", "Sector")
    for code, name, level, is_cell, is_grassroots in KINDS:
        OrgKind.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "is_cell": is_cell, "is_grassroots": is_grassroots}
        )
    for code, name in SECTORS:
        Sector.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
