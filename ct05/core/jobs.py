"""One lifecycle for every background job (issue 11): start, run, progress, failure, and a run that was cut
short.

Start: `job_start` creates the `BackgroundJob` row the user's job page reads and enqueues the task once that
row is committed (the worker must be able to read it). Run: a task calls `job_run` with a body; the body
reports progress through the `JobRun` handle and returns the result the page shows (`lines`, `url`). A failure
the user can act on (a bad file, a period not yet over) is a `JobFailed`: its messages go on the page and the
task ends normally. Anything else is logged, the page says so in Vietnamese, and the exception propagates so
the task backend records it too. A finished job is left alone when run again; a running one is run again (the
bodies are idempotent: they write once at the end or recompute what they own).

A worker killed mid-run leaves its row "running". `job_get` and `job_list` first reap the tasks of dead workers
(ct05/core/leases.py: queued again, or failed with a message after three runs); a row still running with no
progress for `STALLED_AFTER` (no lease to tell: a backend without one) is then marked failed, so the page stops
polling and says to start again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import Task

from ct05.core.leases import lease_alive, tasks_reap
from ct05.core.models import BackgroundJob

logger = logging.getLogger(__name__)
STALLED_AFTER = timedelta(minutes=30)


def error(message: str, *, row: int | None = None, column: str = "") -> dict[str, Any]:
    """One line of the job page's error table."""
    return {"row": row, "column": column, "message": message}


class JobFailed(Exception):
    """A failure the user can act on: `errors` (rows of the job page's table) are shown, nothing is raised
    further. `result` keeps what the page needs besides the errors (e.g. how many there were in all)."""

    def __init__(self, errors: list[dict[str, Any]], *, result: dict[str, Any] | None = None) -> None:
        super().__init__(errors[0]["message"] if errors else "")
        self.errors = errors
        self.result = result or {}

    @classmethod
    def message(cls, text: str) -> JobFailed:
        return cls([error(text)])


class JobRun:
    """What a job's body sees: the row, and how to record progress on it (each save is one UPDATE and
    moves `updated_at`, which is how a stalled run is told from a slow one)."""

    def __init__(self, job: BackgroundJob) -> None:
        self.job = job

    def save(self, **fields: Any) -> None:
        fields["updated_at"] = timezone.now()
        for key, value in fields.items():
            setattr(self.job, key, value)
        BackgroundJob.objects.filter(pk=self.job.pk).update(**fields)

    def progress(self, done: int, total: int | None = None) -> None:
        self.save(done=done, **({} if total is None else {"total": total}))

    def phase(self, name: str, **fields: Any) -> None:
        """The step under way, shown on the job page (reading, checking, writing…)."""
        self.save(result={**self.job.result, "phase": name}, **fields)


# Report, analysis and export jobs (issue 12, item 6): heavy for the workers, so a person may have at most
# settings.JOBS_PER_USER of them waiting or running. Imports and the other jobs are not counted.
LIMITED_KINDS = frozenset({"cycle.analyze", "dashboard.periodic_report", "supervision.warnings", "core.export"})


class JobLimitReached(Exception):
    """Refused before anything is queued: the person already has `busy` limited jobs waiting or running."""

    def __init__(self, busy: list[BackgroundJob]) -> None:
        self.busy = busy
        self.message = _(
            "Bạn đang có %(n)s báo cáo, phân tích hoặc tệp xuất đang chờ hay đang chạy (tối đa %(max)s cùng lúc). "
            "Hãy đợi một việc xong rồi thử lại."
        ) % {"n": len(busy), "max": settings.JOBS_PER_USER}
        super().__init__(self.message)


def job_limit_check(*, owner: Any, kind: str) -> None:
    """Refuse a limited job (JobLimitReached) when `owner` already has JOBS_PER_USER of them queued or running.
    The owner's row is locked first, so two requests at once cannot both pass (PostgreSQL; SQLite writes one
    at a time anyway). A job with no progress for STALLED_AFTER does not count: a dead worker blocks nobody."""
    if kind not in LIMITED_KINDS or owner is None:
        return
    with transaction.atomic():
        get_user_model()._default_manager.select_for_update().filter(pk=owner.pk).exists()
        busy = list(
            BackgroundJob.objects.filter(
                owner=owner,
                kind__in=LIMITED_KINDS,
                status__in=[BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING],
                updated_at__gt=timezone.now() - STALLED_AFTER,
            ).order_by("created_at")
        )
    if len(busy) >= settings.JOBS_PER_USER:
        raise JobLimitReached(busy)


def job_start(
    *,
    kind: str,
    owner: Any,
    task: Task[..., Any],
    params: dict[str, Any],
    total: int = 0,
    file_path: str = "",
) -> BackgroundJob:
    """Create the job's row and enqueue `task(job.pk)` when the surrounding transaction commits. A limited
    kind beyond the person's share raises JobLimitReached and creates nothing."""
    job_limit_check(owner=owner, kind=kind)
    job = BackgroundJob.objects.create(kind=kind, owner=owner, params=params, total=total, file_path=file_path)

    def enqueue() -> None:
        result = task.enqueue(job.pk)
        BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job


def job_run(job_id: int, body: Callable[[JobRun], dict[str, Any]], *, failure: str) -> dict[str, Any]:
    """Run `body` as job `job_id` and record its outcome. `failure` is the Vietnamese message shown when
    the body breaks unexpectedly. Returns the stored result (`{"status": "failed"}` after a `JobFailed`)."""
    job = BackgroundJob.objects.select_related("owner").get(pk=job_id)
    if job.finished:
        return dict(job.result)
    run = JobRun(job)
    run.save(status=BackgroundJob.Status.RUNNING)
    try:
        result = body(run)
    except JobFailed as exc:
        run.save(status=BackgroundJob.Status.FAILED, errors=exc.errors, result=exc.result)
        return {"status": "failed", "errors": len(exc.errors)}
    except Exception:
        logger.exception("background job %s (%s) failed", job_id, job.kind)
        run.save(status=BackgroundJob.Status.FAILED, errors=[error(failure)])
        raise
    run.save(status=BackgroundJob.Status.DONE, result=result)
    return result


def job_mark_stalled(job: BackgroundJob, *, now: Any = None) -> bool:
    """Mark a running job that has shown no progress for `STALLED_AFTER` as failed. True when marked."""
    now = now or timezone.now()
    if not job.finished and job.task_id and tasks_reap(now=now).touched(job.task_id):
        job.refresh_from_db()
    if job.status != BackgroundJob.Status.RUNNING or job.updated_at > now - STALLED_AFTER:
        return False
    if job.task_id and lease_alive(task_id=job.task_id, now=now):
        return False  # its worker is alive: a long step whose progress its transaction does not show yet
    message = _("Công việc bị gián đoạn (máy chủ dừng giữa chừng); hãy chạy lại.")
    marked = BackgroundJob.objects.filter(
        pk=job.pk, status=BackgroundJob.Status.RUNNING, updated_at__lte=now - STALLED_AFTER
    ).update(status=BackgroundJob.Status.FAILED, errors=[error(message)], updated_at=now)
    if marked:
        job.refresh_from_db()
    return bool(marked)


def job_get(*, user: Any, pk: int, kind: str | None = None) -> BackgroundJob:
    """The user's own job (404 for anyone else's), marked failed first if its run was cut short."""
    qs = BackgroundJob.objects.filter(pk=pk, owner=user)
    job = (qs.filter(kind=kind) if kind else qs).first()
    if job is None:
        raise Http404
    job_mark_stalled(job)
    return job


def job_list(*, user: Any, kind: str | None = None, limit: int = 5) -> list[BackgroundJob]:
    """The user's latest jobs (of one kind), newest first, runs cut short marked as such."""
    qs = BackgroundJob.objects.filter(owner=user)
    jobs = list((qs.filter(kind=kind) if kind else qs)[:limit])
    for job in jobs:
        job_mark_stalled(job)
    return jobs
