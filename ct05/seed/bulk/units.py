"""The kinds of grassroots organizations under each kind of bloc (a district, a city, the provincial
agencies, the armed forces…), with their cells, the profile of each cell's people (ct05.seed.pools.PROFILES)
and the lists their names are drawn from. Data for ct05.seed.bulk.layout; no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellTpl:
    name: str  # "Chi bộ bản {village}", "Chi bộ tổ dân phố {n}", "Chi bộ Khoa Nội"
    profile: str  # a key of ct05.seed.pools.PROFILES
    sector: str
    median: int
    count: tuple[int, int] = (1, 1)  # how many such cells (bản, tổ dân phố: several)


@dataclass(frozen=True)
class UnitTpl:
    """A kind of grassroots organization. Without `cells` it is a chi bộ cơ sở: one cell, members directly."""

    name: str  # may use {commune}, {district}, {source}
    sector: str
    weight: int
    cells: tuple[CellTpl, ...] = ()
    profile: str = ""
    median: int = 14
    source: str = ""  # a key of NAME_SOURCES, drawn in turn for {source}


def listed(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


NAME_SOURCES: dict[str, tuple[str, ...]] = {
    "district_agencies": (
        "Văn phòng HĐND và UBND",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Giáo dục và Đào tạo",
        "Phòng Nông nghiệp và Môi trường",
        "Phòng Nội vụ",
        "Phòng Văn hóa, Khoa học và Thông tin",
        "Phòng Y tế",
        "Phòng Tư pháp",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Phòng Dân tộc và Tôn giáo",
        "Tòa án nhân dân",
        "Viện Kiểm sát nhân dân",
        "Chi cục Thi hành án dân sự",
        "Kho bạc Nhà nước",
        "Ngân hàng Chính sách xã hội",
        "Bảo hiểm xã hội",
        "Trung tâm Văn hóa - Thể thao",
        "Ban Quản lý dự án",
        "Cơ quan Ủy ban Mặt trận Tổ quốc",
        "Trung tâm Dịch vụ nông nghiệp",
        "Hạt Kiểm lâm",
        "Văn phòng Huyện ủy",
    ),
    "district_schools": (
        "Trường THPT {district}",
        "Trường Phổ thông Dân tộc nội trú THCS và THPT {district}",
        "Trường THPT {commune}",
        "Trường PTDTBT THCS {commune}",
        "Trường Tiểu học {commune}",
        "Trường Mầm non {commune}",
        "Trường THCS {commune}",
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {district}",
    ),
    "province_agencies": (
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Nội vụ",
        "Sở Xây dựng",
        "Sở Công Thương",
        "Sở Khoa học và Công nghệ",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Dân tộc và Tôn giáo",
        "Sở Nông nghiệp và Môi trường",
        "Thanh tra tỉnh",
        "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
        "Văn phòng UBND tỉnh",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "Ban Nội chính Tỉnh ủy",
        "Cơ quan Ủy ban Mặt trận Tổ quốc tỉnh",
        "Báo và Phát thanh, Truyền hình tỉnh",
        "Thuế tỉnh",
        "Kho bạc Nhà nước khu vực",
        "Bảo hiểm xã hội tỉnh",
        "Thống kê tỉnh",
        "Tòa án nhân dân tỉnh",
        "Viện Kiểm sát nhân dân tỉnh",
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
        "Trường Chính trị tỉnh",
        "Ban Quản lý các khu kinh tế",
        "Quỹ Đầu tư phát triển",
        "Thi hành án dân sự tỉnh",
        "Trung tâm Kiểm soát bệnh tật",
    ),
    "province_departments": (
        "Sở Giáo dục và Đào tạo",
        "Sở Y tế",
        "Sở Tài chính",
        "Sở Nông nghiệp và Môi trường",
        "Sở Xây dựng",
        "Sở Nội vụ",
    ),
    "province_hospitals": (
        "Bệnh viện Đa khoa tỉnh",
        "Bệnh viện Y học cổ truyền",
        "Bệnh viện Phổi",
        "Bệnh viện Tâm thần",
        "Bệnh viện Sản - Nhi",
        "Trung tâm Kiểm soát bệnh tật",
    ),
    "province_colleges": (
        "Trường Cao đẳng Sư phạm",
        "Trường Cao đẳng Y tế",
        "Trường Chính trị tỉnh",
    ),
    "enterprises": (
        "Công ty Điện lực",
        "Công ty Cổ phần Cấp nước",
        "Viễn thông",
        "Bưu điện tỉnh",
        "Công ty Cổ phần Môi trường và Đô thị",
        "Công ty TNHH MTV Quản lý thủy nông",
        "Công ty Xổ số kiến thiết",
        "Công ty Cổ phần Xi măng",
        "Công ty Cổ phần Sách và Thiết bị trường học",
        "Công ty Cổ phần Xây dựng giao thông",
        "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh",
        "Ngân hàng TMCP Đầu tư và Phát triển chi nhánh tỉnh",
        "Ngân hàng TMCP Công thương chi nhánh tỉnh",
        "Công ty Cổ phần Dược phẩm",
        "Công ty Cổ phần Vận tải hành khách",
        "Công ty TNHH MTV Cà phê",
        "Công ty Cổ phần Thủy điện",
        "Công ty Xăng dầu",
    ),
    "army": (
        "Trung đoàn bộ binh 741",
        "Cơ quan Bộ Chỉ huy Quân sự tỉnh",
        "Tiểu đoàn Huấn luyện - Cơ động",
        "Trường Quân sự tỉnh",
        "Đại đội Trinh sát",
        "Kho Kỹ thuật",
        "Ban Chỉ huy Phòng thủ khu vực 1",
        "Ban Chỉ huy Phòng thủ khu vực 2",
        "Ban Chỉ huy Phòng thủ khu vực 3",
    ),
    "police": (
        "Phòng An ninh chính trị nội bộ",
        "Phòng Cảnh sát hình sự",
        "Phòng Cảnh sát điều tra tội phạm về ma túy",
        "Phòng Cảnh sát giao thông",
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        "Phòng Tham mưu",
        "Phòng Công tác đảng và công tác chính trị",
        "Phòng Hậu cần",
        "Phòng Quản lý xuất nhập cảnh",
        "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "Trại tạm giam",
        "Phòng An ninh điều tra",
        "Trung đoàn Cảnh sát cơ động",
        "Phòng Kỹ thuật hình sự",
    ),
    "border_posts": (
        "A Pa Chải",
        "Leng Su Sìn",
        "Sín Thầu",
        "Chung Chải",
        "Mường Nhé",
        "Nậm Kè",
        "Mường Toong",
        "Si Pa Phìn",
        "Chà Cang",
        "Huổi Lếch",
        "Mường Pồn",
        "Nà Hỳ",
        "Thanh Luông",
        "Tây Trang",
        "Pa Thơm",
        "Mường Lói",
        "Na Son",
        "Mường Nhà",
        "Mường Chà",
    ),
}

# Syllables of Thái and Mông place names in the province, for the names of bản.
VILLAGE_A = listed(
    "Huổi, Nà, Na, Pá, Pa, Co, Phiêng, Hua, Nậm, Tà, Mường, Pú, Xá, Háng, Sìn, Lả, Noong, Phai, Tin, Hin, Hô, Pom, "
    "Ten, Bó, Pắc, Tìa, Chăn, Kéo, Lọng"
)
VILLAGE_B = listed(
    "Só, Lếch, Hai, Khoang, Pục, Luông, Nưa, Cang, Tở, Sáy, Mạ, Lào, Chà, Dạo, Tống, Hẹ, Lọng, Ten, Bon, Lay, Khén, "
    "Sản, Pao, Cáy, Phát, Hồ, Mười, Ló, Xôm, Vang, Nhừ, Dình, Phăng, Ẳng, Mùn, Hin, Cọ, Lót, Ca"
)

_HOSPITAL = (
    CellTpl("Chi bộ Phòng Tổ chức - Hành chính", "agency", "su-nghiep", 14),
    CellTpl("Chi bộ Khoa Nội", "health", "su-nghiep", 22),
    CellTpl("Chi bộ Khoa Ngoại - Sản", "health", "su-nghiep", 22),
    CellTpl("Chi bộ Khoa Khám bệnh - Cấp cứu", "health", "su-nghiep", 19),
    CellTpl("Chi bộ Khoa Cận lâm sàng", "health", "su-nghiep", 16),
)

# Grassroots kinds per kind of bloc. Cell medians are set so that a province of 50,000 members has about
# 600 grassroots organizations and 2,000 cells (DESIGN.md section 6).
UNIT_TEMPLATES: dict[str, tuple[UnitTpl, ...]] = {
    "district": (
        UnitTpl(
            "Đảng bộ xã {commune}",
            "xa-phuong",
            30,
            cells=(
                CellTpl("Chi bộ Cơ quan xã", "commune_office", "co-quan", 26),
                CellTpl("Chi bộ Quân sự xã", "military", "luc-luong-vu-trang", 10),
                CellTpl("Chi bộ Công an xã", "police", "luc-luong-vu-trang", 11),
                CellTpl("Chi bộ Trường Mầm non {commune}", "school", "su-nghiep", 12, count=(0, 1)),
                CellTpl("Chi bộ Trường Tiểu học và THCS {commune}", "school", "su-nghiep", 18),
                CellTpl("Chi bộ bản {village}", "village", "thon-ban", 30, count=(4, 12)),
            ),
        ),
        UnitTpl(
            "Chi bộ {source} huyện {district}", "co-quan", 36, profile="agency", median=18, source="district_agencies"
        ),
        UnitTpl("Chi bộ {source}", "su-nghiep", 32, profile="school", median=26, source="district_schools"),
        UnitTpl(
            "Đảng bộ Trung tâm Y tế huyện {district}",
            "su-nghiep",
            3,
            cells=(
                CellTpl("Chi bộ Khoa Nội - Nhi", "health", "su-nghiep", 19),
                CellTpl("Chi bộ Khoa Ngoại - Sản", "health", "su-nghiep", 18),
                CellTpl("Chi bộ Khoa Khám bệnh - Cấp cứu", "health", "su-nghiep", 16),
                CellTpl("Chi bộ Y tế dự phòng", "health", "su-nghiep", 14),
            ),
        ),
        UnitTpl(
            "Đảng bộ Quân sự huyện {district}",
            "luc-luong-vu-trang",
            3,
            cells=(
                CellTpl("Chi bộ Cơ quan Ban Chỉ huy", "military", "luc-luong-vu-trang", 16),
                CellTpl("Chi bộ Tham mưu - Hậu cần", "military", "luc-luong-vu-trang", 13),
                CellTpl("Chi bộ Dân quân thường trực", "military", "luc-luong-vu-trang", 11),
            ),
        ),
    ),
    "city": (
        UnitTpl(
            "Đảng bộ phường {commune}",
            "xa-phuong",
            30,
            cells=(
                CellTpl("Chi bộ Cơ quan phường", "ward_office", "co-quan", 27),
                CellTpl("Chi bộ Công an phường", "police", "luc-luong-vu-trang", 14),
                CellTpl("Chi bộ Quân sự phường", "military", "luc-luong-vu-trang", 10),
                CellTpl("Chi bộ tổ dân phố {n}", "residential", "thon-ban", 34, count=(5, 12)),
            ),
        ),
        UnitTpl("Chi bộ {source} thành phố", "co-quan", 30, profile="agency", median=18, source="district_agencies"),
        UnitTpl("Chi bộ {source}", "su-nghiep", 30, profile="school", median=26, source="district_schools"),
    ),
    "agencies": (
        UnitTpl("Chi bộ {source}", "co-quan", 60, profile="agency", median=22, source="province_agencies"),
        UnitTpl(
            "Đảng bộ {source}",
            "co-quan",
            8,
            source="province_departments",
            cells=(
                CellTpl("Chi bộ Văn phòng Sở", "agency", "co-quan", 18),
                CellTpl("Chi bộ Phòng chuyên môn số {n}", "agency", "co-quan", 14, count=(2, 5)),
            ),
        ),
        UnitTpl("Đảng bộ {source}", "su-nghiep", 8, source="province_hospitals", cells=_HOSPITAL),
        UnitTpl(
            "Đảng bộ {source}",
            "su-nghiep",
            4,
            source="province_colleges",
            cells=(
                CellTpl("Chi bộ Phòng Đào tạo", "college_office", "su-nghiep", 13),
                CellTpl("Chi bộ Khoa số {n}", "college_faculty", "su-nghiep", 18, count=(2, 5)),
            ),
        ),
    ),
    "enterprises": (
        UnitTpl("Chi bộ {source}", "doanh-nghiep", 60, profile="enterprise", median=21, source="enterprises"),
        UnitTpl(
            "Đảng bộ {source}",
            "doanh-nghiep",
            25,
            source="enterprises",
            cells=(
                CellTpl("Chi bộ Văn phòng Công ty", "enterprise", "doanh-nghiep", 19),
                CellTpl("Chi bộ Phân xưởng số {n}", "enterprise", "doanh-nghiep", 22, count=(2, 5)),
            ),
        ),
    ),
    "military": (
        UnitTpl(
            "Đảng bộ {source}",
            "luc-luong-vu-trang",
            50,
            source="army",
            cells=(
                CellTpl("Chi bộ Chỉ huy", "military", "luc-luong-vu-trang", 14),
                CellTpl("Chi bộ Đại đội {n}", "military", "luc-luong-vu-trang", 26, count=(2, 6)),
            ),
        ),
        UnitTpl("Chi bộ {source}", "luc-luong-vu-trang", 20, profile="military", median=22, source="army"),
    ),
    "police": (
        UnitTpl(
            "Đảng bộ {source}",
            "luc-luong-vu-trang",
            40,
            source="police",
            cells=(
                CellTpl("Chi bộ Lãnh đạo phòng", "police", "luc-luong-vu-trang", 11),
                CellTpl("Chi bộ Đội {n}", "police", "luc-luong-vu-trang", 21, count=(2, 6)),
            ),
        ),
        UnitTpl(
            "Đảng bộ Công an khu vực {district}",
            "luc-luong-vu-trang",
            30,
            cells=(
                CellTpl("Chi bộ Cơ quan", "police", "luc-luong-vu-trang", 19),
                CellTpl("Chi bộ Công an xã {village}", "police", "luc-luong-vu-trang", 13, count=(3, 8)),
            ),
        ),
    ),
    "border": (
        UnitTpl(
            "Đảng bộ Đồn Biên phòng {source}",
            "luc-luong-vu-trang",
            60,
            source="border_posts",
            cells=(
                CellTpl("Chi bộ Đội Tham mưu - Hành chính", "border", "luc-luong-vu-trang", 14),
                CellTpl("Chi bộ Đội Vận động quần chúng", "border", "luc-luong-vu-trang", 16),
                CellTpl("Chi bộ Đội Trinh sát", "border", "luc-luong-vu-trang", 13),
                CellTpl("Chi bộ Trạm Kiểm soát Biên phòng", "border", "luc-luong-vu-trang", 13),
            ),
        ),
    ),
}
