"""The bridge between the yearly cycle and the text-quality engine (ct05.textcheck, issue 3).

- `template_texts_for`: the topic texts a commitment is judged against (quoting them is generic).
- `baseline_for`: the year's shingle filter (topic texts + corpus-common phrases) and the key of the
  fingerprint parameters made with it; fingerprints with another key are never compared.
- `lookup`: verified near-duplicates of one text among the stored commitments of a year, through the
  indexed band keys (`CommitmentBand`), not a scan.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from django.db.models import Q

from ct05.cycle.models import Commitment, CommitmentBand, QualityBaseline, Topic
from ct05.orgs.models import Organization
from ct05.textcheck import ENGINE_VERSION as TEXTCHECK_VERSION
from ct05.textcheck.assess import assess
from ct05.textcheck.minhash import Fingerprint, MinHashParams
from ct05.textcheck.pairs import DEFAULT_THRESHOLD, ShingleFilter, fingerprint, overlap_spans, verify

# Stored with every verdict; the engine's version names its normalizer's and its lexicon's.
ENGINE_VERSION = TEXTCHECK_VERSION[:40]
MAX_MATCHES = 5
MAX_CANDIDATES = 500
# A text left with fewer kept two-syllable phrases than this (after dropping topic text and stock phrases)
# has nothing of its own to copy: two such texts are "generic", not "copied".
MIN_SHINGLES = 5


def template_texts_for(*, year: int, organization: Organization | None) -> list[str]:
    """Topic texts in force in `year` for a unit: the general ones and those of the unit or its ancestors."""
    qs = Topic.objects.filter(year_from__lte=year, year_to__gte=year)
    if organization is None:
        qs = qs.filter(organization__isnull=True)
    else:
        ancestor_ids = [int(s) for s in organization.path.strip("/").split("/") if s]
        qs = qs.filter(Q(organization__isnull=True) | Q(organization_id__in=ancestor_ids))
    return [t for title, body in qs.values_list("title", "full_text") for t in (title, body) if t]


def all_template_texts(year: int) -> list[str]:
    """Every topic text of the year, of every unit: the province-wide filter must be one and the same."""
    qs = Topic.objects.filter(year_from__lte=year, year_to__gte=year).order_by("pk")
    return [t for title, body in qs.values_list("title", "full_text") for t in (title, body) if t]


@dataclass(frozen=True)
class Baseline:
    year: int
    drop: ShingleFilter = field(repr=False)
    params: MinHashParams
    key: str


def params_key(params: MinHashParams) -> str:
    return hashlib.sha1(json.dumps(params.to_dict(), sort_keys=True).encode()).hexdigest()[:40]


def _make_baseline(year: int, drop: ShingleFilter) -> Baseline:
    params = replace(MinHashParams(), drop_digest=drop.digest)
    return Baseline(year=year, drop=drop, params=params, key=params_key(params))


_cache: dict[tuple[int, str], Baseline] = {}
_lock = threading.Lock()


def baseline_for(year: int) -> Baseline:
    """The stored baseline of the year, or (before the first analysis) one made of the topic texts only."""
    row = QualityBaseline.objects.filter(year=year).values_list("digest", flat=True).first()
    if row is not None:
        with _lock:
            hit = _cache.get((year, row))
        if hit is not None:
            return hit
        stored = QualityBaseline.objects.get(year=year)
        dropped = np.frombuffer(bytes(stored.dropped), "<u8").astype(np.uint64)
        baseline = _make_baseline(year, ShingleFilter(dropped=dropped))
    else:
        texts = all_template_texts(year)
        tkey = "t:" + hashlib.sha1("\x00".join(texts).encode()).hexdigest()
        with _lock:
            hit = _cache.get((year, tkey))
        if hit is not None:
            return hit
        baseline = _make_baseline(year, ShingleFilter.build(template_texts=texts))
        row = tkey
    with _lock:
        if len(_cache) > 32:
            _cache.clear()
        _cache[(year, row)] = baseline
    return baseline


def baseline_store(*, year: int, corpus: Sequence[str]) -> Baseline:
    """Recompute the year's filter from the topic texts and the whole year's corpus, and store it."""
    drop = ShingleFilter.build(template_texts=all_template_texts(year), corpus=corpus)
    QualityBaseline.objects.update_or_create(
        year=year,
        defaults={
            "digest": drop.digest or "empty",
            "dropped": drop.dropped.astype("<u8").tobytes(),
            "texts": len(corpus),
        },
    )
    return baseline_for(year)


@dataclass(frozen=True)
class Judgement:
    score: int
    verdict: str
    reasons: list[dict[str, object]]


def judge(text: str, *, duty: str | None, templates: Iterable[str], example_duty: str | None = None) -> Judgement:
    """The engine's `assess`, as the registration stores it (`Assessment.stored_reasons`, as the analysis's
    workers do). `example_duty` (the live check only) changes the suggestion's example, never the verdict."""
    result = assess(text, duty=duty or None, template_texts=tuple(templates), example_duty=example_duty)
    return Judgement(score=int(result.score), verdict=str(result.verdict), reasons=result.stored_reasons())


def text_digest(text: str) -> int:
    """64-bit digest of a commitment's exact text (signed, as a database BIGINT holds it): equal digests in
    a year are copies of one text (`Commitment.text_digest`)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


# A pair of commitments with identical texts has similarity 1.0; `max_similarity` at or above this marks a
# commitment whose identical copies are listed from the digest index (floats are stored rounded).
IDENTICAL = 0.9999


def fingerprint_of(text: str, baseline: Baseline) -> Fingerprint:
    return fingerprint(text, drop=baseline.drop, params=baseline.params)


@dataclass(frozen=True)
class Found:
    commitment_id: int
    similarity: float


def lookup(
    fp: Fingerprint,
    *,
    baseline: Baseline,
    exclude_registration: int | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = MAX_MATCHES,
) -> list[Found]:
    """Verified near-duplicates of `fp` among the year's stored commitments (every unit of the province:
    what the user may see of them is decided by the caller)."""
    if fp.shingles.size < MIN_SHINGLES:
        return []
    keys = fp.band_keys()
    if not keys:
        return []
    # Bounded: a bucket with thousands of texts is a stock phrase, not a copy (the baseline drops those).
    ids = set(
        CommitmentBand.objects.filter(year=baseline.year, key__in=keys).values_list("commitment_id", flat=True)[
            :MAX_CANDIDATES
        ]
    )
    if not ids:
        return []
    # By primary key only; the parameters are checked here, not in SQL: a planner that believes `fp_key`
    # selective (its statistics taken before the analysis rewrote it) would scan every commitment of the year.
    rows = Commitment.objects.filter(pk__in=ids).order_by()  # the model's ordering would join three tables
    if exclude_registration is not None:
        rows = rows.exclude(registration_id=exclude_registration)
    candidates = {
        str(pk): Fingerprint.from_bytes(bytes(data))
        for pk, key, data in rows.values_list("pk", "fp_key", "fingerprint")
        if key == baseline.key and data is not None
    }
    candidates = {k: v for k, v in candidates.items() if v.shingles.size >= MIN_SHINGLES}
    return [Found(int(k), sim) for k, sim in verify(fp, candidates, threshold=threshold)[:limit]]


def spans(text_a: str, text_b: str, baseline: Baseline) -> tuple[list[list[int]], list[list[int]]]:
    a, b = overlap_spans(text_a, text_b, drop=baseline.drop)
    return [list(s) for s in a], [list(s) for s in b]


def segments(text: str, marks: Sequence[Sequence[int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, highlighted) for a template to render with <mark> (autoescaped)."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted((int(s), int(e)) for s, e in marks):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def band_rows(commitment_id: int, year: int, fp: Fingerprint) -> list[CommitmentBand]:
    return [CommitmentBand(year=year, key=k, commitment_id=commitment_id) for k in sorted(set(fp.band_keys()))]


def describe(reasons: Any) -> list[str]:
    return [str(r.get("message", "")) for r in reasons or []]
