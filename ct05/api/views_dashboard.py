"""The dashboard's indicators under /api/v1/dashboard: one unit (or the caller's whole scope) for a year, a
half or a quarter, with its sub-units ranked as on the page.

The figures are the dashboard page's: `dashboard_data` (ct05/dashboard/selectors.py) reads the precomputed
rollups of the unit's whole subtree (or only its own records when the caller's role does not reach the
whole subtree), the indicators catalogue (ct05/dashboard/indicators.py) turns them into values, and a
part of the year is sliced as the periodic reports slice it (monthly counters over the period's months).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query
from pydantic import Field

from ct05.access.resolver import org_scope
from ct05.api.pagination import org_filter
from ct05.api.problems import Problem
from ct05.api.schemas import READ_RESPONSES
from ct05.api.schemas_base import Schema
from ct05.api.views_read import OrgCode, router
from ct05.core import clock
from ct05.dashboard.figures import Figures
from ct05.dashboard.indicators import INDICATORS
from ct05.dashboard.reports.period import Period, PeriodError, parse_period
from ct05.dashboard.selectors import DashboardData, covers_subtree, dashboard_data
from ct05.orgs.models import Organization


class UnitRef(Schema):
    id: int
    code: str
    name: str


class IndicatorValue(Schema):
    code: str
    label: str
    value: float | None = Field(description="phần trăm (một chữ số thập phân) hoặc số đếm; null: không có gì để đo")
    numerator: int
    denominator: int | None = Field(description="null với chỉ số đếm")
    previous_year: float | None = Field(description="cùng kỳ năm trước")
    unit: str
    better: str = Field(description="high, low hoặc rỗng")


class SubUnitOut(Schema):
    organization: UnitRef
    whole_subtree: bool = Field(description="false: chỉ số liệu của chính đơn vị (vai trò không bao cả cây)")
    risk: float | None
    indicators: list[IndicatorValue]


class DashboardOut(Schema):
    organization: UnitRef | None = Field(description="null: toàn bộ phạm vi của người dùng mã")
    title: str
    period: str
    start: str
    end: str
    whole_subtree: bool
    computed_at: str | None
    stale: bool = Field(description="có thay đổi chưa được tính vào số liệu (đang tính lại)")
    has_data: bool
    indicators: list[IndicatorValue]
    units: list[SubUnitOut]


PeriodParam = Annotated[
    str | None,
    Query(None, max_length=16, description="năm (2026), nửa năm (2026-H1) hoặc quý (2026-Q2); mặc định năm nay"),
]


def _period(raw: str | None) -> Period:
    today = clock.today()
    try:
        period = parse_period(raw or str(today.year), today=today)
    except PeriodError as exc:
        raise Problem(422, str(exc), errors=[{"field": "period", "message": str(exc)}]) from None
    if period.kind == "years":
        message = _("Bảng điều khiển tính theo từng năm: hãy hỏi từng năm, nửa năm hoặc quý.")
        raise Problem(422, message, errors=[{"field": "period", "message": message}])
    return period


def _values(fig: Figures, prev: Figures | None, months: range | None) -> list[dict[str, Any]]:
    out = []
    for ind in INDICATORS:
        n, d = ind.parts(fig, months)
        out.append(
            {
                "code": ind.code,
                "label": str(ind.label),
                "value": ind.value(fig, months),
                "numerator": n,
                "denominator": d if ind.is_pct else None,
                "previous_year": ind.value(prev, months) if prev else None,
                "unit": str(ind.unit),
                "better": ind.better,
            }
        )
    return out


def _ref(o: Organization) -> dict[str, Any]:
    return {"id": o.pk, "code": o.code, "name": o.name}


def dashboard_body(user: Any, org: Organization | None, period: Period) -> dict[str, Any]:
    data: DashboardData = dashboard_data(user=user, org_id=org.pk if org else None, year=period.last_year)
    scope = org_scope(user)
    months = None if period.kind == "year" else period.months
    return {
        "organization": _ref(data.org) if data.org else None,
        "title": data.title,
        "period": period.code,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "whole_subtree": data.org is None or covers_subtree(scope, data.org),
        "computed_at": data.computed_at.isoformat() if data.computed_at else None,
        "stale": data.stale,
        "has_data": data.has_data,
        "indicators": _values(data.fig, data.prev, months),
        "units": [
            {
                "organization": _ref(u.org),
                "whole_subtree": covers_subtree(scope, u.org),
                "risk": u.risk,
                "indicators": _values(u.fig, None, months),
            }
            for u in data.units
        ],
    }


@router.get("dashboard", response={200: DashboardOut, **READ_RESPONSES}, tags=["Chỉ số"])
def dashboard_api(request: HttpRequest, org: OrgCode, period: PeriodParam) -> dict[str, Any]:
    """Các chỉ số của bảng điều khiển cho một đơn vị (mặc định: toàn bộ phạm vi) trong một năm, nửa năm hoặc
    quý: cộng dồn cả cây đơn vị trực thuộc như trên trang, kèm cùng kỳ năm trước và các đơn vị trực thuộc xếp
    theo điểm rủi ro. Số liệu do tác vụ nền tính sẵn (`computed_at`, `stale`)."""
    return dashboard_body(request.user, org_filter(request.user, org), _period(period))
