"""Party cells of government bodies: the ward and commune offices and the provincial agencies."""

from __future__ import annotations

from ct05.seed.pools.posts import Post, Profile

_WARD_STAFF = (
    Post(
        "Công chức Văn phòng - Thống kê",
        (
            "Tổng hợp báo cáo kinh tế - xã hội hằng tháng của {unit}",
            "Quản lý văn thư, lưu trữ và Cổng thông tin điện tử của {unit}",
        ),
        ages=(25, 50),
        weight=2,
    ),
    Post(
        "Công chức Tư pháp - Hộ tịch",
        (
            "Đăng ký khai sinh, kết hôn, khai tử và chứng thực cho nhân dân {unit}",
            "Phổ biến, giáo dục pháp luật và hòa giải ở cơ sở của {unit}",
        ),
        ages=(25, 50),
        weight=2,
    ),
    Post(
        "Công chức Địa chính - Xây dựng - Đô thị và Môi trường",
        (
            "Quản lý đất đai, trật tự xây dựng trên địa bàn {n} tổ dân phố",
            "Thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất của {unit}",
        ),
        ages=(25, 50),
        weight=2,
    ),
    Post(
        "Công chức Tài chính - Kế toán",
        (
            "Lập dự toán, quyết toán ngân sách năm của {unit}",
            "Quản lý thu chi ngân sách và tài sản công của {unit}",
        ),
        ages=(25, 52),
    ),
    Post(
        "Công chức Văn hóa - Xã hội",
        (
            "Chi trả trợ cấp cho {n}0 đối tượng bảo trợ xã hội của {unit}",
            "Hướng dẫn xây dựng tổ dân phố văn hóa, gia đình văn hóa",
        ),
        ages=(25, 50),
        weight=2,
    ),
    Post(
        "Chuyên viên Văn phòng Đảng ủy",
        (
            "Tham mưu chương trình công tác, quản lý hồ sơ đảng viên của Đảng bộ {unit}",
            "Theo dõi việc thực hiện Chỉ thị 05 ở các chi bộ trực thuộc Đảng ủy {unit}",
        ),
        ages=(25, 45),
    ),
    Post(
        "Viên chức Trung tâm Phục vụ hành chính công",
        ("Tiếp nhận, trả kết quả thủ tục hành chính trên Cổng dịch vụ công cho nhân dân {unit}",),
        ages=(24, 45),
    ),
)


def _ward_office(place_kind: str) -> Profile:
    return Profile(
        heads=(
            Post(
                f"Chủ tịch Hội đồng nhân dân {place_kind}",
                (
                    "Lãnh đạo toàn diện công tác của Đảng bộ {unit}",
                    "Chủ trì kỳ họp Hội đồng nhân dân {unit}; tiếp công dân định kỳ ngày {m} hằng tháng",
                ),
                ages=(42, 58),
                key_leader=True,
                party=f"Bí thư Đảng ủy {place_kind}",
            ),
            Post(
                f"Chủ tịch Ủy ban nhân dân {place_kind}",
                (
                    "Điều hành chung hoạt động của Ủy ban nhân dân {unit}",
                    "Chỉ đạo cải cách hành chính, chuyển đổi số của {unit}",
                    "Chỉ đạo thu ngân sách và giải phóng mặt bằng các công trình trên địa bàn {unit}",
                ),
                ages=(38, 56),
                key_leader=True,
                party=f"Phó Bí thư Đảng ủy {place_kind}",
            ),
            Post(
                f"Phó Chủ tịch Ủy ban nhân dân {place_kind}",
                (
                    "Phụ trách khối văn hóa - xã hội, giáo dục, y tế của {unit}",
                    "Phụ trách công tác giảm nghèo, bảo trợ xã hội của {unit}",
                ),
                ages=(35, 55),
                key_leader=True,
                party="Ủy viên Ban Thường vụ Đảng ủy",
            ),
            Post(
                f"Chủ tịch Ủy ban Mặt trận Tổ quốc {place_kind}",
                (
                    "Chủ trì giám sát, phản biện xã hội của Mặt trận {unit}",
                    "Chỉ đạo cuộc vận động Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư",
                ),
                ages=(40, 58),
                key_leader=True,
                party="Ủy viên Ban Thường vụ Đảng ủy",
            ),
            Post(
                "Chủ tịch Hội Liên hiệp Phụ nữ",
                (
                    "Chỉ đạo phong trào phụ nữ khởi nghiệp của {unit}",
                    "Theo dõi {n} mô hình sinh kế của hội viên phụ nữ",
                ),
                ages=(30, 52),
                gender="F",
                party="Đảng ủy viên",
            ),
            Post(
                "Bí thư Đoàn Thanh niên",
                ("Tổ chức phong trào thanh niên tình nguyện, chuyển đổi số cộng đồng ở {unit}",),
                ages=(24, 32),
                party="Đảng ủy viên",
            ),
        ),
        staff=_WARD_STAFF,
        female_share=0.4,
    )


WARD_OFFICE = _ward_office("phường")
COMMUNE_OFFICE = _ward_office("xã")


AGENCY = Profile(
    heads=(
        Post(
            "Thủ trưởng cơ quan",
            (
                "Lãnh đạo, điều hành toàn diện hoạt động của {place}",
                "Chỉ đạo cải cách hành chính và chuyển đổi số của {place}",
            ),
            ages=(45, 58),
            key_leader=True,
        ),
        Post(
            "Phó Thủ trưởng cơ quan",
            ("Phụ trách lĩnh vực chuyên môn được phân công của {place}",),
            ages=(40, 58),
            key_leader=True,
        ),
        Post("Chánh Văn phòng", ("Tham mưu tổng hợp, hành chính, quản trị của {place}",), ages=(38, 57)),
    ),
    staff=(
        Post(
            "Chuyên viên",
            (
                "Tham mưu xây dựng kế hoạch năm {year} của {place}",
                "Thẩm định hồ sơ, giải quyết thủ tục hành chính trên Cổng dịch vụ công",
                "Theo dõi, tổng hợp báo cáo lĩnh vực được phân công của {place}",
                "Kiểm tra việc thực hiện chính sách tại {n} xã vùng đặc biệt khó khăn",
            ),
            ages=(25, 58),
            weight=6,
        ),
        Post("Kế toán", ("Quản lý thu chi ngân sách, tài sản của {place}",), ages=(26, 57)),
        Post("Văn thư - lưu trữ", ("Quản lý văn bản đi, đến và lưu trữ hồ sơ của {place}",), ages=(26, 57)),
        Post("Lái xe", ("Phục vụ lãnh đạo đi công tác cơ sở an toàn",), ages=(28, 58), gender="M"),
    ),
    female_share=0.42,
)
