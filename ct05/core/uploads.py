"""Import files between the upload and the worker (issue 12, item 6): one place for how they are kept.

The request copies the upload to a temporary file of its own, checks it (the caller's checks: what the file
really is, the spreadsheet guard), and only then stores it in STORAGES["imports"] under a random name it
chose, so that a worker on any node reads it; a refused file is never stored. The worker opens it as a local
file (a copy when the store is not a local folder), and deletes it when the run ends whatever the outcome.
What a crash leaves behind, `ct05 cleanup_uploads` removes after a grace period.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

ALIAS = "imports"
NAME = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv)$")


class SizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes IMPORT_MAX_BYTES: a 60 MB file is refused with a message,
    without being written to disk or parsed. The rest of the request body is read and dropped. Installed
    first in `request.upload_handlers` by a csrf_exempt view that then checks CSRF itself (Django's
    "Modifying upload handlers on the fly")."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0
        self.too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.IMPORT_MAX_BYTES:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def store() -> Storage:
    return storages[ALIAS]


@contextmanager
def upload_received(upload: Any) -> Iterator[Path]:
    """The uploaded file as a local temporary file, for checking before anything is kept; gone afterwards."""
    with tempfile.NamedTemporaryFile(prefix="ct05-upload-", suffix=".upload") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
        fh.flush()
        yield Path(fh.name)


def upload_keep(path: Path, *, fmt: str) -> str:
    """Store a checked file under a random name; returns that name (what `BackgroundJob.file_path` holds)."""
    name = f"{secrets.token_hex(16)}.{fmt}"
    if not NAME.match(name):
        raise ValueError(f"not an import format: {fmt!r}")
    with path.open("rb") as fh:
        return store().save(name, File(fh, name=name))


def _checked(name: str) -> str:
    if not NAME.match(name):  # the name comes from our row, but a path from anywhere else must not reach the store
        raise ValueError(f"not an upload name: {name!r}")
    return name


@contextmanager
def upload_local(name: str) -> Iterator[Path | None]:
    """The stored file as a local path (None when it is no longer stored). A store on this machine gives its
    own file; any other store is copied to a temporary file first, removed afterwards."""
    storage = store()
    name = _checked(name)
    if not storage.exists(name):
        yield None
        return
    try:
        local: Path | None = Path(storage.path(name))
    except NotImplementedError:
        local = None
    if local is not None:
        yield local
        return
    with tempfile.NamedTemporaryFile(prefix="ct05-import-", suffix=Path(name).suffix) as out:
        with storage.open(name, "rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
        out.flush()
        yield Path(out.name)


def upload_delete(name: str) -> None:
    store().delete(_checked(name))


def upload_job_start(*, upload: Any, check: Callable[[Path], str], params: dict[str, Any], **job: Any) -> Any:
    """An import's start, for every kind: `check` looks at the received file (raising refuses it, and nothing is
    kept) and gives its format; the file is kept in the imports store and `job_start(**job)` queues its run in
    the same transaction; if queueing fails the kept file goes too."""
    from django.db import transaction

    from ct05.core.jobs import job_start
    from ct05.core.text import clean

    with upload_received(upload) as raw:
        fmt = check(raw)
        name = upload_keep(raw, fmt=fmt)
    try:
        with transaction.atomic():
            return job_start(
                file_path=name,
                params={**params, "filename": clean(upload.name)[:200], "size": upload.size},
                **job,
            )
    except Exception:
        upload_delete(name)
        raise
