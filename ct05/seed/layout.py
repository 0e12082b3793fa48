"""The shape of a generated province: its party committees directly under the Tỉnh ủy (đảng bộ trực thuộc),
the kinds of grassroots organizations each one has, and their cells, with realistic names and sizes.

Pure generation: yields plans, holds nothing but the current grassroots unit, so a national run streams.
Cell sizes follow a log-normal curve (most cells 10–30 members, a long tail to 60; never below 5 unless the
budget runs out) with a median per kind of cell. No Django import.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

MIN_CELL, MAX_CELL = 5, 60


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


@dataclass(frozen=True)
class Bloc:
    """A party committee directly under the Tỉnh ủy and the kinds of units under it."""

    name: str
    kind: str  # "district", "city", "agencies", "enterprises", "military", "police", "border"
    weight: int  # share of the province's members
    mix: str  # ethnic mix of its members
    communes: tuple[str, ...] = ()


@dataclass
class CellPlan:
    name: str
    profile: str
    sector: str
    size: int
    place: str


@dataclass
class UnitPlan:
    name: str
    kind: str  # OrgKind code: dang-bo-co-so or chi-bo-co-so
    sector: str
    cells: list[CellPlan]  # for a chi bộ cơ sở: one plan, the unit itself

    @property
    def is_cell(self) -> bool:
        return self.kind == "chi-bo-co-so"

    @property
    def members(self) -> int:
        return sum(c.size for c in self.cells)


def _list(text: str) -> tuple[str, ...]:
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
_VILLAGE_A = _list(
    "Huổi, Nà, Na, Pá, Pa, Co, Phiêng, Hua, Nậm, Tà, Mường, Pú, Xá, Háng, Sìn, Lả, Noong, Phai, Tin, Hin, Hô, Pom, "
    "Ten, Bó, Pắc, Tìa, Chăn, Kéo, Lọng"
)
_VILLAGE_B = _list(
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

_DB = "Điện Biên"
PROVINCE_BLOCS: tuple[Bloc, ...] = (
    Bloc(
        "Đảng bộ thành phố Điện Biên Phủ",
        "city",
        9,
        "city",
        _list("Him Lam, Mường Thanh, Tân Thanh, Thanh Bình, Thanh Trường, Noong Bua, Nam Thanh, Thanh Minh"),
    ),
    Bloc("Đảng bộ thị xã Mường Lay", "city", 2, "valley", _list("Na Lay, Sông Đà")),
    Bloc(
        "Đảng bộ huyện Điện Biên",
        "district",
        15,
        "valley",
        _list(
            "Thanh Xương, Thanh An, Thanh Chăn, Thanh Yên, Thanh Luông, Thanh Hưng, Thanh Nưa, Noong Hẹt, Sam Mứn, "
            "Núa Ngam, Mường Nhà, Mường Lói, Pa Thơm, Na Ư, Hẹ Muông, Noong Luống, Pom Lót, Na Tông, Mường Phăng, "
            "Nà Tấu, Nà Nhạn, Mường Pồn, Hua Thanh"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Điện Biên Đông",
        "district",
        7,
        "highland",
        _list(
            "Na Son, Phì Nhừ, Chiềng Sơ, Mường Luân, Pú Nhi, Noong U, Xa Dung, Keo Lôm, Luân Giói, Phình Giàng, "
            "Pú Hồng, Tìa Dình, Háng Lìa"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Mường Ảng",
        "district",
        6,
        "valley",
        _list("Ẳng Nưa, Ẳng Cang, Ẳng Tở, Búng Lao, Xuân Lao, Mường Đăng, Mường Lạn, Ngối Cáy, Nặm Lịch"),
    ),
    Bloc(
        "Đảng bộ huyện Tuần Giáo",
        "district",
        10,
        "valley",
        _list(
            "Quài Nưa, Quài Cang, Quài Tở, Chiềng Sinh, Chiềng Đông, Mường Mùn, Pú Nhung, Ta Ma, Phình Sáng, "
            "Mùn Chung, Nà Sáy, Mường Thín, Tỏa Tình, Tênh Phông, Nà Tòng, Rạng Đông"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Tủa Chùa",
        "district",
        6,
        "highland",
        _list(
            "Huổi Só, Xín Chải, Tả Sìn Thàng, Lao Xả Phình, Tả Phìn, Tủa Thàng, Trung Thu, Sính Phình, Sáng Nhè, "
            "Mường Đun, Mường Báng"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Mường Chà",
        "district",
        6,
        "highland",
        _list(
            "Sa Lông, Huổi Lèng, Ma Thì Hồ, Na Sang, Mường Mươn, Mường Tùng, Pa Ham, Nậm Nèn, Hừa Ngài, Huổi Mí, "
            "Sá Tổng"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Mường Nhé",
        "district",
        5,
        "highland",
        _list(
            "Sín Thầu, Chung Chải, Leng Su Sìn, Pá Mỳ, Nậm Vì, Nậm Kè, Mường Toong, Quảng Lâm, Huổi Lếch, Sen Thượng"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Nậm Pồ",
        "district",
        6,
        "highland",
        _list(
            "Si Pa Phìn, Phìn Hồ, Chà Cang, Chà Nưa, Chà Tở, Nà Hỳ, Nà Khoa, Nà Bủng, Nậm Chua, Nậm Khăn, Nậm Nhừ, "
            "Nậm Tin, Pa Tần, Vàng Đán"
        ),
    ),
    Bloc("Đảng ủy Dân - Chính - Đảng tỉnh", "agencies", 13, "agency"),
    Bloc("Đảng ủy Khối Doanh nghiệp tỉnh", "enterprises", 3, "agency"),
    Bloc("Đảng ủy Quân sự tỉnh", "military", 4, "agency"),
    Bloc("Đảng ủy Công an tỉnh", "police", 5, "agency"),
    Bloc(f"Đảng ủy Bộ đội Biên phòng tỉnh {_DB}", "border", 3, "agency"),
)

# The 34 provinces and centrally-run cities from 1 July 2025 (name, weight ~ party members in thousands).
NATION = (
    ("Thành ủy Hà Nội", 480),
    ("Thành ủy Hồ Chí Minh", 480),
    ("Thành ủy Hải Phòng", 230),
    ("Thành ủy Đà Nẵng", 150),
    ("Thành ủy Huế", 80),
    ("Thành ủy Cần Thơ", 130),
    ("Tỉnh ủy Lai Châu", 40),
    ("Tỉnh ủy Điện Biên", 50),
    ("Tỉnh ủy Sơn La", 80),
    ("Tỉnh ủy Lạng Sơn", 70),
    ("Tỉnh ủy Quảng Ninh", 130),
    ("Tỉnh ủy Thanh Hóa", 260),
    ("Tỉnh ủy Nghệ An", 230),
    ("Tỉnh ủy Hà Tĩnh", 120),
    ("Tỉnh ủy Cao Bằng", 50),
    ("Tỉnh ủy Tuyên Quang", 110),
    ("Tỉnh ủy Lào Cai", 110),
    ("Tỉnh ủy Thái Nguyên", 150),
    ("Tỉnh ủy Phú Thọ", 240),
    ("Tỉnh ủy Bắc Ninh", 200),
    ("Tỉnh ủy Hưng Yên", 200),
    ("Tỉnh ủy Ninh Bình", 250),
    ("Tỉnh ủy Quảng Trị", 110),
    ("Tỉnh ủy Quảng Ngãi", 140),
    ("Tỉnh ủy Gia Lai", 150),
    ("Tỉnh ủy Khánh Hòa", 110),
    ("Tỉnh ủy Lâm Đồng", 170),
    ("Tỉnh ủy Đắk Lắk", 150),
    ("Tỉnh ủy Đồng Nai", 200),
    ("Tỉnh ủy Tây Ninh", 150),
    ("Tỉnh ủy Vĩnh Long", 160),
    ("Tỉnh ủy Đồng Tháp", 160),
    ("Tỉnh ủy Cà Mau", 110),
    ("Tỉnh ủy An Giang", 180),
)
_PLACE_A = _list(
    "Tân, Hòa, Phú, An, Thạnh, Bình, Đông, Tây, Nam, Bắc, Quang, Minh, Hưng, Thành, Phước, Long, Xuân, "
    "Hải, Sơn, Vĩnh, Đức, Thái, Hồng, Kim, Yên, Cẩm, Định, Lạc, Ngọc, Trung"
)
_PLACE_B = _list(
    "Lập, Bình, Hòa, Phú, Thịnh, Lợi, Hưng, Xuân, An, Tiến, Phong, Lộc, Thành, Sơn, Hà, Hải, Thuận, "
    "Mỹ, Khánh, Trung, Đông, Tân, Long, Châu, Giang, Điền, Quang, Vinh, Nghĩa, Đạt"
)
NATION_BLOCS: tuple[tuple[str, int], ...] = (
    ("district", 70),
    ("city", 12),
    ("agencies", 10),
    ("enterprises", 3),
    ("military", 2),
    ("police", 3),
)


class Namer:
    """Draws names in turn from the name lists, so neighbouring units rarely share a name."""

    def __init__(self, rng: random.Random, district: str, communes: tuple[str, ...]) -> None:
        self.rng = rng
        self.district = district
        self.communes = list(communes)
        self.used_communes = 0
        self.queues: dict[str, list[str]] = {}

    def commune(self) -> str:
        if self.used_communes < len(self.communes):
            self.used_communes += 1
            return self.communes[self.used_communes - 1]
        return f"{self.rng.choice(_PLACE_A)} {self.rng.choice(_PLACE_B)}"

    def village(self) -> str:
        return f"{self.rng.choice(_VILLAGE_A)} {self.rng.choice(_VILLAGE_B)}"

    def source(self, key: str) -> str:
        queue = self.queues.get(key)
        if not queue:
            queue = list(NAME_SOURCES[key])
            self.rng.shuffle(queue)
            self.queues[key] = queue
        return queue.pop()


def cell_size(rng: random.Random, median: int) -> int:
    return max(MIN_CELL, min(MAX_CELL, int(rng.lognormvariate(math.log(median), 0.45) + 0.5)))


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        if name.startswith(p):
            return name[len(p) :]
    return name


def place_of(cell_name: str) -> str:
    """'Chi bộ bản Na Hai' -> 'bản Na Hai': what the duties of the cell's members refer to."""
    return _strip(cell_name, ("Chi bộ ",))


def unit_of(unit_name: str) -> str:
    return _strip(unit_name, ("Đảng bộ ", "Đảng ủy ", "Chi bộ "))


def grassroots(rng: random.Random, bloc_kind: str, namer: Namer, budget: int) -> Iterator[UnitPlan]:
    """Grassroots units of one bloc until `budget` members are placed (the last unit takes what is left)."""
    templates = UNIT_TEMPLATES[bloc_kind]
    weights = [t.weight for t in templates]
    left = budget
    while left > 0:
        tpl = rng.choices(templates, weights)[0]
        values = {"district": namer.district, "commune": "", "source": "", "village": "", "n": ""}
        if "{commune}" in tpl.name:
            values["commune"] = namer.commune()
        if tpl.source:
            values["source"] = namer.source(tpl.source).format(district=namer.district, commune=namer.commune())
        name = tpl.name.format(**values)
        cells: list[CellPlan] = []
        if not tpl.cells:
            size = cell_size(rng, tpl.median)
            cells.append(CellPlan(name, tpl.profile, tpl.sector, size, place_of(name)))
        else:
            for ct in tpl.cells:
                count = rng.randint(*ct.count)
                numbers = sorted(rng.sample(range(1, count + 4), count)) if "{n}" in ct.name else []
                for i in range(count):
                    cname = ct.name.format(
                        village=namer.village(), n=numbers[i] if numbers else "", commune=values["commune"]
                    )
                    cells.append(CellPlan(cname, ct.profile, ct.sector, cell_size(rng, ct.median), place_of(cname)))
        kept: list[CellPlan] = []
        for c in cells:
            if left <= 0:
                break
            c.size = min(c.size, left)
            left -= c.size
            kept.append(c)
        yield UnitPlan(name, "chi-bo-co-so" if not tpl.cells else "dang-bo-co-so", tpl.sector, kept)


def split_budget(total: int, weights: list[int]) -> list[int]:
    """`total` split by `weights` in whole numbers that add up exactly (largest remainders)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def nation_blocs(rng: random.Random, province: str, members: int) -> list[Bloc]:
    """Blocs of a generated province: about one per 3,000 members (15–20 for a province of 50,000)."""
    count = max(1, min(24, round(members / 3000)))
    short = _strip(province, ("Thành ủy ", "Tỉnh ủy "))
    blocs: list[Bloc] = []
    kinds = [k for k, _w in NATION_BLOCS]
    weights = [w for _k, w in NATION_BLOCS]
    for i in range(count):
        kind = kinds[i] if i < len(kinds) and count >= len(kinds) else rng.choices(kinds, weights)[0]
        place = f"{rng.choice(_PLACE_A)} {rng.choice(_PLACE_B)}"
        name = {
            "district": f"Đảng bộ huyện {place}",
            "city": f"Đảng bộ thị xã {place}",
            "agencies": f"Đảng ủy các cơ quan {short}",
            "enterprises": f"Đảng ủy Khối Doanh nghiệp {short}",
            "military": f"Đảng ủy Quân sự {short}",
            "police": f"Đảng ủy Công an {short}",
        }[kind]
        weight = 8 if kind == "district" else 5
        blocs.append(Bloc(name, kind, weight, "nation"))
    return blocs
