"""Party cells of schools: the college's faculties and office, and general schools, with the subjects taught."""

from __future__ import annotations

from ct05.seed.pools.posts import Post, Profile

ECON_SUBJECTS = (
    "Kế toán tài chính",
    "Nguyên lý thống kê",
    "Quản trị doanh nghiệp",
    "Kinh tế vi mô",
    "Luật kinh tế",
    "Tài chính - tiền tệ",
    "Marketing căn bản",
    "Kế toán hành chính sự nghiệp",
)
TECH_SUBJECTS = (
    "Điện dân dụng",
    "Điện công nghiệp",
    "Tin học ứng dụng",
    "Công nghệ ô tô",
    "Kỹ thuật chăn nuôi - thú y",
    "Trồng trọt và bảo vệ thực vật",
    "Lâm sinh",
    "Hàn",
)
BASIC_SUBJECTS = (
    "Chính trị",
    "Pháp luật",
    "Giáo dục quốc phòng - an ninh",
    "Tiếng Anh",
    "Giáo dục thể chất",
    "Tin học cơ bản",
    "Toán ứng dụng",
)

COLLEGE_FACULTY = Profile(
    heads=(
        Post(
            "Trưởng khoa",
            (
                "Quản lý chương trình đào tạo và đội ngũ giảng viên của {place}",
                "Giảng dạy học phần {subject} cho {klass}",
            ),
            ages=(40, 58),
            key_leader=True,
        ),
        Post(
            "Phó Trưởng khoa",
            (
                "Phụ trách kế hoạch giảng dạy, thi và kiểm tra của {place}",
                "Giảng dạy học phần {subject} cho {klass}",
            ),
            ages=(35, 56),
        ),
    ),
    staff=(
        Post(
            "Giảng viên",
            (
                "Giảng dạy học phần {subject} cho {klass} ({n}0 tiết mỗi học kỳ)",
                "Chủ nhiệm {klass}",
                "Hướng dẫn {n} học sinh, sinh viên thực tập tốt nghiệp",
                "Biên soạn giáo trình học phần {subject}",
                "Thực hiện đề tài nghiên cứu khoa học cấp trường về {subject}",
            ),
            ages=(26, 58),
            weight=6,
        ),
        Post("Giáo vụ khoa", ("Quản lý điểm, hồ sơ học sinh, sinh viên của {place}",), ages=(26, 50)),
    ),
    subjects=ECON_SUBJECTS,
    female_share=0.55,
)

COLLEGE_OFFICE = Profile(
    heads=(
        Post(
            "Trưởng phòng",
            (
                "Phụ trách chung công tác của {place}",
                "Tham mưu Ban Giám hiệu kế hoạch tuyển sinh năm học {year}",
            ),
            ages=(40, 58),
            key_leader=True,
        ),
        Post("Phó Trưởng phòng", ("Phụ trách công tác khảo thí và kiểm định chất lượng của {place}",), ages=(35, 56)),
    ),
    staff=(
        Post(
            "Chuyên viên",
            (
                "Xây dựng thời khóa biểu, theo dõi tiến độ giảng dạy các khoa",
                "Quản lý văn bằng, chứng chỉ của nhà trường",
                "Tư vấn tuyển sinh tại {n} trường trung học phổ thông trong tỉnh",
            ),
            ages=(25, 55),
            weight=3,
        ),
        Post(
            "Kế toán viên",
            ("Thanh quyết toán kinh phí đào tạo và học bổng chính sách cho học sinh dân tộc thiểu số",),
            ages=(26, 55),
        ),
        Post("Thư viện viên", ("Quản lý thư viện và tài liệu số của nhà trường",), ages=(26, 55)),
        Post(
            "Cán bộ công tác học sinh - sinh viên",
            ("Quản lý ký túc xá {n}00 chỗ ở, theo dõi nề nếp học sinh nội trú",),
            ages=(25, 50),
        ),
    ),
    female_share=0.55,
)

SCHOOL = Profile(
    heads=(
        Post(
            "Hiệu trưởng",
            (
                "Quản lý, điều hành các hoạt động của nhà trường",
                "Chỉ đạo duy trì sĩ số, chống học sinh bỏ học",
            ),
            ages=(38, 58),
            key_leader=True,
        ),
        Post(
            "Phó Hiệu trưởng",
            ("Phụ trách chuyên môn, đổi mới phương pháp dạy học theo chương trình mới",),
            ages=(35, 56),
            key_leader=True,
        ),
        Post(
            "Tổng phụ trách Đội",
            ("Tổ chức hoạt động Đội Thiếu niên tiền phong và sinh hoạt ngoại khóa",),
            ages=(24, 40),
        ),
    ),
    staff=(
        Post(
            "Giáo viên",
            (
                "Giảng dạy môn {subject} lớp {grade}",
                "Chủ nhiệm lớp {grade}",
                "Bồi dưỡng học sinh giỏi môn {subject}",
                "Phụ đạo {n} học sinh chưa đạt chuẩn môn {subject}",
                "Quản lý học sinh bán trú khu nhà ở số {m}",
            ),
            ages=(24, 58),
            weight=8,
        ),
        Post("Kế toán", ("Quản lý tài chính, chế độ hỗ trợ học sinh bán trú của trường",), ages=(26, 55)),
        Post("Nhân viên thư viện - thiết bị", ("Quản lý thư viện, thiết bị dạy học của trường",), ages=(26, 55)),
    ),
    subjects=(
        "Toán",
        "Ngữ văn",
        "Tiếng Anh",
        "Khoa học tự nhiên",
        "Lịch sử và Địa lí",
        "Tin học",
        "Giáo dục thể chất",
        "Tiếng Việt",
        "Công nghệ",
        "Giáo dục công dân",
    ),
    female_share=0.72,
)
