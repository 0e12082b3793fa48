"""Specific or generic? An explained judgement of a commitment, and of a unit's ethical standards.

The rubric is the one supervisors use: who + does what + how much + by when + with what proof. The member
is the "who" of their own registration, so a commitment is scored on the other four, on its length, and
penalised for stock phrases, for text lifted from the directive or the year's topic, and for not touching
the member's assigned duty. Every verdict carries its reasons, each with a stable code (for programs) and
a Vietnamese message (for the cell secretary and the member who may contest it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from .feedback import suggestion
from .judge import Clause, read
from .legacy import readability
from .lexicon import (
    ACTION,
    DELIVERABLE,
    NUMBER_WORD,
    TIME_ANCHOR,
    TIME_PHRASE,
    UNIT,
    WEAK,
    Lexicon,
    Match,
    find,
    lexicon,
)
from .normalize import tokenize

Verdict = Literal["specific", "generic"]

# Points of the rubric; a commitment is "specific" from PASS_SCORE on.
POINTS_ACTION = 20
POINTS_QUANTITY = 25
POINTS_DEADLINE = 25
POINTS_DELIVERABLE = 20
POINTS_LENGTH = 10
LENGTH_FOR_POINTS = 10  # syllables
PENALTY_PER_WEAK = 10
PENALTY_WEAK_MAX = 30
PENALTY_COPIED = 40
PENALTY_UNLINKED = 10
PASS_SCORE = 60
TOO_SHORT = 5  # fewer syllables than this cannot say what, how much and by when
COPIED_SHARE = 0.5  # share of the commitment's two-syllable phrases found in the template texts
COPIED_MIN_SHINGLES = 3

_ROMAN = frozenset({"i", "ii", "iii", "iv"})
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    details: tuple[str, ...] = ()
    # For ``generic_clauses``: the concrete clauses, beside ``details`` (the clauses that add nothing), so a
    # page can mark each part ("phần nào cụ thể, phần nào chung chung").
    concrete: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "message": self.message}
        if self.details:
            out["details"] = list(self.details)
        if self.concrete:
            out["concrete"] = list(self.concrete)
        return out


class ClauseView(NamedTuple):
    """A clause of the commitment as judged: shown to the member ("phần nào cụ thể, phần nào chung chung")."""

    text: str
    start: int
    concrete: bool
    deed: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "start": self.start, "concrete": self.concrete, "deed": self.deed}


@dataclass(frozen=True)
class Assessment:
    score: int
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    clauses: tuple[ClauseView, ...] = ()
    # False when the text could not be read (mojibake, another script): then it is not judged at all and
    # ``verdict`` is "generic" with the single reason "unreadable".
    readable: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "clauses": [c.to_dict() for c in self.clauses],
            "readable": self.readable,
        }

    def stored_reasons(self) -> list[dict[str, object]]:
        """The reasons as a commitment stores them (JSON): code, message and, where there are any, the
        phrases they name and the concrete clauses (``generic_clauses``), which the pages mark part by part."""
        return [r.to_dict() for r in self.reasons]


# The fixed reasons, made once (reasons are immutable).
NO_ACTION = Reason("no_action", "Chưa nêu việc làm cụ thể (ví dụ: hướng dẫn, tổ chức, giải quyết, trồng, dạy…).")
NO_QUANTITY = Reason("no_quantity", "Chưa có số lượng hoặc kết quả đo được (ví dụ: 15 hộ, 100%, 2 buổi).")
NO_DEADLINE = Reason("no_deadline", "Chưa có thời hạn hoặc nhịp thực hiện (ví dụ: trước 30/6, quý II, mỗi tháng).")
NO_DELIVERABLE = Reason(
    "no_deliverable",
    "Chưa nêu sản phẩm, minh chứng hoặc người được hưởng lợi (ví dụ: biên bản, sổ theo dõi, học sinh, hộ dân).",
)


def _quote(phrases: Iterable[str]) -> str:
    # ", ".join(f"«{p}»" for p in phrases), without a generator and a format per phrase
    items = phrases if isinstance(phrases, list) else list(phrases)
    return "«" + "», «".join(items) + "»" if items else ""


def _is_year(tok: str) -> bool:
    return len(tok) == 4 and tok.isdecimal() and tok.startswith("20")


@dataclass
class _Found:
    action: bool = False
    quantity: bool = False
    deadline: bool = False
    deliverable: bool = False
    weak: list[str] = field(default_factory=list)


# Where one clause ends and the next begins: a phrase read across it is not in the text ("4 luôn: luôn đúng
# giờ" holds no «luôn luôn»). A dot, comma or colon inside a number ("30.6", "1,5", "7:30") is not one.
_CLAUSE_RE = re.compile(r"[;!?\n()\[\]]|[,.:](?!\d)")


def _clause_starts(text: str) -> set[int]:
    """Token positions that begin a clause after the first (as `tokenize(text)` counts tokens)."""
    starts: set[int] = set()
    at = 0
    for piece in _CLAUSE_RE.split(text)[:-1]:
        at += len(tokenize(piece))
        starts.add(at)
    return starts


def _analyse(tokens: list[str], lex: Lexicon, text: str) -> _Found:
    matches = find(tokens, lex)
    found = _Found()
    weak: list[Match] = []
    if any(m[2] & WEAK and m[1] - m[0] > 1 for m in matches):
        starts = _clause_starts(text)
        matches = [m for m in matches if not (m[2] & WEAK and any(m[0] < b < m[1] for b in starts))]
    ends_anchor: set[int] = set()  # token positions right after a time anchor
    starts_unit: set[int] = set()
    starts_action: set[int] = set()
    number_words_end: set[int] = set()
    actions: list[Match] = []
    for m in matches:
        c = m[2]
        if c & WEAK:
            weak.append(m)
        if c & ACTION:
            actions.append(m)
            starts_action.add(m[0])
        if c & TIME_PHRASE:
            found.deadline = True
        if c & TIME_ANCHOR:
            ends_anchor.add(m[1])
        if c & UNIT:
            starts_unit.add(m[0])
        if c & NUMBER_WORD:
            number_words_end.add(m[1])
        if c & DELIVERABLE:
            found.deliverable = True
    if weak:
        spans = [(m[0], m[1]) for m in weak]
        # Weak phrases in text order, without those inside a longer one ("hoàn thành tốt" hides "tốt").
        for m in sorted(weak, key=lambda m: (m[0], m[0] - m[1])):
            inside = any(s <= m[0] and m[1] <= e and e - s > m[1] - m[0] for s, e in spans)
            phrase = " ".join(m[3])
            if not inside and phrase not in found.weak:
                found.weak.append(phrase)
        # An action verb inside a stock phrase ("hoàn thành" in "hoàn thành tốt") is not a concrete action.
        found.action = any(not any(s <= m[0] and m[1] <= e for s, e in spans) for m in actions)
    else:
        found.action = bool(actions)
    if number_words_end & starts_unit:
        found.quantity = True  # "hai buổi", "năm hộ"
    for i in ends_anchor:
        if i < len(tokens) and tokens[i] in _ROMAN:
            found.deadline = True  # "quý II"
    for i, tok in enumerate(tokens):
        if tok[0] not in _DIGITS:
            continue
        if "/" in tok:
            found.deadline = True  # a date: "30/6", "30/6/2025"
        elif i in ends_anchor or _is_year(tok):
            found.deadline = True  # "tháng 9", "năm 2025", "quý 2", "trong 3 ngày"
        elif i + 1 in starts_unit:
            found.quantity = True  # "15 hộ", "100 %"
        elif i > 0 and i + 1 not in starts_action:
            found.quantity = True  # a bare measure ("đạt 8 điểm"); "2) tổ chức" is a list number
    return found


@lru_cache(maxsize=64)
def _template_shingles(template_texts: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for text in template_texts:
        toks = tokenize(text)
        out.update(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    return frozenset(out)


def _copied_share(tokens: list[str], template_texts: tuple[str, ...]) -> float:
    if not template_texts or len(tokens) < 2:
        return 0.0
    own = {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}
    if len(own) < COPIED_MIN_SHINGLES:
        return 0.0
    return len(own & _template_shingles(template_texts)) / len(own)


def _content_words(tokens: Iterable[str], lex: Lexicon) -> set[str]:
    ignored = lex.ignored_for_duty
    return {t for t in tokens if t not in ignored and len(t) > 1 and t[0] not in _DIGITS}


@lru_cache(maxsize=4096)
def _unlinked(duty: str) -> Reason:
    return Reason("not_linked_to_duty", f"Chưa gắn với nhiệm vụ được phân công («{duty.strip()[:80]}»).")


@lru_cache(maxsize=4096)
def _duty_words(duty: str) -> frozenset[str]:
    # Members of a cell share a handful of duties: computing their words once per duty text is enough.
    return frozenset(_content_words(tokenize(duty), lexicon()))


_TRAP_MESSAGES = {
    "numbered_set": "«{}» là tên một bộ nội dung quen thuộc, không phải chỉ tiêu của đồng chí.",
    "document": "«{}» là số hiệu văn bản, không phải con số của việc làm.",
    "ceremony": "Ngày kỷ niệm («{}») không phải thời hạn thực hiện.",
    "role": "Phần giới thiệu chức vụ, đơn vị («{}») không phải việc làm.",
    "heading": "«{}» là tên mục của mẫu, chưa phải nội dung đăng ký.",
}


def _trap_reasons(clauses: list[Clause]) -> list[Reason]:
    out: list[Reason] = []
    seen: set[str] = set()
    for c in clauses:
        for code, phrase in zip(c.traps, c.trap_phrases, strict=True):
            if code in seen:
                continue
            seen.add(code)
            out.append(Reason(f"trap_{code}", _TRAP_MESSAGES[code].format(phrase[:80]), (phrase,)))
    return out


def _parts_reason(clauses: list[Clause]) -> Reason | None:
    concrete = [c.text.strip(" .") for c in clauses if c.concrete]
    if not concrete:
        return None
    # A second predicate of a concrete act ("kiểm tra và cập nhật …") is not "generic", nor is a clause that
    # names the proof, a measure or the people ("có sổ theo dõi", "có ảnh và danh sách người tham dự"): only
    # clauses with a stock phrase, or with nothing checkable at all, are named as adding nothing.
    rest = [
        c.text.strip(" .")
        for c in clauses
        if not c.concrete and c.syllables and (c.weak or not (c.deed or c.deliverable or c.anchor or c.measures))
    ]
    if not rest:
        return None
    return Reason(
        "generic_clauses",
        f"Phần cụ thể: {_quote(concrete)}; phần còn lại chung chung: {_quote(rest)}.",
        tuple(rest),
        tuple(concrete),
    )


def _by_score(clause: Clause) -> int:
    return clause.score


def assess(
    text: str, *, duty: str | None = None, template_texts: Sequence[str] = (), example_duty: str | None = None
) -> Assessment:
    """Score a commitment 0-100 and say why; "specific" when one of its clauses is a checkable deed.

    ``example_duty``: a duty of the member's to draw the suggestion's example from when the commitment is not
    linked to one (``duty`` None): it changes the suggestion only, never the score. ``text`` is read in NFC
    (the clauses' texts and offsets are those of its NFC form): decomposed text, as some systems paste it,
    is judged as the same text composed."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lex = lexicon()
    readable = readability(text)
    if not readable.ok:
        return Assessment(score=0, verdict="generic", reasons=(Reason("unreadable", readable.message),), readable=False)
    tokens = tokenize(text)
    reasons: list[Reason] = []
    too_short = len(tokens) < TOO_SHORT
    if too_short:
        reasons.append(
            Reason(
                "too_short",
                f"Nội dung quá ngắn ({len(tokens)} âm tiết): chưa nói rõ làm việc gì, bao nhiêu, đến khi nào.",
            )
        )
    clauses = read(text, lex, tokens)
    best = (max(clauses, key=_by_score) if len(clauses) > 1 else clauses[0]) if clauses else None
    score = best.score if best else 0
    deed = quantity = time = deliverable = traps = False
    weak: list[str] = []
    for c in clauses:
        if c.deed:
            deed = True
        if c.quantity or c.threshold:
            quantity = True
        if c.time:
            time = True
        if c.deliverable or c.anchor:
            deliverable = True
        if c.traps:
            traps = True
        if c.weak:
            weak.extend(w for w in c.weak if w not in weak)
    if not deed:
        reasons.append(NO_ACTION)
    if not quantity:
        reasons.append(NO_QUANTITY)
    if not time:
        reasons.append(NO_DEADLINE)
    if not deliverable:
        reasons.append(NO_DELIVERABLE)
    if weak:
        reasons.append(
            Reason(
                "weak_phrases",
                f"Có cụm từ chung chung: {_quote(weak)}; nên thay bằng việc làm cụ thể, đo được.",
                tuple(weak),
            )
        )
    if traps:
        reasons.extend(_trap_reasons(clauses))
    parts = _parts_reason(clauses) if len(clauses) > 1 else None
    if parts:
        reasons.append(parts)
    share = _copied_share(tokens, tuple(template_texts)) if template_texts else 0.0
    copied = share >= COPIED_SHARE
    if copied:
        score -= PENALTY_COPIED
        reasons.append(
            Reason(
                "copied_from_template",
                f"Khoảng {round(share * 100)}% nội dung chép từ văn bản chỉ đạo hoặc chuyên đề năm; "
                "cần viết việc làm của chính mình.",
            )
        )
    if duty is not None and duty.strip():
        duty_words = _duty_words(duty)
        # Every duty word is a content word, so "shares a content word" is "shares a word": isdisjoint
        # runs in C over the tokens instead of building the commitment's content-word set.
        if duty_words and duty_words.isdisjoint(tokens):
            reasons.append(_unlinked(duty))
    if best is not None and weak:
        # The best clause's score already paid for its own stock phrases; those of the other clauses cost the
        # item too, or the page would show "100/100" beside «phấn đấu» listed as generic (issue 16). A
        # passing clause still makes the item pass: the penalty does not take it under the pass mark.
        others = [w for w in weak if w not in best.weak]
        if others:
            paid = min(PENALTY_WEAK_MAX, PENALTY_PER_WEAK * len(best.weak))
            score -= min(PENALTY_WEAK_MAX - paid, PENALTY_PER_WEAK * len(others))
            if best.score >= PASS_SCORE:
                score = max(score, PASS_SCORE)
    score = 0 if score < 0 else 100 if score > 100 else score
    if too_short:
        score = min(score, PASS_SCORE // 3)
    verdict: Verdict = "specific" if score >= PASS_SCORE and not copied and not too_short else "generic"
    if verdict == "generic":
        reasons.append(Reason("suggestion", suggestion(clauses, duty if duty and duty.strip() else example_duty)))
    views = tuple([ClauseView(c.text.strip(), c.start, c.concrete, c.deed) for c in clauses])
    return Assessment(score, verdict, tuple(reasons), views)


# --- unit ethical standards (chuẩn mực đạo đức) ---------------------------------------------------------

STANDARD_MAX_ITEMS = 15  # "4 luôn, 5 biết, 5 không" has 14: more is too many to remember
STANDARD_ITEM_MAX_SYLLABLES = 20
STANDARD_ITEM_MIN_SYLLABLES = 3


@dataclass(frozen=True)
class ItemAssessment:
    text: str
    ok: bool
    reasons: tuple[Reason, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "ok": self.ok, "reasons": [r.to_dict() for r in self.reasons]}


@dataclass(frozen=True)
class StandardAssessment:
    score: int
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    items: tuple[ItemAssessment, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "items": [i.to_dict() for i in self.items],
        }


def _assess_item(text: str, lex: Lexicon) -> ItemAssessment:
    tokens = tokenize(text)
    reasons: list[Reason] = []
    n = len(tokens)
    if n > STANDARD_ITEM_MAX_SYLLABLES:
        reasons.append(
            Reason(
                "item_too_long",
                f"Dài {n} âm tiết: khó nhớ; nên gọn trong {STANDARD_ITEM_MAX_SYLLABLES} âm tiết.",
            )
        )
    found = _analyse(tokens, lex, text)
    if found.weak:
        reasons.append(Reason("item_weak_phrases", f"Có cụm từ chung chung: {_quote(found.weak)}.", tuple(found.weak)))
    if n < STANDARD_ITEM_MIN_SYLLABLES or not (found.action or found.quantity or found.deadline):
        reasons.append(
            Reason(
                "item_not_concrete",
                "Chưa chỉ ra hành vi cụ thể để làm và kiểm tra được "
                "(ví dụ: «không nhận quà biếu của khách hàng», «trả lời đơn trong 5 ngày»).",
            )
        )
    return ItemAssessment(text=text, ok=not reasons, reasons=tuple(reasons))


def assess_standard(items: Sequence[str]) -> StandardAssessment:
    """Judge a unit's ethical standards: few items, each short, concrete and free of stock phrases."""
    lex = lexicon()
    cleaned = [unicodedata.normalize("NFC", i).strip() for i in items if i and i.strip()]
    judged = tuple(_assess_item(i, lex) for i in cleaned)
    reasons: list[Reason] = []
    if not cleaned:
        reasons.append(Reason("no_items", "Chưa có chuẩn mực nào."))
        return StandardAssessment(score=0, verdict="generic", reasons=tuple(reasons), items=judged)
    if len(cleaned) > STANDARD_MAX_ITEMS:
        reasons.append(
            Reason(
                "too_many_items",
                f"Có {len(cleaned)} nội dung: quá nhiều để nhớ; nên gọn trong {STANDARD_MAX_ITEMS} "
                "(như «4 luôn, 5 biết, 5 không»).",
            )
        )
    seen: set[str] = set()
    dupes: list[str] = []
    for text in cleaned:
        key = " ".join(tokenize(text))
        if key in seen:
            dupes.append(text)
        seen.add(key)
    if dupes:
        reasons.append(Reason("duplicate_items", f"Có nội dung lặp lại: {_quote(dupes)}.", tuple(dupes)))
    ok = sum(1 for j in judged if j.ok)
    score = round(100 * ok / len(judged))
    if len(cleaned) > STANDARD_MAX_ITEMS:
        score = max(0, score - 20)
    bad = len(judged) - ok
    if bad:
        reasons.append(
            Reason(
                "items_need_work",
                f"{bad}/{len(judged)} nội dung chưa ngắn gọn, cụ thể, dễ kiểm tra (xem từng nội dung).",
            )
        )
    verdict: Verdict = "specific" if score >= 80 and len(cleaned) <= STANDARD_MAX_ITEMS and not dupes else "generic"
    return StandardAssessment(score=score, verdict=verdict, reasons=tuple(reasons), items=judged)
