"""The batch machinery of the background analysis gives the same results as the plain way: worker
processes against the inline path, pairs of distinct texts against a row-by-row oracle."""

from __future__ import annotations

import itertools
import random
from typing import Any

import numpy as np
import pytest

from ct05.cycle import batch, pairing
from ct05.cycle.models import Commitment, CommitmentBand, SimilarPair
from ct05.cycle.services.analysis import analyze
from tests.conftest import World, make_member
from tests.cycle.helpers import COPIED, GENERIC, SPECIFIC, YEAR, registration, topic


def _oracle(
    keys: np.ndarray, valid: np.ndarray, shingles: list[np.ndarray], max_bucket: int, threshold: float
) -> dict[tuple[int, int], float]:
    """Row by row: buckets of valid rows per band, every pair of a bucket of 2..max_bucket rows, exact Jaccard."""
    pairs: dict[tuple[int, int], float] = {}
    for band in range(keys.shape[1]):
        buckets: dict[int, list[int]] = {}
        for row in np.flatnonzero(valid).tolist():
            buckets.setdefault(int(keys[row, band]), []).append(row)
        for rows in buckets.values():
            if 2 <= len(rows) <= max_bucket:
                for i, j in itertools.combinations(rows, 2):
                    a, b = set(shingles[i].tolist()), set(shingles[j].tolist())
                    inter, union = len(a & b), len(a | b)
                    if union and inter >= threshold * union - 1e-9:
                        pairs[(i, j)] = inter / union
    return pairs


def test_pairs_of_distinct_texts_are_the_pairs_of_rows_found_one_by_one() -> None:
    rng = random.Random(5)
    n_texts, bands = 40, 4
    text_shingles = [np.unique(np.array([rng.randrange(30) for _ in range(8)], np.uint64)) for _ in range(n_texts)]
    text_keys = np.array([[rng.randrange(6) for _ in range(bands)] for _ in range(n_texts)], np.int64)
    text_valid = np.array([rng.random() > 0.1 for _ in range(n_texts)])
    text_of = np.array([rng.randrange(n_texts) for _ in range(150)], np.int64)  # many rows share a text
    expected = _oracle(
        text_keys[text_of], text_valid[text_of], [text_shingles[t] for t in text_of], max_bucket=12, threshold=0.5
    )

    found = pairing.text_pairs(
        text_keys,
        text_valid,
        np.bincount(text_of, minlength=n_texts),
        text_shingles,
        max_bucket=12,
        threshold=0.5,
    )
    by_text = np.argsort(text_of, kind="stable")
    starts = np.searchsorted(text_of[by_text], np.arange(n_texts + 1))
    got: dict[tuple[int, int], float] = {}
    for ii, jj, pp in pairing.row_pairs(found, by_text, starts, block=7):
        for i, j, p in zip(ii.tolist(), jj.tolist(), pp.tolist(), strict=True):
            assert i < j and (i, j) not in got
            got[(i, j)] = float(found.similarity[p])
    assert expected and got == pytest.approx(expected)


def _stored() -> dict[str, Any]:
    return {
        "commitments": sorted(
            (pk, score, verdict, reasons, fp_key, bytes(fp), sim)
            for pk, score, verdict, reasons, fp_key, fp, sim in Commitment.objects.values_list(
                "pk", "score", "verdict", "reasons", "fp_key", "fingerprint", "max_similarity"
            )
        ),
        "bands": sorted(CommitmentBand.objects.values_list("year", "key", "commitment_id")),
        "pairs": sorted(SimilarPair.objects.values_list("a_id", "b_id", "similarity")),
    }


def test_the_analysis_stores_the_same_results_with_worker_processes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    topic()
    other = make_member(world.cell1, "Quàng Văn Xôm", "DV0009")
    registration(world, texts=(COPIED, GENERIC, SPECIFIC))
    registration(world, actor=world.secretary, member=other, texts=(COPIED.replace("12 hộ", "14 hộ"), GENERIC))
    inline = analyze(year=YEAR, workers=1)
    first = _stored()

    monkeypatch.setattr(batch, "PARALLEL_MIN", 1)
    monkeypatch.setattr(batch, "CHUNK", 2)  # several chunks, so results must come back in order
    parallel = analyze(year=YEAR, workers=2)

    assert _stored() == first
    assert first["pairs"] and parallel["pairs"] == inline["pairs"] == len(first["pairs"])
    assert parallel["verdicts"] == inline["verdicts"]


def test_the_minhash_prefilter_drops_hopeless_candidates_and_no_pair() -> None:
    from ct05.seed.commitments import edited_copy, specific_text
    from ct05.textcheck.minhash import MinHashParams
    from ct05.textcheck.pairs import ShingleFilter

    rng = random.Random(8)
    texts: list[str] = []
    for i in range(3000):
        if texts and rng.random() < 0.1:
            texts.append(edited_copy(rng, rng.choice(texts)))
        else:
            duty = rng.choice(("trực bộ phận một cửa", "phụ trách công tác dân số", "dạy lớp 5A"))
            texts.append(specific_text(rng, 2026, duty, f"tổ dân phố {i % 40}"))
    distinct = list(dict.fromkeys(texts))
    drop = ShingleFilter.build(template_texts=[], corpus=distinct)
    params = MinHashParams(drop_digest=drop.digest)
    batch._init([()], drop, params)
    fpc = batch.fingerprint_chunk(distinct)
    sizes = np.array([s.size for s in fpc.shingles])
    args = (fpc.keys, fpc.nonempty & (sizes >= 5), np.ones(len(distinct), np.int64), fpc.shingles)
    plain = pairing.text_pairs(*args, max_bucket=200, threshold=0.7)
    fast = pairing.text_pairs(*args, max_bucket=200, threshold=0.7, signatures=fpc.signatures)
    assert plain.ta.size > 50  # the edited copies are there
    assert sorted(zip(fast.ta.tolist(), fast.tb.tolist(), strict=True)) == sorted(
        zip(plain.ta.tolist(), plain.tb.tolist(), strict=True)
    )
    assert fast.checked < plain.checked / 2
