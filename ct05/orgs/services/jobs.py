"""Starting the imports of the org tree and the member register (their runs are in `orgs/tasks.py`)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core.jobs import job_list, job_start
from ct05.core.models import BackgroundJob
from ct05.core.text import clean
from ct05.orgs.exchange import FileRejected, Spec, sniff_format
from ct05.orgs.tasks import IMPORT_KINDS, import_dir, import_file

JOB_KINDS = {spec_key: kind for kind, spec_key in IMPORT_KINDS.items()}


def import_jobs(*, user: Any, spec: Spec) -> list[BackgroundJob]:
    """The user's last imports of this kind of file, newest first."""
    return job_list(user=user, kind=JOB_KINDS[spec.key])


def import_start(*, actor: Any, spec: Spec, upload: Any) -> BackgroundJob:
    """Save the upload under a random name, check what it is (FileRejected otherwise), and queue the import."""
    folder = import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = secrets.token_hex(16)
    raw = folder / f"{stem}.upload"
    with raw.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        fmt = sniff_format(raw)
    except FileRejected:
        raw.unlink(missing_ok=True)
        raise
    path = raw.rename(folder / f"{stem}.{fmt}")
    try:
        with transaction.atomic():
            return job_start(
                kind=JOB_KINDS[spec.key],
                owner=actor,
                task=import_file,
                file_path=path.name,
                params={
                    "title": _("Nhập %(what)s") % {"what": str(spec.title).lower()},
                    "filename": clean(upload.name)[:200],
                    "format": fmt,
                    "size": upload.size,
                },
            )
    except Exception:
        path.unlink(missing_ok=True)
        raise
