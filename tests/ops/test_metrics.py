"""/metrics: request counts and latencies by route, the task queue from the database; only for the token
or the listed addresses; prometheus_client's multiprocess mode sums the workers' counters."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.test import Client, RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ct05.ops.metrics import _route
from tests.conftest import World

ROOT = Path(__file__).resolve().parents[2]


def scrape(settings: Any, **headers: str) -> Any:
    settings.METRICS_TOKEN = "s3cret-token-for-tests"
    return Client().get("/metrics", **headers)


def test_it_is_hidden_without_the_token_or_an_allowed_address(db: object, settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert Client().get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token-for-tests"
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-tests").status_code == 200


def test_an_address_in_the_allowed_networks_may_scrape_and_forwarded_for_is_ignored(db: object, settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/24", "192.168.1.5"]
    assert Client(REMOTE_ADDR="10.0.0.7").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="192.168.1.5").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="10.0.1.7", HTTP_X_FORWARDED_FOR="10.0.0.7").get("/metrics").status_code == 404


def test_requests_are_counted_by_route_and_status(world: World, settings: Any) -> None:
    client = world.client_for(world.admin)
    client.get("/cong-viec/999999/")
    client.get("/khong-co/trang-nay")
    text = scrape(settings, HTTP_AUTHORIZATION="Bearer s3cret-token-for-tests").content.decode()
    assert 'ct05_http_requests_total{method="GET",route="cong-viec/<int:pk>/",status="404"}' in text
    assert 'ct05_http_request_duration_seconds_bucket{le="0.3",route="cong-viec/<int:pk>/"}' in text
    assert 'route="<unmatched>",status="404"' in text  # one series for every unknown path
    assert "khong-co" not in text


def test_queue_depth_failures_and_durations_come_from_the_task_table(db: object, settings: Any) -> None:
    now = timezone.now()
    common = {"args_kwargs": {"args": [], "kwargs": {}}, "backend_name": "default", "run_after": now}
    DBTaskResult.objects.create(task_path="ct05.ops.tasks.ping", status="READY", **common)
    DBTaskResult.objects.filter(task_path="ct05.ops.tasks.ping").update(enqueued_at=now - dt.timedelta(minutes=3))
    DBTaskResult.objects.create(
        task_path="ct05.cycle.tasks.analyze_job",
        status="SUCCESSFUL",
        started_at=now - dt.timedelta(seconds=42),
        finished_at=now,
        **common,
    )
    DBTaskResult.objects.create(
        task_path="ct05.orgs.tasks.import_job", status="FAILED", started_at=now, finished_at=now, **common
    )
    text = scrape(settings, HTTP_AUTHORIZATION="Bearer s3cret-token-for-tests").content.decode()
    assert 'ct05_tasks{queue="default",status="ready"} 1.0' in text
    assert 'ct05_task_failures_last_day{task="ct05.orgs.tasks.import_job"} 1.0' in text
    assert 'ct05_task_last_duration_seconds{task="ct05.cycle.tasks.analyze_job"} 42.0' in text
    oldest = next(line for line in text.splitlines() if line.startswith("ct05_task_queue_oldest_ready_seconds "))
    assert float(oldest.split()[1]) >= 180


def test_multiprocess_mode_sums_the_counters_of_every_worker_process(tmp_path: Path) -> None:
    """What gunicorn's workers do: separate processes count, any one of them answers the scrape."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    count = (
        "import django; django.setup(); from ct05.ops.metrics import REQUESTS; "
        "[REQUESTS.labels('r/', 'GET', '200').inc() for _ in range({n})]"
    )
    for n in (2, 3):
        subprocess.run([sys.executable, "-c", count.format(n=n)], env=env, check=True, cwd=ROOT)
    scrape_code = (
        "import django; django.setup(); from prometheus_client import CollectorRegistry, generate_latest, "
        "multiprocess; r = CollectorRegistry(); multiprocess.MultiProcessCollector(r); "
        "print(generate_latest(r).decode())"
    )
    out = subprocess.run(
        [sys.executable, "-c", scrape_code], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert 'ct05_http_requests_total{method="GET",route="r/",status="200"} 5.0' in out


def test_static_files_and_unknown_paths_each_count_as_one_route() -> None:
    factory = RequestFactory()
    assert _route(factory.get("/static/core/site.css")) == "<static>"
    assert _route(factory.get("/wp-login.php")) == "<unmatched>"
