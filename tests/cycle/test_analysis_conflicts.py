"""An analysis that PostgreSQL aborts in a deadlock or a serialization conflict (two workers analysing
neighbouring provinces, an analysis and a member's save) runs again, a bounded number of times, with the
results of a run that was never interrupted (ct05/core/leases.py `conflict_retry`, ct05/cycle/tasks.py).

The database's error is forced once from inside the analysis's transaction, after it has rewritten rows, as
Django raises it: `django.db.OperationalError` caused by psycopg's `DeadlockDetected` / `SerializationFailure`."""

from __future__ import annotations

from typing import Any

import psycopg.errors
import pytest
from django.db import OperationalError
from django.utils import timezone

from ct05.core import leases
from ct05.core.leases import conflict_of
from ct05.core.models import BackgroundJob
from ct05.cycle import tasks
from ct05.cycle.models import CellIndicator, Commitment, SimilarPair
from ct05.cycle.services import analysis
from tests.conftest import World, make_member
from tests.cycle.helpers import COPIED, GENERIC, SPECIFIC, YEAR, registration, topic

pytestmark = pytest.mark.django_db


def _database_error(driver_error: Exception) -> OperationalError:
    """What Django raises for the driver's error (django.db.utils.DatabaseErrorWrapper: `from` the driver's)."""
    try:
        raise OperationalError(*driver_error.args) from driver_error
    except OperationalError as exc:
        return exc


@pytest.fixture
def texts(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(leases, "CONFLICT_PAUSE", (0.0, 0.0))
    topic()
    other = make_member(world.cell1, "Quàng Văn Xôm", "DV0009")
    registration(world, texts=(COPIED, GENERIC, SPECIFIC))
    registration(world, actor=world.secretary, member=other, texts=(COPIED.replace("12 hộ", "14 hộ"), GENERIC))
    return world


def _state() -> dict[str, Any]:
    rows = Commitment.objects.filter(registration__year=YEAR).order_by("pk")
    return {
        "verdicts": list(rows.values_list("pk", "score", "verdict", "fp_key", "max_similarity")),
        "pairs": sorted(SimilarPair.objects.filter(year=YEAR).values_list("a_id", "b_id", "similarity")),
        "cells": CellIndicator.objects.filter(year=YEAR).count(),
    }


def _fail_in_the_transaction(monkeypatch: pytest.MonkeyPatch, *errors: Exception) -> list[int]:
    """The analysis's last step inside its transaction raises `errors` in turn, then works."""
    calls: list[int] = []
    real = analysis.indicators_store
    started = timezone.now()

    def store(**kwargs: Any) -> int:
        calls.append(1)
        if len(calls) <= len(errors):
            assert Commitment.objects.filter(checked_at__gt=started).exists()  # written before the abort
            raise errors[len(calls) - 1]
        return real(**kwargs)

    monkeypatch.setattr(analysis, "indicators_store", store)
    return calls


def test_the_errors_are_recognised_by_their_sqlstate_not_their_wording() -> None:
    assert conflict_of(_database_error(psycopg.errors.DeadlockDetected("phát hiện khóa chết"))) == "deadlock"
    assert conflict_of(_database_error(psycopg.errors.SerializationFailure("x"))) == "serialization failure"
    assert conflict_of(OperationalError("deadlock detected")) == ""  # no SQLSTATE: not known to be one
    assert conflict_of(_database_error(psycopg.errors.DiskFull("could not extend file"))) == ""


def test_a_province_task_aborted_in_a_deadlock_runs_again_with_the_results_of_an_uninterrupted_run(
    texts: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = texts.province
    tasks.analyze_province.call(YEAR, root.pk, 1)
    clean = _state()
    Commitment.objects.update(score=None, verdict="", fp_key="", max_similarity=None, checked_at=None)
    SimilarPair.objects.all().delete()
    CellIndicator.objects.all().delete()

    calls = _fail_in_the_transaction(monkeypatch, _database_error(psycopg.errors.DeadlockDetected("deadlock")))
    summary = tasks.analyze_province.call(YEAR, root.pk, 1)
    assert len(calls) == 2 and summary["organization"] == root.code
    assert _state() == clean


def test_the_analysis_job_runs_again_after_a_serialization_failure(
    texts: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fail_in_the_transaction(monkeypatch, _database_error(psycopg.errors.SerializationFailure("conflict")))
    job = BackgroundJob.objects.create(
        kind=tasks.ANALYZE_KIND, owner=texts.officer, params={"year": YEAR, "org": texts.province.pk}
    )
    tasks.run_analysis(job.pk)
    job.refresh_from_db()
    assert len(calls) == 2 and job.status == BackgroundJob.Status.DONE
    assert Commitment.objects.filter(registration__year=YEAR, checked_at__isnull=True).count() == 0


def test_it_gives_up_after_three_runs_and_never_retries_another_database_error(
    texts: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    deadlock = _database_error(psycopg.errors.DeadlockDetected("deadlock"))
    stored = list(Commitment.objects.order_by("pk").values_list("pk", "checked_at", "score", "max_similarity"))
    calls = _fail_in_the_transaction(monkeypatch, deadlock, deadlock, deadlock, deadlock)
    with pytest.raises(OperationalError):
        tasks.analyze_province.call(YEAR, texts.province.pk, 1)
    assert len(calls) == leases.CONFLICT_TRIES == 3
    after = list(Commitment.objects.order_by("pk").values_list("pk", "checked_at", "score", "max_similarity"))
    assert after == stored  # every run rolled back whole

    calls = _fail_in_the_transaction(monkeypatch, _database_error(psycopg.errors.DiskFull("no space left")))
    job = BackgroundJob.objects.create(
        kind=tasks.ANALYZE_KIND, owner=texts.officer, params={"year": YEAR, "org": texts.province.pk}
    )
    with pytest.raises(OperationalError):
        tasks.run_analysis(job.pk)
    job.refresh_from_db()
    assert len(calls) == 1 and job.status == BackgroundJob.Status.FAILED  # failed with its message, not retried
