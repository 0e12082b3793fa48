"""What a check returns, and small helpers shared by the checks.

A check is a function (rule, today, within) -> list[Hit] that looks at every organization at once (a few
grouped queries, never one query per unit), limited to the subtree `within` when given. Each Hit names its
evidence: links to the exact records, so a supervisor can open what caused it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from ct05.orgs.models import Organization
from ct05.supervision.models import WarningRule

MAX_EVIDENCE = 20  # links kept per warning; the message gives the full count


@dataclass
class Hit:
    organization_id: int
    message: str
    count: int = 1
    evidence: list[dict[str, str]] = field(default_factory=list)
    key: str = ""


Check = Callable[[WarningRule, dt.date, Organization | None], list[Hit]]


def link(label: str, name: str, *args: Any, query: str = "") -> dict[str, str]:
    """An evidence entry linking to the page of the record (every page name is checked by
    tests/supervision/test_checks_links.py, so a renamed page fails a test, not an evaluation)."""
    return {"label": label[:200], "url": reverse(name, args=args) + (f"?{query}" if query else "")}


def active_orgs(today: dt.date, within: Organization | None, **filters: Any) -> QuerySet[Organization]:
    qs = Organization.objects.active_on(today)
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    return qs.filter(**filters)


def month_start(day: dt.date, back: int = 0) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(y, m + 1, 1)


def months_ago(day: dt.date, months: int) -> dt.date:
    first = month_start(day, months)
    return first.replace(day=min(day.day, 28))


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    q = (day.month - 1) // 3
    start = dt.date(day.year, q * 3 + 1, 1)
    end = month_start(start, -3) - dt.timedelta(days=1)
    return start, end


def pct(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
