"""Feedback that teaches (issue 16, item 9): a generic item gets an example of what to add."""

from __future__ import annotations

from ct05.textcheck import assess
from ct05.textcheck.feedback import duty_example


def _suggestion(text: str, duty: str | None = None) -> str:
    a = assess(text, duty=duty)
    return next(r.message for r in a.reasons if r.code == "suggestion")


def test_a_generic_item_with_a_deed_is_asked_for_a_number_using_the_members_own_words() -> None:
    message = _suggestion("Tổ chức các hoạt động ngoại khoá", duty="Giáo viên Hoá học")
    assert message.startswith("Thêm con số")
    assert "«Tổ chức các hoạt động ngoại khoá, 2 lần mỗi tháng" in message


def test_a_slogan_is_answered_with_an_example_from_the_members_duty() -> None:
    message = _suggestion("Nâng cao tinh thần trách nhiệm, thái độ phục vụ", duty="Giáo viên Toán, chủ nhiệm lớp 9A")
    assert "«Giáo viên Toán, chủ nhiệm lớp 9A»" in message
    assert "ví dụ: «Phụ đạo 5 học sinh yếu môn Toán" in message
    police = _suggestion("Rèn luyện bản lĩnh chính trị", duty="Cảnh sát khu vực")
    assert "Tuần tra" in police


def test_every_duty_gets_an_example_even_an_unknown_one() -> None:
    assert duty_example("Thủ thư") != ""
    assert duty_example("Bác sĩ khoa Nhi").startswith("Tư vấn")


def test_a_specific_item_gets_no_suggestion() -> None:
    a = assess("Phụ đạo 8 học sinh yếu môn Toán vào chiều thứ Ba hằng tuần")
    assert a.verdict == "specific"
    assert "suggestion" not in {r.code for r in a.reasons}
