"""Starting the cycle's background jobs (their runs are in `cycle/tasks.py`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core.jobs import job_list, job_start
from ct05.core.models import BackgroundJob
from ct05.core.uploads import upload_job_start
from ct05.cycle import exchange
from ct05.cycle.tasks import ANALYZE_KIND, IMPORT_KIND, analyze_job, registration_import_job
from ct05.orgs.models import Organization


def analysis_start(*, actor: Any, year: int, org: Organization | None) -> BackgroundJob:
    """Queue the analysis of `year` for `org`'s subtree (everything when None); the caller checked the scope."""
    title = _("Phân tích đăng ký làm theo năm %(y)s%(o)s") % {"y": year, "o": f" — {org}" if org else ""}
    with transaction.atomic():
        return job_start(
            kind=ANALYZE_KIND,
            owner=actor,
            task=analyze_job,
            params={"year": year, "org": org.pk if org else None, "title": title},
        )


def registration_import_start(*, actor: Any, upload: Any, year: int) -> BackgroundJob:
    """Check the upload (exchange.ImportRejected otherwise, and nothing is kept), keep it in the imports store
    and queue its import; the caller checked that `actor` manages some unit (the run keeps to that scope)."""
    if upload.size and upload.size > settings.IMPORT_MAX_BYTES:
        message = _("Tệp quá lớn (tối đa %(n)s MB).") % {"n": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        raise exchange.ImportRejected([exchange.ImportError_(None, "", message)])

    def check(raw: Any) -> str:
        exchange.import_file_check(raw)
        return "xlsx"

    return upload_job_start(
        upload=upload,
        check=check,
        params={"title": _("Nhập bản đăng ký làm theo năm %(y)s") % {"y": year}, "year": year},
        kind=IMPORT_KIND,
        owner=actor,
        task=registration_import_job,
    )


def registration_import_jobs(*, user: Any) -> list[BackgroundJob]:
    """The user's last registration imports, newest first."""
    return job_list(user=user, kind=IMPORT_KIND)
