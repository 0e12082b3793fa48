"""Party cells of workplaces: the bank, health facilities and enterprises."""

from __future__ import annotations

from ct05.seed.pools.posts import Post, Profile

BANK = Profile(
    heads=(
        Post(
            "Giám đốc chi nhánh",
            (
                "Điều hành chung hoạt động của chi nhánh; triển khai chính sách tiền tệ trên địa bàn tỉnh",
                "Chỉ đạo thanh tra, giám sát các tổ chức tín dụng trên địa bàn",
            ),
            ages=(45, 58),
            key_leader=True,
        ),
        Post(
            "Phó Giám đốc chi nhánh",
            (
                "Phụ trách công tác kế toán, thanh toán và kho quỹ của chi nhánh",
                "Phụ trách tín dụng chính sách, cho vay phát triển nông nghiệp, nông thôn",
            ),
            ages=(40, 57),
            key_leader=True,
        ),
        Post(
            "Trưởng phòng Tổng hợp, Nhân sự và Kiểm soát nội bộ",
            (
                "Tổng hợp báo cáo hoạt động ngân hàng trên địa bàn tỉnh gửi Ngân hàng Nhà nước",
                "Kiểm soát nội bộ việc chấp hành quy trình nghiệp vụ của chi nhánh",
            ),
            ages=(38, 57),
            key_leader=True,
        ),
        Post(
            "Trưởng phòng Kế toán - Thanh toán",
            (
                "Quản lý hệ thống thanh toán điện tử liên ngân hàng tại chi nhánh",
                "Lập báo cáo quyết toán tài chính năm của chi nhánh",
            ),
            ages=(38, 57),
        ),
    ),
    staff=(
        Post(
            "Chuyên viên thanh tra, giám sát ngân hàng",
            (
                "Giám sát an toàn hoạt động của {n} quỹ tín dụng nhân dân trên địa bàn tỉnh",
                "Tiếp nhận, giải quyết đơn thư, kiến nghị của khách hàng vay vốn",
            ),
            ages=(26, 55),
            weight=3,
        ),
        Post(
            "Kế toán viên",
            (
                "Thực hiện nghiệp vụ kế toán thanh toán liên ngân hàng",
                "Đối chiếu số liệu tài khoản tiền gửi của {n} tổ chức tín dụng",
            ),
            ages=(26, 55),
            weight=3,
        ),
        Post("Thủ kho tiền", ("Quản lý kho tiền, điều chuyển tiền mặt cho các tổ chức tín dụng",), ages=(30, 57)),
        Post(
            "Thủ quỹ",
            ("Thu, chi tiền mặt; kiểm đếm, tuyển chọn tiền đủ và không đủ tiêu chuẩn lưu thông",),
            ages=(30, 57),
        ),
        Post(
            "Chuyên viên quản lý ngoại hối",
            ("Quản lý hoạt động ngoại hối, kinh doanh vàng trên địa bàn tỉnh",),
            ages=(28, 55),
        ),
        Post("Lái xe", ("Bảo đảm an toàn xe chở tiền đến các kho tiền huyện",), ages=(30, 58), gender="M"),
    ),
    female_share=0.5,
)


HEALTH = Profile(
    heads=(
        Post(
            "Giám đốc", ("Điều hành chung hoạt động khám chữa bệnh và y tế dự phòng",), ages=(42, 58), key_leader=True
        ),
        Post("Phó Giám đốc", ("Phụ trách chuyên môn, chất lượng khám chữa bệnh",), ages=(38, 57), key_leader=True),
        Post("Trưởng khoa", ("Quản lý chuyên môn và nhân lực của {place}",), ages=(35, 57), key_leader=True),
    ),
    staff=(
        Post(
            "Bác sĩ",
            (
                "Khám, điều trị người bệnh tại {place}",
                "Trực cấp cứu theo lịch phân công",
                "Khám sức khỏe định kỳ cho {n}00 người cao tuổi",
            ),
            ages=(27, 58),
            weight=3,
        ),
        Post("Điều dưỡng", ("Chăm sóc người bệnh nội trú tại {place}",), ages=(23, 55), weight=3),
        Post("Nữ hộ sinh", ("Quản lý thai nghén, đỡ đẻ an toàn cho sản phụ",), ages=(24, 55), gender="F"),
        Post("Dược sĩ", ("Cung ứng, quản lý thuốc và vật tư y tế",), ages=(25, 55)),
        Post("Y sĩ trạm y tế", ("Tiêm chủng mở rộng cho trẻ em {unit}",), ages=(25, 55)),
    ),
    female_share=0.62,
)


ENTERPRISE = Profile(
    heads=(
        Post(
            "Giám đốc",
            ("Điều hành sản xuất, kinh doanh của {place}", "Chỉ đạo thực hiện kế hoạch doanh thu năm {year}"),
            ages=(42, 58),
            key_leader=True,
        ),
        Post("Phó Giám đốc", ("Phụ trách kỹ thuật, an toàn lao động của {place}",), ages=(38, 57), key_leader=True),
        Post("Kế toán trưởng", ("Quản lý tài chính, công nợ và báo cáo thuế của {place}",), ages=(35, 57)),
    ),
    staff=(
        Post(
            "Kỹ sư",
            ("Giám sát kỹ thuật công trình, bảo trì thiết bị của {place}", "Quản lý vận hành tuyến {n} của {place}"),
            ages=(25, 55),
            weight=3,
        ),
        Post(
            "Công nhân vận hành",
            ("Vận hành dây chuyền, bảo đảm an toàn lao động ca sản xuất", "Thực hiện 5S tại phân xưởng số {m}"),
            ages=(22, 55),
            weight=4,
        ),
        Post("Nhân viên kinh doanh", ("Chăm sóc {n}00 khách hàng, theo dõi công nợ khu vực",), ages=(24, 50), weight=2),
    ),
    female_share=0.3,
)
