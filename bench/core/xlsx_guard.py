"""Benchmark of the spreadsheet guard (issue 12, item 6): time and peak memory of refusing hostile files.

    .venv/bin/python bench/core/xlsx_guard.py [--bomb-mb 200]

Each file is written to a temporary folder first; then a fresh Python process loads Django, measures its
resident memory (the baseline), runs `xlsx_check` on the file and reports the time and how much the peak
resident memory grew (VmHWM of /proc/self/status covers zlib's and expat's C buffers, which tracemalloc cannot see).
The peer is openpyxl's read-only mode on the same file as the importers used it before the guard, run only
on a small version of the declared-huge file (its memory grows with the rows; 20,000 rows took 2.6 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, os, sys, time
import django
django.setup()
from ct05.core.xlsx_guard import SpreadsheetRejected, XlsxLimits, xlsx_check
path, mode = sys.argv[1], sys.argv[2]
def hwm():  # peak resident memory of this process in KB (VmHWM starts afresh at exec, unlike ru_maxrss)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
before = hwm()
start = time.perf_counter()
message = "accepted"
if mode == "guard":
    try:
        xlsx_check(open(path, "rb"), limits=XlsxLimits(max_rows=20_001, max_columns=64))
    except SpreadsheetRejected as exc:
        message = exc.message
else:  # the importers before the guard: read-only openpyxl, every row collected
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    message = f"{len(rows)} rows of {len(rows[0])} cells"
seconds = time.perf_counter() - start
after = hwm()
print(json.dumps({"seconds": seconds, "grew_mb": (after - before) / 1024, "peak_mb": after / 1024, "message": message}))
"""


def measure(path: Path, mode: str) -> dict[str, object]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ct05.settings", PYTHONPATH=str(ROOT))
    env.setdefault("SECRET_KEY", os.urandom(40).hex())
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), mode], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bomb-mb", type=int, default=200, help="blanks inside the zip bomb's sheet, in MB")
    args = parser.parse_args()
    from tests.core.xlsx_samples import declared_huge, workbook_bytes, zip_bomb

    with tempfile.TemporaryDirectory(prefix="ct05-xlsx-guard-") as tmp:
        files = {
            "declared A1:XFD1048576, 20,000 one-cell rows": declared_huge(rows=20_000),
            f"zip bomb ({args.bomb_mb} MB of blanks in the sheet)": zip_bomb(megabytes=args.bomb_mb),
            "ordinary: 20,000 rows x 10 cells (accepted)": workbook_bytes(
                [[f"r{n}c{c}" for c in range(10)] for n in range(20_000)]
            ),
            "peer input: declared A1:XFD1048576, 200 one-cell rows": declared_huge(rows=200),
        }
        print(f"{'file':58} {'KB':>6} {'mode':>8} {'seconds':>8} {'RSS grew MB':>12} {'peak MB':>8}  result")
        for label, data in files.items():
            path = Path(tmp) / "f.xlsx"
            path.write_bytes(data)
            modes = ["guard", "openpyxl"] if label.startswith("peer") else ["guard"]
            for mode in modes:
                r = measure(path, mode)
                print(
                    f"{label:58} {len(data) // 1024:>6} {mode:>8} {r['seconds']:>8.3f} {r['grew_mb']:>12.1f} "
                    f"{r['peak_mb']:>8.0f}  {str(r['message'])[:70]}"
                )


if __name__ == "__main__":
    main()
