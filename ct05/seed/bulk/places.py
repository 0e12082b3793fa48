"""Where the generated units are: the blocs of Điện Biên province (its party committees directly under the
Tỉnh ủy, with their communes), the 34 provinces and cities of the national run, and the syllables of
made-up place names. Data for ct05.seed.bulk.layout; no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass

from ct05.seed.bulk.units import listed


@dataclass(frozen=True)
class Bloc:
    """A party committee directly under the Tỉnh ủy and the kinds of units under it."""

    name: str
    kind: str  # "district", "city", "agencies", "enterprises", "military", "police", "border"
    weight: int  # share of the province's members
    mix: str  # ethnic mix of its members
    communes: tuple[str, ...] = ()


_DB = "Điện Biên"
PROVINCE_BLOCS: tuple[Bloc, ...] = (
    Bloc(
        "Đảng bộ thành phố Điện Biên Phủ",
        "city",
        9,
        "city",
        listed("Him Lam, Mường Thanh, Tân Thanh, Thanh Bình, Thanh Trường, Noong Bua, Nam Thanh, Thanh Minh"),
    ),
    Bloc("Đảng bộ thị xã Mường Lay", "city", 2, "valley", listed("Na Lay, Sông Đà")),
    Bloc(
        "Đảng bộ huyện Điện Biên",
        "district",
        15,
        "valley",
        listed(
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
        listed(
            "Na Son, Phì Nhừ, Chiềng Sơ, Mường Luân, Pú Nhi, Noong U, Xa Dung, Keo Lôm, Luân Giói, Phình Giàng, "
            "Pú Hồng, Tìa Dình, Háng Lìa"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Mường Ảng",
        "district",
        6,
        "valley",
        listed("Ẳng Nưa, Ẳng Cang, Ẳng Tở, Búng Lao, Xuân Lao, Mường Đăng, Mường Lạn, Ngối Cáy, Nặm Lịch"),
    ),
    Bloc(
        "Đảng bộ huyện Tuần Giáo",
        "district",
        10,
        "valley",
        listed(
            "Quài Nưa, Quài Cang, Quài Tở, Chiềng Sinh, Chiềng Đông, Mường Mùn, Pú Nhung, Ta Ma, Phình Sáng, "
            "Mùn Chung, Nà Sáy, Mường Thín, Tỏa Tình, Tênh Phông, Nà Tòng, Rạng Đông"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Tủa Chùa",
        "district",
        6,
        "highland",
        listed(
            "Huổi Só, Xín Chải, Tả Sìn Thàng, Lao Xả Phình, Tả Phìn, Tủa Thàng, Trung Thu, Sính Phình, Sáng Nhè, "
            "Mường Đun, Mường Báng"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Mường Chà",
        "district",
        6,
        "highland",
        listed(
            "Sa Lông, Huổi Lèng, Ma Thì Hồ, Na Sang, Mường Mươn, Mường Tùng, Pa Ham, Nậm Nèn, Hừa Ngài, Huổi Mí, "
            "Sá Tổng"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Mường Nhé",
        "district",
        5,
        "highland",
        listed(
            "Sín Thầu, Chung Chải, Leng Su Sìn, Pá Mỳ, Nậm Vì, Nậm Kè, Mường Toong, Quảng Lâm, Huổi Lếch, Sen Thượng"
        ),
    ),
    Bloc(
        "Đảng bộ huyện Nậm Pồ",
        "district",
        6,
        "highland",
        listed(
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
PLACE_A = listed(
    "Tân, Hòa, Phú, An, Thạnh, Bình, Đông, Tây, Nam, Bắc, Quang, Minh, Hưng, Thành, Phước, Long, Xuân, "
    "Hải, Sơn, Vĩnh, Đức, Thái, Hồng, Kim, Yên, Cẩm, Định, Lạc, Ngọc, Trung"
)
PLACE_B = listed(
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
