"""The text-quality engine's verdict on a unit's standards, as the records app shows and stores it.

The engine (`ct05.textcheck.assess_standard`, issue 3) is written in parallel; this adapter reads its
Assessment (score, verdict, reasons with code and message) without depending on more than that, and says
plainly when the engine is not installed rather than failing the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ct05.textcheck import assess_standard

GOOD_VERDICTS = frozenset({"specific", "good", "ok", "pass", "concise"})


@dataclass(frozen=True)
class Verdict:
    available: bool
    verdict: str = ""
    score: int | None = None
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_good(self) -> bool:
        return self.available and self.verdict in GOOD_VERDICTS

    @property
    def label(self) -> str:
        if not self.available:
            return _("Chưa đánh giá được (bộ kiểm tra chất lượng văn bản chưa sẵn sàng)")
        if self.is_good:
            return _("Ngắn gọn, dễ nhớ, dễ hiểu, dễ thực hiện")
        return _("Chưa đạt: chưa ngắn gọn, cụ thể, dễ nhớ, dễ thực hiện")


def _reason(obj: Any) -> dict[str, Any]:
    if isinstance(obj, dict):
        return {"code": str(obj.get("code", "")), "message": str(obj.get("message", "")), "item": obj.get("item")}
    if isinstance(obj, str):
        return {"code": "", "message": obj, "item": None}
    item = getattr(obj, "item", None)
    if item is None:
        item = getattr(obj, "index", None)
    return {"code": str(getattr(obj, "code", "")), "message": str(getattr(obj, "message", obj)), "item": item}


def assess_items(texts: list[str]) -> Verdict:
    """The engine's verdict on these standard items, or an "unavailable" verdict."""
    result = assess_standard([t for t in texts if t.strip()])
    verdict = getattr(result, "verdict", "")
    score = getattr(result, "score", None)
    reasons = [_reason(r) for r in getattr(result, "reasons", ()) or ()]
    # The engine gives each item its own reasons (`items[i].reasons`); show them numbered after the overall ones.
    for index, item in enumerate(getattr(result, "items", ()) or ()):
        for r in getattr(item, "reasons", ()) or ():
            reasons.append({**_reason(r), "item": index})
    return Verdict(
        available=True,
        verdict=str(getattr(verdict, "value", verdict)),
        score=int(score) if isinstance(score, int | float) else None,
        reasons=reasons,
    )
