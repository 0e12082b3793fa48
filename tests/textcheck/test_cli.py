"""The command line is a contract: JSON lines in and out, exit status 2 on a malformed line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ct05.textcheck.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], data: bytes) -> tuple[int, list[dict[str, Any]]]:
    out = io.BytesIO()
    code = main(args, stdin=io.BytesIO(data), stdout=out)
    return code, [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]


def _lines(*objs: object) -> bytes:
    # ASCII escapes, so a lone surrogate travels as "\\ud800" the way another program would send it.
    return "".join(json.dumps(o) + "\n" for o in objs).encode("ascii")


def test_assess_writes_one_line_per_input() -> None:
    code, out = _run(
        ["assess"],
        _lines(
            {"id": 1, "text": "Hướng dẫn 15 hộ trồng cà phê trước 30/6, có danh sách ký nhận"},
            {"id": "b", "text": "Chấp hành tốt", "duty": "giáo viên"},
        ),
    )
    assert code == 0
    assert [o["id"] for o in out] == [1, "b"]
    assert out[0]["verdict"] == "specific"
    assert set(out[1]) >= {"id", "score", "verdict", "reasons"}  # fields may be added, never removed
    assert all(set(r) == {"code", "message"} for r in out[1]["reasons"])


def test_assess_uses_template_files(tmp_path: Path) -> None:
    directive = tmp_path / "directive.txt"
    directive.write_text("Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", encoding="utf-8")
    code, out = _run(
        ["assess", "--template", str(directive)],
        _lines({"id": 1, "text": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}),
    )
    assert code == 0
    assert "copied_from_template" in {r["code"] for r in out[0]["reasons"]}


def test_pairs_writes_verified_pairs_with_ids_in_input_order() -> None:
    text = "Tôi hướng dẫn 15 hộ gia đình ở bản Huổi Lếch trồng cà phê trước 30/6/2025 và báo cáo chi bộ"
    code, out = _run(
        ["pairs", "--threshold", "0.7"],
        _lines({"id": "z", "text": text}, {"id": "m", "text": "Dạy 4 tiết Toán mỗi tuần"}, {"id": "a", "text": text}),
    )
    assert code == 0
    assert out == [{"a": "z", "b": "a", "similarity": 1.0}]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"id": 1, "text": "ok"}\nnot json\n', "line 2: not valid JSON"),
        (b'{"id": 1, "text": "ok"}\n\n', "line 2: blank line"),
        (b"[1, 2]\n", "line 1: expected a JSON object"),
        (b'{"text": "no id"}\n', 'line 1: missing "id"'),
        (b'{"id": 1, "text": 5}\n', 'line 1: "text" must be a string'),
        (b'{"id": 1, "text": "x", "duty": 3}\n', 'line 1: "duty" must be a string or null'),
        (b'{"id": 1, "text": "x"}\n\xff\xfe\x00garbage\n', "line 2: not valid UTF-8"),
        (b"[" * 100_000 + b"\n", "line 1: not valid JSON"),
    ],
)
def test_a_malformed_line_stops_with_its_number_and_status_2(
    data: bytes, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run(["assess"], data)
    assert code == 2
    assert fragment in capsys.readouterr().err


def test_odd_texts_never_crash_it() -> None:
    odd = ["", "😀🎉", "日本語 العربية", "ổ" * 1_000_000, "\x00\x01\x02", "\ud800 lone surrogate"]
    data = _lines(*({"id": i, "text": t} for i, t in enumerate(odd)))
    code, out = _run(["assess"], data)
    assert code == 0 and len(out) == len(odd)
    code, out = _run(["pairs"], data)
    assert code == 0 and out == []


def test_it_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ct05.textcheck", "pairs", "--threshold", "1.5"],
        input=b"",
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert b"threshold" in done.stderr
