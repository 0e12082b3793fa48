"""Copies found item by item (issue 16, item 6): a second check for registrations copied with light edits.

Whole-text similarity falls fast when a copier edits one word in ten of each item, reorders the items and
changes the name: each edited word breaks two two-syllable shingles, so such copies measure 0.3-0.6 where
the reporting threshold is 0.7 (docs/benchmarks-textcheck.md). Here every item of every registration is a
document of its own: items are matched at a looser item threshold (with more LSH bands than
``find_pairs``, so that such items become candidates), and two registrations are copies when most of their substantive
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
from itertools import combinations

import numpy as np

from ._vector import bigram_shingles, tokenize_batch
from .minhash import MinHashParams, band_key_matrix, signatures
from .normalize import normalize
from .pairs import Pair, ShingleFilter
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
CANDIDATE_SHARE = 0.02
CANDIDATE_MIN_ITEMS = 50
MAX_BUCKET = 200  # a band key shared by more items than this is a formula's, not a copy's


def find_item_copies(
    texts: Sequence[str],
    *,
    template_texts: Iterable[str] = (),
    item_threshold: float = ITEM_THRESHOLD,
    matched_share: float = MATCHED_SHARE,
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
    # Candidates come from the items' rarer shingles only (a shingle in 2 % of items is too common to
    # propose a pair: with 3-row bands it would propose millions); the match is then verified on every
    # shingle that is not a template's or common to 5 % of items (docs/benchmarks-textcheck.md: the share
    # trades recall for time).
    normal = ShingleFilter.build(template_texts=templates, corpus=items)
    strict = ShingleFilter.build(
        template_texts=templates, corpus=items, common_share=CANDIDATE_SHARE, common_min_docs=CANDIDATE_MIN_ITEMS
    )
    sh, offs = bigram_shingles(tokenize_batch(items))
    kept, kept_offs = normal.apply(sh, offs)
    sets = [frozenset(kept[kept_offs[k] : kept_offs[k + 1]].tolist()) for k in range(len(items))]
    substantive = np.array([len(x) >= MIN_KEPT for x in sets], np.bool_)
    per_text = np.bincount(np.asarray(owners)[substantive], minlength=len(texts))
    rare, rare_offs = strict.apply(sh, offs)
    nonempty = np.flatnonzero(np.diff(rare_offs) > 0)
    keys = band_key_matrix(signatures(rare, rare_offs, ITEM_PARAMS), ITEM_PARAMS)[nonempty]
    candidates: set[tuple[int, int]] = set()
    for band in range(ITEM_PARAMS.bands):
        buckets: dict[int, list[int]] = {}
        for k, key in zip(nonempty.tolist(), keys[:, band].tolist(), strict=True):
            buckets.setdefault(key, []).append(k)
        for members in buckets.values():
            if 1 < len(members) <= MAX_BUCKET:
                candidates.update(combinations(members, 2))
    found: list[tuple[int, int]] = []
    for i, j in candidates:
        if owners[i] == owners[j]:
            continue
        first, second = sets[i], sets[j]
        inter = len(first & second)
        union = len(first) + len(second) - inter
        if union and inter >= item_threshold * union - 1e-9:
            found.append((i, j))
    sides: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for i, j in found:
        a, b = owners[i], owners[j]
        if not (substantive[i] and substantive[j]):
            continue
        ia, ib = (i, j) if a < b else (j, i)
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
