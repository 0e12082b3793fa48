"""Starting a periodic report in the background (the run is `service.run_report_job`, through the task
`dashboard.tasks.periodic_report`).

Asking again for a report identical to one being generated (same user, unit, period, texts) reuses that job
instead of starting another.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ct05.core import clock
from ct05.core.audit import record
from ct05.core.jobs import job_start
from ct05.core.models import BackgroundJob
from ct05.dashboard.reports.period import Period, parse_period
from ct05.dashboard.reports.service import JOB_KIND, clean_edits, draft_save
from ct05.dashboard.tasks import periodic_report
from ct05.orgs.models import Organization
from ct05.orgs.selectors import organizations as org_selectors

REUSE_FOR = timedelta(minutes=10)


def _key(org: Organization, period: Period, edits: dict[str, str]) -> str:
    blob = json.dumps([org.pk, period.code, sorted(edits.items())], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def report_job_start(*, user: Any, org_id: int, period_code: str, edits: dict[str, str]) -> BackgroundJob:
    """Start generating the report in the background, or return the identical job already under way (or
    finished a few minutes ago). Raises PeriodError for a bad or future period, Http404 outside scope."""
    org = org_selectors.organization_get(user=user, pk=org_id)
    period = parse_period(period_code, today=clock.today())
    edits = clean_edits(edits)
    key = _key(org, period, edits)
    with transaction.atomic():
        if connection.vendor == "postgresql":  # two identical requests at once: the second waits, then reuses
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])
        recent = (
            BackgroundJob.objects.select_for_update()
            .filter(owner=user, kind=JOB_KIND, params__key=key, created_at__gte=timezone.now() - REUSE_FOR)
            .exclude(status=BackgroundJob.Status.FAILED)
            .order_by("-created_at")
            .first()
        )
        if recent is not None:
            return recent
        draft_save(user=user, org=org, period=period, edits=edits)
        job = job_start(
            kind=JOB_KIND,
            owner=user,
            task=periodic_report,
            total=3,
            params={"org": org.pk, "period": period.code, "key": key, "title": f"Báo cáo {period.label} — {org.name}"},
        )
        record(actor=user, action="report.periodic", target=job, organization_id=org.pk, after=job.params)
    return job
