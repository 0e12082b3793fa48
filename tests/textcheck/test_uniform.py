"""Uniform versus personal (issue 16, item 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ct05.textcheck import find_pairs, uniform_items, uniform_templates

RULE = "Không uống rượu bia trong giờ làm việc"


def _unit() -> list[str]:
    return [
        f"1) {RULE}; 2) Trồng 20 cây keo ở đồi Nà Làng trước 30/6",
        f"1) {RULE}; 2) Dạy 5 em học sinh lớp 3 đọc thông viết thạo mỗi tuần",
        f"{RULE}. Đọc 2 cuốn sách về Bác trong năm và viết thu hoạch",
        "Giúp 3 hộ nghèo thôn Bó Lếch làm chuồng bò trước mùa mưa",
    ]


def test_an_item_in_most_registrations_of_a_unit_is_flagged_shared() -> None:
    found = uniform_items(_unit())
    assert [len(row) for row in found] == [1, 1, 1, 0]
    assert found[0][0].source == "shared" and found[0][0].members == 3
    assert found[0][0].text == RULE


def test_an_item_from_the_units_plan_is_flagged_plan() -> None:
    plan = "Kế hoạch của chi bộ: mỗi đảng viên giúp 3 hộ nghèo thôn Bó Lếch làm chuồng bò trước mùa mưa."
    found = uniform_items(_unit(), plan_texts=(plan,))
    assert [u.source for u in found[3]] == ["plan"]


def test_a_personal_item_is_not_flagged() -> None:
    found = uniform_items(_unit(), min_members=5)
    assert all(row == () for row in found)


def test_uniform_items_never_make_two_members_copies() -> None:
    texts = [f"{RULE}; {RULE} khi tiếp dân; không hút thuốc trong phòng họp; đi làm đúng giờ", ""] * 1
    texts = [texts[0], texts[0] + "; trồng 3 cây bưởi trước tết", texts[0] + "; dạy 2 cháu bơi trong hè"]
    assert find_pairs(texts) != []  # the same rule in everyone's text looks like copying…
    templates = uniform_templates(uniform_items(texts, min_members=3))
    assert find_pairs(texts, template_texts=templates) == []  # …until it is known to be the unit's rule


def test_the_command_line_flags_uniform_items_per_unit(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("Mỗi đảng viên giúp 3 hộ nghèo thôn Bó Lếch làm chuồng bò trước mùa mưa.", encoding="utf-8")
    rows = [{"id": k, "text": t, "unit": "A"} for k, t in enumerate(_unit())]
    rows.append({"id": "other", "text": _unit()[0], "unit": "B"})  # alone in its unit: nothing is uniform
    done = subprocess.run(
        [sys.executable, "-m", "ct05.textcheck", "uniform", "--plan", str(plan)],
        input="".join(json.dumps(r) + "\n" for r in rows).encode(),
        capture_output=True,
        check=True,
    )
    out = {o["id"]: o["uniform"] for o in map(json.loads, done.stdout.decode().splitlines())}
    assert out[0] == [{"text": RULE, "source": "shared", "members": 3}]
    assert [u["source"] for u in out[3]] == ["plan"]
    assert out["other"] == []


def test_a_commitment_is_uniform_only_when_every_item_of_it_is() -> None:
    regs = [
        [RULE, "Trồng 20 cây keo ở đồi Nà Làng trước 30/6"],
        [RULE],
        [f"{RULE}; dạy 5 em học sinh lớp 3 đọc thông viết thạo mỗi tuần"],
        [RULE, "Giúp 3 hộ nghèo thôn Bó Lếch làm chuồng bò trước mùa mưa"],
    ]
    from ct05.textcheck import uniform_commitments

    flags = uniform_commitments(regs)
    assert flags == [["shared", ""], ["shared"], [""], ["shared", ""]]
    planned = uniform_commitments(
        [["Giúp 3 hộ nghèo thôn Bó Lếch làm chuồng bò"]], plan_texts=("giúp 3 hộ nghèo thôn Bó Lếch làm chuồng bò",)
    )
    assert planned == [["plan"]]
