"""What the page shows must agree with itself (issue 16): a score of 100 never comes with stock phrases
listed, and an item's parts are stored with the verdict."""

from __future__ import annotations

import json
from pathlib import Path

from ct05.textcheck import assess

EVAL = Path(__file__).resolve().parents[2] / "bench" / "textcheck" / "eval"
TWO_PARTS = "Phấn đấu hoàn thành tốt nhiệm vụ; mỗi tháng dạy 4 buổi phụ đạo môn Toán cho học sinh yếu lớp 9"


def test_stock_phrases_of_another_clause_cost_the_item_points_but_not_its_verdict() -> None:
    a = assess(TWO_PARTS)
    assert a.verdict == "specific"
    assert "weak_phrases" in {r.code for r in a.reasons}
    assert 60 <= a.score < 100


def test_no_item_of_the_evaluation_set_scores_100_with_stock_phrases_listed() -> None:
    for split in ("tune", "heldout"):
        for line in (EVAL / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            a = assess(str(row["text"]), duty=row.get("duty") or None)
            if "weak_phrases" in {r.code for r in a.reasons}:
                assert a.score < 100, row["id"]


def test_the_stored_reasons_carry_the_concrete_and_the_generic_clauses() -> None:
    stored = assess(TWO_PARTS).stored_reasons()
    parts = next(r for r in stored if r["code"] == "generic_clauses")
    assert parts["concrete"] == ["mỗi tháng dạy 4 buổi phụ đạo môn Toán cho học sinh yếu lớp 9"]
    assert parts["details"] == ["Phấn đấu hoàn thành tốt nhiệm vụ"]
    json.dumps(stored)  # stored as JSON


def test_the_suggestion_draws_on_the_example_duty_when_no_duty_is_linked() -> None:
    a = assess("Luôn phấn đấu rèn luyện bản thân", example_duty="Y sĩ trạm y tế xã, phụ trách tiêm chủng")
    hint = next(r.message for r in a.reasons if r.code == "suggestion")
    assert "Y sĩ trạm y tế xã" in hint
    assert "not_linked_to_duty" not in {r.code for r in a.reasons}  # the example duty never judges


def test_a_number_then_a_comma_is_no_numbered_set() -> None:
    text = "Mỗi tháng tổ chức 2 lớp bồi dưỡng kỹ năng ở tổ dân phố 1, có ảnh và danh sách người tham dự"
    assert not any(r.code == "trap_numbered_set" for r in assess(text).reasons)
    assert any(r.code == "trap_numbered_set" for r in assess("Thực hiện tốt 3 có, 3 không").reasons)


def test_the_example_never_repeats_the_stock_phrase_it_asks_to_drop() -> None:
    a = assess("Đoàn kết, giúp đỡ đồng nghiệp hoàn thành tốt nhiệm vụ được giao", duty="Tham gia tổ hòa giải ở cơ sở")
    hint = next(r.message for r in a.reasons if r.code == "suggestion")
    example = hint.split("ví dụ: ", 1)[1]
    assert "«hoàn thành tốt»" in hint and "hoàn thành tốt" not in example
    assert "hòa giải" in example  # from the member's duty
