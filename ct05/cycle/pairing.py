"""Candidate and verified near-duplicate pairs of a year's commitments, computed on *distinct* texts (numpy,
no Django import).

Rows with the same text share every band key, so the LSH buckets are built over distinct texts, each
weighted by how many rows carry it; a bucket is used when it holds 2 to `max_bucket` rows, exactly as if it
were built over the rows. Jaccard similarity is computed once per pair of distinct texts and then spread
over their rows: a province where 10,000 members wrote the same sentence costs one comparison, not 50
million.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ct05.textcheck.pairs import concat_ranges

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class TextPairs:
    """Verified pairs of distinct texts (ta <= tb; ta == tb: rows sharing one text) and their similarity."""

    ta: I64
    tb: I64
    similarity: npt.NDArray[np.float64]
    candidate_rows: int  # row pairs that were candidates (before verification), for the summary
    checked: int = 0  # pairs of distinct texts whose shingles were compared exactly


def overlaps(flat: npt.NDArray[np.uint64], offsets: I64, ta: I64, tb: I64) -> I64:
    """Size of the intersection of the sorted unique shingle sets number ta[p] and tb[p], for every p."""
    out = np.zeros(ta.size, np.int64)
    sizes = np.diff(offsets)
    block = 100_000
    for s in range(0, ta.size, block):
        a, b = ta[s : s + block], tb[s : s + block]
        n = a.size
        vals = np.concatenate((flat[concat_ranges(offsets[a], sizes[a])], flat[concat_ranges(offsets[b], sizes[b])]))
        pid = np.concatenate((np.repeat(np.arange(n), sizes[a]), np.repeat(np.arange(n), sizes[b])))
        order = np.lexsort((vals, pid))
        v, p = vals[order], pid[order]
        same = (v[1:] == v[:-1]) & (p[1:] == p[:-1])  # each set holds a value once: a repeat is shared
        out[s : s + n] = np.bincount(p[1:][same], minlength=n)
    return out


# Candidates whose MinHash estimate is this far below the threshold are dropped before the exact check. The
# estimate over 128 permutations has a standard deviation of at most 0.045 (sqrt(J(1-J)/128)), so a pair
# truly at 0.7 is dropped with probability ~1e-6 (5 standard deviations); most candidates (J ~ 0.3) go.
PREFILTER_MARGIN = 0.2


def estimates(signatures: npt.NDArray[np.uint32], ta: I64, tb: I64, *, block: int = 50_000) -> npt.NDArray[np.float64]:
    """MinHash estimate of the Jaccard similarity of texts ta[p] and tb[p]: the share of equal values."""
    out = np.empty(ta.size, np.float64)
    for s in range(0, ta.size, block):
        out[s : s + block] = (signatures[ta[s : s + block]] == signatures[tb[s : s + block]]).mean(axis=1)
    return out


def text_pairs(
    keys: I64,
    valid: npt.NDArray[np.bool_],
    rows: I64,
    shingles: list[npt.NDArray[np.uint64]],
    *,
    max_bucket: int,
    threshold: float,
    signatures: npt.NDArray[np.uint32] | None = None,
) -> TextPairs:
    """keys: (texts, bands) band keys; valid: texts that may pair; rows: how many rows carry each text;
    signatures: (texts, permutations) MinHash values, to drop hopeless candidates before the exact check."""
    texts = np.flatnonzero(valid & (rows > 0))
    found: list[I64] = []
    selfs: list[I64] = []
    for j in range(keys.shape[1]):
        col = keys[texts, j]
        if col.size == 0:
            continue
        order = np.argsort(col, kind="stable")
        k = col[order]
        starts = np.concatenate(([0], np.flatnonzero(np.diff(k)) + 1))
        ntexts = np.diff(np.concatenate((starts, [k.size])))
        nrows = np.add.reduceat(rows[texts[order]], starts)
        ok = (nrows >= 2) & (nrows <= max_bucket)
        for size in np.unique(ntexts[ok]).tolist():
            first = starts[ok & (ntexts == size)]
            members = np.sort(texts[order[first[:, None] + np.arange(size)]], axis=1)  # (buckets, size)
            selfs.append(members.ravel())
            if size > 1:
                ii, jj = np.triu_indices(size, 1)
                found.append((members[:, ii].ravel() << 32) | members[:, jj].ravel())
    codes = np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)
    same = np.unique(np.concatenate(selfs)) if selfs else np.zeros(0, np.int64)
    same = same[rows[same] >= 2]
    ta = np.concatenate((codes >> 32, same))
    tb = np.concatenate((codes & 0xFFFFFFFF, same))
    candidate_rows = int((rows[ta] * rows[tb])[: codes.size].sum() + (rows[same] * (rows[same] - 1) // 2).sum())
    if signatures is not None and codes.size:
        hopeful = estimates(signatures, ta[: codes.size], tb[: codes.size]) >= threshold - PREFILTER_MARGIN
        ta = np.concatenate((ta[: codes.size][hopeful], same))
        tb = np.concatenate((tb[: codes.size][hopeful], same))
    sizes = np.fromiter((s.size for s in shingles), np.int64, len(shingles))
    offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    flat = np.concatenate(shingles) if shingles else np.zeros(0, np.uint64)
    inter = overlaps(flat, offsets, ta, tb)
    union = sizes[ta] + sizes[tb] - inter
    # The engine's own test: an integer count against threshold × union (7/10 reaches 0.7).
    keep = (union > 0) & (inter >= threshold * union - 1e-9)
    sim = inter[keep] / union[keep]
    return TextPairs(ta=ta[keep], tb=tb[keep], similarity=sim, candidate_rows=candidate_rows, checked=ta.size)


def row_pairs(found: TextPairs, by_text: I64, starts: I64, *, block: int = 200_000) -> Iterator[tuple[I64, I64, I64]]:
    """(i, j, text pair index) blocks of row pairs, i < j, for the verified text pairs; the rows carrying
    text t are by_text[starts[t]:starts[t + 1]]."""
    bi: list[I64] = []
    bj: list[I64] = []
    bp: list[I64] = []
    held = 0
    for p, (ta, tb) in enumerate(zip(found.ta.tolist(), found.tb.tolist(), strict=True)):
        ra = np.sort(by_text[starts[ta] : starts[ta + 1]])
        rb = np.sort(by_text[starts[tb] : starts[tb + 1]])
        if ta == tb:
            ii, jj = np.triu_indices(ra.size, 1)
            i, j = ra[ii], ra[jj]
        else:
            x = np.repeat(ra, rb.size)
            y = np.tile(rb, ra.size)
            i, j = np.minimum(x, y), np.maximum(x, y)
        bi.append(i)
        bj.append(j)
        bp.append(np.full(i.size, p, np.int64))
        held += i.size
        if held >= block:
            yield np.concatenate(bi), np.concatenate(bj), np.concatenate(bp)
            bi, bj, bp, held = [], [], [], 0
    if held:
        yield np.concatenate(bi), np.concatenate(bj), np.concatenate(bp)
