"""Benchmark: our ``pairs`` against datasketch and rensa on one generated corpus, in one run.

    python -m bench.textcheck.run 100000 --peers ours,datasketch,rensa --exhaustive
    python -m bench.textcheck.run 1000000 --peers ours,rensa

Each contender runs in its own process (bench/textcheck/contenders.py); this process samples the memory
of that process and all its children every 20 ms (peak of the sum) and scores the pairs against
the ground truth:

Memory is the peak of the summed PSS (proportional set size) of the contender and its workers.

* exact Jaccard >= threshold on the kept shingles, computed by an independent reference path (the scalar
  regex tokenizer, Python string sets, exact document frequencies over the whole corpus rather than a
  sample);
* pairs: every pair inside a planted family (a text and its copies), and with ``--exhaustive`` every pair
  of the corpus (prefix-filtered exact similarity join), which also shows whether unplanted pairs exist.

Corpora and truth are cached under var/bench/textcheck/.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from ct05.textcheck.normalize import tokenize
from ct05.textcheck.pairs import COMMON_MIN_DOCS, COMMON_SHARE

from .contenders import TEMPLATES
from .corpus import generate

CACHE = Path("var/bench/textcheck")


def corpus_path(n: int) -> Path:
    path = CACHE / f"corpus-{n}.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            for i, (text, src) in enumerate(generate(n)):
                out.write(json.dumps({"id": i, "text": text, "source": src}, ensure_ascii=False) + "\n")
        tmp.rename(path)
    return path


def _ref_hashes(texts: list[str]) -> list[np.ndarray]:
    # Python's str hash: consistent inside one run (forked workers share the seed), all we need here.
    out = []
    for t in texts:
        toks = tokenize(t)
        out.append(np.unique(np.fromiter((hash(a + " " + b) for a, b in zip(toks, toks[1:], strict=False)), np.int64)))
    return out


def ground_truth(path: Path, threshold: float, exhaustive: bool) -> set[tuple[int, int]]:
    cache = path.with_name(path.stem + f"-truth-{threshold}{'-all' if exhaustive else ''}.json")
    if cache.exists():
        return {tuple(p) for p in json.loads(cache.read_text())}  # type: ignore[misc]
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    texts = [r["text"] for r in rows]
    n = len(texts)
    step = 2000
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        parts = pool.map(_ref_hashes, [texts[i : i + step] for i in range(0, n, step)])
    sets = [s for part in parts for s in part]
    allh = np.concatenate(sets)
    uniq, df = np.unique(allh, return_counts=True)
    common = uniq[(df >= COMMON_SHARE * n) & (df >= COMMON_MIN_DOCS)]
    template = np.unique(np.concatenate(_ref_hashes(list(TEMPLATES))))
    dropped = np.union1d(common, template)
    del allh, uniq, df
    cached: dict[int, frozenset[int]] = {}

    def kept(i: int) -> frozenset[int]:
        if i not in cached:
            s = sets[i]
            cached[i] = frozenset(s[~np.isin(s, dropped)].tolist())
        return cached[i]

    def ok(i: int, j: int) -> bool:
        a, b = kept(i), kept(j)
        inter = len(a & b)
        union = len(a) + len(b) - inter
        return union > 0 and inter >= threshold * union - 1e-9

    truth: set[tuple[int, int]] = set()
    # Families: follow "source" links to the root; every pair inside a family is checked exactly.
    root = list(range(n))
    for r in rows:
        if r["source"] >= 0:
            root[r["id"]] = root[r["source"]]
    families: dict[int, list[int]] = defaultdict(list)
    for i, rt in enumerate(root):
        families[rt].append(i)
    for members in families.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if ok(members[x], members[y]):
                    truth.add((members[x], members[y]))
    if exhaustive:
        truth |= _all_pairs([kept(i) for i in range(n)], threshold)
    cache.write_text(json.dumps(sorted(truth)))
    return truth


def _all_pairs(kept: list[frozenset[int]], t: float) -> set[tuple[int, int]]:
    """Exact all-pairs similarity join with prefix filtering: pairs >= t must share a prefix element."""
    freq: dict[int, int] = defaultdict(int)
    for s in kept:
        for x in s:
            freq[x] += 1
    index: dict[int, list[int]] = defaultdict(list)
    found: set[tuple[int, int]] = set()
    order = sorted(range(len(kept)), key=lambda i: len(kept[i]))
    for i in order:
        s = kept[i]
        if not s:
            continue
        ranked = sorted(s, key=lambda x: (freq[x], x))
        prefix = len(s) - math.ceil(t * len(s) - 1e-9) + 1
        cands: set[int] = set()
        for x in ranked[:prefix]:
            cands.update(index[x])
            index[x].append(i)
        for j in cands:
            o = kept[j]
            inter = len(s & o)
            union = len(s) + len(o) - inter
            if inter >= t * union - 1e-9:
                found.add((min(i, j), max(i, j)))
    return found


def _tree_pss_mb(pid: int) -> float:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children[ppid].append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    total = 0.0
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, ()))
        # PSS, not RSS: forked workers share the parent's pages (the corpus), and RSS would count them once
        # per process; PSS splits each shared page between the processes that map it.
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) / 1024
                        break
        except OSError:
            pass
    return total


def run_contender(name: str, path: Path, threshold: float) -> dict[str, Any]:
    out = CACHE / f"result-{name}.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.textcheck.contenders", name, str(path), str(threshold), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "ready": corpus loaded
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_pss_mb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{name} failed with status {proc.returncode}")
    result: dict[str, Any] = json.loads(out.read_text())
    result["peak_tree_pss_mb"] = peak[0]
    return result


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table; "ours faster" is the contender's wall time over ours."""
    ours = next((r for r in rows if r["name"] == "ours"), None)
    lines = [
        "| contender | texts | wall s | CPU s | front end s | peak PSS MB | precision | recall | ours faster |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        ratio = f"{r['wall_s'] / ours['wall_s']:.1f}×" if ours else "—"
        front = f"{r['front_s']:.1f}" if "front_s" in r else "—"
        prec = f"{r['precision']:.4f}" if "precision" in r else "—"
        rec = f"{r['recall']:.4f}" if "recall" in r else "—"
        lines.append(
            f"| {r['name']} | {r['n']:,} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {front} "
            f"| {r['peak_tree_pss_mb']:,.0f} | {prec} | {rec} | {ratio} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--peers", default="ours,datasketch,rensa")
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--exhaustive", action="store_true", help="exact all-pairs truth (small corpora)")
    parser.add_argument("--no-truth", action="store_true", help="time and memory only (no precision/recall)")
    args = parser.parse_args()
    path = corpus_path(args.n)
    truth = None if args.no_truth else ground_truth(path, args.threshold, args.exhaustive)
    print(f"corpus {path} n={args.n}; true pairs: {len(truth) if truth is not None else '-'}; load {os.getloadavg()}")
    rows: list[dict[str, Any]] = []
    for name in args.peers.split(","):
        r = run_contender(name, path, args.threshold)
        got = {(a, b) for a, b, _ in r.pop("pairs")}
        r["found"] = len(got)
        r["load_after"] = os.getloadavg()[0]
        if truth is not None:
            tp = len(got & truth)
            r["precision"] = tp / len(got) if got else 1.0
            r["recall"] = tp / len(truth) if truth else 1.0
        rows.append(r)
        print(json.dumps(r), flush=True)
    print()
    print(table(rows))
    (CACHE / f"results-{args.n}.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
