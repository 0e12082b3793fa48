"""Starting supervision's background jobs (their runs are in `supervision/tasks.py`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core.jobs import job_start
from ct05.core.models import BackgroundJob
from ct05.orgs.models import Organization
from ct05.supervision.tasks import EVALUATE_KIND, evaluate_job


def warnings_evaluate_start(*, actor: Any, org: Organization | None) -> BackgroundJob:
    """Queue a re-evaluation of the warnings of `org`'s subtree; the caller checked that `actor` supervises it."""
    with transaction.atomic():
        return job_start(
            kind=EVALUATE_KIND,
            owner=actor,
            task=evaluate_job,
            params={"org": org.pk if org else None, "title": _("Đánh giá lại cảnh báo: %(o)s") % {"o": org}},
        )
