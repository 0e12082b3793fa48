"""Headline cards compare with last year only when last year has figures to compare."""

from ct05.dashboard.indicators import BY_CODE
from ct05.dashboard.present import cards
from ct05.dashboard.selectors import DashboardData


def _data(fig: dict[str, int], prev: dict[str, int]) -> DashboardData:
    return DashboardData(
        org=None, year=2026, fig=fig, prev=prev, units=[], computed_at=None, stale=False, has_data=True, title=""
    )


def test_a_percentage_with_nothing_last_year_shows_no_change_instead_of_a_rise_from_zero() -> None:
    ind = BY_CODE["specific"]
    card = next(c for c in cards(_data({ind.num: 50, ind.den: 100}, {})) if c.code == "specific")
    assert card.value == "50%"
    assert card.delta == ""


def test_a_percentage_with_figures_last_year_shows_the_change() -> None:
    ind = BY_CODE["specific"]
    card = next(
        c for c in cards(_data({ind.num: 50, ind.den: 100}, {ind.num: 40, ind.den: 100})) if c.code == "specific"
    )
    assert card.delta.startswith("+10")
