"""Background imports: a thin task that reads the uploaded file, checks it and calls `services_bulk`,
recording its progress on a `BackgroundJob` the job page polls."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ct05.core.models import BackgroundJob
from ct05.orgs.exchange import SPECS, FileRejected, read_table, sniff_format
from ct05.orgs.exchange_rows import Errors, parse_table
from ct05.orgs.services_bulk import (
    ImportRejected,
    check_rows,
    member_import,
    organization_import,
    summary_lines,
)

logger = logging.getLogger(__name__)

# BackgroundJob.kind -> the spec of the file it reads
IMPORT_KINDS = {"orgs.org_import": "orgs", "orgs.member_import": "members"}
_UPLOAD_NAME = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv)$")
PROGRESS_EVERY = 500


def import_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def upload_path(name: str) -> Path:
    """Where an upload lives: a random name we chose, inside VAR_DIR/imports, never a path from a user."""
    if not _UPLOAD_NAME.match(name):
        raise ValueError(f"not an upload name: {name!r}")
    return import_dir() / name


def enqueue_import(job: BackgroundJob) -> None:
    """Start the import once the job row is committed (the worker must be able to read it)."""

    def start() -> None:
        result = import_file.enqueue(job.pk)
        BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(start)


def _save(job: BackgroundJob, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(job, key, value)
    job.updated_at = timezone.now()
    BackgroundJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at, **fields)


def _phase(job: BackgroundJob, phase: str) -> None:
    _save(job, result={**job.result, "phase": phase})


def _fail(job: BackgroundJob, errors: Errors) -> dict[str, Any]:
    items = sorted(errors.items, key=lambda e: e.row or 0)  # stable: a row's errors keep the column order
    _save(
        job,
        status=BackgroundJob.Status.FAILED,
        errors=[e.as_dict() for e in items],
        result={"error_count": errors.count},
    )
    return {"status": "failed", "errors": errors.count}


@task()
def import_file(job_id: int) -> dict[str, Any]:
    return run_import(job_id)


def run_import(job_id: int) -> dict[str, Any]:
    """Run one import job. Safe to run again: a finished job is left alone, and until the final commit
    nothing has been written (a worker killed halfway leaves the database as it was)."""
    job = BackgroundJob.objects.select_related("owner").get(pk=job_id)
    if job.finished:
        return dict(job.result)
    spec = SPECS[IMPORT_KINDS[job.kind]]
    errors = Errors()
    _save(job, status=BackgroundJob.Status.RUNNING, result={"phase": "reading"}, errors=[])
    path = upload_path(job.file_path)
    last = [0]

    def progress(done: int, total: int) -> None:
        if done - last[0] >= PROGRESS_EVERY or done == total:
            last[0] = done
            _save(job, done=done, total=total)

    try:
        if not path.exists():
            errors.add(None, "", _("Tệp tải lên không còn trên máy chủ; hãy tải tệp lên lại."))
            return _fail(job, errors)
        table = read_table(path, sniff_format(path), progress)
        _save(job, done=len(table.rows), total=len(table.rows))
        _phase(job, "checking")
        rows = parse_table(spec, table, errors)
        if errors:
            if rows:  # list the database errors (scope, codes, cards) of the other rows too
                check_rows(spec.key, actor=job.owner, rows=rows, errors=errors)
            return _fail(job, errors)
        del table
        if spec.key == "members":
            summary = member_import(actor=job.owner, rows=rows, job=job, on_write=lambda: _phase(job, "writing"))
        else:
            _phase(job, "writing")
            summary = organization_import(actor=job.owner, rows=rows, job=job)
    except FileRejected as exc:
        errors.add(None, "", exc.message)
        return _fail(job, errors)
    except ImportRejected as exc:
        return _fail(job, exc.errors)
    except Exception:
        logger.exception("import job %s failed", job_id)
        errors.add(None, "", _("Lỗi hệ thống trong khi nhập; không dòng nào được ghi. Hãy báo quản trị hệ thống."))
        _fail(job, errors)
        raise
    finally:
        path.unlink(missing_ok=True)
    url = reverse("member_list") if spec.key == "members" else reverse("org_tree")
    result = {"summary": summary.as_dict(), "lines": summary_lines(spec.key, summary.as_dict()), "url": url}
    _save(job, status=BackgroundJob.Status.DONE, result=result)
    return {"status": "done", **summary.as_dict()}
