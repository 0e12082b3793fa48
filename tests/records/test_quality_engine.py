"""The standards verdict through the real engine (ct05.textcheck), not a stand-in."""

from ct05.records.quality import assess_items


def test_concrete_standards_pass_with_the_real_engine() -> None:
    verdict = assess_items(
        ["Đến cơ quan trước 7 giờ 30", "Không nhận quà khi giải quyết hồ sơ", "Trả hồ sơ đúng hẹn 100%"]
    )
    assert verdict.is_good


def test_vague_standards_fail_with_reasons_numbered_by_item() -> None:
    verdict = assess_items(
        ["Trả hồ sơ đúng hẹn 100%", "Không ngừng nâng cao chất lượng, tích cực thực hiện tốt nhiệm vụ"]
    )
    assert not verdict.is_good
    assert any(r["item"] == 1 for r in verdict.reasons)
    assert all(r["item"] != 0 for r in verdict.reasons if r["item"] is not None)
