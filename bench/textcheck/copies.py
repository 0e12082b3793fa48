"""Copies with light edits (issue 16, item 6): recall and precision of ``find_pairs``.

    python -m bench.textcheck.copies [N_ORIGINALS] [N_COPIES]           # find_pairs at several thresholds
    python -m bench.textcheck.copies [N_ORIGINALS] [N_COPIES] --study   # similarity of other representations
    python -m bench.textcheck.copies N_ORIGINALS N_COPIES [SEED] --registrations [--old]   # find_copies

Originals are synthetic registrations (bench/textcheck/corpus.py: name, position, unit, 4-6 items, stock
phrases and the directive's wording in some). Members of one cell also share the cell's boilerplate: every
text gets two of the directive's sentences and one stock closing line, so stock wording alone is shared
across *all* texts. A copy of an original is made as a member would: about one word in ten of each item
changed, dropped or a word added, items reordered, the name, position and signature line changed.
Truth: (original, copy) pairs, and copies of one original among themselves. Everything else is a false
pair, in particular any two originals, however much stock wording they share.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from collections import Counter
from itertools import combinations

from ct05.textcheck import find_pairs, tokenize

from .corpus import BOILERPLATE, DIRECTIVE, OBJECTS, TOPIC, VERBS, Doc, _name, original

SIGNATURES = ["Người đăng ký", "Người cam kết", "Đảng viên đăng ký", "Người viết"]
CELL_LINES = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường.",
    "Nêu cao tinh thần trách nhiệm, gương mẫu của cán bộ, đảng viên, nhất là người đứng đầu.",
    "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
    "Giữ gìn phẩm chất đạo đức, lối sống trong sạch, lành mạnh.",
]


def _registration(doc: Doc, rng: random.Random, name: str) -> str:
    lines = rng.sample(CELL_LINES, 2)
    body = "; ".join(f"{i + 1}) {item}" for i, item in enumerate(doc.items))
    closing = rng.choice(BOILERPLATE)
    return f"{doc.intro} {body}. {' '.join(lines)} {closing}\n{rng.choice(SIGNATURES)}: {name}"


def _lightly_edited(item: str, rng: random.Random, rate: float) -> str:
    words = item.split()
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue  # dropped
        if r < 2 * rate / 3:
            out.append(rng.choice(VERBS + OBJECTS).split()[0])  # changed
            continue
        out.append(w)
        if r < rate:
            out.append(rng.choice(["cụ thể", "thật", "đúng", "đầy đủ", "kịp thời", "nữa"]))  # added
    return " ".join(out)


def copy_of(doc: Doc, rng: random.Random, rate: float = 0.1) -> tuple[Doc, str]:
    items = [_lightly_edited(it, rng, rate) for it in doc.items]
    rng.shuffle(items)
    name = _name(rng)
    intro = f"Tôi là {name}, đăng ký làm theo:"
    return Doc(intro, items), name


def build(n_originals: int, n_copies: int, seed: int = 16) -> tuple[list[str], set[tuple[int, int]]]:
    rng = random.Random(seed)
    docs = [original(rng) for _ in range(n_originals)]
    texts = [_registration(d, rng, _name(rng)) for d in docs]
    family: dict[int, list[int]] = {}
    for _ in range(n_copies):
        src = rng.randrange(n_originals)
        doc, name = copy_of(docs[src], rng)
        family.setdefault(src, [src]).append(len(texts))
        texts.append(_registration(doc, rng, name))
    truth = {(a, b) for members in family.values() for a, b in combinations(sorted(members), 2)}
    return texts, truth


_CLAUSE_SPLIT = re.compile(r"[;\n]|\.\s|(?:^|\s)\d{1,2}\)\s")


def _representation(text: str, mode: str) -> set[str]:
    """A: two-syllable shingles of the whole text (the engine's); B: within clauses, list numbers left out;
    C: B plus single syllables; D: single syllables only."""
    if mode == "A":
        tk = tokenize(text)
        return {f"{a} {b}" for a, b in zip(tk, tk[1:], strict=False)}
    out: set[str] = set()
    for piece in _CLAUSE_SPLIT.split(text):
        c = tokenize(piece)
        if mode in ("B", "C"):
            out |= {f"{a} {b}" for a, b in zip(c, c[1:], strict=False)}
        if mode in ("C", "D"):
            out |= set(c)
    return out


def study(texts: list[str], truth: set[tuple[int, int]], samples: int = 100_000) -> None:
    """Jaccard of true pairs and of sampled unrelated pairs, templates and corpus-common features dropped."""
    templates = _representation(DIRECTIVE, "C") | _representation(TOPIC, "C")
    for mode in "ABCD":
        reps = [_representation(t, mode) - templates for t in texts]
        df = Counter(f for r in reps for f in r)
        common = {f for f, k in df.items() if k >= 0.05 * len(texts) and k >= 50}
        kept = [r - common for r in reps]

        def jaccard(a: int, b: int, kept: list[set[str]] = kept) -> float:
            union = len(kept[a] | kept[b])
            return len(kept[a] & kept[b]) / union if union else 0.0

        true = sorted(jaccard(a, b) for a, b in truth)
        rng = random.Random(3)
        negative: list[float] = []
        while len(negative) < samples:
            a, b = sorted((rng.randrange(len(texts)), rng.randrange(len(texts))))
            if a != b and (a, b) not in truth:
                negative.append(jaccard(a, b))
        negative.sort()
        q = len(true) // 100
        print(
            f"{mode}: true pairs min {true[0]:.3f} 1% {true[q]:.3f} 2% {true[2 * q]:.3f} median "
            f"{true[len(true) // 2]:.3f}; unrelated (sample of {samples:,}) max {negative[-1]:.3f}; "
            f"features kept per text {sum(map(len, kept)) / len(kept):.0f}"
        )


def registrations(texts: list[str], truth: set[tuple[int, int]], *, old: bool) -> None:
    """find_copies on the registrations' items (split beforehand, as the cycle stores them), its similarity
    at several thresholds, and its time; with ``old``, the previous version (bench/textcheck/copies_v1.py)
    alternating with it."""
    from ct05.textcheck.copies import COPIES_VERSION, THRESHOLD, find_copies, score_registrations
    from ct05.textcheck.uniform import items_of

    from . import copies_v1

    regs = [items_of(t) for t in texts]
    s = score_registrations(regs, template_texts=(DIRECTIVE, TOPIC))
    a = (s.code >> 32).astype(int).tolist()
    b = (s.code & 0xFFFFFFFF).astype(int).tolist()
    scored = dict(zip(zip(a, b, strict=True), s.similarity.tolist(), strict=True))
    true = sorted(scored.get(p, 0.0) for p in truth)
    neg = sorted(v for p, v in scored.items() if p not in truth)
    print(
        f"{COPIES_VERSION}: {len(regs)} registrations, {sum(map(len, regs))} items, {len(truth)} true pairs; "
        f"similarity of true pairs min {true[0]:.3f} 2% {true[len(true) // 50]:.3f} median {true[len(true) // 2]:.3f}; "
        f"{len(neg):,} unrelated pairs scored, max {neg[-1] if neg else 0:.3f}"
    )
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        tp = sum(1 for v in true if v >= threshold - 1e-9)
        fp = sum(1 for v in neg if v >= threshold - 1e-9)
        mark = " <- THRESHOLD" if abs(threshold - THRESHOLD) < 1e-9 else ""
        print(f"  {threshold}: recall {tp / len(true):.4f}, precision {tp / max(1, tp + fp):.4f}{mark}")
    for _round in range(2):
        for name, fn in (("find_copies", find_copies), ("v1 (previous)", copies_v1.find_copies)):
            if name != "find_copies" and not old:
                continue
            start, cpu = time.perf_counter(), time.process_time()
            found = {(p.a, p.b) for p in fn(regs, template_texts=(DIRECTIVE, TOPIC))}
            used = time.process_time() - cpu
            tp = len(found & truth)
            print(
                f"  {name}: recall {tp / len(truth):.4f}, precision {tp / max(1, len(found)):.4f}, "
                f"{len(regs) / used:,.0f} registrations/s CPU ({used:.2f} s CPU, {time.perf_counter() - start:.2f} s "
                f"wall, load {os.getloadavg()[0]:.1f})"
            )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    c = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    seed = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].isdigit() else 16
    texts, truth = build(n, c, seed=seed)
    if "--study" in sys.argv:
        study(texts, truth)
        return
    if "--registrations" in sys.argv:
        registrations(texts, truth, old="--old" in sys.argv)
        return
    if "--items" in sys.argv:
        from ct05.textcheck.items import find_item_copies

        for share in (0.5, 0.6, 0.7):
            start = time.perf_counter()
            pairs = find_item_copies(texts, template_texts=(DIRECTIVE, TOPIC), matched_share=share)
            wall = time.perf_counter() - start
            found = {(p.a, p.b) for p in pairs}
            tp = len(found & truth)
            precision = tp / len(found) if found else 1.0
            print(
                f"items, matched share {share}: {len(texts)} texts, {len(truth)} true pairs, found {len(found)}, "
                f"recall {tp / len(truth):.4f}, precision {precision:.4f}, {wall:.2f} s"
            )
        return
    for threshold in (0.7, 0.6, 0.5, 0.45, 0.4):
        start = time.perf_counter()
        pairs = find_pairs(texts, threshold=threshold, template_texts=(DIRECTIVE, TOPIC), spans=False)
        wall = time.perf_counter() - start
        found = {(p.a, p.b) for p in pairs}
        tp = len(found & truth)
        precision = tp / len(found) if found else 1.0
        print(
            f"threshold {threshold}: {len(texts)} texts, {len(truth)} true pairs, found {len(found)}, "
            f"recall {tp / len(truth):.4f}, precision {precision:.4f}, {wall:.2f} s"
        )


if __name__ == "__main__":
    main()
