"""Text-quality engine for CT05 commitments (issue 3, DESIGN.md section 7). No Django import here.

Specific or generic::

    from ct05.textcheck import assess, assess_standard
    a = assess(text, duty=member_duty, template_texts=(directive_text, topic_text))
    a.score, a.verdict, [(r.code, r.message) for r in a.reasons]   # a.to_dict() for JSON
    s = assess_standard(["Không nhận quà biếu của khách hàng", ...])  # s.items[i].reasons per item

Copies ("sao chép"), batch over a corpus (a background task)::

    from ct05.textcheck import find_pairs
    for p in find_pairs(texts, threshold=0.7, template_texts=(directive_text, topic_text)):
        p.a, p.b, p.similarity, p.spans_a, p.spans_b   # indices into texts (a < b); [start, end) spans
    # From 20,000 texts on this uses worker processes (forkserver): guard a script's entry point with
    # ``if __name__ == "__main__":``.

Copies, incremental (one new commitment against a province's, through the database)::

    from ct05.textcheck import Fingerprint, ShingleFilter, fingerprint, verify
    drop = ShingleFilter.build(template_texts=(directive_text, topic_text), corpus=sample_of_texts)
    # Keep ``drop`` for the whole year/province (drop.to_bytes(), ShingleFilter.from_bytes()): fingerprints made
    # with another filter carry another ``params.drop_digest`` and refuse to be compared.
    fp = fingerprint(text, drop=drop)
    row.fingerprint = fp.to_bytes()                   # BinaryField (or fp.to_text() in a TextField)
    band rows: [(row.id, key) for key in fp.band_keys()]   # BIGINT column with an index, 25 per text
    # To check a new text: SELECT DISTINCT row_id FROM band WHERE key IN (fp.band_keys())
    matches = verify(fp, {str(r.id): Fingerprint.from_bytes(r.fingerprint) for r in candidates})
    # -> [(id, similarity)] at or above 0.7, most similar first; overlap_spans(text_a, text_b, drop=drop)
    #    gives the passages to highlight.

Store ``ENGINE_VERSION`` with every assessment and ``fp.params`` (inside the bytes) with every
fingerprint; when ``NORMALIZER_VERSION`` changes, recompute stored fingerprints.

Command line (a stable contract): ``python -m ct05.textcheck assess|pairs``, see ``__main__``.
"""

from __future__ import annotations

from .assess import (
    Assessment,
    ItemAssessment,
    Reason,
    StandardAssessment,
    assess,
    assess_standard,
)
from .lexicon import lexicon as _lexicon
from .minhash import Fingerprint, FingerprintMismatch, MinHashParams
from .normalize import NORMALIZER_VERSION, normalize, tokenize
from .pairs import (
    DEFAULT_THRESHOLD,
    NearDuplicateIndex,
    Pair,
    ShingleFilter,
    find_pairs,
    fingerprint,
    fingerprints,
    overlap_spans,
    verify,
)

# Changes whenever a verdict or a pair can change: scoring rules, lexicons (their digest is appended at
# import), normalizer. 1.1: weak phrases are not read across a clause boundary.
ENGINE_VERSION = f"1.1+{NORMALIZER_VERSION}+lex.{_lexicon().digest[:8]}"


def band_keys(fp: Fingerprint) -> list[int]:
    """LSH band keys of ``fp`` as signed 64-bit integers, ready for an indexed BIGINT column."""
    return fp.band_keys()


__all__ = [
    "DEFAULT_THRESHOLD",
    "ENGINE_VERSION",
    "NORMALIZER_VERSION",
    "Assessment",
    "Fingerprint",
    "FingerprintMismatch",
    "ItemAssessment",
    "MinHashParams",
    "NearDuplicateIndex",
    "Pair",
    "Reason",
    "ShingleFilter",
    "StandardAssessment",
    "assess",
    "assess_standard",
    "band_keys",
    "find_pairs",
    "fingerprint",
    "fingerprints",
    "normalize",
    "overlap_spans",
    "tokenize",
    "verify",
]
