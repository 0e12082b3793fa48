"""What the dashboard page shows, built from `DashboardData`: headline cards with the change from last
year, the three charts as inline SVG, and the ranked table of sub-units. Pure presentation; no query
except the names of the rating levels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ct05.core.clock import today
from ct05.cycle.figures import rating_names
from ct05.dashboard import svg
from ct05.dashboard.figures import pct, series
from ct05.dashboard.indicators import BY_CODE, HEADLINE, Indicator
from ct05.dashboard.links import drill
from ct05.dashboard.selectors import DashboardData

MONTH_LABELS = [f"T{m}" for m in range(1, 13)]
# Indicators offered in the sub-unit comparison chart: the headline percentages.
COMPARABLE = tuple(code for code in HEADLINE if BY_CODE[code].is_pct)


@dataclass(frozen=True)
class Card:
    code: str
    label: str
    value: str
    detail: str
    delta: str
    trend: str  # "good" | "bad" | ""
    href: str


def fmt(v: float | None, is_pct: bool) -> str:
    if v is None:
        return "—"
    if is_pct:
        return (f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}".replace(".", ",")) + "%"
    return f"{int(v):,}".replace(",", ".")


def _delta(ind: Indicator, now: float | None, before: float | None) -> tuple[str, str]:
    if now is None or before is None:
        return "", ""
    d = now - before
    if abs(d) < 0.05:
        return _("= năm trước"), ""
    sign = "+" if d > 0 else "−"
    amount = (f"{abs(d):.1f}".replace(".", ",") + " " + _("điểm %")) if ind.is_pct else fmt(abs(d), False)
    trend = ""
    if ind.better:
        trend = "good" if (d > 0) == (ind.better == "high") else "bad"
    return _("%(d)s so với năm trước") % {"d": f"{sign}{amount}"}, trend


def cards(data: DashboardData) -> list[Card]:
    org_id = data.org.pk if data.org else None
    out: list[Card] = []
    for code in HEADLINE:
        ind = BY_CODE[code]
        now = ind.value(data.fig)
        before = ind.value(data.prev) if data.prev else None
        if before is not None and ind.is_pct and not ind.parts(data.prev)[1]:
            before = None  # nothing to compare with (e.g. no registrations last year), not a rise from 0 %
        n, d = ind.parts(data.fig)
        detail = f"{fmt(n, False)}/{fmt(d, False)}" if ind.is_pct else (ind.unit or "")
        delta, trend = _delta(ind, now, before)
        href = drill(code, org_id=org_id, year=data.year)
        out.append(Card(code, ind.label, fmt(now, ind.is_pct), detail, delta, trend, href))
    return out


def _monthly_pct(fig: dict[str, Any], num: str, den: str) -> list[float | None]:
    n, d = series(fig, num), series(fig, den)
    return [pct(a, b) for a, b in zip(n, d, strict=True)]


def trend_chart(data: DashboardData) -> SafeString:
    now = _monthly_pct(data.fig, "study_m", "cells_m")
    before = _monthly_pct(data.prev, "study_m", "cells_m") if data.prev else [None] * 12
    return mark_safe(  # noqa: S308 - svg.py escapes every text it writes
        svg.column_chart(
            MONTH_LABELS,
            [
                svg.Series(_("Năm %(y)s") % {"y": data.year}, now),
                svg.Series(_("Năm %(y)s") % {"y": data.year - 1}, before),
            ],
            title=_("Tỷ lệ chi bộ có nội dung học tập và làm theo trong sinh hoạt hằng tháng"),
            unit="%",
            max_value=100,
        )
    )


def counts_chart(data: DashboardData) -> SafeString:
    deeds = [float(v) for v in series(data.fig, "deeds_m")]
    models = [float(v) for v in series(data.fig, "models_m")]
    comm = [float(v) for v in series(data.fig, "commendations_m")]
    return mark_safe(  # noqa: S308
        svg.column_chart(
            MONTH_LABELS,
            [svg.Series(_("Việc tốt"), deeds), svg.Series(_("Mô hình"), models), svg.Series(_("Khen thưởng"), comm)],
            title=_("Người tốt việc tốt, mô hình, khen thưởng theo tháng năm %(y)s") % {"y": data.year},
        )
    )


def comparison_chart(data: DashboardData, code: str, year: int) -> SafeString:
    ind = BY_CODE[code]
    bars = []
    rows = sorted(data.units, key=lambda u: (ind.value(u.fig) is None, -(ind.value(u.fig) or 0)))
    for u in rows[:40]:
        n, d = ind.parts(u.fig)
        href = reverse("dashboard:org", args=[u.org.pk]) + f"?year={year}&indicator={code}"
        bars.append(svg.Bar(u.org.name, ind.value(u.fig), f"{n}/{d}" if d else "", href))
    return mark_safe(svg.bar_list(bars, title=_("%(i)s — so sánh các đơn vị trực thuộc") % {"i": ind.label}))  # noqa: S308


def rating_parts(fig: dict[str, Any]) -> list[tuple[str, int]]:
    ratings: dict[str, int] = dict(fig.get("ratings") or {})
    names = rating_names(today=today(), used=ratings)
    known = dict(names)
    parts = [(name, ratings.get(code, 0)) for code, name in names]
    parts += [(code, n) for code, n in ratings.items() if code not in known]
    return parts


def distribution_chart(data: DashboardData) -> SafeString:
    return mark_safe(  # noqa: S308
        svg.stacked_bar(
            rating_parts(data.fig), title=_("Xếp loại mức độ thực hiện bản đăng ký năm %(y)s") % {"y": data.year}
        )
    )


def quality_chart(data: DashboardData) -> SafeString:
    f = data.fig
    total = int(f.get("commitments", 0))
    specific = int(f.get("specific", 0))
    return mark_safe(  # noqa: S308
        svg.stacked_bar(
            [(_("Cụ thể"), specific), (_("Chung chung hoặc chưa đánh giá"), max(total - specific, 0))],
            title=_("Chất lượng nội dung đăng ký"),
        )
    )


@dataclass(frozen=True)
class UnitLine:
    rank: int
    name: str
    href: str
    risk: str
    reasons: str
    values: list[str]


TABLE_CODES = ("registered", "specific", "copied", "study", "thematic", "standards")


def unit_lines(data: DashboardData, year: int) -> list[UnitLine]:
    out = []
    for i, u in enumerate(data.units, 1):
        reasons = ", ".join(BY_CODE[c].label.lower() for c, s in u.risk_parts[:2] if s > 0)
        out.append(
            UnitLine(
                i,
                u.org.name,
                reverse("dashboard:org", args=[u.org.pk]) + f"?year={year}",
                f"{u.risk:.0f}" if u.risk is not None else "—",
                reasons,
                [fmt(BY_CODE[c].value(u.fig), True) for c in TABLE_CODES],
            )
        )
    return out
