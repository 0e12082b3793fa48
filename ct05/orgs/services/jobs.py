"""Starting the imports of the org tree and the member register (their runs are in `orgs/tasks.py`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ct05.core.jobs import job_list
from ct05.core.models import BackgroundJob
from ct05.core.uploads import upload_job_start
from ct05.orgs.exchange import Spec, check_file, sniff_format
from ct05.orgs.tasks import IMPORT_KINDS, import_file

JOB_KINDS = {spec_key: kind for kind, spec_key in IMPORT_KINDS.items()}


def import_jobs(*, user: Any, spec: Spec) -> list[BackgroundJob]:
    """The user's last imports of this kind of file, newest first."""
    return job_list(user=user, kind=JOB_KINDS[spec.key])


def import_start(*, actor: Any, spec: Spec, upload: Any) -> BackgroundJob:
    """Check what the upload is and, for an .xlsx, the spreadsheet guard (FileRejected otherwise: nothing is
    kept), keep it in the imports store (any node's worker reads it there), and queue the import."""

    def check(raw: Any) -> str:
        fmt = sniff_format(raw)
        check_file(raw, fmt)
        return fmt

    return upload_job_start(
        upload=upload,
        check=check,
        params={"title": _("Nhập %(what)s") % {"what": str(spec.title).lower()}},
        kind=JOB_KINDS[spec.key],
        owner=actor,
        task=import_file,
    )
