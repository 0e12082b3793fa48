"""deploy/ stays in step with the code: the environment template names only variables CT05 reads (each one
documented), the gunicorn settings load, nginx never retries a request that may not be repeated."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from ct05.env import SETTINGS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
README = (DEPLOY.parent / "README.md").read_text(encoding="utf-8")


def test_the_environment_template_names_only_documented_variables_that_ct05_reads() -> None:
    names = re.findall(r"^([A-Z_]+)=", (DEPLOY / "ct05.env.example").read_text(), flags=re.M)
    assert "SECRET_KEY" in names and "DATABASE_URL" in names
    unknown = [n for n in names if n not in SETTINGS and not n.startswith("GUNICORN_")]
    assert unknown == []
    assert [n for n in names if f"`{n}`" not in README] == []


def test_the_gunicorn_settings_load_and_mark_dead_workers_for_the_metrics() -> None:
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:8000" and conf["workers"] >= 1
    assert "x-request-id" in conf["access_log_format"]
    assert callable(conf["child_exit"])


def test_nginx_passes_the_request_id_and_retries_only_idempotent_requests() -> None:
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    retry = re.search(r"^\s*proxy_next_upstream ([^;]+);", conf, flags=re.M)
    assert retry is not None and "error" in retry.group(1).split()
    assert "non_idempotent" not in retry.group(1)
    assert "location = /metrics" in conf


def test_the_units_read_the_environment_file_and_the_web_unit_gives_a_fresh_metrics_folder() -> None:
    for unit in ("ct05-web.service", "ct05-worker@.service", "ct05-backup.service"):
        assert "EnvironmentFile=/etc/ct05/ct05.env" in (DEPLOY / unit).read_text()
    web = (DEPLOY / "ct05-web.service").read_text()
    assert "RuntimeDirectory=ct05-metrics" in web and "PROMETHEUS_MULTIPROC_DIR=/run/ct05-metrics" in web
