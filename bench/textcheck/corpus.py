"""Synthetic corpora of Vietnamese commitments with planted copies and their ground truth.

Each text is a member's registration of about 100 syllables: an introduction (name, position, unit) and
5 to 7 items built from slot templates with large filler lists, so unrelated texts share little beyond
the movement's stock phrases. A share of texts are planted copies of an earlier text ("family" = a source
and its copies), each changed by some of: edited words, reordered items, swapped names and numbers, NFD
or the other tone placement, appended boilerplate. Edits vary in strength, so some copies fall below the
0.7 threshold: both sides of the line are exercised.

Usage: python -m bench.textcheck.corpus N OUT.jsonl   (writes {"id", "text", "source"} lines)
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

DIRECTIVE = (
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; gắn với xây dựng, chỉnh đốn "
    "Đảng và hệ thống chính trị trong sạch, vững mạnh; nêu cao tinh thần trách nhiệm, gương mẫu của cán bộ, "
    "đảng viên, nhất là người đứng đầu."
)
TOPIC = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng "
    "phát triển đất nước phồn vinh, hạnh phúc."
)
BOILERPLATE = [
    "Tôi xin hứa thực hiện nghiêm túc những nội dung đã đăng ký.",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
]

FAMILY = (
    "Nguyễn Trần Lê Phạm Hoàng Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lò Lường Quàng Cà Tòng Mùa Giàng Sùng Vàng"
).split()
MIDDLE = "Văn Thị Đức Minh Ngọc Thanh Hữu Xuân Thu Quang Công Bá Hồng Kim".split()
GIVEN = (
    "An Bình Chiến Dũng Giang Hà Hải Hạnh Hiền Hoa Hòa Hùng Hương Khánh Lan Linh Long Mai Nam Nga Ngân "
    "Phong Phúc Phương Quân Sơn Tâm Thảo Thắng Thủy Trang Trung Tuấn Tú Vân Việt Xuân Yến Páo Sính Chứ Dơ"
).split()
POSITIONS = [
    "bí thư chi bộ",
    "công chức địa chính",
    "giáo viên Toán",
    "giáo viên mầm non",
    "cán bộ tín dụng",
    "bác sĩ khoa Nội",
    "điều dưỡng",
    "trưởng bản",
    "nông dân",
    "sinh viên năm thứ ba",
    "hưu trí",
    "kế toán",
    "cán bộ văn phòng",
    "chủ tịch hội nông dân",
    "công an xã",
    "y sĩ trạm y tế",
    "giao dịch viên ngân hàng",
    "trưởng phòng khách hàng",
    "giảng viên",
    "phó chủ tịch phường",
]
UNITS = [
    "phường Mường Thanh",
    "phường Him Lam",
    "xã Thanh Xương",
    "xã Mường Phăng",
    "Trường Cao đẳng Sư phạm",
    "Chi nhánh Ngân hàng Nông nghiệp",
    "Bệnh viện đa khoa tỉnh",
    "bản Huổi Lếch",
    "bản Phiêng Lơi",
    "Trường Tiểu học Nà Nhạn",
    "Trạm y tế xã Pá Khoang",
    "tổ dân phố 5",
    "thôn Bản Phủ",
    "Hội Cựu chiến binh",
]
VERBS = [
    "hướng dẫn",
    "vận động",
    "tổ chức",
    "kiểm tra",
    "bồi dưỡng",
    "phụ đạo",
    "tư vấn",
    "thăm hỏi",
    "hỗ trợ",
    "giải quyết",
    "thu hồi",
    "rà soát",
    "cập nhật",
    "số hóa",
    "khám sàng lọc",
    "tuyên truyền cho",
    "trồng",
    "chăm sóc",
    "sửa chữa",
    "xây dựng",
    "hoàn thiện",
    "giảng dạy",
    "biên soạn",
    "đối chiếu",
]
OBJECTS = [
    "hộ gia đình",
    "học sinh yếu",
    "hồ sơ đất đai",
    "khoản vay quá hạn",
    "người cao tuổi",
    "thanh niên",
    "bệnh nhân tiểu đường",
    "hội viên phụ nữ",
    "cây cà phê",
    "cây mắc ca",
    "con bò giống",
    "trẻ em dưới 5 tuổi",
    "đơn thư kiến nghị",
    "tài khoản khách hàng",
    "bài giảng điện tử",
    "giáo án",
    "sổ theo dõi",
    "đoạn đường bê tông",
    "hộ nghèo",
    "hộ cận nghèo",
    "đảng viên mới",
    "sinh viên",
    "đoàn viên",
    "hồ sơ bệnh án",
    "lớp xóa mù chữ",
    "mô hình chăn nuôi",
    "ao cá",
    "nhà văn hóa",
    "tủ sách pháp luật",
    "camera an ninh",
]
PLACES = [
    "ở bản {v}",
    "tại thôn {v}",
    "thuộc tổ {n}",
    "trên địa bàn xã {v}",
    "ở khu vực {v}",
    "tại điểm trường {v}",
]
VILLAGE_SYL = (
    "Huổi Nà Pá Phiêng Co Lếch Khoang Mường Nậm Hua Sáng Tà Lèng Púng Bon Xá Nhừ Chua Ta Pao Sính Pịa Ngám"
).split()
TIMES = [
    "trước ngày {d}/{m}",
    "trước {d}/{m}/{y}",
    "trong quý {q}",
    "mỗi tháng",
    "hằng tuần",
    "trong học kỳ {s}",
    "đến hết tháng {m}",
    "trước 30/{m}",
    "mỗi quý một lần",
    "trong năm {y}",
    "vào thứ bảy hằng tuần",
]
PROOFS = [
    "có biên bản ghi nhận",
    "báo cáo chi bộ kết quả",
    "cập nhật vào sổ theo dõi",
    "có danh sách ký nhận",
    "được ban quản lý xác nhận",
    "lưu hồ sơ tại văn phòng",
    "công khai trên bảng tin",
    "có ảnh minh chứng",
]
WEAK = [
    "tích cực tu dưỡng rèn luyện",
    "không ngừng nâng cao trình độ",
    "chấp hành tốt mọi quy định",
    "thường xuyên học tập",
    "gương mẫu trong công tác",
    "nâng cao ý thức trách nhiệm",
]
ITEM_TEMPLATES = [
    "{verb} {qty} {obj} {place} {time}, {proof}",
    "{time} {verb} ít nhất {qty} {obj} {place}",
    "phấn đấu {pct}% {obj} {place} được {verb} {time}",
    "{verb} {obj} {place}, đạt {qty} lượt {time}",
    "{weak} và {verb} {qty} {obj}",
    "phối hợp {verb} {qty} {obj} {place} {time}, {proof}",
]
ROMAN = ["I", "II", "III", "IV"]


def _village(rng: random.Random) -> str:
    return f"{rng.choice(VILLAGE_SYL)} {rng.choice(VILLAGE_SYL)}"


def _fill(template: str, rng: random.Random) -> str:
    place = rng.choice(PLACES).format(v=_village(rng), n=rng.randint(1, 30))
    when = rng.choice(TIMES).format(
        d=rng.randint(1, 28), m=rng.randint(1, 12), y=rng.randint(2024, 2027), q=rng.choice(ROMAN), s=rng.randint(1, 2)
    )
    return template.format(
        verb=rng.choice(VERBS),
        qty=rng.randint(2, 120),
        obj=rng.choice(OBJECTS),
        place=place,
        time=when,
        proof=rng.choice(PROOFS),
        pct=rng.choice([80, 85, 90, 95, 100]),
        weak=rng.choice(WEAK),
    )


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@dataclass
class Doc:
    intro: str
    items: list[str]
    tail: str = ""

    def text(self) -> str:
        body = "; ".join(f"{i + 1}) {item}" for i, item in enumerate(self.items))
        return f"{self.intro} {body}.{self.tail}"


def original(rng: random.Random) -> Doc:
    intro = f"Tôi là {_name(rng)}, {rng.choice(POSITIONS)}, {rng.choice(UNITS)}, đăng ký làm theo:"
    items = [_fill(rng.choice(ITEM_TEMPLATES), rng) for _ in range(rng.randint(4, 6))]
    if rng.random() < 0.3:
        items.append(rng.choice(BOILERPLATE))
    return Doc(intro, items)


_OTHER_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỷ": "ủy", "uý": "úy", "oẻ": "ỏe"}
_OTHER_TONE.update({v: k for k, v in list(_OTHER_TONE.items())})


def _other_tone(text: str) -> str:
    for a, b in _OTHER_TONE.items():
        text = text.replace(a, b)
    return text


def mutate(doc: Doc, rng: random.Random) -> Doc:
    """A planted copy: some of edited words, reordered items, swapped name/numbers, appended boilerplate."""
    items = list(doc.items)
    intro = doc.intro
    if rng.random() < 0.3:
        rng.shuffle(items)
    if rng.random() < 0.5:  # swapped name
        intro = f"Tôi là {_name(rng)}, {rng.choice(POSITIONS)}, {rng.choice(UNITS)}, đăng ký làm theo:"
    if rng.random() < 0.3:  # swapped numbers
        items = [" ".join(str(rng.randint(2, 120)) if w.isdigit() else w for w in it.split()) for it in items]
    edits = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12])  # edited words: from none to heavy rewriting
    for _ in range(edits):
        k = rng.randrange(len(items))
        words = items[k].split()
        words[rng.randrange(len(words))] = rng.choice(VERBS + OBJECTS).split()[0]
        items[k] = " ".join(words)
    if rng.random() < 0.15:  # a genuinely new item replaces one
        items[rng.randrange(len(items))] = _fill(rng.choice(ITEM_TEMPLATES), rng)
    tail = " " + rng.choice(BOILERPLATE) if rng.random() < 0.4 else ""
    return Doc(intro, items, tail)


def generate(n: int, *, seed: int = 5, copy_share: float = 0.08) -> Iterator[tuple[str, int]]:
    """(text, source) for n texts; source is the index of the text it copies, -1 for an original."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    for i in range(n):
        src = -1
        if docs and rng.random() < copy_share:
            src = rng.randrange(max(0, len(docs) - 5000), len(docs))  # copy from a recent text (same cell)
            doc = mutate(docs[src], rng)
        else:
            doc = original(rng)
        docs.append(doc)
        text = doc.text()
        r = rng.random()
        if src >= 0 and r < 0.25:
            text = unicodedata.normalize("NFD", text)
        elif src >= 0 and r < 0.5:
            text = _other_tone(text)
        yield text, src
        if len(docs) > 6000:  # keep memory flat: only recent texts are copied
            docs[i - 6000] = Doc("", [])


def main() -> None:
    n = int(sys.argv[1])
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for i, (text, src) in enumerate(generate(n)):
            out.write(json.dumps({"id": i, "text": text, "source": src}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
