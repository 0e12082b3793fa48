"""Vectorised normalization, tokenization and hashing of many texts at once (numpy).

Python's ``re`` needs about 60 µs to split a 100-syllable Vietnamese text, which alone would spend a
minute on a million texts. Here a chunk of texts is joined, turned into one array of code points, and
folded, tone-fixed, classified and hashed with a few table look-ups and array passes. The rules are those
of ``normalize.py`` (its tables are reused); ``tests/textcheck/test_vector.py`` checks both paths give the
same tokens.

Token and shingle hashes are stable across processes, machines and runs (no use of Python's ``hash``),
because fingerprints are stored in the database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from . import normalize as _norm

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLD = np.uint64(0x9E3779B97F4A7C15)

_CLS_SEP, _CLS_LETTER, _CLS_DIGIT, _CLS_PERCENT, _CLS_NUMSEP = 0, 1, 2, 3, 4


def mix64(z: U64) -> U64:
    """splitmix64 finalizer: spreads every input bit over the whole 64-bit word."""
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def _char_class(ch: str) -> int:
    if ch == "%":
        return _CLS_PERCENT
    if ch in "./:,-":
        return _CLS_NUMSEP
    if ch.isdecimal():
        return _CLS_DIGIT
    if ch.isalnum() and ch != "_":
        return _CLS_LETTER
    return _CLS_SEP


# Flag bits stored with the character class, so one table look-up answers every per-character question.
_FLAG_DELETED = 0x10
_FLAG_TONE = 0x08
_CLS_MASK = 0x07


@dataclass(frozen=True)
class _Tables:
    fold: npt.NDArray[np.uint16]  # BMP code point -> folded code point
    cls: npt.NDArray[np.uint8]  # folded code point -> class | flags
    value: npt.NDArray[np.uint64]  # folded code point -> hash term (code + 1; 0 for separators)
    raw_cls: npt.NDArray[np.uint8]  # BMP code point before folding -> cls of its folded form
    pair_keys: U64
    pair_new: npt.NDArray[np.uint32]  # (k, 2)
    triple_keys: U64
    triple_new: npt.NDArray[np.uint32]  # (k, 2)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    fold = np.arange(0x10000, dtype=np.uint16)
    for src, dst in _norm.fold_table().items():
        fold[src] = dst
    cls = np.array([_char_class(chr(c)) if not 0xD800 <= c <= 0xDFFF else 0 for c in range(0x10000)], np.uint8)
    for ch in _norm.deleted_chars():
        # Deleted characters are looked up after folding, which leaves them unchanged.
        cls[ord(ch)] |= _FLAG_DELETED
    always, after_qg = _norm.tone_fixes()
    pairs = sorted(((ord(k[0]) << 21) | ord(k[1]), v) for k, v in always.items())
    triples = sorted(((ord(k[0]) << 42) | (ord(k[1]) << 21) | ord(k[2]), v) for k, v in after_qg.items())
    for k in (*always, *(t[1:] for t in after_qg)):
        cls[ord(k[0])] |= _FLAG_TONE
    base = cls & _CLS_MASK
    value = np.where((base != _CLS_SEP) & (base != _CLS_NUMSEP), np.arange(1, 0x10001) & 0xFFFF, 0)
    return _Tables(
        fold=fold,
        cls=cls,
        # 64-bit, as the hash arithmetic uses it: saves a conversion pass over every character.
        value=value.astype(np.uint16).astype(np.uint64),
        raw_cls=cls[fold],
        pair_keys=np.array([k for k, _ in pairs], np.uint64),
        pair_new=np.array([[ord(v[0]), ord(v[1])] for _, v in pairs], np.uint32),
        triple_keys=np.array([k for k, _ in triples], np.uint64),
        triple_new=np.array([[ord(v[0]), ord(v[1])] for _, v in triples], np.uint32),
    )


# Token hash: sum of (code + 1) * R**i over the token's characters at absolute positions i, then multiplied
# by R**-start so it does not depend on where the token sits. R is odd, hence invertible modulo 2**64.
_R = 0x100000001B3 * 2 + 1
_R_INV = pow(_R, -1, 2**64)
_pow_cache: list[U64] = [np.ones(1, np.uint64), np.ones(1, np.uint64)]


def _powers(n: int) -> tuple[U64, U64]:
    if _pow_cache[0].size < n:
        size = max(n, 2 * _pow_cache[0].size, 1 << 16)
        pw = np.full(size, _R, np.uint64)
        pw[0] = 1
        inv = np.full(size, _R_INV, np.uint64)
        inv[0] = 1
        _pow_cache[0] = np.cumprod(pw, dtype=np.uint64)
        _pow_cache[1] = np.cumprod(inv, dtype=np.uint64)
    return _pow_cache[0][:n], _pow_cache[1][:n]


@dataclass
class TokenBatch:
    """Tokens of a chunk of texts: stable 64-bit hashes, per-document offsets, and optional positions."""

    hashes: U64
    doc_offsets: I64  # len(texts) + 1 entries into ``hashes``
    starts: I64 | None = None  # token start in the document's NFC text
    ends: I64 | None = None


def _apply_tone_fixes(codes: npt.NDArray[np.uint16] | npt.NDArray[np.uint32], cand: I64, t: _Tables) -> None:
    cand = cand[cand < codes.size - 1]
    if cand.size == 0:
        return
    cur = codes[cand].astype(np.uint64)
    nxt = codes[cand + 1].astype(np.uint64)
    prev = np.where(cand > 0, codes[np.maximum(cand - 1, 0)], 0).astype(np.uint64)
    done = np.zeros(cand.size, np.bool_)
    for keys, new, key in (
        (t.triple_keys, t.triple_new, (prev << np.uint64(42)) | (cur << np.uint64(21)) | nxt),
        (t.pair_keys, t.pair_new, (cur << np.uint64(21)) | nxt),
    ):
        idx = np.minimum(np.searchsorted(keys, key), keys.size - 1)
        hit = (keys[idx] == key) & ~done
        if hit.any():
            where = cand[hit]
            codes[where] = new[idx[hit], 0]
            codes[where + 1] = new[idx[hit], 1]
            done |= hit


def _encode(joined: str) -> npt.NDArray[np.uint16] | npt.NDArray[np.uint32]:
    """Code points of ``joined``: 16-bit when it has no character outside the BMP (the usual case)."""
    raw16 = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    if raw16.size == len(joined):
        return raw16
    return np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def tokenize_batch(texts: Sequence[str], *, positions: bool = False) -> TokenBatch:
    """Hash every token of every text; see ``normalize.tokenize`` for what a token is."""
    t = _tables()
    nfc = [unicodedata.normalize("NFC", s) for s in texts]
    lengths = np.fromiter((len(s) for s in nfc), dtype=np.int64, count=len(nfc))
    # One separator character between texts, so no token runs across a boundary.
    doc_char_start = np.zeros(len(nfc) + 1, np.int64)
    np.cumsum(lengths + 1, out=doc_char_start[1:])
    raw = _encode("\x00".join(nfc))
    wide = raw.dtype == np.uint32
    if raw.size == 0:
        empty = np.zeros(0, np.int64)
        batch = TokenBatch(hashes=np.zeros(0, np.uint64), doc_offsets=np.zeros(len(nfc) + 1, np.int64))
        if positions:
            batch.starts, batch.ends = empty, empty
        return batch
    if wide:
        bmp = raw < 0x10000
        codes = np.where(bmp, t.fold[np.minimum(raw, 0xFFFF)], raw)
        cls = t.cls[np.minimum(codes, 0xFFFF)]
        cls[~bmp] = 0
    else:
        # One index conversion for both look-ups (numpy converts a uint16 index to intp on every use).
        index = raw.astype(np.intp)
        codes = t.fold[index]
        cls = t.raw_cls[index]
        del index
    origin: I64 | None = None
    flagged = np.flatnonzero(cls & (_FLAG_DELETED | _FLAG_TONE))
    if flagged.size:
        deleted = flagged[(cls[flagged] & _FLAG_DELETED) != 0]
        if deleted.size:
            keep = np.ones(codes.size, np.bool_)
            keep[deleted] = False
            if positions:
                origin = np.flatnonzero(keep).astype(np.int64)
            codes, cls = codes[keep], cls[keep]
            flagged = np.flatnonzero(cls & _FLAG_TONE)
        if flagged.size:
            _apply_tone_fixes(codes, flagged, t)
            # A fix rewrites the flagged character and the one after it: reclassify both.
            for near in (flagged, np.minimum(flagged + 1, codes.size - 1)):
                cls[near] = t.cls[np.minimum(codes[near], 0xFFFF)]
        cls &= _CLS_MASK
    if wide and not bool((codes < 0x10000).all()):
        # Characters outside the BMP (emoji, rare CJK, math letters): classify the few distinct ones here.
        astral = np.flatnonzero(codes >= 0x10000)
        uniq, inv = np.unique(codes[astral], return_inverse=True)
        cls[astral] = np.array([_char_class(chr(int(u))) for u in uniq], np.uint8)[inv]
    # "." "," "/" ":" "-" belong to a number only between two digits ("30/6", "15.000"); "-" -> "/", "," -> "."
    numsep = np.flatnonzero(cls == _CLS_NUMSEP)
    inner = numsep
    if numsep.size:
        inner = numsep[(numsep > 0) & (numsep < cls.size - 1)]
        inner = inner[(cls[inner - 1] == _CLS_DIGIT) & (cls[inner + 1] == _CLS_DIGIT)]
        cls[numsep] = _CLS_SEP
        if inner.size:
            cls[inner] = _CLS_DIGIT
            if not wide:
                codes = codes.astype(np.uint32)
            sub = codes[inner]
            codes[inner] = np.where(sub == ord("-"), ord("/"), np.where(sub == ord(","), ord("."), sub))
    n = cls.size
    is_tok = cls != _CLS_SEP
    start = np.empty(n, np.bool_)
    start[0] = is_tok[0]
    np.not_equal(cls[1:], cls[:-1], out=start[1:])
    start &= is_tok
    start |= cls == _CLS_PERCENT
    start_pos = np.flatnonzero(start)
    pw, inv_pw = _powers(n)
    terms: U64
    if wide:
        terms = np.where(is_tok, codes.astype(np.uint64) + np.uint64(1), np.uint64(0)).astype(np.uint64)
    else:
        terms = t.value[codes]
        if numsep.size and inner.size:
            terms[inner] = codes[inner].astype(np.uint64) + np.uint64(1)
    terms *= pw
    if start_pos.size:
        # Each token's sum runs to the next token start; separators in it add nothing (term 0). Differences
        # of a prefix sum (wrapping modulo 2**64, like the sums themselves) are several times faster than
        # ``np.add.reduceat`` over ~100 short segments per text, and give the same values.
        prefix = np.empty(n + 1, np.uint64)
        prefix[0] = 0
        np.cumsum(terms, out=prefix[1:])
        seg_end = np.empty(start_pos.size, np.intp)
        seg_end[:-1] = start_pos[1:]
        seg_end[-1] = n
        sums: U64 = prefix[seg_end] - prefix[start_pos]
        hashes = mix64(sums * inv_pw[start_pos])
    else:
        hashes = np.zeros(0, np.uint64)
    # Which document each token belongs to (by its start position in the joined string).
    first_char = start_pos if origin is None else origin[start_pos]
    doc_offsets = np.searchsorted(first_char, doc_char_start, side="left").astype(np.int64)
    doc_offsets[-1] = hashes.size
    batch = TokenBatch(hashes=hashes, doc_offsets=doc_offsets)
    if positions:
        end = np.empty(n, np.bool_)
        end[-1] = is_tok[-1]
        np.not_equal(cls[:-1], cls[1:], out=end[:-1])
        end &= is_tok
        end |= cls == _CLS_PERCENT
        end_pos = np.flatnonzero(end)
        last_char = end_pos if origin is None else origin[end_pos]
        doc_of_tok = np.searchsorted(doc_char_start, first_char, side="right") - 1
        batch.starts = first_char - doc_char_start[doc_of_tok]
        batch.ends = last_char + 1 - doc_char_start[doc_of_tok]
    return batch


def bigram_shingles(batch: TokenBatch) -> tuple[U64, I64]:
    """Shingles of two consecutive tokens of the same text, with per-document offsets.

    A text with n tokens has n - 1 shingles (none if it has fewer than two tokens).
    """
    h = batch.hashes
    offs = batch.doc_offsets
    if h.size < 2:
        return np.zeros(0, np.uint64), np.zeros(offs.size, np.int64)
    left = h[:-1]
    right = h[1:]
    # Order matters ("a b" differs from "b a"): rotate the right token before combining.
    sh = mix64(left * _GOLD + ((right << np.uint64(23)) | (right >> np.uint64(41))))
    # Drop the shingle that would straddle two documents: position offs[d]-1 for each document end.
    valid = np.ones(sh.size, np.bool_)
    ends = offs[1:-1] - 1
    ends = ends[(ends >= 0) & (ends < sh.size)]
    valid[ends] = False
    counts = np.maximum(np.diff(offs) - 1, 0)
    sh_offs = np.zeros(offs.size, np.int64)
    np.cumsum(counts, out=sh_offs[1:])
    return sh[valid], sh_offs
