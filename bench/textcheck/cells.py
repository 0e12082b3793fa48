"""A realistic province for the copy check (issue 16, item 6): cells whose members share a place, posts, duties,
a plan and the directive's wording, written with the seed's commitment writer (ct05.seed.commitments).

    python -m bench.textcheck.cells [REGISTRATIONS] [SEED] [--speed] [--variants] [--misses]
    # --speed: time against v1, datasketch, rensa; --variants: one part changed at a time;
    # --misses: every true pair missed at THRESHOLD, its items with their provenance and personal weight

Each cell (10-60 members) has a kind (ct05.seed.pools.PROFILES), a place, and a plan of two items; each member
holds a post with its duties and writes 3-7 items as the seed does (~30 % stock items identical across the
province, specific ones from the member's duty and cell, ~6 % items copied from a colleague with small edits),
takes each plan item word for word with probability 0.5 (a rule handed down: uniform, not a copy), and signs
with a name line half the time. About 5 % of registrations are copies of a colleague's (85 %) or of someone
elsewhere: about one word in ten of each item changed, dropped or added, items reordered, an item left out
or one of one's own added sometimes, another name line. Truth: each original with its copies, and copies of
one original among themselves. Everything else must stay out, the same cell's members above all.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import django
import numpy as np
import numpy.typing as npt

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG is off here: a real key is required
django.setup()

from ct05.seed.commitments import GENERIC, edited_copy, specific_text  # noqa: E402  (needs Django set up)
from ct05.seed.pools import PROFILES  # noqa: E402
from ct05.textcheck.copies import COPIES_VERSION, THRESHOLD, find_copies, score_registrations  # noqa: E402

from .copies import SIGNATURES, _lightly_edited  # noqa: E402
from .corpus import DIRECTIVE, TOPIC, VILLAGE_SYL, _name  # noqa: E402

YEAR = 2026


def _fmt(duty: str, rng: random.Random, place: str) -> str:
    return duty.format(
        place=place,
        unit=f"xã {rng.choice(VILLAGE_SYL)} {rng.choice(VILLAGE_SYL)}",
        subject="Toán",
        klass=f"{rng.randint(6, 9)}A{rng.randint(1, 5)}",
        grade=rng.randint(6, 9),
        n=rng.randint(2, 9),
        m=rng.randint(1, 12),
        year=YEAR,
        place_kind=place.rsplit(" ", 1)[0],
    )


@dataclass
class Province:
    """Registrations (items), their cells, the duty texts members quote (templates the analysis knows), the
    true pairs, and the pairs left out of the count."""

    regs: list[list[str]]
    groups: list[int]
    duties: list[str]
    truth: set[tuple[int, int]]
    left_out: set[tuple[int, int]]
    unreachable: int  # copies of a registration with nothing personal in what was copied (left out)
    provenance: list[list[int | None]]  # each item's personal id (None: stock, plan or signature line)


def build(n_regs: int, seed: int = 16, copy_share: float = 0.05) -> Province:
    """Every item carries its provenance: a personal item (written by its member, or taken from a colleague
    with the seed's small edits) has an id; stock items, plan items and signature lines have none.

    Truth: an original with each of its copies, and copies of one original among themselves, when they share
    at least one personal item (a copy of stock lines and the cell's plan copies nothing of anyone's).
    Left out (neither right nor wrong to report): those family pairs that share nothing personal, and two
    members who took personal items from each other or from a common colleague: two or more, or at least half
    of the larger one's personal items (what the seed's writer calls copies with small edits)."""
    rng = random.Random(seed)
    regs: list[list[str]] = []
    prov: list[list[int | None]] = []
    groups: list[int] = []
    duties_seen: set[str] = set()
    originals: dict[int, list[int]] = {}  # cell -> its originals' indices
    family: dict[int, list[int]] = {}
    next_id = 0
    cell = 0
    while len(regs) < n_regs:
        cell += 1
        kind = rng.choice(list(PROFILES))
        profile = PROFILES[kind]
        place = rng.choice(
            [f"tổ dân phố {rng.randint(1, 30)}", f"bản {rng.choice(VILLAGE_SYL)} {rng.choice(VILLAGE_SYL)}"]
        )
        plan = [specific_text(rng, YEAR, None, place) for _ in range(2)]
        colleagues: list[tuple[str, int]] = []  # (text, provenance id)
        for _ in range(rng.randint(10, 60)):
            if len(regs) >= n_regs:
                break
            me = len(regs)
            pool = originals.get(cell, [])
            if rng.random() < copy_share and (pool or originals):
                if pool and rng.random() < 0.85:
                    src = rng.choice(pool)
                else:
                    src = rng.choice(originals[rng.choice(list(originals))])
                kept = [
                    (_lightly_edited(it, rng, 0.1), p)
                    for it, p in zip(regs[src], prov[src], strict=True)
                    if not it.startswith(tuple(SIGNATURES))
                ]
                rng.shuffle(kept)
                if len(kept) > 3 and rng.random() < 0.3:
                    kept.pop()
                if rng.random() < 0.3:
                    kept.append((specific_text(rng, YEAR, None, place), next_id))
                    next_id += 1
                if rng.random() < 0.5:
                    kept.append((f"{rng.choice(SIGNATURES)}: {_name(rng)}", None))
                regs.append([t for t, _p in kept])
                prov.append([p for _t, p in kept])
                groups.append(cell)
                family.setdefault(src, [src]).append(me)
                continue
            post = rng.choice(profile.heads + profile.staff_weighted)
            duties = [_fmt(d, rng, place) for d in rng.sample(post.duties, min(3, len(post.duties)))]
            duties_seen.update(duties)
            items: list[tuple[str, int | None]] = []
            for _k in range(rng.randint(3, 7)):
                roll = rng.random()
                if roll < 0.3:
                    items.append((rng.choice(GENERIC), None))
                elif roll < 0.36 and colleagues:
                    text, source = rng.choice(colleagues)
                    items.append((edited_copy(rng, text), source))
                else:
                    duty = rng.choice(duties) if duties and rng.random() < 0.65 else None
                    text = specific_text(rng, YEAR, duty, place)
                    colleagues.append((text, next_id))
                    del colleagues[:-10]
                    items.append((text, next_id))
                    next_id += 1
            items.extend((p, None) for p in plan if rng.random() < 0.5)
            rng.shuffle(items)
            if rng.random() < 0.5:
                items.append((f"{rng.choice(SIGNATURES)}: {_name(rng)}", None))
            regs.append([t for t, _p in items])
            prov.append([p for _t, p in items])
            groups.append(cell)
            originals.setdefault(cell, []).append(me)
    personal = [{p for p in ps if p is not None} for ps in prov]
    truth: set[tuple[int, int]] = set()
    left_out: set[tuple[int, int]] = set()
    unreachable = 0
    for members in family.values():
        for a, b in combinations(sorted(members), 2):
            if personal[a] & personal[b]:
                truth.add((a, b))
            else:
                left_out.add((a, b))
                unreachable += 1
    holders: dict[int, list[int]] = {}
    for r, ps in enumerate(personal):
        for p in ps:
            holders.setdefault(p, []).append(r)
    shared: dict[tuple[int, int], int] = {}
    for rs in holders.values():
        for a, b in combinations(sorted(set(rs)), 2):
            shared[(a, b)] = shared.get((a, b), 0) + 1
    for (a, b), k in shared.items():
        if (a, b) not in truth and (k >= 2 or 2 * k >= max(len(personal[a]), len(personal[b]))):
            left_out.add((a, b))
    return Province(regs, groups, sorted(duties_seen), truth, left_out, unreachable, prov)


def rates(
    code: npt.NDArray[np.uint64], sim: npt.NDArray[np.float64], prov: Province, thresholds: Sequence[float]
) -> list[tuple[float, float, float, int]]:
    """(threshold, recall, precision, false pairs of one cell) for the scored pairs, left-out pairs not counted."""
    a = (code >> np.uint64(32)).astype(np.int64).tolist()
    b = (code & np.uint64(0xFFFFFFFF)).astype(np.int64).tolist()
    out = []
    for t in thresholds:
        found = {(x, y) for x, y, s in zip(a, b, sim.tolist(), strict=True) if s >= t - 1e-9} - prov.left_out
        tp = len(found & prov.truth)
        same = sum(1 for x, y in found - prov.truth if prov.groups[x] == prov.groups[y])
        out.append((t, tp / max(1, len(prov.truth)), tp / len(found) if found else 1.0, same))
    return out


def describe(prov: Province) -> str:
    return (
        f"{len(prov.regs)} registrations, {sum(map(len, prov.regs))} items, {max(prov.groups)} cells, "
        f"{len(prov.truth)} true pairs, {len(prov.left_out)} left out ({prov.unreachable} copies of nothing personal)"
    )


def distribution(code: npt.NDArray[np.uint64], sim: npt.NDArray[np.float64], prov: Province) -> str:
    a = (code >> np.uint64(32)).astype(np.int64).tolist()
    b = (code & np.uint64(0xFFFFFFFF)).astype(np.int64).tolist()
    scored = dict(zip(zip(a, b, strict=True), sim.tolist(), strict=True))
    true = sorted(scored.get(p, 0.0) for p in prov.truth)
    neg = [(s, p) for p, s in scored.items() if p not in prov.truth and p not in prov.left_out]
    same = max((s for s, (x, y) in neg if prov.groups[x] == prov.groups[y]), default=0.0)
    other = max((s for s, (x, y) in neg if prov.groups[x] != prov.groups[y]), default=0.0)
    q = max(1, len(true) // 100)
    return (
        f"true pairs min {true[0]:.3f} 1% {true[q]:.3f} 2% {true[2 * q]:.3f} median {true[len(true) // 2]:.3f}; "
        f"unrelated pairs scored {len(neg)}, max same cell {same:.3f}, other cells {other:.3f}"
    )


THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 10_000
    seed = int(args[1]) if len(args) > 1 else 16
    prov = build(n, seed=seed)
    templates = (DIRECTIVE, TOPIC, *prov.duties)
    print(f"seed {seed}: {describe(prov)}; load {os.getloadavg()[0]:.1f}")
    s = score_registrations(prov.regs, groups=prov.groups, template_texts=templates)
    print(f"find_copies ({COPIES_VERSION}): {distribution(s.code, s.similarity, prov)}")
    for t, r, p, same in rates(s.code, s.similarity, prov, THRESHOLDS):
        mark = " <- THRESHOLD" if abs(t - THRESHOLD) < 1e-9 else ""
        print(f"  {t:.2f}: recall {r:.4f} precision {p:.4f} (false pairs in one cell {same}){mark}")
    if "--misses" in sys.argv:
        misses(prov, s)
    if "--variants" in sys.argv:
        variants(prov, templates)
    if "--speed" in sys.argv:
        speed(prov, templates)


def misses(prov: Province, s: Any) -> None:
    """The true pairs missed at THRESHOLD: each item with its provenance (p: the personal item's id, shared
    by an original and its copies; None: a stock, plan or signature line), its personal weight (0: not
    personal) and the items of the other registration it was matched with."""
    a = (s.code >> np.uint64(32)).astype(np.int64).tolist()
    b = (s.code & np.uint64(0xFFFFFFFF)).astype(np.int64).tolist()
    scored = dict(zip(zip(a, b, strict=True), s.similarity.tolist(), strict=True))
    starts = np.cumsum([0, *map(len, prov.regs)])
    ia, ib, _ = s.item_pairs
    matched = set(zip(ia.tolist(), ib.tolist(), strict=True))
    matched |= {(y, x) for x, y in matched}
    for x, y in sorted(p for p in prov.truth if scored.get(p, 0.0) < THRESHOLD - 1e-9):
        print(f"missed {x} / {y}: similarity {scored.get((x, y), 0.0):.3f}, cells {prov.groups[x]} / {prov.groups[y]}")
        for r, other in ((x, y), (y, x)):
            for k, text in enumerate(prov.regs[r]):
                i = int(starts[r]) + k
                with_ = [j - int(starts[other]) for j in range(starts[other], starts[other + 1]) if (i, j) in matched]
                print(f"  {r}[{k}] p={prov.provenance[r][k]} w={s.item_weight[i]:.0f} matched={with_} | {text[:110]}")


def variants(prov: Province, templates: tuple[str, ...]) -> None:
    """What each part of the method is worth: the same corpus, one part changed at a time."""
    from . import copies_v1

    rows: list[tuple[str, npt.NDArray[np.uint64], npt.NDArray[np.float64]]] = []
    code, sim = copies_v1.registration_similarities(prov.regs, groups=prov.groups, template_texts=templates)
    rows.append(("v1: registration containment, IDF, rare features (previous)", code, sim))
    s = score_registrations(prov.regs, groups=None, template_texts=templates)
    rows.append(("items, no cell (group) wording", s.code, s.similarity))
    s = score_registrations(prov.regs, groups=prov.groups, template_texts=(DIRECTIVE, TOPIC))
    rows.append(("items, duties not given as templates", s.code, s.similarity))
    for im in (0.3, 0.4, 0.6):
        s = score_registrations(prov.regs, groups=prov.groups, template_texts=templates, item_match=im)
        rows.append((f"items, item match {im}", s.code, s.similarity))
    s = score_registrations(prov.regs, groups=prov.groups, template_texts=templates)
    rows.append(("items, decision on the smaller cover (containment)", s.code, np.maximum(s.cover_a, s.cover_b)))
    rows.append(("items, decision on the larger cover", s.code, np.minimum(s.cover_a, s.cover_b)))
    for name, code, sim in rows:
        best = max(rates(code, sim, prov, [x / 20 for x in range(2, 20)]), key=lambda x: min(x[1], x[2]))
        print(f"  {name}: best {best[0]:.2f} recall {best[1]:.4f} precision {best[2]:.4f}")


def speed(prov: Province, templates: tuple[str, ...]) -> None:
    """find_copies, the previous version and the peers (whole-text MinHash LSH at 0.5, on the registrations
    joined), alternating, two rounds; CPU time of this process."""
    from . import contenders, copies_v1

    texts = [" ; ".join(r) for r in prov.regs]
    runs: list[tuple[str, Any]] = [
        ("find_copies", lambda: find_copies(prov.regs, groups=prov.groups, template_texts=templates)),
        ("v1 (previous)", lambda: copies_v1.find_copies(prov.regs, groups=prov.groups, template_texts=templates)),
        ("datasketch", lambda: contenders.run_datasketch(texts, 0.5)),
        ("rensa", lambda: contenders.run_rensa(texts, 0.5)),
    ]
    for _round in range(2):
        for name, fn in runs:
            start, cpu = time.perf_counter(), time.process_time()
            found = fn()
            wall, used = time.perf_counter() - start, time.process_time() - cpu
            got = {(p.a, p.b) if hasattr(p, "a") else (p[0], p[1]) for p in found} - prov.left_out
            tp = len(got & prov.truth)
            print(
                f"  {name}: {len(prov.regs) / used:,.0f} registrations/s CPU ({used:.2f} s CPU, {wall:.2f} s wall, "
                f"load {os.getloadavg()[0]:.1f}); recall {tp / len(prov.truth):.4f} precision "
                f"{tp / len(got) if got else 1.0:.4f}"
            )


if __name__ == "__main__":
    main()
