"""Indicators and the analysis button, members without a registration, topics, notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ct05.access.guards import require_sight
from ct05.access.policy import Record
from ct05.access.resolver import org_scope
from ct05.core.web.lists import paginate
from ct05.cycle import exchange
from ct05.cycle.selectors import year as ysel
from ct05.cycle.services import jobs
from ct05.cycle.views._common import year_of
from ct05.orgs.params import org_param


@login_required
@require_sight(Record.INDICATOR)
def indicators(request: HttpRequest) -> HttpResponse:
    year, org = year_of(request), org_param(request)
    rows = ysel.indicator_list(user=request.user, year=year, org=org)
    page, querystring = paginate(request, rows, 100)
    return render(
        request,
        "cycle/indicators.html",
        {
            "page": page,
            "year": year,
            "org": org,
            "can_analyze": not org_scope(request.user, "manage").is_empty
            or not org_scope(request.user).is_empty
            and request.user.is_staff,
            "querystring": querystring,
        },
    )


@login_required
@require_sight(Record.INDICATOR)
def indicators_export(request: HttpRequest) -> HttpResponse:
    year, org = year_of(request), org_param(request)
    rows = ysel.indicator_list(user=request.user, year=year, org=org)
    response = HttpResponse(
        exchange.export_indicators(rows, year=year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"chi-so-lam-theo-{year}{'-' + org.code.lower() if org else ''}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def analyze_start(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
    org = org_param(request, "manage")
    scope = org_scope(request.user, "manage")
    if scope.is_empty:
        raise Http404
    if org is None and not scope.everything:
        messages.error(request, _("Chọn đơn vị cần phân tích."))
        return redirect(f"/lam-theo/chi-so/?year={year}")
    job = jobs.analysis_start(actor=request.user, year=year, org=org)
    return redirect("core:job_detail", pk=job.pk)


@login_required
@require_sight(Record.NOT_REGISTERED)
def missing(request: HttpRequest) -> HttpResponse:
    year, org = year_of(request), org_param(request)
    qs = ysel.members_without_registration(user=request.user, year=year, org=org)
    page, querystring = paginate(request, qs, 100)
    manage = org_scope(request.user, "manage")
    manageable = {m.pk for m in page if manage.contains(m.cell)}  # who may register or print for them
    context = {"page": page, "year": year, "org": org, "manageable": manageable, "querystring": querystring}
    return render(request, "cycle/missing.html", context)
