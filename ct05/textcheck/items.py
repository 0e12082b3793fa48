"""Copies found item by item (issue 16, item 6): a second check for registrations copied with light edits.

Whole-text similarity falls fast when a copier edits one word in ten of each item, reorders the items and
changes the name: each edited word breaks two two-syllable shingles, so such copies measure 0.3-0.6 where
the reporting threshold is 0.7 (docs/benchmarks-textcheck.md). Here every item of every registration is a
document of its own: items are matched with ``find_pairs`` at a looser item threshold (with more LSH bands,
so that such items become candidates), and two registrations are copies when most of their substantive
items have a match in the other. Template shingles (directive, topic, the unit's uniform items) and shingles
common across the corpus's items are dropped first, so stock phrases and the directive's wording never make
an item match, and an item made only of them does not count.

    from ct05.textcheck import find_item_copies
    for p in find_item_copies(texts, template_texts=(directive, topic)):
        p.a, p.b, p.similarity   # similarity: share of the smaller registration's items matched
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from .minhash import MinHashParams
from .normalize import normalize
from .pairs import Pair, ShingleFilter, _kept_shingles, find_pairs
from .uniform import items_of

ITEM_THRESHOLD = 0.4  # Jaccard of two items' kept shingles
MATCHED_SHARE = 0.6  # of the smaller registration's substantive items
MIN_MATCHED = 2
MIN_KEPT = 3  # an item with fewer kept shingles (only stock phrases, a bare name) is not substantive
# 42 bands of 3 rows: an item pair at Jaccard 0.4 becomes a candidate with probability 0.94 (25 x 5: 0.24).
ITEM_PARAMS = MinHashParams(num_perm=126, bands=42, rows=3)
# Items repeat far more than whole texts do (a closing formula, a unit's rule in every registration): the
# same item, word for word after normalization, in this many registrations is a formula, not a copy. (A
# cell of 20-40 members who all copied one registration stays under it, as in find_pairs.)
SAME_ITEM_REGISTRATIONS = 50


def find_item_copies(
    texts: Sequence[str],
    *,
    template_texts: Iterable[str] = (),
    item_threshold: float = ITEM_THRESHOLD,
    matched_share: float = MATCHED_SHARE,
    workers: int | None = None,
) -> list[Pair]:
    """Pairs of registrations (a < b) whose substantive items mostly match; sorted by (a, b)."""
    templates = tuple(template_texts)
    split = [(i, item, normalize(item)) for i, text in enumerate(texts) for item in items_of(text)]
    holders: dict[str, set[int]] = {}
    for i, _, key in split:
        holders.setdefault(key, set()).add(i)
    owners: list[int] = []
    items: list[str] = []
    for i, item, key in split:
        if len(holders[key]) < SAME_ITEM_REGISTRATIONS:
            owners.append(i)
            items.append(item)
    if not items:
        return []
    drop = ShingleFilter.build(template_texts=templates, corpus=items)
    kept, offsets = _kept_shingles(items, drop)
    del kept
    substantive = np.diff(offsets) >= MIN_KEPT
    per_text = np.bincount(np.asarray(owners)[substantive], minlength=len(texts))
    found = find_pairs(
        items,
        threshold=item_threshold,
        template_texts=templates,
        params=ITEM_PARAMS,
        workers=workers,
        spans=False,
    )
    sides: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for p in found:
        a, b = owners[p.a], owners[p.b]
        if a == b or not (substantive[p.a] and substantive[p.b]):
            continue
        ia, ib = (p.a, p.b) if a < b else (p.b, p.a)
        left, right = sides.setdefault((min(a, b), max(a, b)), (set(), set()))
        left.add(ia)
        right.add(ib)
    out: list[Pair] = []
    for (a, b), (left, right) in sorted(sides.items()):
        smaller = int(min(per_text[a], per_text[b]))
        matched = min(len(left), len(right))
        if smaller and matched >= MIN_MATCHED and matched >= math.ceil(matched_share * smaller - 1e-9):
            out.append(Pair(a=a, b=b, similarity=matched / smaller))
    return out
