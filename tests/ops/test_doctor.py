"""`ct05 doctor` checks an installation, says what to fix, and fails (exit status 1) when something is wrong."""

from __future__ import annotations

import socket
from io import StringIO
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

GOOD_KEY = "k" * 20 + "Zq9!x" * 10
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def production(settings: Any, tmp_path: Path) -> Any:
    settings.SECRET_KEY = GOOD_KEY
    settings.DEBUG = False
    settings.VAR_DIR = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    return settings


def run(*args: str) -> str:
    out = StringIO()
    call_command("doctor", "--wait", "0", *args, stdout=out)
    return out.getvalue()


def run_failing(*args: str) -> tuple[str, str]:
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("doctor", "--wait", "0", *args, stdout=out)
    return out.getvalue(), str(failure.value)


def test_a_sound_installation_passes_with_warnings_only(db: object, production: Any) -> None:
    out = run()
    assert "[ OK ] database" in out and "[ OK ] migrations" in out and "[ OK ] storage" in out
    assert "[CHÚ Ý] mail" in out and "EMAIL_BACKEND" in out  # the console backend sends nothing
    assert "Cài đặt sẵn sàng." in out


def test_it_fails_on_the_development_secret_key_and_says_to_set_one(db: object, production: Any) -> None:
    production.SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdefghijklmnop"
    out, error = run_failing()
    assert "[ LỖI ] secret" in out and "đặt SECRET_KEY" in out
    assert error == "1 kiểm tra không đạt: secret."


def test_it_fails_when_no_worker_runs_the_probe_task_and_leaves_no_probe_behind(db: object, production: Any) -> None:
    production.TASKS = DB_QUEUE
    out, error = run_failing()
    assert "[ LỖI ] worker" in out and "ct05 db_worker" in out
    assert "worker" in error
    assert not DBTaskResult.objects.exists()


def test_a_task_started_lately_shows_the_worker_alive(db: object, production: Any) -> None:
    production.TASKS = DB_QUEUE
    now = timezone.now()
    DBTaskResult.objects.create(
        task_path="ct05.ops.tasks.ping",
        status="SUCCESSFUL",
        started_at=now,
        finished_at=now,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=now,
    )
    assert "[ OK ] worker" in run()


def test_it_lists_unapplied_migrations_and_says_to_migrate(db: object, production: Any) -> None:
    pending = mock.Mock(app_label="cycle", name="0099_next")
    pending.name = "0099_next"
    with mock.patch("ct05.ops.checks.MigrationExecutor.migration_plan", return_value=[(pending, False)]):
        out, _error = run_failing()
    assert "[ LỖI ] migrations" in out and "cycle.0099_next" in out and "ct05 migrate" in out


def test_it_fails_when_the_storage_folder_cannot_be_written(db: object, production: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    production.VAR_DIR = blocker
    out, _error = run_failing()
    assert "[ LỖI ] storage" in out and "CT05_VAR_DIR" in out


def test_it_fails_when_the_mail_server_does_not_answer(db: object, production: Any) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    production.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    production.EMAIL_HOST, production.EMAIL_PORT = "127.0.0.1", port
    out, error = run_failing()
    assert f"[ LỖI ] mail: Không kết nối được máy chủ thư 127.0.0.1:{port}" in out
    assert "mail" in error
    assert "[ OK ] mail" not in run("--no-mail-connect")  # without the probe: only the sender warning


DATABASE_STORES = {
    alias: {"BACKEND": "ct05.core.storage.DatabaseStorage", "OPTIONS": {"folder": alias}}
    for alias in ("default", "reports", "imports")
}


def test_the_database_store_is_checked_and_leaves_no_probe(db: object, production: Any) -> None:
    from ct05.core.models import StoredObject

    production.FILE_STORAGE = "database"
    production.STORAGES = {**production.STORAGES, **DATABASE_STORES}
    out = run()
    assert "[ OK ] storage" in out and "CT05_STORAGE=database" in out
    assert not StoredObject.objects.exists()


def test_a_per_process_cache_is_a_warning_in_production(db: object, production: Any) -> None:
    out = run()
    assert "[CHÚ Ý] cache" in out and "CACHE_URL=redis://" in out


def test_a_shared_redis_cache_passes(db: object, production: Any) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("NO REDIS on 127.0.0.1:6379: the shared cache check is not exercised")
    production.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    assert "[ OK ] cache" in run()


def test_an_unreachable_cache_fails_and_names_cache_url(db: object, production: Any) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    production.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }
    out, error = run_failing()
    assert "[ LỖI ] cache" in out and "CACHE_URL" in out and "cache" in error
