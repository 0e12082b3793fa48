"""`make bench`: a quick, bounded round of the benchmarks, each against its named peer, in a few minutes.

    .venv/bin/python bench/run_all.py            # everything below
    .venv/bin/python bench/run_all.py xlsx       # only the parts named

- textcheck: near-duplicate pairs on 20,000 generated commitments, ours against datasketch and rensa
  (bench/textcheck/run.py; the "ours faster" column is the peer's wall time over ours), and the speed of
  `assess` (bench/textcheck/assess_speed.py, 20,000 commitments);
- xlsx: the streaming writer against XlsxWriter (constant_memory) and openpyxl (write-only), 10,000 member rows
  (bench/xlsx/run.py; "vs ours" is the contender's median wall time over ours);
- dashboard: the dashboard page from the rollups against the same figures aggregated live, and the year-end
  report, on the demo data in a scratch SQLite database kept under var/bench/quick/ (made on the first run:
  migrate + `seed demo`, about a minute).

Each part runs in its own process with a time limit; the full-size runs and their figures are in
docs/benchmarks*.md. The load average is printed with each part: the machine may be shared.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
CT05 = str(Path(PY).with_name("ct05"))  # the console script installed next to this interpreter
QUICK_DB = ROOT / "var" / "bench" / "quick" / "demo.sqlite3"
LIMIT_S = 600  # per command: a stuck part fails the round instead of hanging it


def run(title: str, cmd: list[str], env: dict[str, str] | None = None) -> bool:
    load = os.getloadavg()[0]
    print(f"\n## {title}\n$ {' '.join(cmd)}   (load average {load:.2f})", flush=True)
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=LIMIT_S, check=False)
    except subprocess.TimeoutExpired:
        print(f"-- {title}: stopped after {LIMIT_S} s", flush=True)
        return False
    print(f"-- {title}: {time.perf_counter() - start:.0f} s, exit status {done.returncode}", flush=True)
    return done.returncode == 0


def textcheck() -> bool:
    pairs = run(
        "textcheck: near-duplicate pairs, ours vs datasketch and rensa",
        [PY, "-m", "bench.textcheck.run", "20000", "--peers", "ours,datasketch,rensa"],
    )
    speed = run("textcheck: assess speed", [PY, "-m", "bench.textcheck.assess_speed", "20000"])
    return pairs and speed


def xlsx() -> bool:
    return run(
        "xlsx: streaming writer vs XlsxWriter constant_memory and openpyxl write-only",
        [PY, "-m", "bench.xlsx.run", "--rows", "10000", "--repeats", "3"],
    )


def dashboard() -> bool:
    env = {"DATABASE_URL": f"sqlite:///{QUICK_DB}"}
    if not QUICK_DB.exists():
        QUICK_DB.parent.mkdir(parents=True, exist_ok=True)
        partial = QUICK_DB.with_suffix(".tmp")  # a half-made database is never mistaken for a ready one
        partial.unlink(missing_ok=True)
        # DEBUG=true: a scratch database on this machine (`seed demo` refuses without it, issue 12)
        scratch = {"DATABASE_URL": f"sqlite:///{partial}", "DEBUG": "true"}
        ok = run("dashboard: scratch database", [CT05, "migrate", "--no-input"], scratch) and run(
            "dashboard: demo data", [CT05, "seed", "demo"], scratch
        )
        if not ok:
            return False
        partial.rename(QUICK_DB)
    return run(
        "dashboard: page from the rollups vs live aggregation, and the year-end report",
        [PY, "bench/dashboard/run.py", "--rollup", "--report", "--requests", "50", "--peer-runs", "5"],
        env,
    )


PARTS = {"textcheck": textcheck, "xlsx": xlsx, "dashboard": dashboard}


def main() -> None:
    names = sys.argv[1:] or list(PARTS)
    unknown = [n for n in names if n not in PARTS]
    if unknown:
        raise SystemExit(f"unknown part(s) {', '.join(unknown)}; choose among {', '.join(PARTS)}")
    start = time.perf_counter()
    results = {name: PARTS[name]() for name in names}
    print(f"\n## Summary ({time.perf_counter() - start:.0f} s)")
    for name, ok in results.items():
        print(f"- {name}: {'ok' if ok else 'FAILED'}")
    if not all(results.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
