"""Clause-level judgement (issue 16): deeds, measures in all their forms, traps, and which part is concrete."""

from __future__ import annotations

import pytest

from ct05.textcheck import assess
from ct05.textcheck.judge import read, split_clauses
from ct05.textcheck.lexicon import lexicon


def _verdict(text: str) -> str:
    return assess(text).verdict


def _codes(text: str) -> set[str]:
    return {r.code for r in assess(text).reasons}


@pytest.mark.parametrize(
    "text",
    [
        "Treo ảnh Bác nơi trang trọng trong phòng học.",
        "Cứ 3 ngày tiết kiệm ít nhất 1 nghìn đồng bỏ vào ống heo của chi bộ.",
        "Chỉ sử dụng thang máy đi lên tầng 4 và 5, không sử dụng thang máy chiều đi xuống.",
        "Mỗi bữa ăn trích giữ lại mỗi người một nắm gạo để ủng hộ hộ nghèo trong thôn.",
        "Nhận phụng dưỡng mẹ đến cuối đời với mức 1,2 triệu đồng/tháng.",
        "Mỗi cán bộ, đảng viên đóng góp 2.000 đồng/ngày.",
        "Bảo trợ toàn bộ chi phí học tập từ lớp 8 đến lớp 12 cho em Lý Thị Mai.",
        "Thực hiện 3 cuộc kiểm tra và 3 cuộc giám sát đảng viên trong nhiệm kỳ.",
        "Có mặt tại bộ phận một cửa từ 7h30 đến 11h30 các ngày làm việc.",
        "Không hút thuốc lá trong khuôn viên trường.",
        "Khám bệnh cho trên 120 người cao tuổi của xã.",
    ],
)
def test_the_concrete_items_the_issue_quotes_are_specific(text: str) -> None:
    assert _verdict(text) == "specific", assess(text).to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Quyết tâm thực hiện tốt 5 điều Bác Hồ dạy, xem đó là kim chỉ nam cho mọi hành động.",
        "Là một đoàn viên trẻ của trường Tiểu học Tăng Tiến, bản thân tôi luôn nhận thức được trách nhiệm.",
        "Thực hiện nghiêm Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW của Bộ Chính trị.",
        "Thi đua lập thành tích chào mừng kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam 22-12.",
        "Về tư tưởng chính trị: kiên định lập trường, tuyệt đối trung thành với Đảng.",
        "Nâng cao hơn nữa chất lượng giáo dục, đổi mới sâu sắc phương pháp quản lý.",
        "Tận tuỵ, trung thực, công tâm, khách quan, khiêm tốn, giản dị.",
        'Thực hiện tốt "3 xây, 3 chống" và "4 không, 3 có".',
        "Hoàn thành 100% nhiệm vụ được giao.",
        "Phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2025.",
        "Xây dựng gia đình văn hoá.",
    ],
)
def test_traps_slogans_and_virtues_are_generic(text: str) -> None:
    assert _verdict(text) == "generic", assess(text).to_dict()


def test_it_names_the_trap_it_saw() -> None:
    assert "trap_numbered_set" in _codes("Thực hiện tốt 5 điều Bác Hồ dạy trong học tập.")
    assert "trap_document" in _codes("Thực hiện nghiêm Chỉ thị số 05-CT/TW của Bộ Chính trị.")
    assert "trap_ceremony" in _codes("Chào mừng kỷ niệm Ngày Nhà giáo Việt Nam 20-11.")
    assert "trap_role" in _codes("Là giáo viên trường THCS Nguyễn Du, tôi nguyện phấn đấu hoàn thành nhiệm vụ.")
    assert "trap_heading" in _codes("Về đạo đức, lối sống")
    assert "trap_heading" in _codes("Về tư tưởng chính trị: kiên định lập trường")


def test_a_clause_starting_with_về_that_names_a_deed_is_no_heading() -> None:
    a = assess("Về thăm 5 gia đình chính sách ở bản Nà Mòn mỗi tháng")
    assert "trap_heading" not in {r.code for r in a.reasons}
    assert a.verdict == "specific"


def test_a_number_word_count_is_a_quantity_but_a_vague_one_is_not() -> None:
    assert "no_quantity" not in _codes("Hướng dẫn hai mươi hộ trồng cà phê trong năm")
    assert "no_quantity" in _codes("Hướng dẫn một số hộ trồng cà phê trong năm")


def test_a_date_of_a_document_is_not_a_deadline() -> None:
    assert "no_deadline" in _codes("Nghiên cứu Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị")


def test_it_says_which_clause_is_concrete_and_that_the_rest_adds_nothing() -> None:
    a = assess("Luôn gương mẫu trong mọi việc; làm mới 15 bộ đồ dùng thí nghiệm trong học kỳ I.")
    assert a.verdict == "specific"
    assert [c.concrete for c in a.clauses] == [False, True]
    rest = next(r for r in a.reasons if r.code == "generic_clauses")
    assert "phần còn lại chung chung" in rest.message
    assert "Luôn gương mẫu trong mọi việc" in rest.details


def test_clauses_are_split_on_semicolons_sentences_and_list_numbers() -> None:
    pieces = [p.strip() for _, p in split_clauses("1) Trồng 5 cây; 2) Dạy 2 buổi. Đọc sách mỗi tháng")]
    assert pieces == ["Trồng 5 cây", "Dạy 2 buổi", "Đọc sách mỗi tháng"]
    text = "Kiểm tra 3 lớp mỗi tuần"
    (clause,) = read(text, lexicon())
    assert clause.deed == "kiểm tra" and clause.quantity and clause.time


def test_a_deed_inside_a_stock_phrase_is_no_deed() -> None:
    (clause,) = read("Hoàn thành tốt nhiệm vụ được giao", lexicon())
    assert clause.deed == ""
    assert "hoàn thành tốt" in clause.weak


def test_abstinence_with_a_scope_is_a_deed() -> None:
    (clause,) = read("Không uống rượu bia trong giờ làm việc", lexicon())
    assert clause.abstain and clause.anchor and clause.concrete
