"""Periodic report pages: choose the period, read the figures, edit the assessment paragraphs, generate in
the background, download (owner only, unit still in scope)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from ct05.access.guards import require_sight
from ct05.access.policy import Record
from ct05.core import clock
from ct05.core.jobs import job_get
from ct05.core.web.htmx import htmx_template
from ct05.dashboard.reports import jobs, service
from ct05.dashboard.reports.context import HEADER_KEYS, TEXT_KEYS
from ct05.dashboard.reports.period import PeriodError, parse_period, period_choices
from ct05.dashboard.reports.render import merged
from ct05.orgs.selectors import organizations as org_selectors

HEADER_LABELS = {
    "superior": _lazy("Cơ quan cấp trên"),
    "issuer": _lazy("Cơ quan ban hành"),
    "number": _lazy("Số, ký hiệu"),
    "place": _lazy("Địa danh"),
    "on_behalf": _lazy("Thẩm quyền ký (T/M, K/T …)"),
    "signer_title": _lazy("Chức vụ người ký"),
    "signer_name": _lazy("Họ tên người ký"),
    "recipients": _lazy("Nơi nhận (mỗi dòng một nơi)"),
}


@require_http_methods(["GET", "POST"])
@login_required
@require_sight(Record.REPORT)
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_selectors.organization_get(user=request.user, pk=pk)  # 404 outside the scope
    today = clock.today()
    raw = (request.POST.get("period") or request.GET.get("period") or str(today.year)).strip()
    try:
        period = parse_period(raw, today=today)
    except PeriodError as exc:
        messages.error(request, str(exc))
        return render(
            request,
            "dashboard/report.html",
            {"org": org, "choices": period_choices(today), "period": None, "raw": raw[:20]},
            status=400,
        )
    if request.method == "POST":
        edits = {k: request.POST.get(k, "") for k in (*TEXT_KEYS, *HEADER_KEYS) if k in request.POST}
        job = jobs.report_job_start(user=request.user, org_id=org.pk, period_code=period.code, edits=edits)
        return redirect("dashboard:report_job", job.pk)
    ctx = service.report_context(user=request.user, org=org, period=period, today=today)
    header, texts = merged(ctx, service.draft_get(user=request.user, org=org, period=period))
    return render(
        request,
        "dashboard/report.html",
        {
            "org": org,
            "period": period,
            "raw": period.code,
            "choices": period_choices(today),
            "ctx": ctx,
            "header_fields": [(k, HEADER_LABELS[k], header[k]) for k in HEADER_KEYS],
            "text_fields": [(k, label, texts.get(k, "")) for k, label in TEXT_KEYS.items()],
        },
    )


@require_GET
@login_required
@require_sight(Record.REPORT)
def report_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get(user=request.user, pk=pk, kind=service.JOB_KIND)
    return render(request, htmx_template(request, "dashboard/report_job.html", "status"), {"job": job})


@require_GET
@login_required
@require_sight(Record.REPORT)
def report_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    fh, filename = service.report_file(user=request.user, job_id=pk, fmt=fmt)
    return FileResponse(fh, as_attachment=True, filename=filename, content_type=service.CONTENT_TYPES[fmt])
