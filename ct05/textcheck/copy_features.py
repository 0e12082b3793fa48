"""The features of the copy detector (`copies`): each item's rarer shingles, its whole-text shingles for the
second check and its figures, as flat numpy arrays with per-item offsets; the overlaps and Jaccard of item
pairs read from them. Split from `copies` to keep each module readable; nothing here is used elsewhere."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ._vector import mix64, tokenize_batch
from .pairs import _chunk_bounds, concat_ranges

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

# Which features an item gives: 1 = syllables, 2 = two-syllable shingles, 3 = three-syllable shingles.
NGRAMS: tuple[int, ...] = (3,)
# The second check's shingles: CHECK_NGRAM syllables, on the item's whole text.
CHECK_NGRAM = 2
# Weights are log(max(N, WEIGHT_MIN_N) / df): on a few registrations, a shared feature still weighs.
WEIGHT_MIN_N = 200

POS_SALT = np.uint64(0x9E3779B97F4A7C15)


def sorted_unique(x: npt.NDArray[Any]) -> npt.NDArray[Any]:
    # Sorting by hand: numpy 2's hash-based np.unique is several times slower on these integer keys.
    x = np.sort(x)
    if x.size:
        first = np.ones(x.size, np.bool_)
        first[1:] = x[1:] != x[:-1]
        x = x[first]
    return x


def pair_code(a: I64, b: I64) -> U64:
    """One integer per unordered pair (a[p], b[p]): min << 32 | max."""
    return (np.minimum(a, b).astype(np.uint64) << np.uint64(32)) | np.maximum(a, b).astype(np.uint64)


def items_across(selected: npt.NDArray[np.bool_], owner: I64, a_reg: I64, b_reg: I64) -> tuple[I64, I64, I64, I64]:
    """Every ``selected`` item of registration a_reg[p] against every selected item of b_reg[p]: (p, item of
    a, item of b) for each such item pair, and the number of selected items of each registration. ``owner``:
    each item's registration, in item order."""
    items = np.flatnonzero(selected)  # in item order, so registration after registration
    nreg = int(owner[-1]) + 1 if owner.size else 0
    cnt = np.bincount(owner[items], minlength=nreg)
    first = np.zeros(nreg + 1, np.int64)
    np.cumsum(cnt, out=first[1:])
    na, nb = cnt[a_reg], cnt[b_reg]
    tot = na * nb
    pair_of = np.repeat(np.arange(a_reg.size, dtype=np.int64), tot)
    k = concat_ranges(np.zeros(a_reg.size, np.int64), tot)
    i = items[first[a_reg][pair_of] + k // nb[pair_of]]
    j = items[first[b_reg][pair_of] + k % nb[pair_of]]
    return pair_of, i, j, cnt


@dataclass
class ItemFeatures:
    feats: U64  # features of each item (n-grams of syllables within the item, salted per n), item after item
    offs: I64  # item i's features are feats[offs[i]:offs[i + 1]]
    keys: U64  # the item word for word (position-salted token hashes summed)
    check: U64  # each item's distinct CHECK_NGRAM-syllable shingles, sorted, unfiltered (the second check)
    check_offs: I64
    figs: U64  # each item's distinct numbers (token hashes), sorted: its figures
    figs_offs: I64


def concat(parts: list[U64], counts: list[I64]) -> tuple[U64, I64]:
    all_counts = np.concatenate(counts) if counts else np.zeros(0, np.int64)
    offs = np.zeros(all_counts.size + 1, np.int64)
    np.cumsum(all_counts, out=offs[1:])
    return (np.concatenate(parts) if parts else np.zeros(0, np.uint64)), offs


def item_features(items: Sequence[str], *, check: bool = True) -> ItemFeatures:
    feats: list[U64] = []
    counts: list[I64] = []
    keys: list[U64] = []
    checks: list[U64] = []
    check_counts: list[I64] = []
    figs: list[U64] = []
    fig_counts: list[I64] = []
    wanted = {*NGRAMS, CHECK_NGRAM} if check else set(NGRAMS)
    for start, end in _chunk_bounds(items):
        chunk = [unicodedata.normalize("NFC", t) for t in items[start:end]]
        batch = tokenize_batch(chunk, positions=check)
        tok, toffs = batch.hashes, batch.doc_offsets
        n = toffs.size - 1
        ntok = np.diff(toffs)
        item_of_tok = np.repeat(np.arange(n), ntok)
        if check and batch.starts is not None:
            # A token is a number when its first character is a digit (tokens never mix digits and letters).
            codes = np.frombuffer("\x00".join(chunk).encode("utf-32-le"), "<u4")
            char_start = np.zeros(n + 1, np.int64)
            np.cumsum(np.fromiter((len(t) + 1 for t in chunk), np.int64, n), out=char_start[1:])
            first = codes[char_start[item_of_tok] + batch.starts]
            num = (first >= 48) & (first <= 57)
            h, o = distinct_per_item(tok[num], item_of_tok[num])
            figs.append(h)
            fig_counts.append(np.bincount(o, minlength=n).astype(np.int64))
        pos = (np.arange(tok.size, dtype=np.int64) - np.repeat(toffs[:-1], ntok)).astype(np.int64)
        left = np.repeat(ntok, ntok) - pos  # tokens from this one to the item's end, itself included
        parts: list[U64] = []
        owners: list[I64] = []
        acc = tok
        for k in range(1, max(wanted) + 1):
            if k > 1:
                nxt = tok[k - 1 :]
                acc = mix64(acc[:-1] * POS_SALT + ((nxt << np.uint64(23)) | (nxt >> np.uint64(41))))
            if k not in wanted:
                continue
            valid = left[: acc.size] >= k
            hashed = mix64(acc[valid] ^ np.uint64(k * 0x1F0C0DE))
            own = item_of_tok[: acc.size][valid]
            if k in NGRAMS:
                parts.append(hashed)
                owners.append(own)
            if check and k == CHECK_NGRAM:
                h, o = distinct_per_item(hashed, own)
                checks.append(h)
                check_counts.append(np.bincount(o, minlength=n).astype(np.int64))
        own_all = np.concatenate(owners)
        order = np.argsort(own_all, kind="stable")
        feats.append(np.concatenate(parts)[order])
        counts.append(np.bincount(own_all, minlength=n).astype(np.int64))
        mixed = mix64(tok + pos.astype(np.uint64) * POS_SALT)
        key = np.zeros(n, np.uint64)
        nonempty = ntok > 0
        if tok.size:
            key[nonempty] = np.add.reduceat(mixed, toffs[:-1][nonempty])
        keys.append(key)
    flat, offs = concat(feats, counts)
    check_flat, check_offs = concat(checks, check_counts)
    fig_flat, fig_offs = concat(figs, fig_counts)
    key_all = np.concatenate(keys) if keys else np.zeros(0, np.uint64)
    return ItemFeatures(flat, offs, key_all, check_flat, check_offs, fig_flat, fig_offs)


def distinct_per_item(hashed: U64, own: I64) -> tuple[U64, I64]:
    """Distinct shingles of each item, sorted by (item, hash)."""
    order = np.lexsort((hashed, own))
    h, o = hashed[order], own[order]
    first = np.ones(h.size, np.bool_)
    first[1:] = (h[1:] != h[:-1]) | (o[1:] != o[:-1])
    return h[first], o[first]


def overlap(
    flat: U64, offs: I64, ta: I64, tb: I64, weight: F64 | None = None, *, block: int = 200_000
) -> tuple[F64, F64, F64]:
    """(shared, size of a, size of b) of the sorted distinct shingle sets number ta[p] and tb[p], for every p;
    sizes and shared part weighted by ``weight`` (one per entry of ``flat``) when given.

    Each side's shingles, keyed (p, top 40 bits of the hash), are already in order (p rises, each set is
    sorted): b's keys are looked up in a's with one ordered binary search, no sort."""
    shared = np.zeros(ta.size, np.float64)
    size_a = np.zeros(ta.size, np.float64)
    size_b = np.zeros(ta.size, np.float64)
    sizes = np.diff(offs)
    for s in range(0, ta.size, block):
        a, b = ta[s : s + block], tb[s : s + block]
        n = a.size
        ra, rb = concat_ranges(offs[a], sizes[a]), concat_ranges(offs[b], sizes[b])
        pa = np.repeat(np.arange(n, dtype=np.uint64), sizes[a])
        pb = np.repeat(np.arange(n, dtype=np.uint64), sizes[b])
        ka = (pa << np.uint64(40)) | (flat[ra] >> np.uint64(24))
        kb = (pb << np.uint64(40)) | (flat[rb] >> np.uint64(24))
        if ka.size == 0 or kb.size == 0:
            hit = np.zeros(kb.size, np.bool_)
        else:
            at = np.minimum(np.searchsorted(ka, kb), ka.size - 1)
            hit = ka[at] == kb
        pbi = pb.astype(np.intp)
        if weight is None:
            shared[s : s + n] = np.bincount(pbi[hit], minlength=n)
            size_a[s : s + n] = sizes[a]
            size_b[s : s + n] = sizes[b]
        else:
            wb = weight[rb]
            shared[s : s + n] = np.bincount(pbi[hit], weights=wb[hit], minlength=n)
            size_a[s : s + n] = np.bincount(pa.astype(np.intp), weights=weight[ra], minlength=n)
            size_b[s : s + n] = np.bincount(pbi, weights=wb, minlength=n)
    return shared, size_a, size_b


def jaccard(flat: U64, offs: I64, ta: I64, tb: I64) -> F64:
    """Jaccard similarity of the sorted distinct shingle sets number ta[p] and tb[p], for every p."""
    inter, na, nb = overlap(flat, offs, ta, tb)
    return np.asarray(inter / np.maximum(na + nb - inter, 1), np.float64)


def figure_weights(figs: U64, n_items: int) -> F64:
    """Weight of each figure: how rare the number is among items (IDF; the year in every item weighs ~0)."""
    _u, inv, df = np.unique(figs, return_inverse=True, return_counts=True)
    return np.maximum(np.log(max(n_items, WEIGHT_MIN_N) / df), 0.0)[inv.ravel()].astype(np.float64)


def template_features(template_texts: Iterable[str]) -> U64:
    texts = [t for t in template_texts if t]
    if not texts:
        return np.zeros(0, np.uint64)
    return sorted_unique(item_features(texts, check=False).feats)
