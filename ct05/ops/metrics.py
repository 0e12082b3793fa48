"""Prometheus metrics (issue 15, item 8): requests and latencies counted in the processes that serve them,
the task queue read from the database at scrape time.

Requests: prometheus_client, whose multiprocess mode is made for gunicorn's pre-forked workers — with
PROMETHEUS_MULTIPROC_DIR set (deploy/ct05-web.service gives each node a fresh one), every worker writes its
counters to memory-mapped files in that folder and a scrape, answered by whichever worker, sums them all.
Without it (runserver, the tests) the counters live in the one process. Each application node is scraped on
its own address; Prometheus adds the node's label.

Queue depth, task failures and durations are not counted here: they are rows of django-tasks-db's table that
every node shares, so they are read from the database when scraped and are the same on every node.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

_LOCAL = CollectorRegistry()  # single-process mode; in multiprocess mode the values go to files instead
REQUESTS = Counter(
    "ct05_http_requests",
    "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
    registry=_LOCAL,
)
LATENCY = Histogram(
    "ct05_http_request_duration_seconds",
    "Time to answer a request, by route.",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=_LOCAL,
)
# Tasks whose durations are worth a series (the national analysis, reports, imports): at most the last day's.
DURATION_WINDOW = dt.timedelta(days=1)


def _route(request: HttpRequest) -> str:
    """The URL pattern, not the path (/dang-vien/<int:pk>/, not one series per member); unmatched: one name."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        # WhiteNoise answers static files before URL resolution: one series for all of them
        return "<static>" if request.path.startswith(settings.STATIC_URL) else "<unmatched>"
    return match.route or match.view_name or "<unmatched>"


class MetricsMiddleware:
    """Counts and times every response (after RequestIdMiddleware, before everything else)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        LATENCY.labels(route).observe(time.perf_counter() - started)
        REQUESTS.labels(route, request.method or "", str(response.status_code)).inc()
        return response


class QueueCollector(Collector):
    """django-tasks-db's shared table, read at scrape time."""

    def collect(self) -> Iterator[Metric]:
        from django_tasks_db.models import DBTaskResult

        by_status = GaugeMetricFamily(
            "ct05_tasks",
            "Background task results kept in the database, by queue and status.",
            labels=["queue", "status"],
        )
        for row in DBTaskResult.objects.values("queue_name", "status").annotate(n=Count("id")).order_by():
            by_status.add_metric([row["queue_name"], row["status"].lower()], row["n"])
        yield by_status
        now = timezone.now()
        oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
        yield GaugeMetricFamily(
            "ct05_task_queue_oldest_ready_seconds",
            "Age of the oldest task waiting for a worker (0 when none waits): grows when no worker runs.",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        failed = GaugeMetricFamily(
            "ct05_task_failures_last_day", "Tasks that failed in the last day, by task.", labels=["task"]
        )
        recent = DBTaskResult.objects.filter(finished_at__gte=now - DURATION_WINDOW)
        for row in recent.failed().values("task_path").annotate(n=Count("id")).order_by():
            failed.add_metric([row["task_path"]], row["n"])
        yield failed
        duration = GaugeMetricFamily(
            "ct05_task_last_duration_seconds",
            "Run time of the last finished task of each kind in the last day (the analysis among them).",
            labels=["task"],
        )
        seen: set[str] = set()
        for path, started, finished in (
            recent.exclude(started_at=None)
            .order_by("-finished_at")
            .values_list("task_path", "started_at", "finished_at")
        ):
            if path not in seen:
                seen.add(path)
                duration.add_metric([path], (finished - started).total_seconds())
        yield duration


def metrics_text() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests_registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests_registry)
    else:
        requests_registry = _LOCAL
    queue_registry = CollectorRegistry()
    queue_registry.register(QueueCollector())
    return generate_latest(requests_registry) + generate_latest(queue_registry)


def scrape_allowed(request: HttpRequest) -> bool:
    """A Bearer token equal to METRICS_TOKEN, or a peer address in METRICS_ALLOWED_IPS (addresses or networks).

    The peer is REMOTE_ADDR, never X-Forwarded-For (anyone can write that header): scrape each node directly.
    """
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and secrets.compare_digest(header[7:].strip(), token):
        return True
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    for allowed in settings.METRICS_ALLOWED_IPS:
        try:
            if peer in ipaddress.ip_network(allowed, strict=False):
                return True
        except ValueError:
            continue
    return False
