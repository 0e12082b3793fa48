"""Background work of the dashboard: thin tasks that call a service."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from ct05.dashboard.reports.service import run_report_job
from ct05.dashboard.services import rollup_compute, stale_refresh
from ct05.orgs.models import Organization


@task()
def rollup_refresh() -> dict[str, int]:
    """Recompute the units marked stale by writes, and their ancestors."""
    return {"units": stale_refresh()}


@task()
def rollup_run(year: int, org_id: int | None = None) -> dict[str, Any]:
    """Recompute a whole subtree (or everything) for a year: nightly, and after the cycle's analysis."""
    org = Organization.objects.filter(pk=org_id).first() if org_id else None
    summary = rollup_compute(year=year, org=org)
    return {"units": summary["units"], "seconds": round(summary["seconds"]["total"], 2)}


@task()
def periodic_report(job_id: int) -> dict[str, Any]:
    return run_report_job(job_id)
