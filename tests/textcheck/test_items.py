"""Copies found item by item (issue 16, item 6): light edits, reordering and a new name do not hide a copy;
stock phrases and a unit's formula never make one."""

from __future__ import annotations

from ct05.textcheck.items import find_item_copies

DIRECTIVE = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; nêu cao tinh thần trách nhiệm."
ORIGINAL = (
    "Tôi là Lò Văn Páo, trưởng bản Nà Mòn. 1) Hướng dẫn 12 hộ ở bản Nà Mòn làm chuồng bò cách nhà ở trước "
    "tháng 6; 2) Vận động 8 gia đình cho con đến lớp đúng độ tuổi trong tháng 8; 3) Trồng 300 cây quế trên "
    "đồi Pá Khoang vào vụ xuân; 4) Mỗi tháng họp bản một lần, ghi biên bản và đọc cho bà con nghe."
)
# About one word in ten changed, dropped or added; items reordered; another name.
COPY = (
    "Tôi là Giàng A Sử, phó bản. 1) Trồng 300 cây quế trên đồi Pá Khoang trong vụ xuân; 2) Mỗi tháng họp "
    "bản một lần, ghi biên bản rồi đọc cho bà con nghe; 3) Hướng dẫn 12 hộ ở bản Nà Mòn làm chuồng trâu cách "
    "nhà ở trước tháng 6; 4) Vận động 8 gia đình đưa con đến lớp đúng độ tuổi trong tháng 8."
)
OTHERS = [
    "Tôi là Vi Thị Nhàn, giáo viên. 1) Phụ đạo 6 học sinh yếu môn Toán mỗi chiều thứ Năm; 2) Đến nhà 4 em "
    "có nguy cơ bỏ học trong tháng 9; 3) Làm 10 bộ đồ dùng dạy học từ vật liệu tái chế trước tháng 12.",
    "Tôi là Hoàng Văn Lợi, y sĩ. 1) Khám sàng lọc cho 150 trẻ dưới 5 tuổi của xã trong quý II; 2) Tiêm đủ "
    "mũi cho 40 trẻ ở bản Sà Phìn trước tháng 10; 3) Mỗi tuần tư vấn dinh dưỡng cho 5 bà mẹ mang thai.",
]
STOCK = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Nêu cao tinh thần trách nhiệm."


def test_a_lightly_edited_reordered_copy_under_another_name_is_found() -> None:
    pairs = find_item_copies([ORIGINAL, *OTHERS, COPY], template_texts=(DIRECTIVE,))
    assert [(p.a, p.b) for p in pairs] == [(0, 3)]
    assert pairs[0].similarity >= 0.75


def test_texts_sharing_only_the_directive_and_stock_lines_are_not_copies() -> None:
    texts = [f"{t} {STOCK}" for t in OTHERS] + [f"{STOCK} Tôi xin hứa thực hiện nghiêm túc."]
    assert find_item_copies(texts, template_texts=(DIRECTIVE,)) == []
