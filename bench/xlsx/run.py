"""Benchmark: the home-made streaming .xlsx writer (ct05/orgs/xlsx_stream.py) against XlsxWriter's
constant_memory mode (and openpyxl's write-only mode for reference) on a realistic member list.

    .venv/bin/python -m bench.xlsx.run --rows 50000 --repeats 3

Each run is a fresh subprocess writing one file, the contenders alternating (ours, xlsxwriter, openpyxl, ours,
…) so a change in the load of the shared machine touches them alike. Per run: wall time of the write; peak RSS
of the process above its level before writing (ru_maxrss); in a separate run per contender, the peak of the
Python allocations (tracemalloc, which slows the writing, so not timed). The rows come from a generator in
both, as in the exports (a queryset iterator): the list is never held in memory. Afterwards every file is
opened with openpyxl and its cell values compared with the first contender's, cell by cell.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook

from ct05.core.text import escape_cell
from ct05.orgs.xlsx_stream import Sheet

from .contenders import CONTENDERS

HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số thẻ đảng viên",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Chi bộ",
    "Chức vụ",
    "Điện thoại",
    "Tuổi đảng",
    "Điểm đánh giá",
    "Ghi chú",
]
WIDTHS = [26, 12, 10, 12, 16, 14, 14, 34, 22, 14, 10, 12, 40]
FAMILY = ["Lò", "Quàng", "Lường", "Cà", "Nguyễn", "Trần", "Vàng", "Giàng", "Sùng", "Điêu", "Phạm", "Hoàng"]
MIDDLE = ["Văn", "Thị", "A", "Thị Ngọc", "Đức", "Minh", "Xuân", "Thanh"]
GIVEN = ["Ví", "Sơn", "Hương", "Dùng", "Chứ", "Thắm", "Quyết", "Ảnh", "Hải", "Phượng", "Thư", "Lợi", "Mỷ"]
ETHNIC = ["Thái", "Kinh", "Mông", "Khơ Mú", "Dao", "Lào", "Hà Nhì", "Cống"]
CELLS = ["Chi bộ tổ dân phố {n}", "Chi bộ bản Mường Phăng {n}", "Chi bộ Trường THCS số {n}", "Chi bộ Công an xã {n}"]
POSITIONS = ["Bí thư chi bộ", "Phó bí thư", "Đảng viên", "Chi ủy viên", "Trưởng bản", "Giáo viên", ""]
# Notes as users type them: some look like formulas (escaped by the exports), some span two lines.
NOTES = [
    "",
    "",
    "Tích cực tham gia phong trào “Dân vận khéo”",
    '=HYPERLINK("http://x.invalid","Bấm vào")',
    "+84 912 345 678",
    "-Chuyển sinh hoạt tạm thời",
    "@Ban Tuyên giáo",
    "Gương điển hình tiên tiến năm 2025;\nđề nghị biểu dương cấp huyện",
    "Đăng ký: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tiết kiệm",
]


def members(n: int, seed: int = 5) -> Iterator[list[object]]:
    """n rows of a member list, already escaped as `export_value` escapes them (same rows for every seed)."""
    rnd = random.Random(seed)
    for i in range(n):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 52))
        joined = born + dt.timedelta(days=365 * 20 + rnd.randrange(365 * 15))
        official = joined + dt.timedelta(days=365)
        yield [
            f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}",
            born,
            rnd.choice(["Nam", "Nữ"]),
            rnd.choice(ETHNIC),
            f"{rnd.randrange(10**9):09d}",  # leading zeros must survive: text, not a number
            joined,
            official,
            rnd.choice(CELLS).format(n=1 + i % 40),
            rnd.choice(POSITIONS),
            f"09{rnd.randrange(10**8):08d}",
            2026 - joined.year,
            round(rnd.uniform(50, 100), 1),
            escape_cell(rnd.choice(NOTES)),
        ]


def sheets(n: int) -> list[Sheet]:
    return [Sheet("Danh sách đảng viên", members(n), WIDTHS, HEADER)]


def one(name: str, rows: int, out: Path, trace: bool) -> dict[str, float]:
    """Inside the subprocess: write one file, measure."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    CONTENDERS[name](out, sheets(rows))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"wall": wall, "cpu": cpu, "rss_kib": after - before, "traced_peak": peak, "size": out.stat().st_size}


def spawn(name: str, rows: int, out: Path, trace: bool = False) -> dict[str, float]:
    cmd = [sys.executable, "-m", "bench.xlsx.run", "--one", name, "--rows", str(rows), "--out", str(out)]
    if trace:
        cmd.append("--trace")
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    return json.loads(done.stdout.strip().splitlines()[-1])


def values(path: Path) -> list[tuple[object, ...]]:
    """The cell values row by row, trailing empty cells dropped (a file without a <dimension> element, as ours,
    reads back in openpyxl's read-only mode as ragged rows; the values are what is compared)."""
    rows = load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
    out = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        out.append(tuple(cells))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--peers", default="ours,xlsxwriter,openpyxl")
    ap.add_argument("--one", default="", help=argparse.SUPPRESS)
    ap.add_argument("--out", default="", help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.rows, Path(args.out), args.trace)))
        return
    names = args.peers.split(",")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: Path(tmp) / f"{name}.xlsx" for name in names}
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
        for _ in range(args.repeats):
            for name in names:
                runs[name].append(spawn(name, args.rows, files[name]))
        traced = {name: spawn(name, args.rows, Path(tmp) / f"{name}-t.xlsx", trace=True) for name in names}
        reference = values(files[names[0]])
        same = {name: values(files[name]) == reference for name in names}
    load_after = os.getloadavg()
    base = statistics.median(r["wall"] for r in runs[names[0]])
    base_cpu = statistics.median(r["cpu"] for r in runs[names[0]])
    print(
        f"{args.rows} rows × {len(HEADER)} columns, {args.repeats} runs each, alternating; "
        f"load average {load[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print(
        "| writer | wall median (s) | min–max (s) | vs ours | CPU median (s) | vs ours | "
        "peak RSS above start (MiB) | peak Python allocations (MiB) | file (KiB) | same cell values as ours |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in names:
        walls = [r["wall"] for r in runs[name]]
        med = statistics.median(walls)
        cpu = statistics.median(r["cpu"] for r in runs[name])
        rss = max(r["rss_kib"] for r in runs[name]) / 1024
        print(
            f"| {name} | {med:.2f} | {min(walls):.2f}–{max(walls):.2f} | {med / base:.2f}× | "
            f"{cpu:.2f} | {cpu / base_cpu:.2f}× | {rss:.1f} | "
            f"{traced[name]['traced_peak'] / 2**20:.1f} | {runs[name][0]['size'] / 1024:.0f} | "
            f"{'yes' if same[name] else 'NO'} |"
        )


if __name__ == "__main__":
    main()
