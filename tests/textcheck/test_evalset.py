"""The evaluation set of issue 16 (bench/textcheck/eval): its shape, and the floors the engine must keep.

Measured at the commit that added this test: balanced accuracy 0.996 on the tune split (188 items) and
0.987 on the held-out split (125 items, written and committed before any tuning, measured once at the end).
The floors leave room for lexicon edits by domain staff but fail if a change breaks the rubric.
"""

from __future__ import annotations

import json
from pathlib import Path

from ct05.textcheck import assess

EVAL = Path(__file__).resolve().parents[2] / "bench" / "textcheck" / "eval"
TUNE_FLOOR = 0.97
HELDOUT_FLOOR = 0.95
OCCUPATIONS = {"teacher", "health", "police", "army", "commune", "farmer", "worker", "retiree", "student"}
TRAPS = {"numbered_set", "docnum", "anniversary", "unitname", "heading", "virtues", "intensifier"}
FORMS = {"numword", "rhythm", "window", "threshold", "abstain", "rate", "span", "sponsor", "act_nonum", "mixed"}


def _rows(split: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (EVAL / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def _balanced_accuracy(rows: list[dict[str, object]]) -> float:
    hits = {"specific": [0, 0], "generic": [0, 0]}
    for r in rows:
        label = str(r["label"])
        hits[label][0] += assess(str(r["text"]), duty=str(r["duty"])).verdict == label
        hits[label][1] += 1
    return sum(right / total for right, total in hits.values()) / 2


def test_the_set_has_300_items_across_occupations_traps_and_forms_labelled_twice() -> None:
    rows = _rows("tune") + _rows("heldout")
    assert len(rows) >= 300
    assert len({r["text"] for r in rows}) == len(rows)
    assert {r["occupation"] for r in rows} >= OCCUPATIONS
    kinds = {k for r in rows for k in r["kinds"]}  # type: ignore[attr-defined]
    assert kinds >= TRAPS | FORMS
    assert all(r["label_pass1"] in {"specific", "generic"} and r["label_pass2"] for r in rows)
    assert {r["split"] for r in rows} == {"tune", "heldout"}


def test_the_engine_agrees_with_the_tune_split() -> None:
    assert _balanced_accuracy(_rows("tune")) >= TUNE_FLOOR


def test_the_engine_agrees_with_the_held_out_split() -> None:
    assert _balanced_accuracy(_rows("heldout")) >= HELDOUT_FLOOR
