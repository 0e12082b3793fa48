"""Starting the cycle's background jobs (their runs are in `cycle/tasks.py`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core.jobs import job_start
from ct05.core.models import BackgroundJob
from ct05.cycle.tasks import ANALYZE_KIND, analyze_job
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
