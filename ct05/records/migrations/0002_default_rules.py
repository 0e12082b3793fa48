"""Today's rules for the records, as data the province admin can edit (DESIGN.md section 4)."""

import datetime as dt

from django.db import migrations

CT05 = dt.date(2016, 5, 15)  # Chỉ thị 05-CT/TW, 15/5/2016
QD144 = dt.date(2024, 5, 9)  # Quy định 144-QĐ/TW, 09/5/2024
STUDY = "Đánh giá việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của đảng viên"

REQUIREMENTS = [
    # code, shape, meeting kind, period, label, text, required, order
    (
        "regular-monthly",
        "held",
        "regular",
        "month",
        "Sinh hoạt định kỳ",
        "Chi bộ sinh hoạt định kỳ hằng tháng",
        True,
        1,
    ),
    (
        "regular-news",
        "agenda",
        "regular",
        "month",
        "Thông tin thời sự",
        "Thông tin thời sự, chủ trương, chính sách mới",
        False,
        10,
    ),
    (
        "regular-review",
        "agenda",
        "regular",
        "month",
        "Kiểm điểm nghị quyết tháng trước",
        "Kiểm điểm việc thực hiện nghị quyết tháng trước",
        False,
        20,
    ),
    ("study-item", "agenda", "regular", "month", "Nội dung học tập và làm theo", STUDY, True, 30),
    ("regular-plan", "agenda", "regular", "month", "Nhiệm vụ tháng tới", "Phương hướng, nhiệm vụ tháng tới", False, 40),
    (
        "regular-vote",
        "agenda",
        "regular",
        "month",
        "Biểu quyết nghị quyết",
        "Thảo luận, biểu quyết nghị quyết",
        False,
        50,
    ),
    (
        "thematic-quarterly",
        "held",
        "thematic",
        "quarter",
        "Sinh hoạt chuyên đề",
        "Sinh hoạt chuyên đề ít nhất mỗi quý một lần",
        True,
        60,
    ),
    (
        "thematic-present",
        "agenda",
        "thematic",
        "quarter",
        "Trình bày chuyên đề",
        "Trình bày chuyên đề, liên hệ thực tiễn của chi bộ",
        False,
        70,
    ),
    (
        "thematic-vote",
        "agenda",
        "thematic",
        "quarter",
        "Kết luận chuyên đề",
        "Kết luận, biểu quyết nghị quyết chuyên đề",
        False,
        80,
    ),
]
CATEGORIES = [
    ("yeu-nuoc-trung-thanh", 1, "Yêu nước, tôn trọng Nhân dân, tuyệt đối trung thành với Đảng, với Tổ quốc"),
    ("ban-linh-doi-moi", 2, "Bản lĩnh, đổi mới, sáng tạo, hội nhập"),
    ("can-kiem-liem-chinh", 3, "Cần, kiệm, liêm, chính, chí công vô tư"),
    ("doan-ket-ky-cuong", 4, "Đoàn kết, kỷ cương, tình thương, trách nhiệm"),
    ("guong-mau-hoc-tap", 5, "Gương mẫu, khiêm tốn, tu dưỡng rèn luyện, học tập suốt đời"),
]
LEVELS = [
    ("bieu-duong-chi-bo", "Biểu dương của chi bộ", 1),
    ("giay-khen-dang-uy-co-so", "Giấy khen của Đảng ủy cơ sở", 2),
    ("giay-khen-cap-tren-co-so", "Giấy khen của Ban Thường vụ cấp ủy cấp trên trực tiếp cơ sở", 3),
    ("bang-khen-tinh-uy", "Bằng khen của Ban Thường vụ Tỉnh ủy", 4),
    ("khen-thuong-trung-uong", "Khen thưởng cấp Trung ương", 5),
]
FORMS = [
    ("hoi-nghi", "Hội nghị quán triệt, học tập"),
    ("noi-chuyen", "Nói chuyện chuyên đề"),
    ("bao-chi", "Báo chí"),
    ("phat-thanh", "Phát thanh, truyền hình, loa truyền thanh cơ sở"),
    ("mang-xa-hoi", "Trang thông tin điện tử, mạng xã hội"),
    ("hoi-thi", "Hội thi, cuộc thi"),
    ("toa-dam", "Tọa đàm, hội thảo"),
    ("trien-lam", "Triển lãm, trưng bày, pa nô, áp phích"),
    ("van-nghe", "Văn hóa, văn nghệ"),
    ("khac", "Hình thức khác"),
]
DOC_TYPES = [
    ("chi-thi", "Chỉ thị", "CT"),
    ("ket-luan", "Kết luận", "KL"),
    ("nghi-quyet", "Nghị quyết", "NQ"),
    ("quy-dinh", "Quy định", "QĐ"),
    ("ke-hoach", "Kế hoạch", "KH"),
    ("huong-dan", "Hướng dẫn", "HD"),
    ("bao-cao", "Báo cáo", "BC"),
    ("thong-bao", "Thông báo", "TB"),
    ("quyet-dinh", "Quyết định", "QĐ"),
    ("cong-van", "Công văn", "CV"),
    ("khac", "Văn bản khác", ""),
]
SETTINGS = [
    ("standards_review_months", "12", "Chuẩn mực đạo đức được rà soát ít nhất mỗi năm một lần"),
    ("minutes_place", "Điện Biên Phủ", ""),
    ("standard_max_items", "10", "Chuẩn mực ngắn gọn, dễ nhớ: không quá 10 điều"),
]


def forwards(apps, schema_editor):
    get = apps.get_model
    for code, shape, kind, period, label, text, required, order in REQUIREMENTS:
        get("records", "MeetingRequirement").objects.update_or_create(
            code=code,
            effective_from=CT05,
            defaults={
                "shape": shape,
                "meeting_kind": kind,
                "period": period,
                "label": label,
                "text": text,
                "is_required": required,
                "order": order,
                "min_count": 1,
                "source": "Chỉ thị 05-CT/TW; hướng dẫn sinh hoạt chi bộ hiện hành",
            },
        )
    for code, number, name in CATEGORIES:
        get("records", "StandardCategory").objects.update_or_create(
            code=code,
            effective_from=QD144,
            defaults={"number": number, "name": name, "source": "Quy định 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị"},
        )
    for code, name, rank in LEVELS:
        get("records", "CommendationLevel").objects.update_or_create(
            code=code, effective_from=CT05, defaults={"name": name, "rank": rank}
        )
    for i, (code, name) in enumerate(FORMS):
        get("records", "ActivityForm").objects.update_or_create(
            code=code, effective_from=CT05, defaults={"name": name, "order": i}
        )
    for i, (code, name, abbr) in enumerate(DOC_TYPES):
        get("records", "DocumentType").objects.update_or_create(
            code=code, effective_from=CT05, defaults={"name": name, "abbreviation": abbr, "order": i}
        )
    for key, value, source in SETTINGS:
        get("records", "RecordSetting").objects.update_or_create(
            key=key, effective_from=CT05, defaults={"value": value, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
