"""MinHash signatures, LSH band keys and storable fingerprints.

A signature has ``num_perm`` (128) values; value p of a text is min over its kept shingles x of
``(a_p * x + b_p) mod 2**32`` (x folded to 32 bits, a_p odd). The probability that two texts agree on one
value is close to the Jaccard similarity of their shingle sets. LSH cuts the signature into ``bands`` bands
of ``rows`` values; two texts become candidates when one band is identical. With the defaults (25 x 5) a
pair at Jaccard 0.7 is a candidate with probability 1 - (1 - 0.7**5)**25 ≈ 0.99, a pair at 0.3 with
probability ≈ 0.06: a loose candidate threshold, made exact afterwards by verifying the real Jaccard.

The signature is computed per permutation over a whole chunk of texts (numpy, ``minimum.reduceat``), which
costs about 1 ns per shingle and permutation instead of a Python loop per text.
"""

from __future__ import annotations

import base64
import json
import struct
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ._vector import mix64
from .normalize import NORMALIZER_VERSION

ALGORITHM = "minhash-bigram-v1"
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
_EMPTY = np.uint32(0xFFFFFFFF)


class FingerprintMismatch(ValueError):
    """Two fingerprints made with different algorithms, parameters, seeds or normalizers were compared."""


@dataclass(frozen=True)
class MinHashParams:
    """Everything that decides the value of a fingerprint; stored with it and compared before any use."""

    num_perm: int = 128
    bands: int = 25
    rows: int = 5
    seed: int = 20160515  # date of Chỉ thị 05-CT/TW; any fixed value works, changing it breaks stored data
    # Digest of the shingles dropped before hashing (template texts, corpus-common shingles); "" for none.
    drop_digest: str = ""
    algorithm: str = ALGORITHM
    normalizer_version: str = NORMALIZER_VERSION

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm or self.bands < 1 or self.rows < 1:
            raise ValueError("bands * rows must be at most num_perm")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def candidate_probability(self, jaccard: float) -> float:
        """Probability that a pair with this Jaccard similarity shares at least one band."""
        return float(1.0 - (1.0 - jaccard**self.rows) ** self.bands)


@lru_cache(maxsize=16)
def _coefficients(num_perm: int, seed: int) -> tuple[U32, U32]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**32, size=num_perm, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def fold32(shingles: U64) -> U32:
    return (shingles ^ (shingles >> np.uint64(32))).astype(np.uint32)


def signatures(shingles: U64, offsets: I64, params: MinHashParams) -> U32:
    """Signatures (len(offsets) - 1, num_perm) of the documents ``shingles[offsets[i]:offsets[i+1]]``.

    A document without shingles gets 0xFFFFFFFF everywhere; callers must not index it (see
    ``band_key_matrix``), since all empty documents would otherwise look identical.
    """
    m = offsets.size - 1
    sig = np.empty((params.num_perm, m), np.uint32)
    sig.fill(_EMPTY)
    lengths = np.diff(offsets)
    nonempty = np.flatnonzero(lengths > 0)
    if nonempty.size == 0:
        return np.ascontiguousarray(sig.T)
    x = fold32(shingles[offsets[0] : offsets[-1]])
    starts = offsets[nonempty] - offsets[0]
    a, b = _coefficients(params.num_perm, params.seed)
    tmp = np.empty_like(x)
    for p in range(params.num_perm):
        np.multiply(x, a[p], out=tmp)
        np.add(tmp, b[p], out=tmp)
        sig[p, nonempty] = np.minimum.reduceat(tmp, starts)
    return np.ascontiguousarray(sig.T)


def band_key_matrix(sig: U32, params: MinHashParams) -> U64:
    """(documents, bands) 64-bit keys; the band number is mixed in, so one indexed column holds them all."""
    m = sig.shape[0]
    used = sig[:, : params.bands * params.rows].reshape(m, params.bands, params.rows).astype(np.uint64)
    acc = np.broadcast_to(_band_salt(params.bands), (m, params.bands)).copy()
    for r in range(params.rows):
        acc *= np.uint64(0x100000001B3)
        acc += used[:, :, r]
    return mix64(acc)


@lru_cache(maxsize=8)
def _band_salt(bands: int) -> U64:
    return mix64(np.arange(1, bands + 1, dtype=np.uint64))


def to_db_int(key: int) -> int:
    """Unsigned 64-bit key as a signed 64-bit integer, the range of a SQL BIGINT."""
    return key - 2**64 if key >= 2**63 else key


_MAGIC = b"CT05FP1\n"


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What is stored per text: signature, kept shingles (for exact verification) and how they were made."""

    params: MinHashParams
    signature: U32 = field(repr=False)
    shingles: U64 = field(repr=False)  # sorted, unique

    def is_empty(self) -> bool:
        return self.shingles.size == 0

    def check_compatible(self, other: Fingerprint) -> None:
        if self.params != other.params:
            raise FingerprintMismatch(
                f"fingerprints differ: {self.params.to_dict()} != {other.params.to_dict()}; recompute one side"
            )

    def band_keys(self) -> list[int]:
        """Signed 64-bit LSH keys, one per band; empty for a text with no kept shingle.

        Store them in an indexed BIGINT column; texts sharing any key are the candidates to verify.
        """
        if self.is_empty():
            return []
        keys = band_key_matrix(self.signature.reshape(1, -1), self.params)[0]
        return [to_db_int(int(k)) for k in keys]

    def jaccard(self, other: Fingerprint) -> float:
        """Exact Jaccard similarity of the kept shingle sets."""
        self.check_compatible(other)
        inter, union = self.overlap(other)
        return inter / union if union else 0.0

    def overlap(self, other: Fingerprint) -> tuple[int, int]:
        self.check_compatible(other)
        inter = int(np.intersect1d(self.shingles, other.shingles, assume_unique=True).size)
        return inter, int(self.shingles.size + other.shingles.size - inter)

    def estimate(self, other: Fingerprint) -> float:
        """MinHash estimate of the Jaccard similarity (what LSH sees)."""
        self.check_compatible(other)
        if self.is_empty() or other.is_empty():
            return 0.0
        return float(np.mean(self.signature == other.signature))

    def to_bytes(self) -> bytes:
        header = json.dumps(self.params.to_dict(), sort_keys=True).encode()
        return b"".join(
            (
                _MAGIC,
                struct.pack("<III", len(header), self.signature.size, self.shingles.size),
                header,
                self.signature.astype("<u4").tobytes(),
                self.shingles.astype("<u8").tobytes(),
            )
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        if not data.startswith(_MAGIC):
            raise ValueError("not a CT05 fingerprint")
        pos = len(_MAGIC)
        hlen, nsig, nsh = struct.unpack_from("<III", data, pos)
        pos += 12
        params = MinHashParams(**json.loads(data[pos : pos + hlen]))
        pos += hlen
        sig = np.frombuffer(data, "<u4", nsig, pos).astype(np.uint32)
        pos += 4 * nsig
        sh = np.frombuffer(data, "<u8", nsh, pos).astype(np.uint64)
        return cls(params=params, signature=sig, shingles=sh)

    def to_text(self) -> str:
        """The bytes as ASCII (base64), for JSON or a text column."""
        return base64.b64encode(self.to_bytes()).decode("ascii")

    @classmethod
    def from_text(cls, text: str) -> Fingerprint:
        return cls.from_bytes(base64.b64decode(text))
