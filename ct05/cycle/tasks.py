"""Background work of the cycle: thin tasks that call a service and record progress on a BackgroundJob."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ct05.core.models import BackgroundJob
from ct05.cycle.services.analysis import analyze
from ct05.cycle.services.reminders import reminders_run
from ct05.dashboard.stale import rollup_after_analysis
from ct05.orgs.models import Organization

logger = logging.getLogger(__name__)
ANALYZE_KIND = "cycle.analyze"


def enqueue_analysis(job: BackgroundJob) -> None:
    def start() -> None:
        result = analyze_job.enqueue(job.pk)
        BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(start)


@task()
def analyze_job(job_id: int) -> dict[str, Any]:
    return run_analysis(job_id)


def run_analysis(job_id: int) -> dict[str, Any]:
    """Safe to run again: a finished job is left alone; the analysis itself is idempotent."""
    job = BackgroundJob.objects.get(pk=job_id)
    if job.finished:
        return dict(job.result)
    org = Organization.objects.filter(pk=job.params.get("org")).first() if job.params.get("org") else None
    BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.RUNNING, updated_at=timezone.now())

    def progress(phase: str, done: int, total: int) -> None:
        BackgroundJob.objects.filter(pk=job.pk).update(
            done=done, total=total, result={"phase": phase}, updated_at=timezone.now()
        )

    try:
        summary = analyze(year=int(job.params["year"]), org=org, progress=progress)
        rollup_after_analysis(year=int(job.params["year"]), org_id=org.pk if org else None)
    except Exception:
        logger.exception("analysis job %s failed", job_id)
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=BackgroundJob.Status.FAILED,
            errors=[
                {"row": None, "column": "", "message": _("Lỗi hệ thống khi phân tích; hãy báo quản trị hệ thống.")}
            ],
        )
        raise
    lines = [
        _("Đã phân tích %(n)s nội dung đăng ký năm %(y)s.") % {"n": summary["commitments"], "y": summary["year"]},
        _("Cụ thể: %(s)s; chung chung: %(g)s.")
        % {"s": summary["verdicts"].get("specific", 0), "g": summary["verdicts"].get("generic", 0)},
        _("Cặp nội dung giống nhau đã kiểm chứng: %(p)s.") % {"p": summary["pairs"]},
        _("Chỉ số của %(c)s chi bộ đã được cập nhật (%(t)s giây).")
        % {"c": summary["cells"], "t": summary["seconds"]["total"]},
    ]
    url = reverse("cycle:indicators") + f"?year={summary['year']}" + (f"&org={org.pk}" if org else "")
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.DONE,
        result={"lines": lines, "url": url, "summary": summary},
        updated_at=timezone.now(),
    )
    return summary


@task()
def remind() -> dict[str, int]:
    return reminders_run()
