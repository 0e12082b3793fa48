from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from ct05.ops.checks import readiness
from ct05.ops.metrics import metrics_text, scrape_allowed


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: database, task queue table, storage writable. Statuses only, no details."""
    checks = readiness()
    ready = all(check.ok for check in checks)
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": {check.name: check.status for check in checks}},
        status=200 if ready else 503,
    )


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format, for a METRICS_TOKEN bearer or a METRICS_ALLOWED_IPS peer; 404 to anyone else
    (an installation that set neither has no metrics endpoint at all)."""
    if not scrape_allowed(request):
        return HttpResponse(status=404)
    return HttpResponse(metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
