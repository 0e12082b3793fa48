"""One bounded run of the registration peak (bench/load/peak.py) against gunicorn on loopback, at one or two
application nodes, on a seeded PostgreSQL province.

    .venv/bin/ct05 seed province                          # once, into $DATABASE_URL (PostgreSQL)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct05_load_bench \
      .venv/bin/python -m bench.load.run --nodes 1 --users 30 --seconds 90 --out /tmp/peak-1

What it does: resets the personas' registrations to the peak's states (bench/load/personas.py), starts
`--nodes` gunicorn processes with deploy/gunicorn.conf.py on ports 8108 and 8118 (127.0.0.1 only), waits for
/healthz, warms each node (its workers' first sign-in pages, not counted), runs locust headless for
`--seconds` with `--users` virtual users, writes locust's CSV files under
`--out`, then stops what it started and prints one table: requests per second, p50/p95/p99 and failures per
kind of request, the CPU seconds the application nodes and their database connections used (what the
capacity estimate in docs/benchmarks-load.md divides by), and the load average before and after (the machine
is shared: the figures say as much about the neighbours as about CT05 when it is high).

Two-factor sign-in is off on these nodes (TWO_FACTOR_REQUIRED=false): a TOTP code per virtual user would
measure the harness. DEBUG is off, as in production.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTS = (8108, 8118)
TICK = os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes and of their children still running (gunicorn's workers)."""
    total = 0.0
    seen: set[int] = set()
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        todo.extend(int(c) for c in children)
    return total


def _db_backends(url: str) -> list[int]:
    name = url.rsplit("/", 1)[1]
    out = subprocess.run(
        [
            "psql",
            url.rsplit("/", 1)[0] + "/postgres",
            "-Atc",
            f"select pid from pg_stat_activity where datname='{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [int(p) for p in out.split()]


def _wait_ready(port: int, deadline: float) -> None:
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn on {port} did not answer /healthz")


def _warm(port: int, n: int) -> None:
    """A server that has run for a while: every gunicorn worker has imported its views and compiled the
    sign-in page's templates. Without this the first sign-in form each worker serves (~2.4 s) is counted."""
    from concurrent.futures import ThreadPoolExecutor

    def get(_: int) -> None:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=30) as r:
            r.read()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(get, range(n)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, choices=[1, 2], default=1)
    ap.add_argument("--users", type=int, default=30, help="virtual users (people clicking, 1–3 s apart)")
    ap.add_argument("--spawn-rate", type=float, default=3)
    ap.add_argument("--seconds", type=int, default=90)
    ap.add_argument("--workers", type=int, default=4, help="gunicorn workers per node (deploy default 4)")
    ap.add_argument("--threads", type=int, default=2, help="threads per worker (deploy default 2)")
    ap.add_argument("--cells", type=int, default=120)
    ap.add_argument("--out", default="/tmp/ct05-peak")
    args = ap.parse_args()
    if not 10 <= args.seconds <= 600:
        raise SystemExit("--seconds between 10 and 600: runs are bounded")
    db = os.environ.get("DATABASE_URL", "")
    if not db.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name the seeded PostgreSQL database")
    personas = Path(args.out + "-personas.json")
    py = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [py, "-m", "bench.load.personas", "--cells", str(args.cells), "--out", str(personas)], cwd=ROOT, check=True
    )
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or os.urandom(40).hex(),
        "TWO_FACTOR_REQUIRED": "false",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
        "LOG_LEVEL": "WARNING",
    }
    nodes: list[subprocess.Popen[bytes]] = []
    logs = []
    try:
        for port in PORTS[: args.nodes]:
            log = open(f"{args.out}-gunicorn-{port}.log", "wb")  # noqa: SIM115 (closed below)
            logs.append(log)
            nodes.append(
                subprocess.Popen(
                    [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "ct05.wsgi:application"],
                    cwd=ROOT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for port in PORTS[: args.nodes]:
            _wait_ready(port, time.time() + 60)
            _warm(port, args.workers * args.threads * 4)
        load_before = _load()
        cpu_app_before = _cpu_seconds([n.pid for n in nodes])
        started = time.time()
        subprocess.run(
            [
                str(ROOT / ".venv/bin/locust"),
                "-f",
                "bench/load/peak.py",
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.seconds}s",
                "--csv",
                args.out,
                "--only-summary",
                "--stop-timeout",
                "5",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "CT05_PERSONAS": str(personas),
                "CT05_NODES": ",".join(f"http://127.0.0.1:{p}" for p in PORTS[: args.nodes]),
            },
            check=False,
        )
        wall = time.time() - started
        cpu_app = _cpu_seconds([n.pid for n in nodes]) - cpu_app_before
        cpu_db = _cpu_seconds(_db_backends(db))
        load_after = _load()
    finally:
        for n in nodes:
            os.killpg(n.pid, signal.SIGTERM)
        for n in nodes:
            n.wait(timeout=40)
        for log in logs:
            log.close()
    report(args, wall, cpu_app, cpu_db, load_before, load_after)


def report(args: argparse.Namespace, wall: float, cpu_app: float, cpu_db: float, before: str, after: str) -> None:
    rows = list(csv.DictReader(open(f"{args.out}_stats.csv", encoding="utf-8")))  # noqa: SIM115
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    print(
        f"\n{args.nodes} node(s) × {args.workers} workers × {args.threads} threads, {args.users} users, "
        f"{args.seconds} s; commit {commit.stdout.strip()}; load {before} → {after}"
    )
    print("| request | n | req/s | p50 ms | p95 ms | p99 ms | max ms | failures |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    total = None
    for r in rows:
        line = (
            f"| {r['Name']} | {r['Request Count']} | {float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} "
            f"| {r['99%']} | {float(r['Max Response Time']):.0f} | {r['Failure Count']} |"
        )
        if r["Name"] == "Aggregated":
            total = r
        else:
            print(line)
    if total is not None:
        n = int(total["Request Count"])
        print(
            f"| **all** | {n} | {float(total['Requests/s']):.1f} | {total['50%']} | {total['95%']} | {total['99%']} "
            f"| {float(total['Max Response Time']):.0f} | {total['Failure Count']} |"
        )
        if n:
            goals(rows)
            print(
                f"CPU: application nodes {cpu_app:.1f} s, their database connections {cpu_db:.1f} s over {wall:.0f} s "
                f"→ {1000 * cpu_app / n:.1f} ms + {1000 * cpu_db / n:.1f} ms of CPU per request"
            )


PAGE_P95_MS = 300  # issue 15, item 5: page views
LIVE_P95_MS = 100  # live checks while typing


def goals(rows: list[dict[str, str]]) -> None:
    """Issue 15's goals, row by row: every page's p95 and the live checks' p95 against their limits, no failures."""
    pages = [r for r in rows if r["Name"].startswith("page: ") and int(r["Request Count"])]
    live = [r for r in rows if r["Name"].startswith("live: ") and int(r["Request Count"])]
    worst = max(pages, key=lambda r: float(r["95%"]), default=None)
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] != "Aggregated")
    if worst is not None:
        verdict = "met" if float(worst["95%"]) <= PAGE_P95_MS else "NOT met"
        print(f"goal: every page view p95 ≤ {PAGE_P95_MS} ms: {verdict}", end=" ")
        print(f"(worst: {worst['Name']}, p95 {worst['95%']} ms)")
    for r in live:
        verdict = "met" if float(r["95%"]) <= LIVE_P95_MS else "NOT met"
        print(f"goal: {r['Name']} p95 ≤ {LIVE_P95_MS} ms: {verdict} (p95 {r['95%']} ms)")
    print(f"goal: no errors: {'met' if failures == 0 else f'NOT met ({failures} failures)'}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
