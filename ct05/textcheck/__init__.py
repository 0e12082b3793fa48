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

Clause by clause (issue 16): ``a.clauses`` says which part of an item is a checkable deed
(``ClauseView.concrete``); reasons ``generic_clauses`` ("phần còn lại chung chung"), ``trap_*`` (numbered sets,
document numbers, anniversaries, role descriptions, form headings) and, for a generic item, ``suggestion``
("Thêm con số, ví dụ: …", drawn from the member's own words or duty). ``a.readable`` is False for text that
cannot be read (it is then not judged: reason ``unreadable``).

Legacy encodings (TCVN3/ABC, VNI, VIQR, UTF-8 read as Windows-1252)::

    from ct05.textcheck import repair
    r = repair(text)   # r.text (NFC, case kept), r.repaired, r.encoding, r.readable, r.message

Uniform versus personal (one unit's registrations, and its plan)::

    from ct05.textcheck import uniform_items, uniform_templates
    flags = uniform_items(texts, plan_texts=(plan,))   # flags[i]: UniformItem(text, source, members)...
    find_pairs(texts, template_texts=(directive, topic, *uniform_templates(flags)))

Registrations copied with light edits (issue 16, item 6), a province in one pass::

    from ct05.textcheck import COPIES_VERSION, find_copies
    find_copies(items_per_registration, groups=cell_ids, template_texts=(directive, topic))
    # -> [Pair(a, b, similarity)]: registration indices; store the pairs with COPIES_VERSION

Copies with light edits, item by item (the first, slower version, for one unit at a time)::

    from ct05.textcheck import find_item_copies
    find_item_copies(texts_of_one_unit, template_texts=(directive, topic))  # -> [Pair(a, b, similarity)]

Store ``ENGINE_VERSION`` with every assessment and ``fp.params`` (inside the bytes) with every
fingerprint; when ``NORMALIZER_VERSION`` changes, recompute stored fingerprints.

Command line (a stable contract): ``python -m ct05.textcheck assess|pairs|normalize|uniform``, see
``__main__``.
"""

from __future__ import annotations

from .assess import (
    Assessment,
    ClauseView,
    ItemAssessment,
    Reason,
    StandardAssessment,
    assess,
    assess_standard,
)
from .copies import COPIES_VERSION, find_copies
from .items import find_item_copies
from .legacy import Repair, repair
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
from .uniform import UniformItem, uniform_commitments, uniform_items, uniform_templates

# Changes whenever a verdict or a pair can change: scoring rules, lexicons (their digest is appended at
# import), normalizer. 1.1: weak phrases are not read across a clause boundary. 2.0: clause-level judgement
# (a deed with a measure or an anchor), traps, legacy-encoding refusal (issue 16). 2.1: stored reasons carry
# the concrete and the generic clauses; stock phrases of the other clauses cost the item points. 2.2: the
# analysis also stores the commitments of registrations copied with light edits (copies-items-v3, item 6).
# 2.3: decomposed (NFD) text is read as the same text composed (its clauses split as the NFC text's).
ENGINE_VERSION = f"2.3+{NORMALIZER_VERSION}+lex.{_lexicon().digest[:8]}"


def band_keys(fp: Fingerprint) -> list[int]:
    """LSH band keys of ``fp`` as signed 64-bit integers, ready for an indexed BIGINT column."""
    return fp.band_keys()


__all__ = [
    "COPIES_VERSION",
    "DEFAULT_THRESHOLD",
    "ENGINE_VERSION",
    "NORMALIZER_VERSION",
    "Assessment",
    "ClauseView",
    "Fingerprint",
    "FingerprintMismatch",
    "ItemAssessment",
    "MinHashParams",
    "NearDuplicateIndex",
    "Pair",
    "Reason",
    "Repair",
    "ShingleFilter",
    "StandardAssessment",
    "UniformItem",
    "assess",
    "assess_standard",
    "band_keys",
    "find_copies",
    "find_item_copies",
    "find_pairs",
    "fingerprint",
    "fingerprints",
    "normalize",
    "overlap_spans",
    "repair",
    "tokenize",
    "uniform_commitments",
    "uniform_items",
    "uniform_templates",
    "verify",
]
