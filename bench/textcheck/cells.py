"""A realistic province for the copy check (issue 16, item 6): cells whose members share a place, posts, duties,
a plan and the directive's wording, written with the seed's commitment writer (ct05.seed.commitments).

    python -m bench.textcheck.cells [REGISTRATIONS] [--old]   # --old: also time find_item_copies (slow)

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
from itertools import combinations

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG is off here: a real key is required
django.setup()

from ct05.seed.commitments import GENERIC, edited_copy, specific_text  # noqa: E402  (needs Django set up)
from ct05.seed.pools import PROFILES  # noqa: E402
from ct05.textcheck.copies import find_copies, registration_similarities  # noqa: E402

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


def build(
    n_regs: int, seed: int = 16, copy_share: float = 0.05
) -> tuple[list[list[str]], list[int], set[tuple[int, int]], set[tuple[int, int]]]:
    """Registrations, their cells, the true pairs, and the pairs left out of the count (two or more items
    one took from the other with the seed's small edits: a partial copy, neither right nor wrong to report)."""
    rng = random.Random(seed)
    regs: list[list[str]] = []
    groups: list[int] = []
    originals: dict[int, list[int]] = {}  # cell -> its originals' indices
    family: dict[int, list[int]] = {}
    borrowed: dict[tuple[int, int], int] = {}
    cell = 0
    while len(regs) < n_regs:
        cell += 1
        kind = rng.choice(list(PROFILES))
        profile = PROFILES[kind]
        place = rng.choice(
            [f"tổ dân phố {rng.randint(1, 30)}", f"bản {rng.choice(VILLAGE_SYL)} {rng.choice(VILLAGE_SYL)}"]
        )
        plan = [specific_text(rng, YEAR, None, place) for _ in range(2)]
        colleagues: list[tuple[str, int]] = []
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
                items = [_lightly_edited(it, rng, 0.1) for it in regs[src] if not it.startswith(tuple(SIGNATURES))]
                rng.shuffle(items)
                if len(items) > 3 and rng.random() < 0.3:
                    items.pop()
                if rng.random() < 0.3:
                    items.append(specific_text(rng, YEAR, None, place))
                if rng.random() < 0.5:
                    items.append(f"{rng.choice(SIGNATURES)}: {_name(rng)}")
                regs.append(items)
                groups.append(cell)
                family.setdefault(src, [src]).append(me)
                continue
            post = rng.choice(profile.heads + profile.staff_weighted)
            duties = [_fmt(d, rng, place) for d in rng.sample(post.duties, min(3, len(post.duties)))]
            items = []
            for _k in range(rng.randint(3, 7)):
                roll = rng.random()
                if roll < 0.3:
                    items.append(rng.choice(GENERIC))
                elif roll < 0.36 and colleagues:
                    text, source = rng.choice(colleagues)
                    items.append(edited_copy(rng, text))
                    borrowed[(source, me)] = borrowed.get((source, me), 0) + 1
                else:
                    duty = rng.choice(duties) if duties and rng.random() < 0.65 else None
                    text = specific_text(rng, YEAR, duty, place)
                    colleagues.append((text, me))
                    del colleagues[:-10]
                    items.append(text)
            items.extend(p for p in plan if rng.random() < 0.5)
            rng.shuffle(items)
            if rng.random() < 0.5:
                items.append(f"{rng.choice(SIGNATURES)}: {_name(rng)}")
            regs.append(items)
            groups.append(cell)
            originals.setdefault(cell, []).append(me)
    truth = {(a, b) for members in family.values() for a, b in combinations(sorted(members), 2)}
    partial = {p for p, k in borrowed.items() if k >= 2} - truth
    return regs, groups, truth, partial


def evaluate(
    regs: list[list[str]], groups: list[int], truth: set[tuple[int, int]], partial: set[tuple[int, int]]
) -> None:
    code, sim = registration_similarities(regs, groups=groups, template_texts=(DIRECTIVE, TOPIC))
    a = (code >> 32).astype(int).tolist()
    b = (code & 0xFFFFFFFF).astype(int).tolist()
    scored = dict(zip(zip(a, b, strict=True), sim.tolist(), strict=True))
    true = sorted(scored.get(p, 0.0) for p in truth)
    neg = {p: s for p, s in scored.items() if p not in truth and p not in partial}
    false_same = sorted(s for (x, y), s in neg.items() if groups[x] == groups[y])
    false_other = sorted(s for (x, y), s in neg.items() if groups[x] != groups[y])
    q = max(1, len(true) // 100)
    print(
        f"true pairs {len(true)}: min {true[0]:.3f} 1% {true[q]:.3f} 2% {true[2 * q]:.3f} median "
        f"{true[len(true) // 2]:.3f}; unrelated, same cell: {len(false_same)} scored, max "
        f"{false_same[-1] if false_same else 0:.3f}; other cells: {len(false_other)} scored, max "
        f"{false_other[-1] if false_other else 0:.3f}"
    )
    for threshold in (0.4, 0.5, 0.6, 0.7):
        found = {p for p, s in scored.items() if s >= threshold} - partial
        tp = len(found & truth)
        print(
            f"  threshold {threshold}: found {len(found)}, recall {tp / len(truth):.4f}, "
            f"precision {tp / len(found) if found else 1.0:.4f}"
        )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 50_000
    regs, groups, truth, partial = build(n)
    print(
        f"{len(regs)} registrations, {sum(map(len, regs))} items, {max(groups)} cells, {len(truth)} true pairs, "
        f"{len(partial)} partial copies left out of the count"
    )
    evaluate(regs, groups, truth, partial)
    for _round in range(2):
        start, cpu = time.perf_counter(), time.process_time()
        pairs = find_copies(regs, groups=groups, template_texts=(DIRECTIVE, TOPIC))
        print(
            f"find_copies: {len(pairs)} pairs, wall {time.perf_counter() - start:.2f} s, "
            f"CPU {time.process_time() - cpu:.2f} s"
        )
        if "--old" in sys.argv:
            from ct05.textcheck.items import find_item_copies

            texts = [" ; ".join(r) for r in regs]
            start, cpu = time.perf_counter(), time.process_time()
            old = find_item_copies(texts, template_texts=(DIRECTIVE, TOPIC))
            found = {(p.a, p.b) for p in old}
            tp = len(found & truth)
            print(
                f"find_item_copies: {len(old)} pairs, recall {tp / len(truth):.4f}, precision "
                f"{tp / len(found) if found else 1.0:.4f}, wall {time.perf_counter() - start:.2f} s, "
                f"CPU {time.process_time() - cpu:.2f} s"
            )


if __name__ == "__main__":
    main()
