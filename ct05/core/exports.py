"""Exports that may be large (issue 12, item 6): .csv streams, a small .xlsx is made in the request, a large
one by the worker, downloaded from the job page when ready.

A list's export is a builder, `builder(request) -> Export`: it reads the list's filters from `request.GET`
and its scope from `request.user`, and returns the rows lazily (an iterator over the query) with their count.
The view calls it and hands the result to `export_response`, which decides by the count. When the worker
makes the file, it calls the same builder with a request rebuilt from the job's owner and the saved query
string, so the filters and the scope are read by the same code, at the time the file is written. Builders
are registered with `@exportable`; the job row names one by its dotted path, and only a registered one runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_tasks import task

from ct05.core import clock
from ct05.core.jobs import JobRun, job_get, job_run, job_start
from ct05.core.models import BackgroundJob
from ct05.core.text import escape_cell
from ct05.core.xlsx import XLSX_TYPE, write_xlsx

EXPORT_KIND = "core.export"
ALIAS = "exports"
PROGRESS_EVERY = 1000


@dataclass
class Export:
    title: str
    headers: list[str]
    rows: Iterable[list[object]]
    count: int  # the rows the file will hold (decides request or worker)
    stem: str  # the file's name without the date and extension
    org_id: int | None = None  # the unit the list was filtered on (for the personal-data read log)
    # How the .xlsx is written when the list has its own layout (the roster's re-importable format).
    write: Callable[[IO[bytes], Export], None] | None = None


Builder = Callable[[HttpRequest], Export]
_BUILDERS: dict[str, Builder] = {}


def exportable(builder: Builder) -> Builder:
    """Register a builder the worker may run (by its dotted path, stored on the job row)."""
    _BUILDERS[f"{builder.__module__}.{builder.__qualname__}"] = builder
    return builder


def _key(builder: Builder) -> str:
    key = f"{builder.__module__}.{builder.__qualname__}"
    if _BUILDERS.get(key) is not builder:
        raise ValueError(f"not an @exportable builder: {key}")
    return key


def _builder(key: str) -> Builder:
    """The registered builder `key`; its module is imported first (a worker has not loaded the views)."""
    module = key.rpartition(".")[0]
    if not module.startswith("ct05."):
        raise ValueError(f"not a CT05 builder: {key}")
    importlib.import_module(module)
    if key not in _BUILDERS:
        raise ValueError(f"not an @exportable builder: {key}")
    return _BUILDERS[key]


def _filename(table: Export, ext: str) -> str:
    return f"{table.stem}-{clock.today():%Y%m%d}.{ext}"


def _write(fh: IO[bytes], table: Export) -> None:
    if table.write is not None:
        table.write(fh, table)
    else:
        write_xlsx(fh, table.title, table.headers, table.rows)


# In the request --------------------------------------------------------------------------------------------


def export_response(request: HttpRequest, table: Export, *, builder: Builder, fmt: str = "xlsx") -> HttpResponse:
    """.csv: streamed row by row. .xlsx: up to EXPORT_ROWS_IN_REQUEST rows written now (write-only, through
    a temporary file); more, a background job and the person is sent to its page."""
    if fmt == "csv":
        return csv_response(table)
    if table.count <= settings.EXPORT_ROWS_IN_REQUEST:
        fh = tempfile.TemporaryFile()  # write-only openpyxl needs a seekable file; it goes when the response closes
        _write(fh, table)
        fh.seek(0)
        return FileResponse(fh, as_attachment=True, filename=_filename(table, "xlsx"), content_type=XLSX_TYPE)
    job = export_start(owner=request.user, builder=builder, query=request.GET, table=table)
    return redirect("core:job_detail", pk=job.pk)


class _Line:
    """csv.writer's file: hands back the line just written."""

    def write(self, value: str) -> str:
        return value


def _writerow(writer: Any, row: list[str]) -> str:
    line: str = writer.writerow(row)  # csv's writer returns what its file's write returned: the line
    return line


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(escape_cell(value)) if isinstance(value, str) else str(value)


def csv_lines(table: Export) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff"  # Excel opens UTF-8 with the byte-order mark
    yield _writerow(writer, [str(h) for h in table.headers])
    for row in table.rows:
        yield _writerow(writer, [_cell(v) for v in row])


def csv_response(table: Export) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
    return response


def export_start(*, owner: Any, builder: Builder, query: QueryDict, table: Export) -> BackgroundJob:
    with transaction.atomic():
        return job_start(
            kind=EXPORT_KIND,
            owner=owner,
            task=export_file,
            total=table.count,
            params={
                "title": _("Xuất tệp: %(t)s") % {"t": table.title},
                "builder": _key(builder),
                "query": query.urlencode(),
            },
        )


# In the worker ---------------------------------------------------------------------------------------------


@task()
def export_file(job_id: int) -> dict[str, Any]:
    return run_export(job_id)


def run_export(job_id: int) -> dict[str, Any]:
    """Safe to run again: a finished job is left alone; a rerun writes a new file."""
    return job_run(job_id, _export, failure=_("Lỗi hệ thống khi xuất tệp; hãy thử lại hoặc báo quản trị hệ thống."))


def request_for(user: Any, query: str) -> HttpRequest:
    """The request a builder reads: the owner and the list's query string, as when the export was asked."""
    request = HttpRequest()
    request.method = "GET"
    request.user = user
    request.GET = QueryDict(query)
    return request


def _counted(rows: Iterable[list[object]], run: JobRun, total: int) -> Iterator[list[object]]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            run.progress(done, max(total, done))
    run.progress(done, max(total, done))


def _export(run: JobRun) -> dict[str, Any]:
    job = run.job
    table = _builder(job.params["builder"])(request_for(job.owner, job.params.get("query", "")))
    run.progress(0, table.count)
    table.rows = _counted(table.rows, run, table.count)
    filename = _filename(table, "xlsx")
    with tempfile.TemporaryFile() as fh:
        _write(fh, table)
        fh.seek(0)
        name = storages[ALIAS].save(f"{job.pk}/{filename}", File(fh, name=filename))
    lines = [
        _("Đã xuất %(n)s dòng vào tệp %(f)s.") % {"n": job.done if job.done else table.count, "f": filename},
        _("Tệp được giữ %(d)s ngày.") % {"d": settings.EXPORT_KEEP_DAYS},
    ]
    return {"lines": lines, "file": name, "filename": filename}


def export_download(*, user: Any, pk: int) -> FileResponse:
    """The file of the user's own finished export (404 for anyone else's, or once it is no longer kept)."""
    job = job_get(user=user, pk=pk, kind=EXPORT_KIND)
    name = job.result.get("file") if job.status == BackgroundJob.Status.DONE else None
    store = storages[ALIAS]
    if not name or not str(name).startswith(f"{job.pk}/") or not store.exists(name):
        raise Http404
    filename = job.result.get("filename") or str(name).rpartition("/")[2]
    return FileResponse(store.open(name, "rb"), as_attachment=True, filename=filename, content_type=XLSX_TYPE)
