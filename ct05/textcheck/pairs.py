"""Near-duplicate ("sao chép") detection: verified pairs, never transitive clusters.

Pipeline: normalize -> two-syllable shingles -> drop shingles of the template texts (directive, topic) and
shingles most of the corpus shares -> MinHash + LSH candidates at a loose threshold -> exact Jaccard on the
kept shingles at the reporting threshold -> pairs with similarity and the overlapping character spans.

Quoting the directive makes a commitment generic, not copied; that is why template shingles are dropped
before similarity is measured (``assess`` reports the quoting separately).
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from ._vector import bigram_shingles, tokenize_batch
from .minhash import Fingerprint, FingerprintMismatch, MinHashParams, band_key_matrix, signatures
from .normalize import nfc_offsets

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

DEFAULT_THRESHOLD = 0.7
# A shingle found in at least this share of the corpus *and* in at least COMMON_MIN_DOCS texts is a common
# phrase of the movement ("học tập và làm theo"), not evidence of copying. The floor keeps a cell's 20
# members who all copied one text from having their copy erased as "common".
COMMON_SHARE = 0.05
COMMON_MIN_DOCS = 50
# The share is estimated on an evenly spaced sample of this many texts (exact below it).
COMMON_SAMPLE = 20_000  # at most 2**16 (see ShingleFilter.build)
# Texts are processed in chunks of about this many characters (keeps numpy arrays in the CPU cache).
_CHUNK_CHARS = 500_000
_CHUNK_DOCS = 4_000
# Below this many texts, starting worker processes costs more than it saves.
_PARALLEL_MIN_TEXTS = 20_000


def _meets(inter: int, union: int, threshold: float) -> bool:
    # Compare as integers scaled by the union, so 7/10 counts as reaching 0.7 despite binary floats.
    return union > 0 and inter >= threshold * union - 1e-9


@dataclass(frozen=True)
class ShingleFilter:
    """Shingles removed before fingerprinting: from template texts and corpus-common phrases."""

    dropped: U64 = field(default_factory=lambda: np.zeros(0, np.uint64), repr=False)  # sorted, unique

    @property
    def digest(self) -> str:
        if self.dropped.size == 0:
            return ""
        return hashlib.blake2b(self.dropped.astype("<u8").tobytes(), digest_size=12).hexdigest()

    def to_bytes(self) -> bytes:
        """For storing the filter of a year/province once, beside its fingerprints."""
        return self.dropped.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> ShingleFilter:
        return cls(dropped=np.unique(np.frombuffer(data, "<u8").astype(np.uint64)))

    def apply(self, shingles: U64, offsets: I64) -> tuple[U64, I64]:
        if self.dropped.size == 0 or shingles.size == 0:
            return shingles, offsets
        table, overflow = self._table()
        # One look-up in a small table keyed by the low bits settles almost every shingle; the rare
        # dropped shingles that collided in the table are checked exactly in ``overflow``.
        keep = table[(shingles & np.uint64(_TABLE_MASK)).astype(np.intp)] != shingles
        if overflow.size:
            keep &= ~np.isin(shingles, overflow)
        kept_before = np.zeros(keep.size + 1, np.int64)
        np.cumsum(keep, out=kept_before[1:])
        return shingles[keep], kept_before[offsets - offsets[0]]

    def _table(self) -> tuple[U64, U64]:
        # Keyed by content: worker processes receive a fresh copy of the filter with every chunk.
        key = self.digest
        cached = _TABLES.get(key)
        if cached is None:
            # Empty slots hold a value whose low bits differ from the slot number, so they never match.
            table = (np.arange(_TABLE_MASK + 1, dtype=np.uint64) + np.uint64(1)) & np.uint64(_TABLE_MASK)
            slots = (self.dropped & np.uint64(_TABLE_MASK)).astype(np.intp)
            order = np.argsort(slots, kind="stable")
            first = np.ones(slots.size, np.bool_)
            first[1:] = slots[order][1:] != slots[order][:-1]
            table[slots[order][first]] = self.dropped[order][first]
            overflow = np.sort(self.dropped[order][~first])
            cached = (self.dropped, table, overflow)
            if len(_TABLES) >= 8:
                _TABLES.clear()
            _TABLES[key] = cached
        return cached[1], cached[2]

    def drops(self, shingles: U64) -> npt.NDArray[np.bool_]:
        """True where a shingle is in this filter."""
        if self.dropped.size == 0:
            return np.zeros(shingles.size, np.bool_)
        table, overflow = self._table()
        hit: npt.NDArray[np.bool_] = table[(shingles & np.uint64(_TABLE_MASK)).astype(np.intp)] == shingles
        if overflow.size:
            hit |= np.isin(shingles, overflow)
        return hit

    @classmethod
    def build(
        cls,
        *,
        template_texts: Iterable[str] = (),
        corpus: Sequence[str] = (),
        common_share: float = COMMON_SHARE,
        common_min_docs: int = COMMON_MIN_DOCS,
        sample_size: int = COMMON_SAMPLE,
    ) -> ShingleFilter:
        """Template shingles, plus shingles common in ``corpus`` (estimated on a sample when it is large)."""
        return _build_filter(template_texts, corpus, common_share, common_min_docs, sample_size)[0]


def _template_shingles(template_texts: Iterable[str]) -> U64:
    templates = [t for t in template_texts if t]
    parts = [bigram_shingles(tokenize_batch(chunk))[0] for chunk in _chunks(templates)]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.uint64)


def _build_filter(
    template_texts: Iterable[str], corpus: Sequence[str], share: float, min_docs: int, sample_size: int
) -> tuple[ShingleFilter, U64]:
    """The filter (templates + sampled common shingles) and the borderline shingles of the sample.

    Borderline: sample frequency within a factor 2 of the cut, where the sample may decide wrongly;
    ``find_pairs`` counts them exactly over the whole corpus before verifying.
    """
    templates = _template_shingles(template_texts)
    n = len(corpus)
    common = border = np.zeros(0, np.uint64)
    if n and share < 1.0:
        step = max(1, math.ceil(n / sample_size))
        sample = [corpus[i] for i in range(0, n, step)]
        firsts: list[U64] = []
        done = 0
        for chunk in _chunks(sample):
            sh, offs = bigram_shingles(tokenize_batch(chunk))
            doc = np.repeat(np.arange(done, done + len(chunk), dtype=np.uint64), np.diff(offs))
            done += len(chunk)
            # One entry per (document, shingle): the document number in the top 16 bits, the shingle's
            # top 48 bits below it (two different shingles of one text sharing 48 bits is negligible).
            key = (doc << np.uint64(48)) | (sh >> np.uint64(16))
            _, first = np.unique(key, return_index=True)
            firsts.append(sh[first])
        if firsts:
            uniq, df = np.unique(np.concatenate(firsts), return_counts=True)
            scale = n / len(sample)
            cut = max(share * len(sample), min_docs / scale)
            common = uniq[df >= cut]
            if step > 1:
                border = np.setdiff1d(uniq[(df >= cut / 2) & (df < cut * 2)], templates)
    dropped = np.union1d(templates, common)
    return ShingleFilter(dropped=dropped), border


_TABLE_MASK = (1 << 16) - 1
_TABLES: dict[str, tuple[U64, U64, U64]] = {}


def _kept_shingles(texts: Sequence[str], drop: ShingleFilter) -> tuple[U64, I64]:
    sh, offs = bigram_shingles(tokenize_batch(texts))
    return drop.apply(sh, offs)


def fingerprints(
    texts: Sequence[str], *, drop: ShingleFilter | None = None, params: MinHashParams | None = None
) -> list[Fingerprint]:
    """Fingerprints of ``texts`` (one each), for storing and for the incremental index."""
    drop = drop or ShingleFilter()
    params = replace(params or MinHashParams(), drop_digest=drop.digest)
    out: list[Fingerprint] = []
    for chunk in _chunks(texts):
        kept, offs = _kept_shingles(chunk, drop)
        sig = signatures(kept, offs, params)
        for i in range(len(chunk)):
            own = np.unique(kept[offs[i] : offs[i + 1]])
            out.append(Fingerprint(params=params, signature=sig[i].copy(), shingles=own))
    return out


def fingerprint(text: str, *, drop: ShingleFilter | None = None, params: MinHashParams | None = None) -> Fingerprint:
    return fingerprints([text], drop=drop, params=params)[0]


@dataclass(frozen=True)
class Pair:
    """Two texts (indices in input order, a < b) whose kept shingles reach the threshold."""

    a: int
    b: int
    similarity: float
    # Character spans [start, end) of the shared passages in each original text, when requested.
    spans_a: tuple[tuple[int, int], ...] = ()
    spans_b: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "similarity": round(self.similarity, 4),
            "spans_a": [list(s) for s in self.spans_a],
            "spans_b": [list(s) for s in self.spans_b],
        }


def _chunk_bounds(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    start = 0
    n = len(texts)
    while start < n:
        end = start
        chars = 0
        while end < n and end - start < _CHUNK_DOCS and (chars < _CHUNK_CHARS or end == start):
            chars += len(texts[end])
            end += 1
        yield start, end
        start = end


def _chunks(texts: Sequence[str]) -> Iterator[Sequence[str]]:
    for start, end in _chunk_bounds(texts):
        yield texts[start:end]


@dataclass(frozen=True)
class _ChunkResult:
    start: int
    keys: U64  # (bands, m): one row per band, as the band stage reads them
    nonempty: npt.NDArray[np.bool_]
    border_df: I64  # documents of this chunk holding each borderline shingle


@dataclass(frozen=True)
class _Job:
    start: int
    end: int
    # The texts travel with the job (pickled): the workers are not forked and do not see the caller's list
    # (see _pool_context).
    texts: Sequence[str]
    drop: ShingleFilter  # what MinHash ignores (templates, sampled common shingles)
    border: ShingleFilter  # borderline shingles, counted exactly
    params: MinHashParams


def _process_chunk(job: _Job) -> _ChunkResult:
    sh, offs = bigram_shingles(tokenize_batch(job.texts))
    border = job.border.dropped
    border_df = np.zeros(border.size, np.int64)
    if border.size and sh.size:
        hit = np.flatnonzero(job.border.drops(sh))
        if hit.size:
            doc = np.repeat(np.arange(offs.size - 1, dtype=np.int64), np.diff(offs))[hit]
            which = np.searchsorted(border, sh[hit]).astype(np.int64)
            # Each (document, shingle) once. Sorted by hand: numpy 2's hash-based np.unique is very slow on
            # these structured integer keys (0.1 s per chunk, measured).
            key = np.sort(doc * border.size + which)
            first = np.ones(key.size, np.bool_)
            first[1:] = key[1:] != key[:-1]
            border_df = np.bincount(key[first] % border.size, minlength=border.size).astype(np.int64)
    # The shingles for verification are not kept here: only texts with an LSH candidate need them, and
    # tokenizing those again later costs less than holding every text's shingles (0.8 GB at 1M texts).
    hashed, hashed_offs = job.drop.apply(sh, offs)
    sig = signatures(hashed, hashed_offs, job.params)
    keys = np.ascontiguousarray(band_key_matrix(sig, job.params).T)
    return _ChunkResult(job.start, keys, np.diff(hashed_offs) > 0, border_df)


def _band_pairs(keys: U64) -> U64:
    """Candidate pairs (encoded p * 2**32 + q, p < q) among positions in ``keys`` sharing a key."""
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    same = np.flatnonzero(k[1:] == k[:-1])
    if same.size == 0:
        return np.zeros(0, np.uint64)
    # Runs of equal keys: each "same" position links order[p] and order[p+1].
    run_start = np.ones(same.size, np.bool_)
    run_start[1:] = same[1:] != same[:-1] + 1
    starts = same[run_start]
    lengths = np.diff(np.append(np.flatnonzero(run_start), same.size)) + 1
    out: list[U64] = []
    two = lengths == 2
    if two.any():
        a = order[starts[two]].astype(np.uint64)
        b = order[starts[two] + 1].astype(np.uint64)
        out.append((np.minimum(a, b) << np.uint64(32)) | np.maximum(a, b))
    for s, ln in zip(starts[~two].tolist(), lengths[~two].tolist(), strict=True):
        members = np.sort(order[s : s + ln]).astype(np.uint64)
        ii, jj = np.triu_indices(ln, 1)
        out.append((members[ii] << np.uint64(32)) | members[jj])
    return np.concatenate(out)


@dataclass(frozen=True)
class _VerifyJob:
    candidates: U64  # encoded i * 2**32 + j, sorted
    docs: I64  # the documents they name, sorted
    texts: Sequence[str]  # texts of ``docs``
    drop: ShingleFilter  # everything dropped for verification (templates, exactly counted common shingles)
    threshold: float


def _verify_candidates(job: _VerifyJob) -> list[tuple[int, int, int, int]]:
    """(a, b, shared, union) of the candidates whose kept shingles reach the threshold."""
    docs = job.docs.tolist()
    kept, offs = _kept_shingles(job.texts, job.drop)
    bounds = offs.tolist()
    sets = {d: frozenset(kept[bounds[k] : bounds[k + 1]].tolist()) for k, d in enumerate(docs)}
    found: list[tuple[int, int, int, int]] = []
    left = (job.candidates >> np.uint64(32)).tolist()
    right = (job.candidates & np.uint64(0xFFFFFFFF)).tolist()
    for i, j in zip(left, right, strict=True):
        sa, sb = sets[i], sets[j]
        inter = len(sa & sb)
        union = len(sa) + len(sb) - inter
        if _meets(inter, union, job.threshold):
            found.append((i, j, inter, union))
    return found


# Candidate pairs per verification job: both texts of each are tokenized again in the job.
_VERIFY_PAIRS = 4_000


def _pool_context() -> multiprocessing.context.BaseContext:
    # Not fork, although it is the cheapest start: forked workers share the caller's pages, the texts among
    # them, and the caller writes to every page of texts merely by touching each text's reference count as it
    # sends the chunks; each such page then exists twice, the caller's copy and the original the workers keep
    # alive (+1.07 GB summed PSS at 1M texts, measured: 1,092 MB shared between the two workers alone).
    # Forking a process that runs other threads (a web server, some task workers) can deadlock, too.
    # forkserver and spawn workers inherit nothing; like all multiprocessing code on macOS and Windows, they
    # need the caller's script to guard its entry point with ``if __name__ == "__main__":``.
    methods = multiprocessing.get_all_start_methods()
    for method in ("forkserver", "spawn"):
        if method in methods:
            return multiprocessing.get_context(method)
    return multiprocessing.get_context("fork")


def find_pairs(
    texts: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    template_texts: Iterable[str] = (),
    common_share: float = COMMON_SHARE,
    common_min_docs: int = COMMON_MIN_DOCS,
    params: MinHashParams | None = None,
    workers: int | None = None,
    spans: bool = True,
) -> list[Pair]:
    """All pairs of ``texts`` whose kept-shingle Jaccard similarity is at least ``threshold``.

    Pairs are sorted by (a, b), input indices with a < b. ``workers`` defaults to the number of CPUs; set
    ``spans=False`` to skip computing highlight spans (the command line does). With 20,000 texts or more the
    work goes to worker processes (forkserver): a script calling this must guard its entry point with
    ``if __name__ == "__main__":``.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    n = len(texts)
    if n > 2**32 - 1:
        raise ValueError("too many texts")
    drop, border = _build_filter(template_texts, texts, common_share, common_min_docs, COMMON_SAMPLE)
    params = replace(params or MinHashParams(), drop_digest=drop.digest)
    if workers is None:
        workers = os.cpu_count() or 1
    parallel = workers > 1 and n >= _PARALLEL_MIN_TEXTS
    pool = _pool_context().Pool(workers) if parallel else None
    try:
        border_filter = ShingleFilter(dropped=border)
        jobs = (_Job(start, end, texts[start:end], drop, border_filter, params) for start, end in _chunk_bounds(texts))
        # Band keys go straight into one (bands, n) array: no per-chunk copies are kept.
        keys = np.empty((params.bands, n), np.uint64)
        nonempty = np.zeros(n, np.bool_)
        border_df = np.zeros(border.size, np.int64)
        for r in pool.imap_unordered(_process_chunk, jobs) if pool else map(_process_chunk, jobs):
            end = r.start + r.nonempty.size
            keys[:, r.start : end] = r.keys
            nonempty[r.start : end] = r.nonempty
            border_df += r.border_df
            del r
        ids = np.flatnonzero(nonempty).astype(np.int64)
        del nonempty
        if ids.size < n:
            keys = keys[:, ids]
        band_jobs = (keys[j] for j in range(params.bands))
        found = list(pool.imap_unordered(_band_pairs, band_jobs) if pool else map(_band_pairs, band_jobs))
        del keys, band_jobs
        positions = np.unique(np.concatenate(found)) if found else np.zeros(0, np.uint64)
        del found
        # Positions among the non-empty texts -> input indices (``ids`` is increasing: order is kept).
        uids = ids.astype(np.uint64)
        candidates = (uids[positions >> np.uint64(32)] << np.uint64(32)) | uids[positions & np.uint64(0xFFFFFFFF)]
        del positions, ids, uids
        # The sample only proposed which borderline shingles are common: decide on their exact frequency, so
        # verified similarities do not depend on the sample.
        late_drop = border[(border_df >= common_share * n) & (border_df >= common_min_docs)]
        final = ShingleFilter(dropped=np.union1d(np.setdiff1d(drop.dropped, border), late_drop))
        verify_jobs = []
        for s in range(0, candidates.size, _VERIFY_PAIRS):
            part = candidates[s : s + _VERIFY_PAIRS]
            docs = np.unique(np.concatenate((part >> np.uint64(32), part & np.uint64(0xFFFFFFFF)))).astype(np.int64)
            verify_jobs.append(_VerifyJob(part, docs, [texts[d] for d in docs.tolist()], final, threshold))
        del candidates
        verified = list(pool.imap(_verify_candidates, verify_jobs) if pool else map(_verify_candidates, verify_jobs))
    finally:
        if pool:
            pool.close()
            pool.join()
    pairs = [Pair(a=i, b=j, similarity=inter / union) for part in verified for i, j, inter, union in part]
    if spans:
        pairs = [_with_spans(p, texts[p.a], texts[p.b], drop) for p in pairs]
    return pairs


def _text_spans(text: str, shared: set[int], drop: ShingleFilter) -> tuple[tuple[int, int], ...]:
    nfc, offsets = nfc_offsets(text)
    batch = tokenize_batch([nfc], positions=True)
    sh, offs = bigram_shingles(batch)
    assert batch.starts is not None and batch.ends is not None
    ranges: list[tuple[int, int]] = []
    for i, value in enumerate(sh.tolist()):
        if value in shared:
            # Shingle i covers tokens i and i + 1.
            start, end = int(batch.starts[i]), int(batch.ends[i + 1])
            if ranges and start <= ranges[-1][1] + 1:
                ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
            else:
                ranges.append((start, end))
    return tuple((offsets[s], offsets[e]) for s, e in ranges)


def overlap_spans(
    text_a: str, text_b: str, *, drop: ShingleFilter | None = None
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Character spans [start, end) of the passages two texts share (kept shingles only), for highlighting."""
    drop = drop or ShingleFilter()
    ka, _ = _kept_shingles([text_a], drop)
    kb, _ = _kept_shingles([text_b], drop)
    shared = set(ka.tolist()) & set(kb.tolist())
    return _text_spans(text_a, shared, drop), _text_spans(text_b, shared, drop)


def _with_spans(pair: Pair, text_a: str, text_b: str, drop: ShingleFilter) -> Pair:
    spans_a, spans_b = overlap_spans(text_a, text_b, drop=drop)
    return replace(pair, spans_a=spans_a, spans_b=spans_b)


class NearDuplicateIndex:
    """Incremental index: add fingerprints one by one, ask for verified matches of a new one.

    This in-memory version mirrors what the database does with ``Fingerprint.band_keys()`` in an indexed
    column: look the keys up, load the candidates' fingerprints, verify with ``Fingerprint.overlap``.
    """

    def __init__(self, params: MinHashParams) -> None:
        self.params = params
        self._buckets: dict[int, list[str]] = {}
        self._items: dict[str, Fingerprint] = {}

    def __len__(self) -> int:
        return len(self._items)

    def _check(self, fp: Fingerprint) -> None:
        if fp.params != self.params:
            raise FingerprintMismatch(f"index holds {self.params.to_dict()}, got {fp.params.to_dict()}")

    def add(self, key: str, fp: Fingerprint) -> None:
        self._check(fp)
        if key in self._items:
            raise KeyError(f"{key!r} is already indexed")
        self._items[key] = fp
        for band_key in fp.band_keys():
            self._buckets.setdefault(band_key, []).append(key)

    def query(self, fp: Fingerprint, *, threshold: float = DEFAULT_THRESHOLD) -> list[tuple[str, float]]:
        """Indexed texts whose kept-shingle Jaccard with ``fp`` reaches ``threshold``, most similar first."""
        self._check(fp)
        candidates = {k for band_key in fp.band_keys() for k in self._buckets.get(band_key, ())}
        return verify(fp, {k: self._items[k] for k in candidates}, threshold=threshold)


def verify(
    fp: Fingerprint, candidates: dict[str, Fingerprint], *, threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[str, float]]:
    """Exact check of LSH candidates (e.g. loaded from the database), most similar first."""
    found: list[tuple[str, float]] = []
    for key, other in candidates.items():
        inter, union = fp.overlap(other)
        if _meets(inter, union, threshold):
            found.append((key, inter / union))
    found.sort(key=lambda kv: (-kv[1], kv[0]))
    return found


def concat_ranges(starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Concatenation of arange(s, s + n) for each (s, n): the shingles of many texts gathered from a flat array
    by their offsets and sizes, without a Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    before = np.cumsum(lengths) - lengths
    return np.repeat(starts - before, lengths) + np.arange(total, dtype=np.int64)
