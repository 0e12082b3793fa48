from __future__ import annotations

import datetime as dt

from ct05.records.compliance import LATE, MISSING, NA, OK, PENDING, MeetingFact, Rule, cell_calendar, roll_up

START = dt.date(2016, 5, 15)
RULES = [
    Rule("regular-monthly", "Sinh hoạt định kỳ", "held", "regular", "month", 1, START, None, 1),
    Rule("study-item", "Học tập và làm theo", "agenda", "regular", "month", 1, START, None, 2),
    Rule("thematic-quarterly", "Chuyên đề", "held", "thematic", "quarter", 1, START, None, 3),
]


def _fact(day: dt.date, kind: str = "regular", for_month: dt.date | None = None, study: bool = True) -> MeetingFact:
    return MeetingFact(day, kind, for_month or day.replace(day=1), frozenset({"study-item"} if study else ()))


def test_a_month_with_a_meeting_and_the_study_item_is_ok_and_one_without_is_missing() -> None:
    facts = [_fact(dt.date(2025, 1, 5)), _fact(dt.date(2025, 2, 5), study=False)]
    rows = cell_calendar(RULES, facts, year=2025, active_from=START, active_to=None, today=dt.date(2025, 4, 10))
    held, study, thematic = rows
    assert [s.status for s in held.slots[:5]] == [OK, OK, MISSING, PENDING, NA]
    assert [s.status for s in study.slots[:3]] == [OK, MISSING, MISSING]
    assert thematic.slots[0].status == MISSING and thematic.slots[0].span == 3 and len(thematic.slots) == 4
    assert thematic.slots[1].status == PENDING


def test_a_make_up_meeting_shows_the_month_late() -> None:
    facts = [_fact(dt.date(2025, 4, 2), for_month=dt.date(2025, 3, 1))]
    rows = cell_calendar(RULES, facts, year=2025, active_from=START, active_to=None, today=dt.date(2025, 12, 31))
    assert rows[0].slots[2].status == LATE and rows[1].slots[2].status == LATE


def test_months_before_the_cell_existed_or_before_the_rule_are_not_counted() -> None:
    rows = cell_calendar(
        RULES, [], year=2025, active_from=dt.date(2025, 6, 10), active_to=None, today=dt.date(2025, 12, 31)
    )
    assert [s.status for s in rows[0].slots[:6]] == [NA] * 5 + [MISSING]
    late_rule = [Rule("regular-monthly", "x", "held", "regular", "month", 1, dt.date(2025, 7, 1), None)]
    rows = cell_calendar(late_rule, [], year=2025, active_from=START, active_to=None, today=dt.date(2025, 12, 31))
    assert rows[0].slots[5].status == NA and rows[0].slots[6].status == MISSING


def test_the_roll_up_counts_cells_per_requirement_and_month() -> None:
    a = cell_calendar(
        RULES, [_fact(dt.date(2025, 1, 5))], year=2025, active_from=START, active_to=None, today=dt.date(2025, 12, 31)
    )
    b = cell_calendar(RULES, [], year=2025, active_from=START, active_to=None, today=dt.date(2025, 12, 31))
    agg = roll_up([a, b])
    jan = agg[0].slots[0]
    assert jan.counts[OK] == 1 and jan.counts[MISSING] == 1 and jan.total == 2 and jan.status == MISSING
