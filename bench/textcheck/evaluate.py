"""Agreement of ``assess`` with the labelled evaluation set (bench/textcheck/eval/*.jsonl).

    python -m bench.textcheck.evaluate tune          # the split used while tuning
    python -m bench.textcheck.evaluate heldout       # only at the end: never tune against it

Prints balanced accuracy, the confusion matrix and every confusion with the engine's reasons.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ct05.textcheck import assess

EVAL_DIR = Path(__file__).resolve().parent / "eval"


def load(split: str) -> list[dict[str, object]]:
    path = EVAL_DIR / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass(frozen=True)
class Score:
    tp: int  # specific judged specific
    fn: int  # specific judged generic
    tn: int
    fp: int

    @property
    def balanced_accuracy(self) -> float:
        sens = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        spec = self.tn / (self.tn + self.fp) if self.tn + self.fp else 1.0
        return (sens + spec) / 2


def score(rows: list[dict[str, object]]) -> tuple[Score, list[tuple[dict[str, object], str]]]:
    tp = fn = tn = fp = 0
    wrong: list[tuple[dict[str, object], str]] = []
    for r in rows:
        got = assess(str(r["text"]), duty=str(r["duty"])).verdict
        if r["label"] == "specific":
            tp, fn = (tp + 1, fn) if got == "specific" else (tp, fn + 1)
        else:
            tn, fp = (tn + 1, fp) if got == "generic" else (tn, fp + 1)
        if got != r["label"]:
            wrong.append((r, got))
    return Score(tp, fn, tn, fp), wrong


def main() -> None:
    split = sys.argv[1] if len(sys.argv) > 1 else "tune"
    rows = load(split)
    s, wrong = score(rows)
    print(f"{split}: {len(rows)} items, balanced accuracy {s.balanced_accuracy:.3f}")
    print(f"  labelled specific: judged specific {s.tp}, generic {s.fn}")
    print(f"  labelled generic:  judged generic {s.tn}, specific {s.fp}")
    for r, got in wrong:
        a = assess(str(r["text"]), duty=str(r["duty"]))
        codes = ",".join(x.code for x in a.reasons)
        print(f"  {r['id']} label={r['label']} got={got} score={a.score} [{codes}] {r['text']}")


if __name__ == "__main__":
    main()
