"""Stored files no row refers to (issue 12, item 6), removed by `ct05 cleanup_uploads` (nightly: deploy/
ct05-cleanup.timer).

Each store is matched against the rows that name its files:
- `imports`: a file is kept while a queued or running job names it (`BackgroundJob.file_path`); the run
  removes its own file, so what is left was cut short (a killed worker, a crash between store and row);
- `exports`: `<job>/<file>` is kept while that job exists, names the file, and finished less than
  EXPORT_KEEP_DAYS ago (a list of members must not lie about forever);
- `reports`: `<job>/<file>` is kept while the report's job exists;
- `default` (documents): `records/<2 hex>/<sha256>` is kept while a `StoredFile` row has that digest.
Anything younger than the grace period is left alone whatever it is: a file stored a moment ago may not
have its row committed yet. Half-written files (`.partial-*`, core/storage.py) older than the grace go too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.utils import timezone

from ct05.core.exports import EXPORT_KIND
from ct05.core.models import BackgroundJob
from ct05.records.models import StoredFile

GRACE = dt.timedelta(hours=24)
_JOB_FILE = re.compile(r"^([0-9]+)/[^/]+$")
_RECORD = re.compile(r"^records/[0-9a-f]{2}/([0-9a-f]{64})$")


@dataclass(frozen=True)
class Orphan:
    alias: str
    name: str
    reason: str


def _walk(store: Storage, folder: str = "") -> Iterator[str]:
    try:
        dirs, files = store.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for d in dirs:
        yield from _walk(store, f"{folder}/{d}" if folder else d)


def _files(alias: str, before: dt.datetime) -> Iterator[str]:
    """The store's files last written before `before` (younger ones are left alone)."""
    store = storages[alias]
    for name in _walk(store):
        if store.get_modified_time(name) < before:
            yield name


def _imports(before: dt.datetime) -> Iterator[Orphan]:
    waiting = BackgroundJob.objects.filter(status__in=[BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING])
    named = set(waiting.exclude(file_path="").values_list("file_path", flat=True))
    for name in _files("imports", before):
        if name not in named:
            yield Orphan("imports", name, "no waiting import names it")


def _jobs(names: list[str]) -> dict[int, BackgroundJob]:
    ids = {int(m.group(1)) for n in names if (m := _JOB_FILE.match(n))}
    return BackgroundJob.objects.in_bulk(list(ids))


def _exports(before: dt.datetime, now: dt.datetime) -> Iterator[Orphan]:
    names = list(_files("exports", before))
    jobs = _jobs(names)
    expired = now - dt.timedelta(days=settings.EXPORT_KEEP_DAYS)
    for name in names:
        m = _JOB_FILE.match(name)
        job = jobs.get(int(m.group(1))) if m else None
        if job is None or job.kind != EXPORT_KIND or job.result.get("file") != name:
            yield Orphan("exports", name, "no export job names it")
        elif job.updated_at < expired:
            yield Orphan("exports", name, f"kept {settings.EXPORT_KEEP_DAYS} days")


def _reports(before: dt.datetime) -> Iterator[Orphan]:
    names = list(_files("reports", before))
    jobs = _jobs(names)
    for name in names:
        m = _JOB_FILE.match(name)
        if m is None or int(m.group(1)) not in jobs:
            yield Orphan("reports", name, "no report job")


def _documents(before: dt.datetime) -> Iterator[Orphan]:
    digests = {n: m.group(1) for n in _files("default", before) if (m := _RECORD.match(n))}
    known = set(StoredFile.objects.filter(sha256__in=list(digests.values())).values_list("sha256", flat=True))
    for name, digest in digests.items():
        if digest not in known:
            yield Orphan("default", name, "no stored-file row")


def _partials(before: dt.datetime) -> Iterator[Orphan]:
    for alias in ("imports", "exports", "reports", "default"):
        for name in _files(alias, before):
            if name.rpartition("/")[2].startswith(".partial-"):
                yield Orphan(alias, name, "half-written")


def orphans(*, now: dt.datetime | None = None, grace: dt.timedelta = GRACE) -> list[Orphan]:
    now = now or timezone.now()
    before = now - grace
    found = [*_imports(before), *_exports(before, now), *_reports(before), *_documents(before), *_partials(before)]
    return list({(o.alias, o.name): o for o in found}.values())


def cleanup_uploads(
    *, now: dt.datetime | None = None, grace: dt.timedelta = GRACE, dry_run: bool = False
) -> list[Orphan]:
    """Remove (or with dry_run only list) the orphans; returns them."""
    found = orphans(now=now, grace=grace)
    if not dry_run:
        for o in found:
            storages[o.alias].delete(o.name)
    return found
