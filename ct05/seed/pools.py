"""Posts (government or professional positions) and the duties that go with them, per kind of cell, as data.

A duty text may use {place} (the cell's locality or section: "tổ dân phố 3", "bản Na Hai", "Phòng Đào tạo"),
{unit} (the grassroots unit: "phường Mường Thanh"), {subject}, {klass}, {grade}, {n} and {m} (small numbers).
Duties are what members' commitments will be checked against, so they name concrete work of the post.
No Django import.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Post:
    title: str
    duties: tuple[str, ...]
    ages: tuple[int, int] = (26, 58)
    key_leader: bool = False  # head or deputy head of the body: "cán bộ chủ chốt" (Quy định 08-QĐi/TW)
    gender: str | None = None  # forced gender ("F" for the women's union chair), else drawn
    party: str = ""  # a party title of the post itself ("Bí thư Đảng ủy phường"), else the cell's roles
    weight: int = 1


@dataclass(frozen=True)
class Profile:
    """The people of one kind of cell: its heads (taken in order, once each) then staff (drawn by weight)."""

    heads: tuple[Post, ...]
    staff: tuple[Post, ...]
    subjects: tuple[str, ...] = ()
    female_share: float = 0.35  # about a third of party members are women; more in schools and health
    staff_weighted: tuple[Post, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        expanded = tuple(p for p in self.staff for _ in range(p.weight))
        object.__setattr__(self, "staff_weighted", expanded)


_RETIREE = Post(
    "Cán bộ hưu trí",
    (
        "Tham gia tổ hòa giải ở cơ sở của {place}",
        "Vận động {n} hộ gia đình ở ngõ {m} giữ gìn vệ sinh môi trường, phân loại rác tại nguồn",
        "Tham gia Ban công tác Mặt trận {place}",
        "Sinh hoạt Hội Người cao tuổi, duy trì câu lạc bộ dưỡng sinh của {place}",
        "Kèm cặp, giúp đỡ {n} thanh niên trong {place} tránh xa ma túy, tệ nạn xã hội",
        "Phụ trách tủ sách pháp luật của {place}",
        "Tham gia tổ an ninh trật tự và phòng cháy chữa cháy của {place}",
        "Theo dõi, bồi dưỡng quần chúng ưu tú để giới thiệu kết nạp Đảng",
        "Tham gia giám sát của Ban Thanh tra nhân dân {unit}",
    ),
    ages=(60, 89),
    weight=6,
)
_VETERAN = Post(
    "Cựu chiến binh",
    (
        "Giáo dục truyền thống cách mạng cho thanh thiếu niên {place}",
        "Tham gia tuần tra an ninh trật tự ban đêm cùng tổ dân phòng {place}",
        "Vận động hội viên Cựu chiến binh {place} phát triển kinh tế gia đình",
    ),
    ages=(58, 86),
    gender="M",
    weight=2,
)
_WORKER_RESIDENT = Post(
    "Viên chức, người lao động đang công tác",
    (
        "Sinh hoạt hai chiều, thực hiện nhiệm vụ đảng viên đang công tác nơi cư trú tại {place}",
        "Tham gia các phong trào của {place}; đóng góp ý kiến xây dựng tổ dân phố văn minh",
    ),
    ages=(28, 58),
    weight=2,
)
_TRADER = Post(
    "Kinh doanh, dịch vụ",
    (
        "Thực hiện đăng ký kinh doanh, kê khai thuế đúng quy định; vận động các hộ kinh doanh {place} làm theo",
        "Bảo đảm an toàn vệ sinh thực phẩm tại cơ sở kinh doanh gia đình",
    ),
    ages=(30, 62),
)

RESIDENTIAL = Profile(
    heads=(
        Post(
            "Tổ trưởng tổ dân phố",
            (
                "Điều hành hoạt động của {place}; tổ chức họp tổ dân phố hằng tháng",
                "Theo dõi biến động nhân khẩu của {n}0 hộ gia đình {place}, báo cáo Công an phường",
                "Vận động nhân dân {place} đóng góp làm đường, rãnh thoát nước ngõ {m}",
            ),
            ages=(50, 72),
            key_leader=True,
        ),
        Post(
            "Trưởng ban công tác Mặt trận tổ dân phố",
            (
                "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở {place}",
                "Tập hợp ý kiến, kiến nghị của nhân dân {place} gửi Ủy ban Mặt trận Tổ quốc {unit}",
                "Vận động quỹ Vì người nghèo, hỗ trợ {n} hộ khó khăn của {place}",
            ),
            ages=(55, 75),
        ),
        Post(
            "Chi hội trưởng Chi hội Phụ nữ",
            (
                "Vận động hội viên phụ nữ {place} thực hiện phong trào xây dựng gia đình 5 không 3 sạch",
                "Quản lý tổ tiết kiệm, vay vốn của {n}0 hội viên",
            ),
            ages=(40, 65),
            gender="F",
        ),
        Post(
            "Chi hội trưởng Chi hội Cựu chiến binh",
            (
                "Tổ chức sinh hoạt chi hội Cựu chiến binh {place} hằng quý",
                "Tham gia giải quyết mâu thuẫn, hòa giải ở cơ sở tại {place}",
            ),
            ages=(58, 80),
            gender="M",
        ),
        Post(
            "Tổ trưởng tổ an ninh trật tự",
            (
                "Phối hợp Công an phường nắm tình hình an ninh trật tự {place}",
                "Kiểm tra phòng cháy chữa cháy ở các hộ kinh doanh {place}",
            ),
            ages=(35, 60),
            gender="M",
        ),
    ),
    staff=(_RETIREE, _VETERAN, _WORKER_RESIDENT, _TRADER),
    female_share=0.42,
)

VILLAGE = Profile(
    heads=(
        Post(
            "Trưởng bản",
            (
                "Điều hành hoạt động của {place}; tổ chức họp bản hằng tháng",
                "Vận động nhân dân {place} không tảo hôn, không kết hôn cận huyết thống",
                "Vận động nhân dân {place} hiến đất làm đường bê tông nội bản",
            ),
            ages=(32, 60),
            key_leader=True,
        ),
        Post(
            "Tổ trưởng tổ bảo vệ an ninh, trật tự ở cơ sở",
            (
                "Nắm tình hình di cư tự do, xuất nhập cảnh trái phép ở {place}",
                "Tuyên truyền phòng chống ma túy, mua bán người cho nhân dân {place}",
            ),
            ages=(25, 50),
            gender="M",
        ),
        Post(
            "Chi hội trưởng Chi hội Nông dân",
            (
                "Hướng dẫn {n} hộ ở {place} trồng cà phê, mắc ca theo quy trình kỹ thuật",
                "Vận động hội viên {place} tiêm phòng cho đàn gia súc, gia cầm",
            ),
            ages=(30, 58),
        ),
        Post(
            "Chi hội trưởng Chi hội Phụ nữ",
            (
                "Vận động phụ nữ {place} sinh con tại trạm y tế, tiêm chủng đầy đủ cho trẻ",
                "Duy trì tổ dệt thổ cẩm của {n} hội viên {place}",
            ),
            ages=(25, 55),
            gender="F",
        ),
        Post(
            "Bí thư Chi đoàn thanh niên",
            (
                "Tổ chức thanh niên {place} làm vệ sinh đường bản, trồng cây xanh",
                "Vận động thanh niên {place} tham gia nghĩa vụ quân sự",
            ),
            ages=(22, 32),
        ),
        Post(
            "Nhân viên y tế thôn, bản",
            (
                "Theo dõi sức khỏe phụ nữ có thai và trẻ dưới 5 tuổi ở {place}",
                "Phát hiện, báo cáo sớm ca bệnh truyền nhiễm ở {place}",
            ),
            ages=(25, 50),
        ),
    ),
    staff=(
        Post(
            "Làm nông nghiệp",
            (
                "Trồng và chăm sóc {n} ha lúa, ngô của gia đình theo đúng lịch thời vụ",
                "Nhận khoán bảo vệ {n}0 ha rừng cộng đồng {place}",
                "Giúp đỡ {n} hộ nghèo ở {place} về giống, kỹ thuật chăn nuôi",
                "Vận động {n} hộ gia đình ở {place} đưa trẻ đến trường đúng độ tuổi",
            ),
            ages=(24, 65),
            weight=8,
        ),
        Post(
            "Người có uy tín trong cộng đồng",
            (
                "Vận động đồng bào {place} bỏ hủ tục trong ma chay, cưới hỏi",
                "Tham gia hòa giải mâu thuẫn trong cộng đồng {place}",
            ),
            ages=(55, 80),
            gender="M",
            weight=2,
        ),
        Post(
            "Giáo viên cắm bản",
            (
                "Dạy lớp ghép điểm trường {place}",
                "Vận động học sinh {place} bỏ học trở lại lớp",
            ),
            ages=(24, 50),
            weight=2,
        ),
        _RETIREE,
    ),
    female_share=0.3,
)

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

POLICE = Profile(
    heads=(
        Post(
            "Trưởng Công an",
            (
                "Chỉ đạo bảo đảm an ninh chính trị, trật tự an toàn xã hội trên địa bàn {unit}",
                "Chủ trì đấu tranh phòng chống tội phạm ma túy trên địa bàn {unit}",
            ),
            ages=(35, 52),
            key_leader=True,
            gender="M",
        ),
        Post(
            "Phó Trưởng Công an",
            (
                "Phụ trách công tác quản lý cư trú, căn cước trên địa bàn {unit}",
                "Phụ trách công tác phòng cháy chữa cháy và cứu nạn cứu hộ",
            ),
            ages=(30, 50),
            key_leader=True,
        ),
    ),
    staff=(
        Post(
            "Cán bộ Cảnh sát khu vực",
            (
                "Phụ trách địa bàn {n} tổ dân phố, nắm tình hình an ninh trật tự hằng ngày",
                "Kiểm tra cư trú, tạm trú tại {n} cơ sở lưu trú",
            ),
            ages=(24, 50),
            weight=3,
        ),
        Post("Cán bộ điều tra", ("Điều tra, xác minh các vụ việc trên địa bàn {unit}",), ages=(25, 48)),
        Post(
            "Cán bộ cảnh sát giao thông",
            (
                "Tuần tra, kiểm soát giao thông tuyến Quốc lộ 279 đoạn qua {unit}",
                "Xử lý vi phạm nồng độ cồn theo kế hoạch cao điểm",
            ),
            ages=(24, 48),
        ),
    ),
    female_share=0.12,
)

MILITARY = Profile(
    heads=(
        Post(
            "Chính trị viên",
            (
                "Phụ trách công tác đảng, công tác chính trị của đơn vị",
                "Giáo dục chính trị cho {n}0 chiến sĩ mới",
            ),
            ages=(30, 50),
            key_leader=True,
            gender="M",
        ),
        Post(
            "Chỉ huy trưởng",
            (
                "Chỉ huy huấn luyện, sẵn sàng chiến đấu của đơn vị",
                "Chỉ đạo công tác tuyển quân năm {year} của {unit}",
            ),
            ages=(30, 50),
            key_leader=True,
            gender="M",
        ),
    ),
    staff=(
        Post(
            "Trung đội trưởng",
            (
                "Huấn luyện trung đội đạt yêu cầu giỏi",
                "Tham gia giúp nhân dân {unit} khắc phục hậu quả mưa lũ",
            ),
            ages=(24, 40),
            gender="M",
            weight=2,
        ),
        Post("Nhân viên hậu cần", ("Quản lý quân trang, quân lương, tăng gia sản xuất của đơn vị",), ages=(24, 45)),
        Post(
            "Quân nhân chuyên nghiệp",
            (
                "Bảo quản, sửa chữa vũ khí, trang bị kỹ thuật",
                "Trực sẵn sàng chiến đấu theo lịch của đơn vị",
            ),
            ages=(24, 45),
            weight=2,
        ),
        Post("Dân quân thường trực", ("Tuần tra bảo vệ mục tiêu trên địa bàn {unit}",), ages=(20, 30), gender="M"),
    ),
    female_share=0.05,
)

BORDER = Profile(
    heads=(
        Post(
            "Chính trị viên Đồn",
            ("Phụ trách công tác đảng, công tác chính trị và vận động quần chúng của Đồn",),
            ages=(32, 50),
            key_leader=True,
            gender="M",
        ),
        Post(
            "Đồn trưởng",
            ("Chỉ huy quản lý, bảo vệ đoạn biên giới do Đồn phụ trách",),
            ages=(32, 50),
            key_leader=True,
            gender="M",
        ),
    ),
    staff=(
        Post(
            "Đội trưởng Đội Vận động quần chúng",
            (
                "Giúp đỡ {n} hộ nghèo bản {place} trong chương trình Nâng bước em tới trường",
                "Phụ trách cán bộ đồn biên phòng tăng cường về bản {place}",
            ),
            ages=(28, 45),
            gender="M",
        ),
        Post(
            "Cán bộ trinh sát",
            ("Nắm tình hình tuyến biên giới, phòng chống buôn bán ma túy, mua bán người",),
            ages=(25, 45),
            gender="M",
            weight=2,
        ),
        Post(
            "Nhân viên tuần tra",
            (
                "Tuần tra song phương, bảo vệ mốc quốc giới số {n}{m}",
                "Kiểm soát xuất nhập cảnh tại cửa khẩu phụ",
            ),
            ages=(22, 40),
            gender="M",
            weight=3,
        ),
        Post("Y sĩ quân y", ("Khám chữa bệnh miễn phí cho nhân dân các bản biên giới",), ages=(25, 45)),
    ),
    female_share=0.03,
)

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

PROFILES: dict[str, Profile] = {
    "residential": RESIDENTIAL,
    "village": VILLAGE,
    "ward_office": WARD_OFFICE,
    "commune_office": COMMUNE_OFFICE,
    "police": POLICE,
    "military": MILITARY,
    "border": BORDER,
    "bank": BANK,
    "college_faculty": COLLEGE_FACULTY,
    "college_office": COLLEGE_OFFICE,
    "school": SCHOOL,
    "health": HEALTH,
    "agency": AGENCY,
    "enterprise": ENTERPRISE,
}

CELL_SECRETARY = "Bí thư Chi bộ"
CELL_DEPUTY = "Phó Bí thư Chi bộ"
CELL_COMMITTEE = "Chi ủy viên"
