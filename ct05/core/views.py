from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ct05.core.exports import export_download
from ct05.core.jobs import job_get
from ct05.core.web.htmx import htmx_template
from ct05.core.web.params import BadParameter

logger = logging.getLogger(__name__)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # the point of a health check is to report, not to crash
        # The error text names the database's host and port: the log gets it, a public answer must not.
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file a background export made, for the person who asked for it."""
    return export_download(user=request.user, pk=pk)


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get(user=request.user, pk=pk)
    return render(request, htmx_template(request, "core/job_detail.html", "progress"), {"job": job})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a malformed query parameter (core.web.params.BadParameter) says which one, in Vietnamese."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "core/400.html", {"message": message}, status=400)
