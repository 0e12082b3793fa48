"""Throughput of ``assess``: commitments per second per core.

    python -m bench.textcheck.assess_speed [N] [--one-process] [--rounds=K]

Commitments are single items of the synthetic generator (one clause each, 15-30 syllables, as members
write them) plus the labelled fixture set. Per-core speed is measured as CPU time of one process (so the
figure does not depend on what else the machine runs); the two-process figure is wall time. On a shared
machine CPU time still grows with the load (caches, hyperthreads): ``--rounds=K`` times the same texts K times
and prints the best round too, the figure closest to an idle machine.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import sys
import time
from pathlib import Path

from ct05.textcheck import assess

from .corpus import ITEM_TEMPLATES, _fill

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "textcheck" / "fixtures" / "commitments.jsonl"
DUTY = "Giảng dạy môn Toán lớp 9, chủ nhiệm lớp 9A"


def commitments(n: int) -> list[str]:
    rng = random.Random(7)
    fixture = [json.loads(line)["text"] for line in FIXTURES.read_text(encoding="utf-8").splitlines()]
    items = [_fill(rng.choice(ITEM_TEMPLATES), rng) for _ in range(n - len(fixture))]
    return fixture + items


def _work(texts: list[str]) -> float:
    start = time.process_time()
    for t in texts:
        assess(t, duty=DUTY)
    return time.process_time() - start


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    texts = commitments(n)
    rounds = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--rounds=")), 1)
    assess("khởi động")  # load lexicons outside the timing
    times: list[float] = []
    for _ in range(rounds):
        cpu = _work(texts)
        times.append(cpu)
        print(f"assess: {n:,} commitments, {n / cpu:,.0f} per second per core (CPU time {cpu:.2f} s)")
    if rounds > 1:
        print(f"assess: best of {rounds} rounds, {n / min(times):,.0f} per second per core")
    if "--one-process" in sys.argv:  # an A/B against another commit in the same minute on a busy machine
        return
    half = len(texts) // 2
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_work, [texts[:half], texts[half:]])
    wall = time.perf_counter() - start
    print(f"assess: 2 processes, {n / wall:,.0f} per second wall ({wall:.2f} s)")


if __name__ == "__main__":
    main()
