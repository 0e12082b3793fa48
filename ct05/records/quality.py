"""The text-quality engine's verdict on a unit's standards, as the records app shows and stores it.

The engine (`ct05.textcheck.assess_standard`) gives a score, a verdict and reasons (overall and per item);
this module turns them into what the pages show and the standard stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ct05.textcheck import assess_standard
from ct05.textcheck.assess import Reason

# The engine's passing verdict (ct05.textcheck.assess.Verdict is "specific" or "generic").
GOOD_VERDICTS = frozenset({"specific"})


@dataclass(frozen=True)
class Verdict:
    verdict: str
    score: int
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_good(self) -> bool:
        return self.verdict in GOOD_VERDICTS

    @property
    def label(self) -> str:
        if self.is_good:
            return _("Ngắn gọn, dễ nhớ, dễ hiểu, dễ thực hiện")
        return _("Chưa đạt: chưa ngắn gọn, cụ thể, dễ nhớ, dễ thực hiện")


def _reason(reason: Reason, item: int | None = None) -> dict[str, Any]:
    return {"code": reason.code, "message": reason.message, "item": item}


def assess_items(texts: list[str]) -> Verdict:
    """The engine's verdict on these standard items: its overall reasons, then each item's, numbered."""
    result = assess_standard([t for t in texts if t.strip()])
    reasons = [_reason(r) for r in result.reasons]
    for index, item in enumerate(result.items):
        reasons += [_reason(r, index) for r in item.reasons]
    return Verdict(verdict=result.verdict, score=result.score, reasons=reasons)
