"""One contender, end to end (raw texts -> verified pairs), in its own process so its memory is its own.

    python -m bench.textcheck.contenders NAME CORPUS.jsonl THRESHOLD OUT.json

NAME is one of:
  ours              ct05.textcheck.find_pairs (numpy, both cores)
  datasketch        datasketch 2.x MinHash + MinHashLSH, fed with our normalizer's tokens (strings)
  rensa             rensa RMinHash + RMinHashLSH (batch API: from_token_sets, insert_many, query_all),
                    fed with our normalizer's tokens (strings)

For the two peers the time spent in the shared Python front end (normalize, shingle, drop) is reported
apart as "front_s", so the table can show how much of their time is their MinHash + LSH.

Every contender gets the same rules: two-syllable shingles of normalized text, template shingles and
shingles in >= 5% of texts (estimated on the same 20,000-text sample) dropped, 128 permutations, LSH with
25 bands x 5 rows, exact Jaccard verification at the threshold. Loading the corpus is not timed.
"""

from __future__ import annotations

import json
import math
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence

from ct05.textcheck.pairs import COMMON_MIN_DOCS, COMMON_SAMPLE, COMMON_SHARE

from .corpus import BOILERPLATE, DIRECTIVE, TOPIC

TEMPLATES = (DIRECTIVE, TOPIC, *BOILERPLATE)
BANDS, ROWS, NUM_PERM = 25, 5, 128
STAGES: dict[str, float] = {}


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def string_shingles(text: str) -> set[str]:
    from ct05.textcheck.normalize import tokenize

    toks = tokenize(text)
    return {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)}


def string_drop_set(texts: Sequence[str]) -> set[str]:
    """Template shingles and corpus-common shingles, by the same rule and sample as ours."""
    drop: set[str] = set()
    for t in TEMPLATES:
        drop |= string_shingles(t)
    n = len(texts)
    step = max(1, math.ceil(n / COMMON_SAMPLE))
    sample = [texts[i] for i in range(0, n, step)]
    df: Counter[str] = Counter()
    for t in sample:
        df.update(string_shingles(t))
    scale = n / len(sample)
    drop |= {s for s, c in df.items() if c >= COMMON_SHARE * len(sample) and c * scale >= COMMON_MIN_DOCS}
    return drop


def verify(cands: Iterable[tuple[int, int]], sets: Sequence[set[str] | frozenset[int]], threshold: float) -> list:
    out = []
    for i, j in cands:
        a, b = sets[i], sets[j]
        inter = len(a & b)  # type: ignore[operator]
        union = len(a) + len(b) - inter
        if union and inter >= threshold * union - 1e-9:
            out.append((i, j, inter / union))
    return out


def run_ours(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    from ct05.textcheck import find_pairs

    return [
        (p.a, p.b, p.similarity) for p in find_pairs(texts, threshold=threshold, template_texts=TEMPLATES, spans=False)
    ]


def run_datasketch(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    drop = string_drop_set(texts)
    sets = [string_shingles(t) - drop for t in texts]
    STAGES["front_s"] = time.perf_counter() - t0
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    hashes: list[MinHash | None] = []
    for i, s in enumerate(sets):
        if not s:
            hashes.append(None)
            continue
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([x.encode("utf-8") for x in s])
        lsh.insert(i, m, check_duplication=False)
        hashes.append(m)
    cands = set()
    for i, m in enumerate(hashes):
        if m is None:
            continue
        for j in lsh.query(m):
            if j != i:
                cands.add((min(i, j), max(i, j)))
    return verify(sorted(cands), sets, threshold)


def run_rensa(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    from rensa import RMinHash, RMinHashLSH

    t0 = time.perf_counter()
    drop = string_drop_set(texts)
    sets = [string_shingles(t) - drop for t in texts]
    STAGES["front_s"] = time.perf_counter() - t0
    keep = [i for i, s in enumerate(sets) if s]
    # rensa needs num_perm divisible by the band count: 125 = 25 bands x 5 rows, the same banding as ours.
    mhs = RMinHash.from_token_sets([sorted(sets[i]) for i in keep], BANDS * ROWS, 42)
    lsh = RMinHashLSH(0.5, BANDS * ROWS, BANDS)
    lsh.insert_many(mhs)
    cands = set()
    for row, found in enumerate(lsh.query_all(mhs)):
        i = keep[row]
        for k in found:
            j = keep[k]
            if j != i:
                cands.add((min(i, j), max(i, j)))
    return verify(sorted(cands), sets, threshold)


RUNNERS = {
    "ours": run_ours,
    "datasketch": run_datasketch,
    "rensa": run_rensa,
}


def main() -> None:
    name, corpus, threshold_s, out_path = sys.argv[1:5]
    threshold = float(threshold_s)
    with open(corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    baseline = rss_mb()
    print("ready", flush=True)  # the runner starts its memory sampler's baseline here
    t0 = time.perf_counter()
    c0 = os.times()
    pairs = RUNNERS[name](texts, threshold)
    wall = time.perf_counter() - t0
    c1 = os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user)
    cpu += c1.children_system - c0.children_system
    with open(out_path, "w") as f:
        json.dump(
            {
                "name": name,
                "n": len(texts),
                "wall_s": wall,
                "cpu_s": cpu,
                "baseline_rss_mb": baseline,
                "maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                **STAGES,
                "pairs": [[a, b, round(s, 6)] for a, b, s in pairs],
            },
            f,
        )


if __name__ == "__main__":
    main()
