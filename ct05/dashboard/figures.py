"""Figures of an organization subtree for one year, and the arithmetic on them. No Django import.

A `Figures` is a flat dict of additive counters, so the figures of a unit are its own records plus the
sum of its sub-units' figures (rolled up bottom-up, cells → parents). Three shapes of value:

- int: a count for the year ("members", "registered", "commitments" …);
- list of 12 ints (codes ending "_m"): one count per month ("study_m": cells whose regular meeting of that
  month had the study item) — or 4 ints (codes ending "_q"), one per quarter;
- dict of str → int (codes "ratings", "warnings", "calendar", "calendar_rules"): a distribution by a key
  that is data (rating codes, warning kinds, the compliance calendar's requirement|period|outcome).

Percentages are never stored: they are computed from the two counters at display time, so that sums stay
exact all the way up the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Figures = dict[str, Any]

MONTHS = 12
QUARTERS = 4


def shape_of(code: str) -> int:
    """0 for a scalar, 12 for a monthly list, 4 for a quarterly one, -1 for a distribution."""
    if code.endswith("_m"):
        return MONTHS
    if code.endswith("_q"):
        return QUARTERS
    if code in DISTRIBUTIONS:
        return -1
    return 0


DISTRIBUTIONS = frozenset({"ratings", "warnings", "calendar", "calendar_rules"})


def empty() -> Figures:
    return {}


def add_into(total: Figures, part: Mapping[str, Any]) -> Figures:
    """Add `part` into `total` in place (and return it)."""
    for code, value in part.items():
        if isinstance(value, list):
            cur = total.get(code)
            if cur is None:
                total[code] = list(value)
            else:
                for i, v in enumerate(value):
                    cur[i] += v
        elif isinstance(value, dict):
            cur_d = total.setdefault(code, {})
            for k, v in value.items():
                cur_d[k] = cur_d.get(k, 0) + v
        else:
            total[code] = total.get(code, 0) + value
    return total


def total_of(parts: Iterable[Mapping[str, Any]]) -> Figures:
    out: Figures = {}
    for p in parts:
        add_into(out, p)
    return out


def bump(fig: Figures, code: str, n: int = 1, *, index: int | None = None, key: str | None = None) -> None:
    """Add n to a scalar, to one month/quarter of a list, or to one key of a distribution."""
    if index is not None:
        size = shape_of(code)
        lst = fig.get(code)
        if lst is None:
            lst = fig[code] = [0] * size
        lst[index] += n
    elif key is not None:
        d = fig.setdefault(code, {})
        d[key] = d.get(key, 0) + n
    else:
        fig[code] = fig.get(code, 0) + n


def scalar(fig: Mapping[str, Any], code: str, months: range | None = None) -> int:
    """The value of a code as one number: a list is summed (over `months`, 0-based, when given)."""
    value = fig.get(code, 0)
    if isinstance(value, list):
        if months is None:
            return int(sum(value))
        return int(sum(value[i] for i in months if i < len(value)))
    if isinstance(value, dict):
        return int(sum(value.values()))
    return int(value or 0)


def series(fig: Mapping[str, Any], code: str) -> list[int]:
    value = fig.get(code)
    size = shape_of(code)
    if not isinstance(value, list):
        return [0] * max(size, 0)
    return list(value)


def pct(num: int, den: int) -> float | None:
    """Percentage with one decimal, or None when there is nothing to measure."""
    if den <= 0:
        return None
    return round(100.0 * num / den, 1)


def quarter_months(quarter: int) -> range:
    """0-based months of a quarter 1..4."""
    return range((quarter - 1) * 3, quarter * 3)
