"""Today's default warning rules and the shortcomings vocabulary of the survey (DESIGN.md section 1)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

CT05 = dt.date(2016, 5, 16)  # Chỉ thị 05-CT/TW
KL01 = dt.date(2021, 5, 18)  # Kết luận 01-KL/TW

# code, threshold, severity, min_count, source
RULES = [
    ("study_item", "2", 3, 0, "Chỉ thị 05-CT/TW; Hướng dẫn sinh hoạt chi bộ"),
    ("thematic", "30", 2, 0, "Kết luận 01-KL/TW: sinh hoạt chuyên đề ít nhất mỗi quý một lần"),
    ("registrations_missing", "0", 2, 0, "Kế hoạch thực hiện chuyên đề năm của Tỉnh ủy"),
    ("generic", "40", 2, 5, "Kết quả khảo sát của Ban Tuyên giáo Tỉnh ủy"),
    ("copied", "1", 3, 0, "Kết quả khảo sát của Ban Tuyên giáo Tỉnh ủy"),
    ("unlinked", "50", 2, 5, "Kết quả khảo sát của Ban Tuyên giáo Tỉnh ủy"),
    ("standards_vague", "0", 1, 0, "Quy định 144-QĐ/TW"),
    ("standards_not_reviewed", "12", 1, 0, "Quy định 144-QĐ/TW"),
    ("no_inspection", "12", 2, 0, "Quy định về công tác kiểm tra, giám sát của Đảng"),
    ("overdue_items", "0", 2, 0, "Nghị quyết chi bộ: rõ người, rõ việc, rõ thời gian"),
    ("overdue_tasks", "0", 3, 0, "Kết luận của đoàn khảo sát, kiểm tra"),
    ("key_leader_plan", "0", 3, 0, "Quy định 101-QĐ/TW; Quy định 08-QĐi/TW"),
]

# code, text, rule codes that suggest it
SHORTCOMINGS = [
    ("cap-uy-chua-chu-dong", "Cấp ủy chưa chủ động trong lãnh đạo, chỉ đạo thực hiện", "study_item,thematic"),
    ("chua-ro-nguoi-ro-viec", "Phân công nhiệm vụ chưa rõ người, rõ việc", "overdue_items,overdue_tasks"),
    (
        "chuan-muc-chua-ngan-gon",
        "Chuẩn mực đạo đức chưa ngắn gọn, dễ nhớ, dễ hiểu, dễ thực hiện; chưa gắn với đạo đức nghề nghiệp",
        "standards_vague,standards_not_reviewed",
    ),
    ("dang-ky-chung-chung", "Bản đăng ký làm theo còn chung chung, thiếu cụ thể", "generic"),
    ("dang-ky-sao-chep", "Bản đăng ký làm theo có biểu hiện sao chép của nhau", "copied"),
    ("dang-ky-khong-gan-nhiem-vu", "Bản đăng ký chưa gắn với nhiệm vụ được giao", "unlinked"),
    (
        "dang-ky-thieu-thoi-gian",
        "Bản đăng ký thiếu lộ trình, giải pháp, chưa tự đánh giá kết quả",
        "registrations_missing,key_leader_plan",
    ),
    ("tu-kiem-tra-chua-thuong-xuyen", "Kiểm tra, giám sát, nhất là tự kiểm tra, chưa thường xuyên", "no_inspection"),
    (
        "sinh-hoat-hoc-tap-mo-nhat",
        "Nội dung học tập và làm theo trong sinh hoạt chi bộ hằng tháng còn lúng túng",
        "study_item",
    ),
    ("chuyen-de-chua-sau", "Sinh hoạt chuyên đề chưa sâu", "thematic"),
    ("so-nghi-quyet-chua-ro", "Sổ ghi nghị quyết chưa rõ ràng", "overdue_items"),
    ("nghi-quyet-cap-uy-yeu", "Nghị quyết của cấp ủy chất lượng chưa cao", ""),
]


def seed(apps, schema_editor):
    WarningRule = apps.get_model("supervision", "WarningRule")
    Shortcoming = apps.get_model("supervision", "Shortcoming")
    for code, threshold, severity, min_count, source in RULES:
        WarningRule.objects.get_or_create(
            code=code,
            effective_from=KL01 if code != "study_item" else CT05,
            defaults={
                "threshold": Decimal(threshold),
                "severity": severity,
                "min_count": min_count,
                "source": source,
            },
        )
    for order, (code, text, rules) in enumerate(SHORTCOMINGS, start=1):
        Shortcoming.objects.update_or_create(code=code, defaults={"text": text, "rule_codes": rules, "order": order})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
