"""Reads of the precomputed figures. Every function takes the acting user; the organization comes from
the access resolver (outside the scope: 404), and a unit whose subtree the user may not see in full (a
non-recursive role) shows its own figures only, never its sub-units' totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from ct05.access.policy import Record
from ct05.access.resolver import Scope, record_scope
from ct05.core import clock
from ct05.dashboard.figures import Figures, add_into
from ct05.dashboard.indicators import DEFAULT_RISK_WEIGHTS, risk_score
from ct05.dashboard.models import RiskWeight, Rollup, StaleUnit
from ct05.orgs.models import Organization
from ct05.orgs.selectors import organizations as org_selectors


def covers_subtree(scope: Scope, org: Organization) -> bool:
    return scope.everything or any(org.path.startswith(p) for p in scope.prefixes)


@dataclass
class UnitRow:
    org: Organization
    fig: Figures
    risk: float | None = None
    risk_parts: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class DashboardData:
    org: Organization | None  # None: the whole of the user's scope (several top units, or the nation)
    year: int
    fig: Figures
    prev: Figures
    units: list[UnitRow]
    computed_at: dt.datetime | None
    stale: bool
    has_data: bool
    title: str
    crumbs: list[Organization] = field(default_factory=list)


def risk_weights() -> dict[str, float]:
    rows = dict(RiskWeight.objects.values_list("code", "weight"))
    return rows or dict(DEFAULT_RISK_WEIGHTS)


@dataclass(frozen=True)
class _Row:
    organization_id: int
    figures: Figures
    computed_at: dt.datetime


def _rows(year: int, wanted: dict[int, bool]) -> dict[int, _Row]:
    """The rollups of the units `wanted` (id → whole subtree visible?), reading only the JSON column needed:
    the subtree's total, or the unit's own figures."""
    out: dict[int, _Row] = {}
    for field_name, full in (("total", True), ("own", False)):
        ids = [pk for pk, f in wanted.items() if f is full]
        for s in range(0, len(ids), 900):
            rows = Rollup.objects.filter(year=year, organization_id__in=ids[s : s + 900]).values_list(
                "organization_id", field_name, "computed_at"
            )
            for pk, figures, at in rows:
                out[pk] = _Row(pk, figures, at)
    return out


def _figures(row: _Row | None) -> Figures:
    return row.figures if row is not None else {}


def dashboard_data(*, user: Any, org_id: int | None, year: int) -> DashboardData:
    # The units whose indicators the user's roles may see (the visibility policy: a plain member sees none,
    # not even of their own cell) — not every unit they may open.
    scope = record_scope(user, Record.INDICATOR)
    if scope.is_empty:
        raise Http404
    if org_id is None and not scope.everything:
        roots = [r for r in org_selectors.organization_roots(user=user) if scope.contains(r)]
        if len(roots) == 1:  # one top unit: its dashboard is the user's whole scope
            org_id = roots[0].pk
    if org_id is not None:
        org = org_selectors.organization_get(user=user, pk=org_id)  # 404 outside the scope
        if not scope.contains(org):
            raise Http404
        full = covers_subtree(scope, org)
        kids: list[Organization] = (
            list(
                Organization.objects.not_closed_on(dt.date(year, 1, 1))
                .filter(scope.q(), parent=org)
                .select_related("kind")
                .order_by("kind__level", "name")
            )
            if full
            else []
        )
        tops = [org]
        title = org.name
        crumbs = [a for a in org.ancestors() if scope.contains(a)]
    else:
        org = None
        tops = [t for t in org_selectors.organization_roots(user=user) if scope.contains(t)]
        full = True
        kids = tops
        title = _("Toàn quốc") if scope.everything else _("Toàn bộ phạm vi của bạn")
        crumbs = []
    wanted = {o.pk: covers_subtree(scope, o) for o in kids}
    wanted.update({t.pk: full and covers_subtree(scope, t) for t in tops})
    now_rows = _rows(year, wanted)
    prev_rows = _rows(year - 1, {t.pk: wanted[t.pk] for t in tops})
    fig: Figures = {}
    prev: Figures = {}
    for top in tops:
        add_into(fig, _figures(now_rows.get(top.pk)))
        add_into(prev, _figures(prev_rows.get(top.pk)))
    weights = risk_weights()
    units: list[UnitRow] = []
    for kid in kids:
        kfig = _figures(now_rows.get(kid.pk))
        score, parts = risk_score(kfig, weights)
        units.append(UnitRow(kid, kfig, score, parts))
    units.sort(key=lambda u: (-(u.risk if u.risk is not None else -1), u.org.name))
    stamps = [r.computed_at for r in now_rows.values() if r.organization_id in {t.pk for t in tops}]
    return DashboardData(
        org=org,
        year=year,
        fig=fig,
        prev=prev,
        units=units,
        computed_at=min(stamps) if stamps else None,
        stale=_stale(tops, year),
        has_data=bool(stamps),
        title=title,
        crumbs=crumbs,
    )


def _stale(tops: list[Organization], year: int) -> bool:
    """Are there writes in these subtrees not yet in the figures? (The refresh task is on its way.)"""
    stale = list(StaleUnit.objects.filter(year=year).values_list("organization_id", flat=True)[:500])
    if not tops or not stale:
        return False
    paths = Organization.objects.filter(pk__in=stale).values_list("path", flat=True)
    return any(p.startswith(t.path) for p in paths for t in tops)


def years_available() -> list[int]:
    this = clock.today().year
    return list(range(this, this - 6, -1))
