"""Clause-level reading of a commitment (issue 16): which part is a checkable deed, which adds nothing.

A commitment is split into clauses (";", new lines, sentences, enumerations "1)", "a)", "- ", and a form
heading "Về …:" before its colon). Each clause is read for:

- a **deed**: a concrete act from the verb inventory (data/actions.txt, grouped by kind of act), not inside a
  stock phrase; "không"/"chỉ" + such an act is a deed too (abstinence: "không hút thuốc trong khuôn viên");
- **measures**: a quantity (digits or number words before a unit, amounts, rates "/tháng"), a time (dates,
  deadlines, rhythms "mỗi bữa ăn", "cứ 3 ngày", spans "đến cuối đời", "từ lớp 8 đến lớp 12", windows
  "từ 8h đến 16h"), a threshold ("ít nhất", "không quá", "trên 30 phút");
- an **anchor**: where, for whom, on which condition ("nơi trang trọng", "cho em …", "khi ra về");
- **traps**, whose numbers and dates are not targets: well-known numbered sets ("5 điều Bác Hồ dạy",
  "3 xây, 3 chống"), document numbers ("Chỉ thị số 05-CT/TW"), anniversaries ("kỷ niệm … 22-12"), a role or
  unit description ("Là giáo viên trường …, tôi …"), a form heading ("Về tư tưởng chính trị");
- stock phrases (data/weak_phrases.txt), intensifiers ("hơn nữa", "sâu sắc") included.

A clause is concrete when it has a deed and a measure, or a deed with an anchor and no stock phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_

from .lexicon import (
    ACTION,
    ANCHOR,
    CEREMONY,
    DELIVERABLE,
    DOC_SUFFIX,
    DOCUMENT,
    NUMBER_WORD,
    SET_HEAD,
    THRESHOLD,
    TIME_ANCHOR,
    TIME_PHRASE,
    UNIT,
    VAGUE,
    WEAK,
    Lexicon,
    categories_at_start,
    find,
)
from .normalize import _SPECIAL_RE, _SPECIAL_TABLE, _TOKEN_RE, tokenize

POINTS_DEED = 40
POINTS_MEASURE = 30
POINTS_MORE_MEASURES = 10
POINTS_ANCHOR = 20
POINTS_LENGTH = 5
LENGTH_FOR_POINTS = 10  # syllables in the commitment
PENALTY_PER_WEAK = 10
PENALTY_WEAK_MAX = 30
CONCRETE_SCORE = 60

_ROMAN = frozenset({"i", "ii", "iii", "iv"})
_DIGITS = frozenset("0123456789")
_CLOCK = frozenset({"h", "giờ", "g", "phút"})
_NOT_A_SET = frozenset({"dưỡng", "tra", "trị", "hành", "động", "chỉnh", "kiện", "phối", "khiển", "tiết", "lệ"})
_OBJECT_REACH = 3  # tokens after a verb where its object starts ("hoàn thành 100 % nhiệm vụ")
_ABSTAIN = frozenset({"không", "chỉ", "tuyệt"})

# Clause boundaries in the original text: ";", new lines, a sentence end, an enumeration marker.
_SPLIT_RE = re.compile(r"[;\n\r]+|(?<=[^\d\s.])\.\s+(?=\S)|\s(?=(?:\d{1,2}|[a-eđ])\)\s)|\s[-+•]\s(?=[A-ZĐÀ-Ỹ])")
_BULLET_RE = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-eđ]\))\s*")
_HEADING_RE = re.compile(r"^\s*(?:[IVX]+\.\s*|\d\.\s*)?Về\s[^:;]{1,80}(?::|$)", re.IGNORECASE)
_ROLE_RE = re.compile(
    r"^\s*(?:là(?:\s+một)?|với\s+(?:cương\s+vị|tư\s+cách)|trên\s+cương\s+vị)\s[^;]*?,\s*(?=(?:thì\s+)?(?:tôi|bản\s+thân|em)\b)",
    re.IGNORECASE,
)
_ROLE_CLAUSE_RE = re.compile(r"^\s*(?:là(?:\s+một)?|với\s+(?:cương\s+vị|tư\s+cách)|trên\s+cương\s+vị)\s", re.IGNORECASE)
_HEADING_FIRST = frozenset("vix1234567890")
_HEADING_MAX_WORDS = 10  # a heading without its colon: short and without a number ("Về đạo đức, lối sống")
_ROLE_FIRST = frozenset({"là", "vớ", "tr"})
_FRONT_FIRST = _HEADING_FIRST | {r[0] for r in _ROLE_FIRST}  # how a heading or a role can start
_PER = r"/\s*(?:ngày|tuần|tháng|quý|năm|vụ|người|ca|lần|buổi)\b"
_RATE_RE = re.compile(r"\d\s*[^\W\d_]*\s*" + _PER, re.IGNORECASE)
# The rate's tail alone: a search from each "/" is cheap, and without it (a date "30/6") there is no rate.
_PER_RE = re.compile(_PER, re.IGNORECASE)
# A weak phrase is not read across a comma or colon inside a clause; a number's own dot or comma is not one.
_PAUSE_RE = re.compile(r"[!?()\[\]\"“”]|[,.:](?!\d)")


@dataclass(slots=True)
class Clause:
    """One clause of a commitment and what was found in it."""

    text: str
    start: int  # character offset in the commitment
    deed: str = ""
    abstain: bool = False
    quantity: bool = False
    time: bool = False
    threshold: bool = False
    anchor: bool = False
    deliverable: bool = False
    syllables: int = 0
    item_syllables: int = 0  # of the whole commitment: a long item earns the length points in each clause
    weak: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)  # trap codes: numbered_set, document, ceremony, role, heading
    trap_phrases: list[str] = field(default_factory=list)

    # Set by rate(), once what the clause holds is known (read() rates again after item_syllables).
    score: int = 0
    concrete: bool = False

    @property
    def measures(self) -> int:
        return int(self.quantity) + int(self.time) + int(self.threshold)

    def rate(self) -> None:
        points = POINTS_DEED if self.deed else 0
        measures = self.quantity + self.time + self.threshold  # as ``measures``, without the property's call
        if measures:
            points += POINTS_MEASURE + (POINTS_MORE_MEASURES if measures > 1 else 0)
        if self.anchor or self.deliverable:
            points += POINTS_ANCHOR
        if self.syllables >= LENGTH_FOR_POINTS or self.item_syllables >= LENGTH_FOR_POINTS:
            points += POINTS_LENGTH
        if self.weak:
            points -= min(PENALTY_WEAK_MAX, PENALTY_PER_WEAK * len(self.weak))
        self.score = 0 if points < 0 else 100 if points > 100 else points
        self.concrete = bool(self.deed) and self.score >= CONCRETE_SCORE


def _may_split(text: str) -> bool:
    """Cheap test first: without any of these marks, a text is one clause. (Written out: eight ``in`` tests
    take half the time of ``any()`` over a generator, and every commitment passes here. A mark of two or
    three characters is looked for only after its rarer character: in a Vietnamese text, stored two bytes a
    character, ``in`` first copies an ASCII mark of more than one character to two bytes a character.)"""
    return (
        ";" in text
        or "\n" in text
        or "\r" in text
        or ("." in text and ". " in text)
        or (")" in text and ") " in text)
        or ("-" in text and " - " in text)
        or ("+" in text and " + " in text)
        or ("•" in text and " • " in text)
    )


def split_clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause text) of the non-empty clauses of ``text``."""
    if not _may_split(text):
        stripped = text.strip(" \t.,:")
        return [(0, text)] if stripped and not _BULLET_RE.match(text) else ([] if not stripped else _split(text))
    return _split(text)


def _split(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    at = 0
    for piece in _SPLIT_RE.split(text):
        start = text.find(piece, at)
        at = start + len(piece)
        bullet = _BULLET_RE.match(piece)
        if bullet:
            start += bullet.end()
            piece = piece[bullet.end() :]
        if piece.strip(" \t.,:"):
            out.append((start, piece))
    return out


def _pause_starts(text: str) -> set[int]:
    """Token positions that begin a stretch after a pause (as ``tokenize(text)`` counts tokens)."""
    starts: set[int] = set()
    at = 0
    # Counting tokens needs only the foldings that can join or split tokens (dashes, invisible characters):
    # lower case and tone placement never change a boundary.
    if _SPECIAL_RE.search(text):
        text = text.translate(_SPECIAL_TABLE)
    for piece in _PAUSE_RE.split(text)[:-1]:
        at += len(_TOKEN_RE.findall(piece))
        starts.add(at)
    return starts


# A lexicon match as the clause reader keeps it: (start, end exclusive, categories, the phrase's text).
Hit = tuple[int, int, int, str]
# What a clause's matches add up to: categories starting and ending at each token position (lists one longer
# than the tokens), every category found, the action verbs' matches and the stock phrases' (start, end), both
# in ``find``'s order.
Tally = tuple[list[int], list[int], int, list[Hit], list[tuple[int, int]]]


def _scan(tokens: list[str], lex: Lexicon) -> tuple[Tally, list[int], bool]:
    """One pass over a clause's tokens: what its lexicon matches add up to (as ``_tally`` counts them), the
    positions of the numbers in digits, and whether a stock phrase of two tokens or more is among the matches.
    The matches themselves are not kept: only the rarer categories need them, and ``_hits`` finds them again."""
    n = len(tokens)
    starts = [0] * (n + 1)
    ends = [0] * (n + 1)
    found = 0
    actions: list[Hit] = []
    weak: list[tuple[int, int]] = []
    digits: list[int] = []
    weak_long = False
    index = lex.index
    last = n - 1
    for i, tok in enumerate(tokens):
        if tok < ":" and tok != "%":  # a number: a token starting with 0-9 ("%" is the only other one below ":")
            digits.append(i)
        entry = index.get(tok)
        if entry is None:
            continue
        cat, _, by_second = entry
        if cat:
            starts[i] = cat  # the first match at i: the one-token entry comes before longer phrases
            ends[i + 1] |= cat
            found |= cat
            if cat & ACTION:
                actions.append((i, i + 1, cat, tok))
            if cat & WEAK:
                weak.append((i, i + 1))
        if by_second and i < last:
            longer = by_second.get(tokens[i + 1])
            if longer:
                for _, cat, size, rest, phrase in longer:
                    if size == 2 or tokens[i + 2 : i + size] == rest:
                        starts[i] |= cat
                        ends[i + size] |= cat
                        found |= cat
                        if cat & ACTION:
                            actions.append((i, i + size, cat, phrase))
                        if cat & WEAK:
                            weak.append((i, i + size))
                            weak_long = True
    return (starts, ends, found, actions, weak), digits, weak_long


def _hits(tokens: list[str], lex: Lexicon) -> list[Hit]:
    """Every lexicon match of a clause, in ``find``'s order, with the phrase's text."""
    return [(s, e, cat, " ".join(phrase)) for s, e, cat, phrase in find(tokens, lex)]


def _tally(hits: list[Hit], n: int) -> Tally:
    """What the matches of a clause of ``n`` tokens add up to (see ``Tally``)."""
    starts = [0] * (n + 1)
    ends = [0] * (n + 1)
    found = 0
    actions: list[Hit] = []
    weak: list[tuple[int, int]] = []
    for hit in hits:
        s, e, cat, _ = hit
        starts[s] |= cat
        ends[e] |= cat
        found |= cat
        if cat & ACTION:
            actions.append(hit)
        if cat & WEAK:
            weak.append((s, e))
    return starts, ends, found, actions, weak


def _weak_order(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], span[0] - span[1]  # by start, the longest first


def read_clause(text: str, start: int, lex: Lexicon, tokens: list[str] | None = None) -> Clause:
    """Read one clause (see the module's docstring); ``tokens`` when the caller has them already. The clause
    is not rated yet: ``read()`` rates it once the whole item's length is known."""
    clause = Clause(text, start)
    head = text.lstrip()[:6].lower()
    heading = role = None
    if head[:1] in _FRONT_FIRST:  # most clauses start otherwise: neither a heading nor a role
        heading = _HEADING_RE.match(text) if head[:1] in _HEADING_FIRST else None
        if heading and not heading.group(0).rstrip().endswith(":"):
            # "Về thăm 5 gia đình chính sách" is a deed ("về" = go back to), not a heading without its colon.
            if any(c.isdigit() for c in text) or len(text.split()) > _HEADING_MAX_WORDS:
                heading = None
        if heading:
            clause.traps.append("heading")
            clause.trap_phrases.append(heading.group(0).strip(" :"))
            text = text[heading.end() :]
        role = _ROLE_RE.match(text) if head[:2] in _ROLE_FIRST else None
        if role:
            clause.traps.append("role")
            clause.trap_phrases.append(role.group(0).strip(" ,"))
            text = text[role.end() :]
        elif head[:2] in _ROLE_FIRST and _ROLE_CLAUSE_RE.match(text) and "," not in text:
            clause.traps.append("role")
            clause.trap_phrases.append(text.strip(" .,"))
            text = ""
    if tokens is None or heading or role or not text:
        tokens = tokenize(text)
    n = clause.syllables = len(tokens)
    if not n:
        return clause
    tally, digits, weak_long = _scan(tokens, lex)
    starts, ends, found, actions, weak_spans = tally
    hits: list[Hit] | None = None  # the matches, found again (``_hits``) when a rarer category needs them
    pauses: set[int] | None = None
    if weak_long:
        pauses = _pause_starts(text)
        # Only a stock phrase with a pause inside it is dropped (and the matches tallied again without it).
        if pauses and any(s < b < e for s, e in weak_spans for b in pauses):
            hits = [h for h in _hits(tokens, lex) if not (h[2] & WEAK and any(h[0] < b < h[1] for b in pauses))]
            starts, ends, found, actions, weak_spans = _tally(hits, n)
    # The rarer categories are gathered only when the clause has one (most clauses have none of them).
    clause.time = bool(found & TIME_PHRASE)
    clause.anchor = bool(found & ANCHOR)
    vague: list[int] = []  # where an object that leaves a deed uncheckable starts
    if found & (CEREMONY | VAGUE):
        if hits is None:
            hits = _hits(tokens, lex)
        for s, _, cat, phrase in hits:
            if cat & CEREMONY:
                clause.traps.append("ceremony")
                clause.trap_phrases.append(phrase)
            if cat & VAGUE:
                vague.append(s)
    if weak_spans:
        # Weak phrases in text order, without those inside a longer one ("hoàn thành tốt" hides "tốt").
        weak = clause.weak
        for s, e in sorted(weak_spans, key=_weak_order) if len(weak_spans) > 1 else weak_spans:
            if any(a <= s and e <= b and b - a > e - s for a, b in weak_spans):
                continue
            stock = " ".join(tokens[s:e])
            if stock not in weak:
                weak.append(stock)
    for s, e, _, phrase in actions:
        if weak_spans and any(a <= s and e <= b for a, b in weak_spans):
            continue  # "hoàn thành" inside "hoàn thành tốt" is no deed
        if vague and any(e <= v <= e + _OBJECT_REACH for v in vague):
            continue  # "hoàn thành 100% nhiệm vụ được giao": the object leaves nothing to check
        if s > 0 and tokens[s - 1] in _ABSTAIN:
            clause.abstain = True
            clause.deed = f"{tokens[s - 1]} {phrase}"
        else:
            clause.deed = phrase
        break
    trap_spans = (
        _read_numbers(clause, text, tokens, lex, hits, digits, (starts, ends, found), pauses)
        if digits or found & (NUMBER_WORD | TIME_ANCHOR)
        else []
    )
    if found & DELIVERABLE:
        # "Kế hoạch số 15-KH/ĐU" names a document: its "kế hoạch" is not a deliverable of the member's.
        clause.deliverable = not trap_spans or any(
            not any(a <= s < b for a, b in trap_spans)
            for s, _, cat, _ in (_hits(tokens, lex) if hits is None else hits)
            if cat & DELIVERABLE
        )
    if "/" in text and _PER_RE.search(text) and _RATE_RE.search(text):
        clause.quantity = clause.time = True  # "2.000 đồng/ngày", "1 ngày lương/năm"
    if "từ" in tokens and "đến" in tokens[tokens.index("từ") + 2 :]:
        clause.time = True  # a span or a window: "từ lớp 8 đến lớp 12", "từ 7h00 đến 11h30"
    return clause


def _read_numbers(
    clause: Clause,
    text: str,
    tokens: list[str],
    lex: Lexicon,
    hits: list[Hit] | None,
    digits: list[int],
    tally: tuple[list[int], list[int], int],
    pauses: set[int] | None,
) -> list[tuple[int, int]]:
    """Mark quantities, times and thresholds; return the token spans of the traps found (``hits``: the
    clause's matches if known; ``digits``: the positions of the numbers in digits; ``tally``: starts, ends and
    found as in ``Tally``; ``pauses``: the clause's ``_pause_starts`` if known)."""
    starts, ends, found = tally
    spans: list[tuple[int, int]] = []
    ceremony = found & CEREMONY  # a "ceremony" trap is in clause.traps
    n = len(tokens)
    doc_until = -1  # a date right after a document number belongs to the document
    after_end = -1
    positions = digits
    if found & NUMBER_WORD:
        # (the positions where a number word starts, picked in C: most clauses with one have a dozen other tokens)
        positions = sorted(digits + list(compress(range(n + 1), map(and_, starts, repeat(NUMBER_WORD)))))
    for i in positions:
        if i < after_end:
            continue
        tok = tokens[i]
        digit = "/" < tok < ":"
        end = i + 1
        if not digit:  # number words: "hai mươi", "ba trăm"
            while end < n and starts[end] & NUMBER_WORD:
                end += 1
        after_end = end
        after = starts[end]
        if after & SET_HEAD:
            # "5 không" names a set; "… tổ dân phố 1, có ảnh" does not: a pause between them breaks the set.
            pauses = _pause_starts(text) if pauses is None else pauses
            if end in pauses:
                after &= ~SET_HEAD
        if (
            after & DOC_SUFFIX
            or ends[i] & DOCUMENT
            or (i > 0 and ends[i - 1] & DOCUMENT and tokens[i - 1] == "số")  # "Chỉ thị số 05"
        ):
            spans.append(_trap(clause, "document", tokens, max(0, i - 3), min(n, end + 2)))
            doc_until = end + 4
        elif after & SET_HEAD and _small(tok) and not (end + 1 < n and tokens[end + 1] in _NOT_A_SET):
            stop = end + 1  # where the last set head matched at ``end`` (in ``find``'s order) ends
            for s, e, cat, _ in _hits(tokens, lex) if hits is None else hits:
                if s == end and cat & SET_HEAD:
                    stop = e
            spans.append(_trap(clause, "numbered_set", tokens, i, stop))
        elif ceremony or (digit and i <= doc_until):
            pass  # "kỷ niệm 95 năm … 3-2"; "Chỉ thị 05 ngày 15/5/2016"
        elif digit and ("/" in tok or (len(tok) == 4 and tok.startswith("20") and tok.isdecimal())):
            clause.time = True  # a date or a year
        elif digit and end < n and tokens[end] in _CLOCK:
            clause.time = True  # "16h30", "7 giờ"
        elif ends[i] & TIME_ANCHOR:
            clause.time = True  # "tháng 9", "trong 3 ngày", "quý 2"
        elif after & UNIT:
            clause.quantity = True  # "15 hộ", "hai buổi", "một nắm gạo"
        elif digit and i > 0 and not after & ACTION:
            clause.quantity = True  # a bare measure ("đạt 8 điểm"); "2) tổ chức" is a list number
        if (ends[i] & THRESHOLD or after & THRESHOLD) and not clause.traps[-1:] == ["numbered_set"]:
            clause.threshold = True
    if not clause.time and found & TIME_ANCHOR and not _ROMAN.isdisjoint(tokens):
        for i, tok in enumerate(tokens):
            if tok in _ROMAN and ends[i] & TIME_ANCHOR:
                clause.time = True  # "quý II", "học kỳ II"
    return spans


def _small(tok: str) -> bool:
    """A count a set is named by ("5 điều", "hai không"), not a date or an amount."""
    return tok[0] not in _DIGITS or (tok.isdecimal() and int(tok) <= 20)


def _trap(clause: Clause, code: str, tokens: list[str], start: int, end: int) -> tuple[int, int]:
    clause.traps.append(code)
    clause.trap_phrases.append(" ".join(tokens[start:end]))
    return start, end


_AND_RE = re.compile(r",?\s+và\s+")


def _predicates(start: int, piece: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Split a clause at "và" when what follows starts a new predicate ("treo ảnh Bác … và giữ gìn …")."""
    out: list[tuple[int, str]] = []
    at = 0
    for m in _AND_RE.finditer(piece):
        following = tokenize(piece[m.end() : m.end() + 40])
        if categories_at_start(following, lex) & (ACTION | WEAK) and m.start() > at:
            out.append((start + at, piece[at : m.start()]))
            at = m.end()
    out.append((start + at, piece[at:]))
    return out


def read(text: str, lex: Lexicon, tokens: list[str] | None = None) -> list[Clause]:
    """The clauses of a commitment, each read; ``tokens``: ``tokenize(text)`` if the caller has it."""
    if not _may_split(text) and " và " not in text and text.strip(" \t.,:") and not _BULLET_RE.match(text):
        clause = read_clause(text, 0, lex, tokens)  # one clause (most commitments): as below, without the lists
        clause.rate()
        return [clause]
    pieces = split_clauses(text)
    if len(pieces) == 1 and pieces[0][1] == text and " và " not in text:
        clause = read_clause(text, 0, lex, tokens)
        clause.rate()
        return [clause]
    out: list[Clause] = []
    for start, piece in pieces:
        parts = _predicates(start, piece, lex) if " và " in piece else [(start, piece)]
        # A part that is the whole text (a "và" that starts no new predicate) keeps the caller's tokens.
        out.extend(read_clause(p, s, lex, tokens if p == text else None) for s, p in parts)
    total = len(tokens) if tokens is not None else sum(c.syllables for c in out)
    for c in out:
        c.item_syllables = total
        c.rate()
    return out
