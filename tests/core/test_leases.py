"""A task whose worker died is never left "running": it is queued again (three runs in all), then failed with a
message, and its job with it (ct05/core/leases.py). The worker's death is simulated: a lease not renewed."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from ct05.core import leases
from ct05.core.jobs import job_get, job_run
from ct05.core.leases import MAX_ATTEMPTS, lease_alive, lease_take, tasks_reap
from ct05.core.models import BackgroundJob, TaskLease
from tests.conftest import World

pytestmark = pytest.mark.django_db
LEASE = timedelta(seconds=60)


@task()
def _work(job_id: int) -> dict[str, Any]:
    return job_run(job_id, lambda run: {"lines": ["xong"]}, failure="Lỗi hệ thống.")


def _running(world: World, *, worker: str = "node1-1", started: timedelta = timedelta(0)) -> tuple[DBTaskResult, Any]:
    """A job and its task as a worker leaves them when it is killed in the middle."""
    job = BackgroundJob.objects.create(kind="test.kind", owner=world.officer, status=BackgroundJob.Status.RUNNING)
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [job.pk], "kwargs": {}},
        task_path=f"{__name__}._work",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
    )
    result.claim(worker)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started)
    BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.pk))
    job.refresh_from_db()
    return result, job


def _dead(task_id: str, *, attempts: int = 1) -> None:
    """The worker stopped renewing its lease two lease-lengths ago."""
    TaskLease.objects.update_or_create(
        task_id=task_id, defaults={"worker_id": "node1-1", "attempts": attempts, "beat_at": timezone.now() - 2 * LEASE}
    )


def test_a_task_whose_worker_stopped_renewing_its_lease_is_queued_again(world: World) -> None:
    result, job = _running(world)
    _dead(str(result.pk))
    reaped = tasks_reap()
    assert reaped.retried == [str(result.pk)] and reaped.failed == []
    result.refresh_from_db()
    job.refresh_from_db()
    assert result.status == TaskResultStatus.READY and result.started_at is None
    assert job.status == BackgroundJob.Status.QUEUED
    assert job.result["phase"] == f"Máy chạy nền dừng giữa chừng; công việc được chạy lại (lần 2/{MAX_ATTEMPTS})."
    # the dead worker, were it to come back, no longer holds the lease
    assert not leases.lease_renew(task_id=str(result.pk), worker_id="node1-1")


def test_the_task_queued_again_runs_to_the_end_on_another_worker(world: World) -> None:
    result, job = _running(world)
    _dead(str(result.pk))
    tasks_reap()
    result.refresh_from_db()
    result.claim("node2-1")
    assert lease_take(task_id=str(result.pk), worker_id="node2-1").attempts == 2
    _work.call(*result.args_kwargs["args"])  # what the worker that took it runs
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE and job.result == {"lines": ["xong"]}


def test_after_the_last_run_the_task_and_its_job_fail_with_a_message(world: World) -> None:
    result, job = _running(world)
    _dead(str(result.pk), attempts=MAX_ATTEMPTS)
    reaped = tasks_reap()
    assert reaped.failed == [str(result.pk)] and reaped.retried == []
    result.refresh_from_db()
    job.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED and result.exception_class_path == leases.WORKER_LOST
    assert job.status == BackgroundJob.Status.FAILED
    assert job.errors[0]["message"].startswith(f"Máy chạy nền dừng giữa chừng {MAX_ATTEMPTS} lần")
    assert not TaskLease.objects.filter(task_id=str(result.pk)).exists()


def test_a_task_with_a_live_lease_is_left_alone(world: World) -> None:
    result, job = _running(world, started=timedelta(hours=2))
    lease_take(task_id=str(result.pk), worker_id="node1-1")
    assert lease_alive(task_id=str(result.pk))
    assert tasks_reap().retried == []
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING
    # a long step that shows no progress is not "stalled" while its worker renews the lease
    BackgroundJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert job_get(user=world.officer, pk=job.pk).status == BackgroundJob.Status.RUNNING


def test_a_running_task_without_a_lease_is_reaped_once_claimed_longer_than_a_lease_ago(world: World) -> None:
    recent, _job = _running(world, started=timedelta(seconds=5))
    old, _job2 = _running(world, started=2 * LEASE)
    assert tasks_reap().retried == [str(old.pk)]
    recent.refresh_from_db()
    assert recent.status == TaskResultStatus.RUNNING


def test_a_task_queued_again_but_not_yet_taken_keeps_its_count(world: World) -> None:
    result, _job = _running(world)
    _dead(str(result.pk))
    tasks_reap()
    later = timezone.now() + 3 * LEASE  # nobody took it yet: its lease row must stay (the count of runs)
    assert tasks_reap(now=later).retried == []
    assert TaskLease.objects.get(task_id=str(result.pk)).attempts == 1


def test_the_job_page_reaps_the_task_it_polls(world: World) -> None:
    result, job = _running(world)
    _dead(str(result.pk), attempts=MAX_ATTEMPTS)
    shown = job_get(user=world.officer, pk=job.pk)
    assert shown.status == BackgroundJob.Status.FAILED and shown.errors


def test_the_worker_takes_a_lease_when_it_starts_a_task_and_drops_it_when_done(world: World) -> None:
    result, _job = _running(world)
    seen = SimpleNamespace(id=str(result.pk), worker_ids=["node1-1"])
    leases._on_task_started(ImmediateBackend, task_result=seen)  # inline backend: nothing to track
    assert not TaskLease.objects.exists()
    leases._on_task_started(DatabaseBackend, task_result=seen)
    lease = TaskLease.objects.get(task_id=str(result.pk))
    assert lease.worker_id == "node1-1" and lease.attempts == 1
    assert leases._beating[str(result.pk)].is_alive()
    leases._on_task_finished(DatabaseBackend, task_result=seen)
    assert not TaskLease.objects.exists() and str(result.pk) not in leases._beating


def test_the_command_reports_what_it_did(world: World) -> None:
    result, _job = _running(world)
    _dead(str(result.pk))
    out = StringIO()
    call_command("tasks_reap", stdout=out)
    assert out.getvalue().startswith("chạy lại: 1; đánh dấu lỗi: 0")
