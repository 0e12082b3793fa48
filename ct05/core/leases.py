"""Leases on running tasks (issue 15, item 3): no task is left "running" by a worker that died.

django-tasks-db's `db_worker` marks a task RUNNING when it claims it, and SUCCESSFUL or FAILED when the task
returns or raises. A worker killed meanwhile (`kill -9`, a node lost, the kernel out of memory) leaves the row
RUNNING for ever, and the job page polling it (`ct05.core.jobs`) waits for nothing. So:

- when a worker starts a task (django-tasks' `task_started` signal, sent in the worker process) it takes a
  lease (`TaskLease`) and a daemon thread renews it every third of `TASK_LEASE_SECONDS`; the lease is dropped
  when the task finishes (`task_finished`). The thread writes only the lease row, never the job's: a long
  analysis holds its job row in its transaction;
- `tasks_reap` finds running tasks whose lease was not renewed within `TASK_LEASE_SECONDS` (or that have none,
  claimed longer ago than that) and puts them back in the queue, up to `MAX_ATTEMPTS` runs in all: the task
  bodies are idempotent (`job_run` runs a job that is not finished again). After the last attempt the task
  is failed, and its job with it, with a Vietnamese message. A task that kills its worker each time (memory)
  is thus stopped after three tries rather than taking every worker down in turn.

Who reaps: every worker when it starts a task, every job page that polls a job not yet finished, and
`ct05 tasks_reap` (deploy/ct05-reaper.timer, each minute) when nothing else runs.

A task whose transaction PostgreSQL aborts to break a deadlock or a serialization conflict (two workers
analysing neighbouring provinces, an analysis and a member's save) did nothing: `conflict_retry` runs it
again a bounded number of times, after a short random pause so the two do not meet again at once.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from ct05.core.models import BackgroundJob, TaskLease

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
WORKER_LOST = "ct05.core.leases.WorkerLost"
# SQLSTATEs of a transaction PostgreSQL rolled back because of another one: running it again is the remedy.
CONFLICTS = {"40P01": "deadlock", "40001": "serialization failure"}
CONFLICT_TRIES = 3
CONFLICT_PAUSE = (0.5, 2.0)  # seconds, random, times the attempt
T = TypeVar("T")


def conflict_of(exc: BaseException) -> str:
    """ "deadlock" or "serialization failure" when `exc` (or the driver's error under Django's) is one, else ""."""
    seen: BaseException | None = exc
    for _depth in range(4):  # Django's error -> psycopg's; bounded
        if seen is None:
            break
        state = getattr(seen, "sqlstate", None) or getattr(seen, "pgcode", None)
        if state in CONFLICTS:
            return CONFLICTS[state]
        seen = seen.__cause__ or seen.__context__
    return ""


def conflict_retry(run: Callable[[], T], *, what: str, tries: int = CONFLICT_TRIES) -> T:
    """`run()`, run again (up to `tries` runs in all) when the database aborted it in a deadlock or a
    serialization failure. `run` must be one transaction, or safe to repeat: it is started afresh each time."""
    for attempt in range(1, tries + 1):
        try:
            return run()
        except OperationalError as exc:
            kind = conflict_of(exc)
            if not kind or attempt == tries:
                raise
            logger.warning("%s: %s, run %s of %s", what, kind, attempt + 1, tries)
            time.sleep(random.uniform(*CONFLICT_PAUSE) * attempt)
    raise AssertionError("unreachable")  # the loop returns or raises


def _lease_seconds() -> int:
    return max(3, int(getattr(settings, "TASK_LEASE_SECONDS", 60)))


def lease_take(*, task_id: str, worker_id: str, now: datetime | None = None) -> TaskLease:
    """The worker's lease on a task it has just claimed: one more attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        lease, created = TaskLease.objects.select_for_update().get_or_create(
            task_id=task_id, defaults={"worker_id": worker_id, "attempts": 1, "beat_at": now}
        )
        if not created:
            lease.worker_id, lease.beat_at, lease.attempts = worker_id, now, lease.attempts + 1
            lease.save(update_fields=["worker_id", "beat_at", "attempts"])
    return lease


def lease_renew(*, task_id: str, worker_id: str) -> bool:
    """Renew the lease; False when it is no longer this worker's (the reaper gave the task to another)."""
    return bool(TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).update(beat_at=timezone.now()))


def lease_alive(*, task_id: str, now: datetime | None = None) -> bool:
    """A worker holds the task and renewed its lease within `TASK_LEASE_SECONDS`."""
    cutoff = (now or timezone.now()) - timedelta(seconds=_lease_seconds())
    return TaskLease.objects.filter(task_id=task_id, beat_at__gte=cutoff).exclude(worker_id="").exists()


class _Heartbeat(threading.Thread):
    """Renews one task's lease until stopped. Its own database connection, closed when it ends."""

    def __init__(self, task_id: str, worker_id: str) -> None:
        super().__init__(name=f"lease-{task_id[:8]}", daemon=True)
        self.task_id, self.worker_id = task_id, worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = _lease_seconds() / 3
        try:
            while not self.stopped.wait(interval):
                try:
                    if not lease_renew(task_id=self.task_id, worker_id=self.worker_id):
                        return
                except Exception:  # the database restarting: try again at the next beat
                    logger.warning("lease of task %s not renewed", self.task_id, exc_info=True)
                    close_old_connections()
        finally:
            connection.close()


_beating: dict[str, _Heartbeat] = {}


@receiver(task_started)
def _on_task_started(sender: type, task_result: Any, **kwargs: Any) -> None:
    if not (isinstance(sender, type) and issubclass(sender, DatabaseBackend)):
        return  # the immediate backend runs the task inside the request: nothing to lose track of
    task_id = str(task_result.id)
    worker_id = (task_result.worker_ids or [""])[-1][:64]
    lease_take(task_id=task_id, worker_id=worker_id)
    beat = _Heartbeat(task_id, worker_id)
    _beating[task_id] = beat
    beat.start()
    try:
        tasks_reap()  # a worker that starts a task also frees those of workers that died
    except Exception:
        logger.exception("reaping tasks of dead workers failed")


@receiver(task_finished)
def _on_task_finished(sender: type, task_result: Any, **kwargs: Any) -> None:
    beat = _beating.pop(str(task_result.id), None)
    if beat is None:
        return
    beat.stopped.set()
    beat.join(timeout=5)
    TaskLease.objects.filter(task_id=beat.task_id, worker_id=beat.worker_id).delete()


@dataclass
class Reaped:
    retried: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def touched(self, task_id: str) -> bool:
        return task_id in self.retried or task_id in self.failed


def _candidates(cutoff: datetime) -> list[str]:
    """Running tasks with a lease not renewed since `cutoff`, or with no lease and claimed before it."""
    stale = set(TaskLease.objects.filter(beat_at__lt=cutoff).exclude(worker_id="").values_list("task_id", flat=True))
    running = dict(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list("id", "started_at")[:1000])
    leased = set(TaskLease.objects.filter(task_id__in=[str(k) for k in running]).values_list("task_id", flat=True))
    out = [str(k) for k in running if str(k) in stale]
    out += [str(k) for k, at in running.items() if str(k) not in leased and (at is None or at < cutoff)]
    return out


def tasks_reap(*, now: datetime | None = None) -> Reaped:
    """Give back to the queue, or fail, the running tasks whose worker stopped renewing its lease."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=_lease_seconds())
    reaped = Reaped()
    for task_id in _candidates(cutoff):
        with transaction.atomic():
            result = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=uuid.UUID(task_id), status=TaskResultStatus.RUNNING)
                .first()
            )
            lease = TaskLease.objects.select_for_update().filter(task_id=task_id).first()
            if result is None or (lease is not None and lease.worker_id and lease.beat_at >= cutoff):
                continue  # finished, taken by another reaper, or renewed meanwhile
            attempts = lease.attempts if lease is not None else 1
            job = BackgroundJob.objects.select_for_update().filter(task_id=task_id[:64]).first()
            worker = (result.worker_ids or ["?"])[-1]
            if attempts < MAX_ATTEMPTS:
                _requeue(result, lease, job, attempts=attempts, now=now)
                reaped.retried.append(task_id)
                logger.warning("task %s: worker %s lost, queued again (run %s)", task_id, worker, attempts + 1)
            else:
                _fail(result, job, attempts=attempts, now=now)
                TaskLease.objects.filter(task_id=task_id).delete()
                reaped.failed.append(task_id)
                logger.error("task %s: worker %s lost on run %s of %s, failed", task_id, worker, attempts, MAX_ATTEMPTS)
    return reaped


def _requeue(
    result: DBTaskResult[Any, Any], lease: TaskLease | None, job: BackgroundJob | None, *, attempts: int, now: datetime
) -> None:
    result.status = TaskResultStatus.READY
    result.started_at = None
    result.save(update_fields=["status", "started_at"])
    TaskLease.objects.update_or_create(
        task_id=str(result.id), defaults={"worker_id": "", "beat_at": now, "attempts": attempts}
    )
    if job is not None and not job.finished:
        note = _("Máy chạy nền dừng giữa chừng; công việc được chạy lại (lần %(n)s/%(m)s).") % {
            "n": attempts + 1,
            "m": MAX_ATTEMPTS,
        }
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=BackgroundJob.Status.QUEUED, result={**job.result, "phase": note}, updated_at=now
        )


def _fail(result: DBTaskResult[Any, Any], job: BackgroundJob | None, *, attempts: int, now: datetime) -> None:
    message = _(
        "Máy chạy nền dừng giữa chừng %(n)s lần khi làm công việc này nên công việc đã dừng; "
        "hãy chạy lại, nếu vẫn lỗi hãy báo quản trị hệ thống."
    ) % {"n": attempts}
    result.status = TaskResultStatus.FAILED
    result.finished_at = now
    result.exception_class_path = WORKER_LOST
    result.traceback = message
    result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
    if job is not None and not job.finished:
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=BackgroundJob.Status.FAILED,
            errors=[{"row": None, "column": "", "message": message}],
            updated_at=now,
        )
