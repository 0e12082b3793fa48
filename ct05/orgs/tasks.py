"""Background imports: a thin task that reads the uploaded file, checks it and calls `services.import_orgs`
or `services.import_members`, recording its progress on a `BackgroundJob` the job page polls."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from ct05.core.jobs import JobFailed, JobRun, job_run
from ct05.core.uploads import upload_delete, upload_local
from ct05.orgs.exchange import SPECS, FileRejected, read_table, sniff_format
from ct05.orgs.exchange_rows import Errors, parse_table
from ct05.orgs.services.import_members import member_import, member_import_check
from ct05.orgs.services.import_orgs import organization_import, organization_import_check
from ct05.orgs.services.imports import ImportRejected, summary_lines

# BackgroundJob.kind -> the spec of the file it reads
IMPORT_KINDS = {"orgs.org_import": "orgs", "orgs.member_import": "members"}
PROGRESS_EVERY = 500


def _fail(errors: Errors) -> JobFailed:
    items = sorted(errors.items, key=lambda e: e.row or 0)  # stable: a row's errors keep the column order
    return JobFailed([e.as_dict() for e in items], result={"error_count": errors.count})


@task()
def import_file(job_id: int) -> dict[str, Any]:
    return run_import(job_id)


def run_import(job_id: int) -> dict[str, Any]:
    """Run one import job. Safe to run again: a finished job is left alone, and until the final commit
    nothing has been written (a worker killed halfway leaves the database as it was)."""
    failure = _("Lỗi hệ thống trong khi nhập; không dòng nào được ghi. Hãy báo quản trị hệ thống.")
    return job_run(job_id, _import, failure=failure)


def _import(run: JobRun) -> dict[str, Any]:
    job = run.job
    spec = SPECS[IMPORT_KINDS[job.kind]]
    errors = Errors()
    run.save(result={"phase": "reading"}, errors=[])
    last = [0]

    def progress(done: int, total: int) -> None:
        if done - last[0] >= PROGRESS_EVERY or done == total:
            last[0] = done
            run.progress(done, total)

    try:
        with upload_local(job.file_path) as path:
            if path is None:
                errors.add(None, "", _("Tệp tải lên không còn trên máy chủ; hãy tải tệp lên lại."))
                raise _fail(errors)
            table = read_table(path, sniff_format(path), progress)
        run.progress(len(table.rows), len(table.rows))
        run.phase("checking")
        rows = parse_table(spec, table, errors)
        if errors:
            if rows:  # list the database errors (scope, codes, cards) of the other rows too
                check = member_import_check if spec.key == "members" else organization_import_check
                check(actor=job.owner, rows=rows, errors=errors)
            raise _fail(errors)
        del table
        if spec.key == "members":
            summary = member_import(actor=job.owner, rows=rows, job=job, on_write=lambda: run.phase("writing"))
        else:
            run.phase("writing")
            summary = organization_import(actor=job.owner, rows=rows, job=job)
    except FileRejected as exc:
        errors.add(None, "", exc.message)
        raise _fail(errors) from exc
    except ImportRejected as exc:
        raise _fail(exc.errors) from exc
    finally:
        upload_delete(job.file_path)
    url = reverse("orgs:member_list") if spec.key == "members" else reverse("orgs:org_tree")
    return {"summary": summary.as_dict(), "lines": summary_lines(spec.key, summary.as_dict()), "url": url}
