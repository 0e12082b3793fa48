"""The previous copy detector (COPIES_VERSION copies-idf-v1), kept for the benchmarks' comparison only.

A registration is a list of items (the cycle's commitments). A copier edits about one word in ten of each
item, reorders the items and writes another name and signature line: two-syllable shingles of the whole
text then measure 0.3-0.6 where ``find_pairs`` reports at 0.7, and dropping the corpus-common shingles
throws away much of what is left. Here nothing is dropped for being merely frequent; every feature is
*weighted* by how rare it is across the registrations (IDF, ``log(N / df)``):

- features of an item: its three-syllable shingles, taken within the item (reordering the items changes
  nothing); features of the template texts (directive, topic, plan) are removed, and so are items that are
  formulas: the same item word for word in ``FORMULA_REGISTRATIONS`` registrations, or, within a group (a
  cell), in at least ``UNIFORM_MIN_MEMBERS`` members and ``UNIFORM_SHARE`` of them (a rule handed down to
  the cell, item 5: not a copy);
- a feature held by more than ``RARE_MAX_DF`` registrations is a stock phrase: it counts for nothing and
  proposes nothing. Every pair of registrations sharing a rarer feature is found by sorting (never by
  comparing texts two by two), with the summed weight of what it shares;
- similarity: that weight over the smaller registration's weight (weighted containment: a copy that leaves
  an item out or adds one stays a copy); copies at ``THRESHOLD``. A registration whose rarer features weigh
  under ``MIN_WEIGHT`` (one short item, a name) is never paired.

Measured in docs/benchmarks-textcheck.md ("Copies with light edits"), with what was tried and dropped.
The result depends on the whole input (the weights are the corpus's), so nothing is stored per text: the
analysis runs this over a province's registrations and stores the pairs with ``COPIES_VERSION``.

    from ct05.textcheck import find_copies
    pairs = find_copies(items_per_registration, groups=cell_ids, template_texts=(directive, topic))
    p.a, p.b, p.similarity   # registration indices, a < b
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ct05.textcheck._vector import mix64, tokenize_batch
from ct05.textcheck.normalize import NORMALIZER_VERSION
from ct05.textcheck.pairs import Pair, _chunk_bounds

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

THRESHOLD = 0.25  # weighted share of the smaller registration's rarer features found in the other
# A registration whose rarer features weigh less than this (one short item, a bare name) is not compared.
MIN_WEIGHT = 60.0
# A feature in more registrations than this proposes no pair and counts for nothing (a stock phrase, a
# common word). It also bounds the work: pairs proposed per feature are at most RARE_MAX_DF**2 / 2.
RARE_MAX_DF = 128
# The same item, word for word, in this many registrations is a formula (a closing line, a slogan).
FORMULA_REGISTRATIONS = 50
# Within a group: an item in at least this many members' registrations and this share of the group is the
# group's rule (uniform, item 5), not a copy between members.
UNIFORM_MIN_MEMBERS = 3
UNIFORM_SHARE = 0.3
# Weights are log(max(N, WEIGHT_MIN_N) / df): on a few registrations, a shared feature still weighs.
WEIGHT_MIN_N = 200
# Which features an item gives: 1 = syllables, 2 = two-syllable shingles, 3 = three-syllable shingles.
NGRAMS: tuple[int, ...] = (3,)  # measured: (2,), (2, 3), (1, 2, 3) do worse
COPIES_VERSION = f"copies-idf-v1+{NORMALIZER_VERSION}+n{''.join(map(str, NGRAMS))}+t{THRESHOLD}+df{RARE_MAX_DF}"

_POS_SALT = np.uint64(0x9E3779B97F4A7C15)


def _sorted_unique(x: npt.NDArray[Any]) -> npt.NDArray[Any]:
    # Sorting by hand: numpy 2's hash-based np.unique is several times slower on these integer keys.
    x = np.sort(x)
    if x.size:
        first = np.ones(x.size, np.bool_)
        first[1:] = x[1:] != x[:-1]
        x = x[first]
    return x


def _item_features(items: Sequence[str]) -> tuple[U64, I64, U64]:
    """Features of each item (n-grams of syllables within the item, salted per n), offsets, and item keys."""
    feats: list[U64] = []
    counts: list[I64] = []
    keys: list[U64] = []
    for start, end in _chunk_bounds(items):
        batch = tokenize_batch(items[start:end])
        tok, toffs = batch.hashes, batch.doc_offsets
        n = toffs.size - 1
        ntok = np.diff(toffs)
        item_of_tok = np.repeat(np.arange(n), ntok)
        pos = (np.arange(tok.size, dtype=np.int64) - np.repeat(toffs[:-1], ntok)).astype(np.int64)
        left = np.repeat(ntok, ntok) - pos  # tokens from this one to the item's end, itself included
        parts: list[U64] = []
        owners: list[I64] = []
        acc = tok
        for k in range(1, max(NGRAMS) + 1):
            if k > 1:
                nxt = tok[k - 1 :]
                acc = mix64(acc[:-1] * _POS_SALT + ((nxt << np.uint64(23)) | (nxt >> np.uint64(41))))
            if k in NGRAMS:
                valid = left[: acc.size] >= k
                parts.append(mix64(acc[valid] ^ np.uint64(k * 0x1F0C0DE)))
                owners.append(item_of_tok[: acc.size][valid])
        own = np.concatenate(owners)
        order = np.argsort(own, kind="stable")
        feats.append(np.concatenate(parts)[order])
        counts.append(np.bincount(own, minlength=n).astype(np.int64))
        # The item word for word: position-salted token hashes summed (order matters).
        mixed = mix64(tok + pos.astype(np.uint64) * _POS_SALT)
        key = np.zeros(n, np.uint64)
        nonempty = ntok > 0
        if tok.size:
            key[nonempty] = np.add.reduceat(mixed, toffs[:-1][nonempty])
        keys.append(key)
    if not feats:
        return np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, np.uint64)
    all_counts = np.concatenate(counts)
    offs = np.zeros(all_counts.size + 1, np.int64)
    np.cumsum(all_counts, out=offs[1:])
    return np.concatenate(feats), offs, np.concatenate(keys)


def _template_features(template_texts: Iterable[str]) -> U64:
    texts = [t for t in template_texts if t]
    if not texts:
        return np.zeros(0, np.uint64)
    feats, _, _ = _item_features(texts)
    return _sorted_unique(feats)


def _formula_items(owner: I64, key: U64, group: I64 | None, nreg: int) -> npt.NDArray[np.bool_]:
    """True for items that are a formula (province-wide) or a group's uniform rule."""
    out = np.zeros(key.size, np.bool_)
    if key.size == 0:
        return out
    # Distinct (registration, item key), then registrations per key.
    uk, inv = np.unique(key, return_inverse=True)
    inv = inv.ravel()
    pair = np.unique(owner.astype(np.int64) * uk.size + inv)
    per_key = np.bincount(pair % uk.size, minlength=uk.size)
    out |= per_key[inv] >= FORMULA_REGISTRATIONS
    if group is not None:
        g_of_item = group[owner]
        gsize = np.bincount(group)
        gk = np.unique(g_of_item * np.int64(uk.size) + inv.ravel(), return_inverse=True)[1].ravel()
        ngk = int(gk.max()) + 1
        holders = np.bincount(np.unique(owner.astype(np.int64) * ngk + gk) % ngk, minlength=ngk)
        need = np.maximum(UNIFORM_MIN_MEMBERS, np.ceil(UNIFORM_SHARE * gsize[g_of_item] - 1e-9))
        out |= holders[gk] >= need
    return out


def _pairs_sharing(reg: I64, fid: I64, weight: F64, nreg: int) -> tuple[U64, F64]:
    """Registration pairs (a * 2**32 + b, a < b) sharing a feature, with the summed weight of what they share.

    ``reg``/``fid``/``weight``: distinct (registration, feature) entries of the rarer features, sorted by fid.
    """
    codes: list[U64] = []
    sums: list[F64] = []
    ru = reg.astype(np.uint64)
    # Positions i whose feature is also at i + d; the list shrinks quickly (most features are in few texts).
    at = np.flatnonzero(fid[1:] == fid[:-1])
    d = 1
    while at.size and d < RARE_MAX_DF:
        a, b = ru[at], ru[at + d]
        codes.append((np.minimum(a, b) << np.uint64(32)) | np.maximum(a, b))
        sums.append(weight[at])
        d += 1
        at = at[at + d < fid.size]
        at = at[fid[at + d] == fid[at]]
    if not codes:
        return np.zeros(0, np.uint64), np.zeros(0, np.float64)
    code = np.concatenate(codes)
    order = np.argsort(code)
    code = code[order]
    first = np.ones(code.size, np.bool_)
    first[1:] = code[1:] != code[:-1]
    run = np.cumsum(first) - 1
    summed: F64 = np.bincount(run, weights=np.concatenate(sums)[order], minlength=int(first.sum())).astype(np.float64)
    return code[first], summed


@dataclass
class _Prepared:
    """The registrations' distinct rarer features and their weights."""

    nreg: int
    weight: F64  # per feature id
    total: F64  # per registration: weight of its distinct rarer features
    reg_fid: I64  # distinct (registration, rarer feature) entries
    reg_of: I64
    df: I64


def _prepare(
    registrations: Sequence[Sequence[str]], groups: Sequence[Hashable] | None, template_texts: Iterable[str]
) -> _Prepared | None:
    nreg = len(registrations)
    if nreg > 2**32 - 1:
        raise ValueError("too many registrations")
    items: list[str] = []
    owner_list: list[int] = []
    for r, its in enumerate(registrations):
        for it in its:
            items.append(it)
            owner_list.append(r)
    if not items:
        return None
    owner = np.asarray(owner_list, np.int64)
    feats, offs, keys = _item_features(items)
    group_ids: I64 | None = None
    if groups is not None:
        if len(groups) != nreg:
            raise ValueError("one group per registration")
        index: dict[Hashable, int] = {}
        group_ids = np.fromiter((index.setdefault(g, len(index)) for g in groups), np.int64, nreg)
    drop_item = _formula_items(owner, keys, group_ids, nreg)
    per_item = np.diff(offs)
    keep = np.repeat(~drop_item, per_item)
    templates = _template_features(template_texts)
    if templates.size:
        at = np.minimum(np.searchsorted(templates, feats), templates.size - 1)
        keep &= templates[at] != feats
    feat_item = np.repeat(np.arange(len(items), dtype=np.int64), per_item)[keep]
    feats = feats[keep]
    if feats.size == 0:
        return None
    # Feature ids by sorting once; then distinct (registration, feature) for the document frequencies.
    uf = _sorted_unique(feats)
    fid = np.searchsorted(uf, feats).astype(np.int64)
    entry = _sorted_unique(owner[feat_item] * np.int64(uf.size) + fid)
    reg_of = entry // uf.size
    reg_fid = entry % uf.size
    df = np.bincount(reg_fid, minlength=uf.size)
    weight = np.log(max(nreg, WEIGHT_MIN_N) / np.maximum(df, 1)).astype(np.float64)
    rare = df[reg_fid] <= RARE_MAX_DF
    reg_of, reg_fid = reg_of[rare], reg_fid[rare]
    total = np.bincount(reg_of, weights=weight[reg_fid], minlength=nreg).astype(np.float64)
    return _Prepared(nreg, weight, total, reg_fid, reg_of, df)


def _candidates(prep: _Prepared) -> tuple[U64, F64, F64]:
    """Registration pairs sharing a rarer feature, with their weighted containment."""
    shared = prep.df[prep.reg_fid] >= 2
    reg_s, fid_s = prep.reg_of[shared], prep.reg_fid[shared]
    order = np.argsort(fid_s, kind="stable")
    reg_s, fid_s = reg_s[order], fid_s[order]
    code, inter = _pairs_sharing(reg_s, fid_s, prep.weight[fid_s], prep.nreg)
    if code.size == 0:
        return code, inter, inter
    a = (code >> np.uint64(32)).astype(np.int64)
    b = (code & np.uint64(0xFFFFFFFF)).astype(np.int64)
    smaller = np.minimum(prep.total[a], prep.total[b])
    ok = smaller > 0
    return code[ok], np.minimum(inter[ok] / smaller[ok], 1.0), smaller[ok]


def registration_similarities(
    registrations: Sequence[Sequence[str]],
    *,
    groups: Sequence[Hashable] | None = None,
    template_texts: Iterable[str] = (),
) -> tuple[U64, F64]:
    """Every pair of registrations sharing a rarer feature, and its weighted containment.

    Returns (codes a * 2**32 + b with a < b, similarity); pairs whose smaller side weighs under
    ``MIN_WEIGHT`` are left out. ``find_copies`` keeps those at its threshold; exposed for benchmarks.
    """
    empty = (np.zeros(0, np.uint64), np.zeros(0, np.float64))
    prep = _prepare(registrations, groups, template_texts)
    if prep is None:
        return empty
    code, contain, smaller = _candidates(prep)
    ok = smaller >= MIN_WEIGHT
    return code[ok], contain[ok]


def find_copies(
    registrations: Sequence[Sequence[str]],
    *,
    groups: Sequence[Hashable] | None = None,
    template_texts: Iterable[str] = (),
    threshold: float = THRESHOLD,
) -> list[Pair]:
    """Pairs of registrations (indices, a < b) copied one from the other, sorted by (a, b).

    ``registrations[i]``: the items of registration i (its commitments' texts; name and signature lines may
    be left in or out). ``groups[i]``: its cell (or any unit whose members share a plan), for the uniform
    rule; without it only province-wide formulas are left out. ``template_texts``: the directive, the year's
    topic, the unit's plan. ``similarity``: share of the smaller registration's substantive items matched.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    code, sim = registration_similarities(registrations, groups=groups, template_texts=template_texts)
    hit = sim >= threshold - 1e-9
    code, sim = code[hit], sim[hit]
    order = np.argsort(code, kind="stable")
    return [
        Pair(a=c >> 32, b=c & 0xFFFFFFFF, similarity=s)
        for c, s in zip(code[order].tolist(), sim[order].tolist(), strict=True)
    ]
