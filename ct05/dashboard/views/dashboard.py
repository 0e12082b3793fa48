"""The dashboard pages: thin views (parse, authorize through the selectors, present)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ct05.core import clock
from ct05.dashboard import present
from ct05.dashboard.indicators import BY_CODE
from ct05.dashboard.selectors import dashboard_data, years_available


def _year(request: HttpRequest) -> int:
    this = clock.today().year
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= this:
        return int(raw)
    return this


@require_GET
@login_required
def dashboard(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    year = _year(request)
    data = dashboard_data(user=request.user, org_id=pk, year=year)
    code = request.GET.get("indicator", "registered")
    if code not in present.COMPARABLE:
        code = "registered"
    context = {
        "data": data,
        "year": year,
        "years": years_available(),
        "cards": present.cards(data),
        "trend": present.trend_chart(data),
        "counts": present.counts_chart(data),
        "distribution": present.distribution_chart(data),
        "quality": present.quality_chart(data),
        "comparison": present.comparison_chart(data, code, year) if data.units else "",
        "compare_code": code,
        "comparable": [(c, BY_CODE[c].label) for c in present.COMPARABLE],
        "lines": present.unit_lines(data, year),
        "table_labels": [BY_CODE[c].label for c in present.TABLE_CODES],
        "asked_future": request.GET.get("year", "").isdigit() and int(request.GET["year"]) > year,
    }
    return render(request, "dashboard/dashboard.html", context)
