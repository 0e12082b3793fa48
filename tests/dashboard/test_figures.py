"""Figures arithmetic, indicators and the risk score (no database)."""

from __future__ import annotations

from ct05.dashboard.figures import add_into, pct, scalar, total_of
from ct05.dashboard.indicators import BY_CODE, risk_score


def test_figures_add_scalars_lists_and_distributions() -> None:
    a = {"members": 3, "study_m": [1] * 12, "ratings": {"tot": 2}}
    b = {"members": 2, "study_m": [0, 1] + [0] * 10, "ratings": {"tot": 1, "xuat-sac": 1}, "deeds_m": [1] + [0] * 11}
    total = total_of([a, b])
    assert total["members"] == 5
    assert total["study_m"][:2] == [1, 2]
    assert total["ratings"] == {"tot": 3, "xuat-sac": 1}
    assert scalar(total, "deeds_m") == 1
    assert a["study_m"] == [1] * 12  # inputs are not modified


def test_a_percentage_with_nothing_to_measure_is_none_not_zero() -> None:
    assert pct(0, 0) is None
    assert pct(1, 3) == 33.3


def test_monthly_indicators_can_be_sliced_to_a_quarter() -> None:
    fig = {"study_m": [1, 1, 1, 0, 0, 0] + [0] * 6, "cells_m": [2] * 12, "thematic_q": [1, 0, 0, 0], "cells_q": [2] * 4}
    study = BY_CODE["study"]
    assert study.value(fig) == round(100 * 3 / 24, 1)
    assert study.value(fig, range(0, 3)) == 50.0
    assert study.value(fig, range(3, 6)) == 0.0
    assert BY_CODE["thematic"].value(fig, range(0, 3)) == 50.0


def test_risk_score_weighs_shortfalls_and_skips_missing_indicators() -> None:
    fig = {"registered": 50, "members": 100, "copied": 10, "commitments": 100}
    score, parts = risk_score(fig, {"registered": 1.0, "copied": 1.0, "study": 5.0})
    # registered falls 50 short, copied (lower is better) 10; study has no data and is left out
    assert score == 30.0
    assert parts[0][0] == "registered"
    assert risk_score({}, {"registered": 1.0}) == (None, [])


def test_add_into_keeps_the_first_list_independent() -> None:
    total: dict[str, object] = {}
    part = {"study_m": [1] * 12}
    add_into(total, part)
    add_into(total, part)
    assert part["study_m"] == [1] * 12
