"""deploy/ stays in step with the code: the environment template names only variables CT05 reads (each one
documented), the gunicorn settings load, nginx resends only requests that may be repeated, and the
cluster bench uses deploy's nginx settings as they are."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

from django.urls import resolve, reverse

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
README = (DEPLOY.parent / "README.md").read_text(encoding="utf-8")


# Read before the settings exist (by manage.py and wsgi.py themselves), never configured by a person.
NOT_CONFIGURATION = {"DJANGO_SETTINGS_MODULE"}
READS = re.compile(
    r"""(?:env_(?:str|bool|int|list)\(\s*|os\.environ\.get\(|os\.environ\[|os\.getenv\(|_declare\(\s*)["']([A-Z][A-Z0-9_]*)["']"""
)


def _read_by_the_code() -> set[str]:
    """Every environment variable the code reads: declared by the production settings as they load (in a
    fresh process: other tests declare names of their own in this one's `SETTINGS`) and, so that one read only
    on some branch is not missed, every literal name passed to a reader in ct05/ and deploy/gunicorn.conf.py."""
    code = "import ct05.settings; from ct05.env import SETTINGS; print(' '.join(SETTINGS))"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    declared = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=DEPLOY.parent
    ).stdout.split()
    sources = [*(DEPLOY.parent / "ct05").rglob("*.py"), DEPLOY / "gunicorn.conf.py"]
    found = {name for path in sources for name in READS.findall(path.read_text(encoding="utf-8"))}
    return (found | set(declared)) - NOT_CONFIGURATION


def test_every_variable_the_code_reads_is_in_the_readme_table_and_the_environment_template() -> None:
    read = _read_by_the_code()
    assert {"SECRET_KEY", "DATABASE_URL", "TASK_LEASE_SECONDS", "GUNICORN_WORKERS"} <= read
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    in_readme = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}
    template = (DEPLOY / "ct05.env.example").read_text()
    in_template = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", template, flags=re.M))
    assert sorted(read - in_readme) == [], "missing from README's configuration table"
    assert sorted(read - in_template) == [], "missing from deploy/ct05.env.example (set, or '# NAME=default')"
    assert sorted(in_readme - read) == [] and sorted(in_template - read) == [], "documented but never read"


def test_the_environment_template_sets_what_production_requires() -> None:
    names = re.findall(r"^([A-Z][A-Z0-9_]*)=", (DEPLOY / "ct05.env.example").read_text(), flags=re.M)
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SECURE_HTTPS", "CT05_STORAGE", "CACHE_URL"} <= set(names)
    assert "PROMETHEUS_MULTIPROC_DIR" not in names  # the unit sets a fresh one; the file would override it


def test_the_gunicorn_settings_load_and_mark_dead_workers_for_the_metrics() -> None:
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:8000" and conf["workers"] >= 1
    assert "x-request-id" in conf["access_log_format"]
    assert callable(conf["child_exit"])


def _locations(conf: str) -> dict[str, str]:
    """Each `location` of the file: its match -> its body."""
    return {m[0].strip(): m[1] for m in re.findall(r"^\s*location ([^{]+)\{(.*?)^\s*\}", conf, flags=re.M | re.S)}


# Views whose request may be sent twice with no harm (deploy/nginx.conf says why for each).
RESENDABLE = {"core:login", "core:logout", "cycle:live_check", "dashboard:report"}


def test_nginx_passes_the_request_id_and_resends_a_post_only_where_a_second_one_is_harmless() -> None:
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    locations = _locations(conf)
    assert "= /metrics" in locations
    default = re.search(r"proxy_next_upstream ([^;]+);", locations["/"])
    assert default is not None and "error" in default.group(1).split()
    assert "non_idempotent" not in default.group(1)
    resend = [match for match, body in locations.items() if "non_idempotent" in body]
    assert len(resend) == 1 and resend[0].startswith("~ ^/(")
    pattern = re.compile(resend[0][2:])
    samples = re.fullmatch(r"\^/\((.*)\)/\$", resend[0][2:])
    assert samples is not None
    paths = ["/" + alt.replace("[0-9]+", "7") + "/" for alt in samples.group(1).split("|")]
    assert {resolve(path).view_name for path in paths} == RESENDABLE
    # what may not be sent twice never matches it
    kept = [
        reverse("cycle:registration_edit", args=[7]),
        reverse("cycle:registration_submit", args=[7]),
        reverse("cycle:registration_return", args=[7]),
        reverse("cycle:registration_new"),
        reverse("cycle:import"),
        "/api/v1/registrations",
    ]
    assert [path for path in kept if pattern.match(path)] == []


def test_nginx_drops_an_idle_connection_to_a_node_before_gunicorn_does() -> None:
    """Else nginx may write a request on a connection gunicorn is closing: a POST sent so is not resent."""
    conf = (DEPLOY / "nginx.conf").read_text()
    upstream = re.search(r"upstream ct05_app \{(.*?)\n\}", conf, flags=re.S)
    assert upstream is not None
    timeout = re.search(r"keepalive_timeout (\d+)s;", upstream.group(1))
    assert timeout is not None
    assert int(timeout.group(1)) < runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["keepalive"]


def test_the_cluster_bench_balancer_uses_deploys_proxying_as_it_is() -> None:
    from bench.cluster.run import PROXYING, balancer_conf

    deploy = (DEPLOY / "nginx.conf").read_text()
    conf = balancer_conf(deploy, tmp=Path("/tmp/x"), listen="10.77.0.10:80", servers=["10.77.0.11:8000", "a:1"])
    block = PROXYING.search(deploy)
    assert block is not None and block.group(1) in conf
    assert "server a:1 max_fails=3 fail_timeout=10s;" in conf and "keepalive_timeout 4s;" in conf


def test_the_units_read_the_environment_file_and_the_web_unit_gives_a_fresh_metrics_folder() -> None:
    for unit in ("ct05-web.service", "ct05-worker@.service", "ct05-backup.service"):
        assert "EnvironmentFile=/etc/ct05/ct05.env" in (DEPLOY / unit).read_text()
    web = (DEPLOY / "ct05-web.service").read_text()
    assert "RuntimeDirectory=ct05-metrics" in web and "PROMETHEUS_MULTIPROC_DIR=/run/ct05-metrics" in web
