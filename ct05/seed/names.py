"""Realistic Vietnamese personal names by ethnicity and gender, for seeded members.

The pools are data: "Nguyễn:38 Trần:11" means Nguyễn is drawn 38 times as often as a weight-1 entry. Weights
follow the common frequencies (Nguyễn, Trần, Lê… for the Kinh; the clan names of the Mông; the Thái family
names of the Điện Biên valleys: Lò, Quàng, Lường, Cà, Tòng…). No Django import.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass


def weighted(spec: str) -> tuple[str, ...]:
    """'Nguyễn:3 Trần' -> ('Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần'): drawing one with rng.choice is then O(1).
    Entries are separated by commas so that multi-word names ("Khơ Mú") stay whole."""
    out: list[str] = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        name, _sep, count = item.partition(":")
        # Seeds must hold NFC text, as every input does after ct05.core.text.clean.
        out.extend([unicodedata.normalize("NFC", name.strip())] * (int(count) if count else 1))
    return tuple(out)


@dataclass(frozen=True)
class NamePool:
    family: tuple[str, ...]
    middle_male: tuple[str, ...]
    middle_female: tuple[str, ...]
    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    # Kinh women are often "Nguyễn Thị Thu Hà": a second middle name after "Thị".
    second_middle_female: tuple[str, ...] = ()
    second_middle_chance: float = 0.0


_KINH_GIVEN_MALE = (
    "Anh:3, Bình:2, Cường:2, Công, Chiến:2, Dũng:3, Duy, Đạt:2, Điệp, Định, Đông, Đức:3, Giang, Hà, Hải:3, Hậu, "
    "Hiếu:2, Hiệp, Hòa:2, Hoàng:2, Hùng:3, Huy:2, Hưng:2, Khánh, Khoa, Kiên:2, Lâm, Linh, Long:2, Lợi, Lực, "
    "Mạnh:2, Minh:3, Nam:3, Nghĩa:2, Ngọc, Nguyên, Phong:2, Phúc, Phương, Quang:2, Quân:2, Quý, Sơn:3, "
    "Tài, Tâm, Tân, Thái, Thắng:3, Thành:3, Thanh:2, Thịnh, Thuận, Tiến:2, Toàn:2, Trung:3, Trường:2, Tú, "
    "Tuấn:3, Tùng:2, Việt:2, Vinh:2, Vũ, Xuân, Khải, Hoan, Bảo, Chung, Đoàn, Lương"
)
_KINH_GIVEN_FEMALE = (
    "Anh:3, Ánh, Bích, Châm, Chi, Dung:2, Duyên, Giang:2, Hà:3, Hạnh:2, Hằng:3, Hậu, Hiền:2, Hoa:2, Hòa, "
    "Hồng:2, Huệ, Hương:3, Huyền:3, Lan:2, Liên, Liễu, Linh:3, Loan:2, Lý, Mai:2, Minh, My, Nga:2, Ngân, "
    "Ngọc:2, Nhung:2, Oanh:2, Phương:3, Phượng, Quyên, Quỳnh, Tâm, Thảo:3, Thanh:2, Thắm, Thoa, Thu:2, "
    "Thủy:3, Thúy, Trang:3, Tuyết, Uyên, Vân:2, Yến:2, Xuân, Hảo, Lệ, Nhàn, Hiên, Hường"
)
_TAY_THAI_GIVEN_FEMALE = (
    "Ín:2, Ọn:2, Xiêng, Bua:2, Ngọc, Hương:2, Pọm, Lả, Ươi, Oanh, Xuân:2, Biên, Kim:2, Nhâm, Khăm:2, "
    "Mai:2, Hoa, Lan:2, Thoa, Hiên, Nguyệt, Phương, Thủy, Hằng, Hạnh, Chum, Hom, Ón, Ỏn, Ánh, Đôi, Hoan"
)

POOLS: dict[str, NamePool] = {
    "Kinh": NamePool(
        family=weighted(
            "Nguyễn:38, Trần:11, Lê:9, Phạm:7, Hoàng:5, Vũ:4, Phan:3, Đặng:2, Bùi:2, Đỗ:2, Hồ:1, Ngô:2, Dương:1, "
            "Lý, Đinh:2, Đào:2, Trịnh:2, Mai, Tạ, Lương, Cao, Đoàn, Hà:2, Lưu, Vương, Nông, Tô, Phùng, Kiều, "
            "Chu, Khuất, Lại, Triệu, Quách, Tống, Thân, Mạc, Đồng, Võ"
        ),
        middle_male=weighted(
            "Văn:10, Đức:4, Minh:3, Quang:3, Hữu:3, Xuân:2, Thanh:2, Mạnh:2, Ngọc:2, Công:2, Đình:3, Trọng:2, "
            "Quốc:2, Hoàng:2, Tiến:2, Anh, Tuấn, Việt, Trung, Thế, Bá, Khắc, Hồng, Kim, Sỹ"
        ),
        middle_female=weighted("Thị:14, Thu:2, Thanh:2, Ngọc:2, Minh, Hồng:2, Phương, Thùy, Kim, Hải, Bích, Diệu, Mai"),
        given_male=weighted(_KINH_GIVEN_MALE),
        given_female=weighted(_KINH_GIVEN_FEMALE),
        second_middle_female=weighted("Thu:3, Thanh:3, Ngọc:2, Minh:2, Hồng:2, Kim, Thúy, Phương, Bích, Hải, Mai, Lan"),
        second_middle_chance=0.25,
    ),
    "Thái": NamePool(
        family=weighted(
            "Lò:12, Quàng:8, Lường:7, Cà:6, Tòng:5, Lù:3, Điêu:2, Vi:2, Hoàng:2, Bạc:2, Lự:1, Mè:1, Khoàng:1, "
            "Lê:1, Sa:1"
        ),
        middle_male=weighted("Văn:20, Thanh, Xuân, Minh"),
        middle_female=weighted("Thị:20, Thu"),
        given_male=weighted(
            "Pâng, Xôm, Ún:2, Xuân:2, Chăn, Hùn, Inh:2, Khăm:2, Bun:2, Pọm, Phong:2, Thanh:2, Lả, Ngoan, Hặc, "
            "Tiến:2, Thọ, Pẩng, Sương, Ẳm, Hoan, Hiêng, Ỏn, Sinh:2, Thưởng, Tươi, Dũng, Hải, Minh, Chiến, "
            "Nhất, Panh, Kim, Hồng, Dương, Doãn, Hương, Thuận, Sơn:2, Cường, Tuấn, Lịch, Luân, Bình"
        ),
        given_female=weighted(_TAY_THAI_GIVEN_FEMALE),
    ),
    "Mông": NamePool(
        family=weighted(
            "Giàng:10, Sùng:8, Vàng:8, Lầu:6, Thào:7, Mùa:6, Hạng:4, Lý:4, Vừ:4, Tráng:3, Cứ:2, Hờ:2, Mào:1, "
            "Sính:1, Lồ:1, Chang:1"
        ),
        middle_male=weighted("A:16, Văn:4, Chứ, Súa, Nhè, Dủa"),
        middle_female=weighted("Thị:16, Y"),
        given_male=weighted(
            "Dình:2, Vừ:2, Páo:2, Pó:2, Chu:2, Tủa:2, Sử:2, Sềnh:2, Di, Lử, Chứ:2, Dế, Nhè, Súa:2, Tồng, "
            "Nủ, Lềnh, Phềnh, Chồ, Thái, Sinh:2, Của, Giàng, Lồng:2, Tú, Chư, Mua, Dơ, Vàng, Thắng, Khua, Pềnh"
        ),
        given_female=weighted(
            "Sua:2, Mỷ:2, Dợ:2, Chía:2, Mai:2, Vá, Dua:2, Xua:2, Ly:2, Chá, Pà:2, Dế, Sinh, Hoa, Dở, Say, Mai, "
            "Lan, Ý, Nhìa"
        ),
    ),
    "Khơ Mú": NamePool(
        family=weighted("Lò:6, Quàng:5, Vì:4, Cầm:3, Tòng:2, Khoàng:2, Lù:2, Lường:1"),
        middle_male=weighted("Văn:10"),
        middle_female=weighted("Thị:10"),
        given_male=weighted(
            "Ón, Sinh:2, Chít, Pọng, Un:2, Kim, Thiết, Hưởng, Bun, Xuân:2, Thoong, Phóng, Tiến, Thanh, Hoàn, Quang"
        ),
        given_female=weighted("Hoa:2, Sim, Pọm, Un, Ươm, Kim, Nhung, Lả, Xuân:2, Ọn, Hương, Thanh"),
    ),
    "Dao": NamePool(
        family=weighted("Chảo:6, Phàn:5, Đặng:3, Tẩn:5, Lý:3, Triệu:3, Bàn:3"),
        middle_male=weighted("Văn:8, A:2, Láo, Kiềm"),
        middle_female=weighted("Thị:8, Mẩy, Xuân"),
        given_male=weighted(
            "Lở:2, Chiêu:2, Phin:2, Quẩy, Vần, Sử, Kiều, Tả, Chản, Dùng, Lìn, Sành, Phẩu, Chòi, Minh, Sơn"
        ),
        given_female=weighted("Mẩy:2, Dung, Phin, Chài, Sai:2, Quẩy, Lưu, Mai, Nái, Xuân, Hạnh, Lan"),
    ),
    "Hoa": NamePool(
        family=weighted(
            "Lý:3, Trương:3, Hoàng:2, Tăng, Lâm:2, Mạc, Thái, Quách, Trần:2, Dương, Hứa, Lưu:2, Diệp, Quan"
        ),
        middle_male=weighted("Văn:3, Quốc:2, Gia, Chí, Vĩnh, Tắc, Cẩm"),
        middle_female=weighted("Thị:3, Mỹ:2, Ngọc, Tú, Lệ"),
        given_male=weighted("Quý, Phát:2, Cường, Minh, Vinh:2, Hưng:2, Thắng, Sáng, Lộc:2, Tài, Phúc, Hào"),
        given_female=weighted("Mỹ, Lan:2, Phụng, Hoa, Anh, Cúc:2, Dung, Linh, Muội, Hà, Trân"),
    ),
    "Tày": NamePool(
        family=weighted("Nông:5, Hoàng:4, Lộc:3, Ma:2, Hà:2, Lương:2, Triệu:2, Vi:2, Hứa, Đàm, Lăng, Bế"),
        middle_male=weighted("Văn:10, Đức, Thanh"),
        middle_female=weighted("Thị:10, Thu"),
        given_male=weighted(_KINH_GIVEN_MALE),
        given_female=weighted(_KINH_GIVEN_FEMALE),
    ),
    "Mường": NamePool(
        family=weighted("Bùi:6, Đinh:5, Quách:2, Hà:3, Bạch, Xa, Cao"),
        middle_male=weighted("Văn:10, Công, Đức"),
        middle_female=weighted("Thị:10"),
        given_male=weighted(_KINH_GIVEN_MALE),
        given_female=weighted(_KINH_GIVEN_FEMALE),
    ),
    "Hà Nhì": NamePool(
        family=weighted("Lỳ:5, Pờ:4, Chu:4, Lò:2, Sừ:2, Phu:1, Ly:2, Lý:1"),
        middle_male=weighted("A:6, Xuân:2, Văn:2"),
        middle_female=weighted("Thị:6, Mé"),
        given_male=weighted("Pa:2, Xe, Phạ, Chừ:2, Sơ, Mơ, Nhù, Sừ, Giá, Chó, Phì, Thà, Cà, Hừ"),
        given_female=weighted("Xe, Sơ:2, Mé, Gió, Chà, Pứ, Mỳ, Hờ, Nhu, Nhè"),
    ),
    "Lào": NamePool(
        family=weighted("Lò:4, Vi:3, Lường:2, Kham, Tòng"),
        middle_male=weighted("Văn:10"),
        middle_female=weighted("Thị:10"),
        given_male=weighted("Khăm:2, Bun:2, Xôm, Phăn, Phêng, Pon, Thoong, Sẻng, Chăn"),
        given_female=weighted("Khăm, Bua:2, Ngân, Xiêng, Pọm, Ón, Ín, Nhọt"),
    ),
}

# Ethnic mixes of party members by area (approximations for Điện Biên: Thái and Mông are the largest
# groups of the province, Kinh the largest in the city and among provincial officials).
ETHNIC_MIXES: dict[str, tuple[str, ...]] = {
    "city": weighted("Kinh:55, Thái:28, Mông:6, Khơ Mú:3, Dao:2, Hoa:2, Tày:2, Mường:2"),
    "agency": weighted("Kinh:52, Thái:30, Mông:9, Khơ Mú:3, Tày:2, Mường:2, Dao:1, Hoa:1"),
    "valley": weighted("Thái:48, Kinh:28, Mông:12, Khơ Mú:6, Lào:3, Hoa:1, Mường:2"),
    "highland": weighted("Mông:46, Thái:24, Kinh:13, Khơ Mú:7, Dao:5, Hà Nhì:3, Lào:2"),
    "nation": weighted("Kinh:86, Tày:3, Thái:3, Mường:2, Hoa:1, Khơ Mú:1, Mông:2, Dao:2"),
}


def person_name(rng: random.Random, ethnicity: str, gender: str) -> str:
    """A full name 'Family Middle [Second] Given' for the ethnicity ('Kinh', 'Thái'…) and gender ('M'/'F')."""
    pool = POOLS.get(ethnicity, POOLS["Kinh"])
    family = rng.choice(pool.family)
    if gender == "F":
        middle = rng.choice(pool.middle_female)
        if pool.second_middle_female and rng.random() < pool.second_middle_chance:
            second = rng.choice(pool.second_middle_female)
            if second != middle:
                middle = f"{middle} {second}"
        given = rng.choice(pool.given_female)
    else:
        middle = rng.choice(pool.middle_male)
        given = rng.choice(pool.given_male)
    if given == middle.rsplit(" ", 1)[-1]:
        given = rng.choice(pool.given_female if gender == "F" else pool.given_male)
    return f"{family} {middle} {given}"


def pick_ethnicity(rng: random.Random, mix: str) -> str:
    return rng.choice(ETHNIC_MIXES[mix])
