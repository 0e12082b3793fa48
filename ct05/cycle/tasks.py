"""Background work of the cycle: thin tasks that call a service, with the job lifecycle of `core.jobs`."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import TaskResult, task

from ct05.core.jobs import JobFailed, JobRun, error, job_run
from ct05.core.leases import conflict_retry
from ct05.core.uploads import upload_delete, upload_local
from ct05.cycle import exchange, quality
from ct05.cycle.models import Commitment
from ct05.cycle.quality import text_digest
from ct05.cycle.services.analysis import analyze, baseline_make
from ct05.cycle.services.reminders import reminders_run
from ct05.dashboard.stale import rollup_after_analysis
from ct05.orgs.models import Organization

ANALYZE_KIND = "cycle.analyze"
IMPORT_KIND = "cycle.registration_import"
MAX_ERRORS = 1000  # kept for the job page; the count of all of them is kept too
logger = logging.getLogger(__name__)


@task()
def analyze_job(job_id: int) -> dict[str, Any]:
    return run_analysis(job_id)


def run_analysis(job_id: int) -> dict[str, Any]:
    """Safe to run again: a finished job is left alone; the analysis itself is idempotent."""
    return job_run(job_id, _analysis, failure=_("Lỗi hệ thống khi phân tích; hãy báo quản trị hệ thống."))


def _analysis(run: JobRun) -> dict[str, Any]:
    org_pk = run.job.params.get("org")
    org = Organization.objects.filter(pk=org_pk).first() if org_pk else None

    def progress(phase: str, done: int, total: int) -> None:
        run.save(done=done, total=total, result={"phase": phase})

    year = int(run.job.params["year"])
    # aborted in a deadlock or a serialization conflict: rolled back whole, run again (see analyze_province)
    summary = conflict_retry(lambda: analyze(year=year, org=org, progress=progress), what=f"analysis job {run.job.pk}")
    rollup_after_analysis(year=year, org_id=org.pk if org else None)
    lines = [
        _("Đã phân tích %(n)s nội dung đăng ký năm %(y)s.") % {"n": summary["commitments"], "y": summary["year"]},
        _("Cụ thể: %(s)s; chung chung: %(g)s.")
        % {"s": summary["verdicts"].get("specific", 0), "g": summary["verdicts"].get("generic", 0)},
        _("Cặp nội dung giống nhau đã kiểm chứng: %(p)s.") % {"p": summary["pairs"]},
        _("Chỉ số của %(c)s chi bộ đã được cập nhật (%(t)s giây).")
        % {"c": summary["cells"], "t": summary["seconds"]["total"]},
    ]
    url = reverse("cycle:indicators") + f"?year={summary['year']}" + (f"&org={org.pk}" if org else "")
    return {"lines": lines, "url": url, "summary": summary}


@task()
def analyze_province(
    year: int, org_id: int, workers: int | None = None, baseline_key: str | None = None
) -> dict[str, Any]:
    """One province of a national analysis (`ct05 analyze --on-workers`): the subtree analysis of that
    province, its dashboards refreshed after. Safe to run again (the queue re-runs it when its worker dies).

    `baseline_key`: the run made the year's stock-phrase baseline once, from the whole nation's texts, before
    queueing its provinces (`provinces_enqueue`); the province uses the stored one instead of making it again
    (35 times the same work over the whole corpus). Should another analysis have made the year's baseline
    again meanwhile, the stored one is still the year's: it is used, and that is logged. Without a key (a
    task queued by an older version) the province makes the baseline itself, as it used to."""
    org = Organization.objects.get(pk=org_id)
    baseline = None
    if baseline_key is not None:
        baseline = quality.baseline_for(year)
        if baseline.key != baseline_key:
            logger.warning("analysis of %s: the year's baseline was made again since the run was queued", org.code)
    # A member saving their registration, or the worker analysing the next province, while this province's long
    # transaction rewrites its rows: PostgreSQL aborts one of the two (seen in bench/cluster). The analysis
    # rolled back whole: it runs again (a bounded number of times).
    summary = conflict_retry(
        lambda: analyze(year=year, org=org, workers=workers, baseline=baseline), what=f"analysis of {org.code}"
    )
    rollup_after_analysis(year=year, org_id=org_id)
    # numpy integers in the figures: the queue stores the result as JSON
    return dict(json.loads(json.dumps(summary, default=lambda v: v.item())))


@dataclass
class Queued:
    provinces: list[tuple[Organization, TaskResult[Any]]]
    baseline_seconds: float


def provinces_enqueue(*, year: int, workers: int | None = None, shared_baseline: bool = True) -> Queued:
    """A national analysis as one task per province (the top units), for the workers of every node.

    Before: every commitment of the year gets its text digest, so a province's analysis finds the identical
    copies in the others whatever order the provinces run in (a cold database has none stored yet); and the
    year's stock-phrase baseline is made once from the whole corpus, for every province (`shared_baseline`
    False: each task makes it itself, as before — kept to measure the difference, bench/cluster). The
    largest provinces go first: the longest tasks start early and the small ones fill the gaps at the end."""
    digests_fill(year=year)
    t0 = time.perf_counter()
    key = baseline_make(year).key if shared_baseline else None
    seconds = time.perf_counter() - t0 if shared_baseline else 0.0
    roots = Organization.objects.filter(parent__isnull=True).order_by("pk")
    year_qs = Commitment.objects.filter(registration__year=year)
    size = {p.pk: year_qs.filter(registration__organization__path__startswith=p.path).count() for p in roots}
    provinces = sorted(roots, key=lambda p: -size[p.pk])
    return Queued([(p, analyze_province.enqueue(year, p.pk, workers, key)) for p in provinces], round(seconds, 2))


def digests_fill(*, year: int, batch: int = 5000) -> int:
    """Store `text_digest` where it is missing for the year (a digest depends only on the text)."""
    qs = Commitment.objects.filter(registration__year=year, text_digest__isnull=True).order_by("pk")
    done = 0
    for _round in range(qs.count() // batch + 2):  # bounded: each round fills up to `batch` rows
        rows = list(qs.values_list("pk", "content")[:batch])
        if not rows:
            break
        Commitment.objects.bulk_update(
            [Commitment(pk=pk, text_digest=text_digest(text)) for pk, text in rows], ["text_digest"], batch_size=1000
        )
        done += len(rows)
    return done


@task()
def remind() -> dict[str, int]:
    return reminders_run()


@task()
def registration_import_job(job_id: int) -> dict[str, Any]:
    return run_registration_import(job_id)


def run_registration_import(job_id: int) -> dict[str, Any]:
    """Safe to run again: a finished job is left alone, and nothing is written before the one final
    transaction (a worker killed halfway leaves the database as it was)."""
    failure = _("Lỗi hệ thống trong khi nhập; không dòng nào được ghi. Hãy báo quản trị hệ thống.")
    return job_run(job_id, _registration_import, failure=failure)


def _registration_import(run: JobRun) -> dict[str, Any]:
    job = run.job
    year = int(job.params["year"])
    run.phase("reading")
    try:
        with upload_local(job.file_path) as path:
            if path is None:
                raise JobFailed.message(_("Tệp tải lên không còn trên máy chủ; hãy tải tệp lên lại."))
            rows = exchange.read_import_rows(path)
        run.progress(0, max(len(rows) - 1, 0))
        run.phase("checking")
        result = exchange.import_registrations(
            actor=job.owner, rows=rows, year=year, on_write=lambda: run.phase("writing", done=len(rows) - 1)
        )
    except exchange.ImportRejected as exc:
        found = exc.errors
        raise JobFailed(
            [error(e.message, row=e.row, column=e.column) for e in found[:MAX_ERRORS]],
            result={"error_count": len(found)},
        ) from None
    finally:
        upload_delete(job.file_path)
    lines = [
        _("Đã nhập %(r)s bản đăng ký với %(c)s nội dung (bản nháp, nhập thay).")
        % {"r": result.registrations, "c": result.commitments}
    ]
    url = reverse("cycle:registration_list") + f"?year={year}&status=draft"
    return {"lines": lines, "url": url, "summary": {"registrations": result.registrations}}
