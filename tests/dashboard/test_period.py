"""Report periods: the codes accepted, and the ones refused with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from ct05.dashboard.reports.period import PeriodError, parse_period, period_choices

TODAY = dt.date(2026, 11, 27)


def test_it_reads_a_year_a_quarter_a_half_and_several_years() -> None:
    assert parse_period("2025", today=TODAY).label == "năm 2025"
    q = parse_period("2026-q2", today=TODAY)
    assert (q.code, q.start, q.end) == ("2026-Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert q.label == "quý II năm 2026"
    h = parse_period("2026-H1", today=TODAY)
    assert h.label == "6 tháng đầu năm 2026" and h.review_word == "sơ kết"
    many = parse_period("2021-2025", today=TODAY)
    assert many.years == [2021, 2022, 2023, 2024, 2025] and many.end == dt.date(2025, 12, 31)


def test_it_refuses_a_period_in_the_future_with_a_message() -> None:
    with pytest.raises(PeriodError, match="chưa bắt đầu"):
        parse_period("2027", today=TODAY)
    with pytest.raises(PeriodError, match="tương lai"):
        parse_period("2026-Q4", today=dt.date(2026, 9, 30))


def test_it_refuses_malformed_and_too_old_periods() -> None:
    for bad in ("", "abc", "2026-Q5", "2026-13", "2025-2021"):
        with pytest.raises(PeriodError):
            parse_period(bad, today=TODAY)
    with pytest.raises(PeriodError, match="2016"):
        parse_period("2015", today=TODAY)


def test_a_period_still_running_is_allowed_and_known_as_unfinished() -> None:
    p = parse_period("2026", today=TODAY)
    assert not p.is_finished(TODAY)
    assert parse_period("2025", today=TODAY).is_finished(TODAY)


def test_the_page_offers_no_future_quarter() -> None:
    codes = [c for c, _ in period_choices(dt.date(2026, 2, 1))]
    assert "2026-Q1" in codes and "2026-Q2" not in codes
