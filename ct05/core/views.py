from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ct05.core.models import BackgroundJob
from ct05.core.selectors import attention_items, scope_summary

logger = logging.getLogger(__name__)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # the point of a health check is to report, not to crash
        # The error text names the database's host and port: it goes to the log, never to the public answer.
        logger.exception("healthz: the database is unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "scope": scope_summary(user=request.user),
            "attention": attention_items(user=request.user),
            "jobs": BackgroundJob.objects.filter(owner=request.user)[:5],
        },
    )


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        job = BackgroundJob.objects.get(pk=pk, owner=request.user)
    except BackgroundJob.DoesNotExist:
        raise Http404 from None
    template = "core/job_detail.html#progress" if request.headers.get("HX-Request") else "core/job_detail.html"
    return render(request, template, {"job": job})
