"""Starting the imports of the org tree and the member register (their runs are in `orgs/tasks.py`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core.jobs import job_list, job_start
from ct05.core.models import BackgroundJob
from ct05.core.text import clean
from ct05.core.uploads import upload_delete, upload_keep, upload_received
from ct05.orgs.exchange import Spec, check_file, sniff_format
from ct05.orgs.tasks import IMPORT_KINDS, import_file

JOB_KINDS = {spec_key: kind for kind, spec_key in IMPORT_KINDS.items()}


def import_jobs(*, user: Any, spec: Spec) -> list[BackgroundJob]:
    """The user's last imports of this kind of file, newest first."""
    return job_list(user=user, kind=JOB_KINDS[spec.key])


def import_start(*, actor: Any, spec: Spec, upload: Any) -> BackgroundJob:
    """Check what the upload is and, for an .xlsx, the spreadsheet guard (FileRejected otherwise: nothing is
    kept), keep it in the imports store (any node's worker reads it there), and queue the import."""
    with upload_received(upload) as raw:
        fmt = sniff_format(raw)
        check_file(raw, fmt)
        name = upload_keep(raw, fmt=fmt)
    try:
        with transaction.atomic():
            return job_start(
                kind=JOB_KINDS[spec.key],
                owner=actor,
                task=import_file,
                file_path=name,
                params={
                    "title": _("Nhập %(what)s") % {"what": str(spec.title).lower()},
                    "filename": clean(upload.name)[:200],
                    "format": fmt,
                    "size": upload.size,
                },
            )
    except Exception:
        upload_delete(name)
        raise
