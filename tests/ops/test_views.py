"""/readyz says whether a node can take traffic (database, queue, storage) without saying where anything is;
/healthz stays a cheap liveness answer that never names the database's address."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

from django.db.utils import OperationalError
from django.test import Client


def test_readyz_answers_200_with_each_check(db: object, settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok", "storage": "ok"}}


def test_readyz_answers_503_when_storage_cannot_be_written(db: object, settings: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.VAR_DIR = blocker
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error"
    assert str(blocker) not in response.content.decode()


def test_healthz_and_readyz_do_not_name_the_database_address_when_it_is_down(db: object) -> None:
    error = OperationalError('connection to server at "10.9.8.7", port 5432 failed: Connection refused')
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=error):
        health = Client().get("/healthz")
        ready = Client().get("/readyz")
    assert health.status_code == 503 and ready.status_code == 503
    assert health.json() == {"status": "error", "database": "unreachable"}
    assert ready.json()["checks"]["database"] == "error"
    for body in (health.content.decode(), ready.content.decode()):
        assert "10.9.8.7" not in body and "5432" not in body


def test_readyz_checks_the_database_store_when_it_is_configured(db: object, settings: Any) -> None:
    settings.FILE_STORAGE = "database"
    settings.STORAGES = {
        **settings.STORAGES,
        **{
            a: {"BACKEND": "ct05.core.storage.DatabaseStorage", "OPTIONS": {"folder": a}}
            for a in ("default", "reports", "imports")
        },
    }
    from ct05.core.models import StoredChunk

    with mock.patch.object(StoredChunk.objects, "create", side_effect=OSError(28, "No space left")):
        response = Client().get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["storage"] == "error"
    assert Client().get("/readyz").json()["checks"]["storage"] == "ok"
