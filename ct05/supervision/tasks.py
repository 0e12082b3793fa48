"""Background work of supervision: thin tasks that call `warnings_evaluate`.

`warnings_daily` evaluates every rule for every organization, then queues itself for the next night
(01:30, Asia/Ho_Chi_Minh) when the backend can defer tasks (django-tasks-db can; the immediate backend of
the tests cannot, so it does not loop). Start the chain once with `ct05 warnings --schedule` (idempotent: a
run already queued is not queued twice). `evaluate_job` is the "Đánh giá lại" button, with progress.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from ct05.core.jobs import JobRun, job_run
from ct05.orgs.models import Organization
from ct05.supervision.services.warnings import warnings_evaluate

logger = logging.getLogger(__name__)
EVALUATE_KIND = "supervision.warnings"
DAILY_AT = dt.time(1, 30)


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    local = timezone.localtime(now or timezone.now())
    when = timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=1), DAILY_AT))
    return when


def _already_queued() -> bool:
    path = f"{warnings_daily.func.__module__}.{warnings_daily.func.__qualname__}"
    return DBTaskResult.objects.filter(task_path=path, status="READY").exists()


def schedule_daily() -> bool:
    """Queue tomorrow night's run unless one is queued or the backend cannot defer. True when queued."""
    backend = warnings_daily.get_backend()
    if not getattr(backend, "supports_defer", False) or _already_queued():
        return False
    warnings_daily.using(run_after=next_run()).enqueue()
    return True


@task()
def warnings_daily() -> dict[str, int]:
    run = warnings_evaluate(actor=None)
    try:
        schedule_daily()
    except Exception:  # the evaluation is done; a failed re-queue is logged, not lost silently
        logger.exception("could not queue the next daily warnings evaluation")
    return {"opened": run.opened, "kept": run.kept, "resolved": run.resolved}


@task()
def evaluate_job(job_id: int) -> dict[str, Any]:
    return run_evaluation(job_id)


def run_evaluation(job_id: int) -> dict[str, Any]:
    """Safe to run again: a finished job is left alone; the evaluation itself is idempotent."""
    return job_run(job_id, _evaluation, failure=_("Lỗi hệ thống khi đánh giá; hãy báo quản trị hệ thống."))


def _evaluation(job: JobRun) -> dict[str, Any]:
    org_pk = job.job.params.get("org")
    org = Organization.objects.filter(pk=org_pk).first() if org_pk else None
    job.progress(0, 1)
    run = warnings_evaluate(actor=job.job.owner, within=org)
    job.progress(1)
    return {
        "lines": [
            _("Cảnh báo mới: %(n)s.") % {"n": run.opened},
            _("Cảnh báo vẫn còn: %(n)s.") % {"n": run.kept},
            _("Cảnh báo đã hết (nguyên nhân đã được khắc phục): %(n)s.") % {"n": run.resolved},
        ],
        "url": reverse("supervision:warning_list") + (f"?org={org.pk}" if org else ""),
    }
