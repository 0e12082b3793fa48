"""The compliance calendar as a pure computation (no database): given the meeting rules in effect and the
meetings a cell held, the status of every requirement for every month (or quarter) of a year.

ok      the requirement was met in its period
late    met, but by a meeting held after the period (a regular meeting made up the next month)
missing not met, and the period is over
pending not met yet, and the period is not over
na      the rule was not in effect, or the cell did not exist, in that period
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

OK, LATE, MISSING, PENDING, NA = "ok", "late", "missing", "pending", "na"


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    shape: str  # "held" | "agenda"
    meeting_kind: str
    period: str  # "month" | "quarter"
    min_count: int
    effective_from: dt.date
    effective_to: dt.date | None
    order: int = 0

    def in_effect_during(self, start: dt.date, end: dt.date) -> bool:
        return self.effective_from <= end and (self.effective_to is None or self.effective_to >= start)


@dataclass(frozen=True)
class MeetingFact:
    date: dt.date
    kind: str
    for_month: dt.date
    done_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Slot:
    status: str
    span: int  # months covered: 1 for a monthly rule, 3 for a quarterly one
    start: dt.date
    end: dt.date
    first: dt.date | None = None  # the meeting that met the requirement


@dataclass
class Row:
    code: str
    label: str
    period: str
    slots: list[Slot] = field(default_factory=list)


@functools.lru_cache(maxsize=64)
def _periods(period: str, year: int) -> tuple[tuple[dt.date, dt.date], ...]:
    step = 3 if period == "quarter" else 1
    out = []
    for m in range(1, 13, step):
        end_month = m + step - 1
        out.append((dt.date(year, m, 1), dt.date(year, end_month, calendar.monthrange(year, end_month)[1])))
    return tuple(out)


def _rule_for(versions: list[Rule], start: dt.date, end: dt.date) -> Rule | None:
    for rule in sorted(versions, key=lambda r: r.effective_from, reverse=True):
        if rule.in_effect_during(start, end):
            return rule
    return None


@functools.lru_cache(maxsize=256)
def _months(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    return tuple(dt.date(start.year, m, 1) for m in range(start.month, end.month + 1))


class Period:
    """One period of a requirement's row, the same for every cell: the rule in force, its months, and the
    slots every cell shares (not applicable, pending, missing) made once (issue 15: the province's calendar
    builds ~80,000 slots; building and sorting per cell what does not depend on the cell cost half of it)."""

    __slots__ = ("start", "end", "rule", "months", "span", "na", "pending", "missing", "_met")

    def __init__(self, start: dt.date, end: dt.date, rule: Rule | None, span: int) -> None:
        self.start, self.end, self.rule, self.span = start, end, rule, span
        self.months = _months(start, end)
        self.na = Slot(NA, span, start, end)
        self.pending = Slot(PENDING, span, start, end)
        self.missing = Slot(MISSING, span, start, end)
        self._met: dict[tuple[str, dt.date], Slot] = {}

    def met(self, status: str, first: dt.date) -> Slot:
        slot = self._met.get((status, first))
        if slot is None:
            slot = self._met[(status, first)] = Slot(status, self.span, self.start, self.end, first)
        return slot


@dataclass(frozen=True)
class PlanRow:
    code: str
    label: str
    period: str
    periods: tuple[Period, ...]


def plan(rules: Iterable[Rule], year: int) -> tuple[PlanRow, ...]:
    """The rows and periods of a year's calendar, with the rule in force in each period: computed once for
    all the cells of a roll-up."""
    by_code: dict[str, list[Rule]] = {}
    for rule in rules:
        by_code.setdefault(rule.code, []).append(rule)
    rows = []
    for code, versions in sorted(by_code.items(), key=lambda kv: min(r.order for r in kv[1])):
        latest = max(versions, key=lambda r: r.effective_from)
        span = 3 if latest.period == "quarter" else 1
        periods = tuple(
            Period(start, end, _rule_for(versions, start, end), span) for start, end in _periods(latest.period, year)
        )
        rows.append(PlanRow(code, latest.label, latest.period, periods))
    return tuple(rows)


def _slot(p: Period, rule: Rule, by_month_kind: dict[tuple[dt.date, str], list[MeetingFact]], today: dt.date) -> Slot:
    mine = [m for month in p.months for m in by_month_kind.get((month, rule.meeting_kind), ())]
    if rule.shape == "agenda":
        mine = [m for m in mine if rule.code in m.done_codes]
    if len(mine) >= rule.min_count:
        first = min(m.date for m in mine)
        on_time = sum(1 for m in mine if m.date <= p.end)
        return p.met(OK if on_time >= rule.min_count else LATE, first)
    return p.pending if p.end >= today else p.missing


def cell_calendar(
    rules: Iterable[Rule],
    meetings: Iterable[MeetingFact],
    *,
    year: int,
    active_from: dt.date,
    active_to: dt.date | None,
    today: dt.date,
    rows_plan: tuple[PlanRow, ...] | None = None,
) -> list[Row]:
    """One row per required rule (grouped by code across its versions), one slot per period of the year.
    `rows_plan`: `plan(rules, year)`, when the caller computes many cells' calendars."""
    if rows_plan is None:
        rows_plan = plan(rules, year)
    by_month_kind: dict[tuple[dt.date, str], list[MeetingFact]] = {}
    for fact in meetings:
        by_month_kind.setdefault((fact.for_month, fact.kind), []).append(fact)
    rows: list[Row] = []
    for pr in rows_plan:
        row = Row(code=pr.code, label=pr.label, period=pr.period)
        for p in pr.periods:
            alive = active_from <= p.end and (active_to is None or active_to >= p.start)
            if p.rule is None or not alive or p.start > today:
                row.slots.append(p.na)
            else:
                row.slots.append(_slot(p, p.rule, by_month_kind, today))
        rows.append(row)
    return rows


@dataclass
class AggSlot:
    span: int
    start: dt.date
    counts: Counter[str]

    @property
    def total(self) -> int:
        return sum(n for s, n in self.counts.items() if s != NA)

    @property
    def status(self) -> str:
        if self.counts[MISSING]:
            return MISSING
        if self.counts[LATE]:
            return LATE
        if self.counts[PENDING]:
            return PENDING
        return OK if self.counts[OK] else NA


@dataclass
class AggRow:
    code: str
    label: str
    slots: list[AggSlot]


def roll_up(calendars: Iterable[list[Row]]) -> list[AggRow]:
    """Sum the cells' calendars: for each rule and period, how many cells were ok, late, missing, pending."""
    out: dict[str, AggRow] = {}
    for rows in calendars:
        for row in rows:
            agg = out.get(row.code)
            if agg is None:
                agg = AggRow(row.code, row.label, [AggSlot(s.span, s.start, Counter()) for s in row.slots])
                out[row.code] = agg
            for target, slot in zip(agg.slots, row.slots, strict=True):
                target.counts[slot.status] += 1
    return list(out.values())


def tally(rows: list[Row]) -> Counter[str]:
    return Counter(slot.status for row in rows for slot in row.slots)


# Precomputed outcomes (issue 15: the province's calendar read ~27,000 meetings on every request) -------------
#
# What a cell's calendar says about a period does not depend on the day it is read, except for two things:
# a period not begun yet is "na", and a requirement not met is "pending" until the period ends, "missing"
# after. So the dashboard's rollups store, per requirement and period, how many cells met it on time
# ("ok"), late ("late") or not yet ("unmet"), and `roll_up_counts` applies the day when the page is read.

UNMET = "unmet"


def rules_digest(rules: Iterable[Rule]) -> str:
    """What the stored outcomes were computed against: outcomes of other rules are never summed or shown."""
    import hashlib

    parts = sorted(
        f"{r.code}|{r.shape}|{r.meeting_kind}|{r.period}|{r.min_count}|{r.effective_from}|{r.effective_to}"
        for r in rules
    )
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def outcomes(rows: list[Row]) -> Iterable[tuple[str, int, str]]:
    """(requirement code, period index, ok | late | unmet) of a calendar computed with `today=dt.date.max`
    (where nothing is pending and nothing is in the future); "na" periods are left out."""
    for row in rows:
        for i, slot in enumerate(row.slots):
            if slot.status in (OK, LATE):
                yield row.code, i, slot.status
            elif slot.status == MISSING:
                yield row.code, i, UNMET


def outcome_key(code: str, index: int, status: str) -> str:
    return f"{code}|{index}|{status}"


def roll_up_counts(
    rows_plan: tuple[PlanRow, ...], counts: dict[str, int], *, cells: int, today: dt.date
) -> list[AggRow]:
    """`roll_up` of `cells` cells from their stored outcomes (`outcome_key` → number of cells), as of `today`:
    the same rows and counts as summing the cells' calendars computed on `today`."""
    if not cells:
        return []
    out = []
    for pr in rows_plan:
        slots = []
        for i, p in enumerate(pr.periods):
            c: Counter[str] = Counter()
            if p.start <= today:
                c[OK] = counts.get(outcome_key(pr.code, i, OK), 0)
                c[LATE] = counts.get(outcome_key(pr.code, i, LATE), 0)
                c[PENDING if p.end >= today else MISSING] = counts.get(outcome_key(pr.code, i, UNMET), 0)
            c[NA] = cells - sum(c.values())
            slots.append(AggSlot(p.span, p.start, +c))
        out.append(AggRow(pr.code, pr.label, slots))
    return out
