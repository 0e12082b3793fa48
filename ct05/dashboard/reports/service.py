"""Periodic reports: loading their figures (through the access resolver), generating the files in the
background, and handing them only to the user who asked (and only while the unit is in their scope).

Concurrency: each job writes its own folder, through a temporary file renamed into place, so two
generations of the same report never write the same file; asking again for a report identical to one
being generated (same user, unit, period, texts) reuses that job instead of starting another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ct05.access.resolver import org_scope
from ct05.core import clock
from ct05.core.audit import record
from ct05.core.models import BackgroundJob
from ct05.cycle.figures import rating_names
from ct05.dashboard.models import ReportDraft, Rollup
from ct05.dashboard.reports.context import HEADER_KEYS, TEXT_KEYS, ReportContext, ReportInput, UnitInput, build_context
from ct05.dashboard.reports.period import Period, parse_period
from ct05.dashboard.reports.render import render_annex_xlsx, render_report_docx
from ct05.dashboard.selectors import covers_subtree
from ct05.orgs import selectors as org_selectors
from ct05.orgs.models import Organization

logger = logging.getLogger(__name__)
JOB_KIND = "dashboard.periodic_report"
REUSE_FOR = timedelta(minutes=10)
FILES = {"docx": "bao-cao.docx", "xlsx": "phu-luc.xlsx"}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _superior(org: Organization) -> str:
    if org.parent_id and org.parent is not None:
        return org.parent.name
    return org.name.replace("Tỉnh ủy", "Đảng bộ tỉnh").replace("Thành ủy", "Đảng bộ thành phố")


def report_input(*, user: Any, org: Organization, period: Period, today: dt.date) -> ReportInput:
    """The figures of `org` for the period, as `user` may see them: the subtree's totals when the user
    sees the whole subtree, the unit's own figures otherwise (never numbers of units outside the scope)."""
    scope = org_scope(user)
    if not scope.contains(org):
        raise Http404
    full = covers_subtree(scope, org)
    years = [period.first_year - 1, *period.years]
    rows = {r.year: r for r in Rollup.objects.filter(organization=org, year__in=years)}
    figs = {y: (r.total if full else r.own) for y, r in rows.items()}
    units: list[UnitInput] = []
    if full:
        kids = (
            Organization.objects.active_between(period.start, period.end)
            .filter(scope.q(), parent=org)
            .order_by("kind__level", "name")
        )
        kid_rows = {
            r.organization_id: r.total for r in Rollup.objects.filter(year=period.last_year, organization__in=kids)
        }
        units = [UnitInput(k.name, kid_rows.get(k.pk, {})) for k in kids]
    last = rows.get(period.last_year)
    return ReportInput(
        org_name=org.name,
        doc_symbol=org.kind.doc_symbol or org.code,
        superior_name=_superior(org),
        period=period,
        today=today,
        figs=figs,
        units=units,
        rating_names=rating_names(),
        computed_at=last.computed_at if last else None,
    )


def report_context(*, user: Any, org: Organization, period: Period, today: dt.date | None = None) -> ReportContext:
    today = today or clock.today()
    return build_context(report_input(user=user, org=org, period=period, today=today))


def clean_edits(raw: dict[str, Any]) -> dict[str, str]:
    """Only the known editable keys, as NFC text of bounded length."""
    from ct05.core.text import clean

    out: dict[str, str] = {}
    for key in (*TEXT_KEYS, *HEADER_KEYS):
        if key in raw:
            value = str(raw[key])[:8000]
            # keep line breaks (paragraphs, recipients); clean each line
            out[key] = "\n".join(clean(line) for line in value.replace("\r\n", "\n").split("\n")).strip()
    return out


def draft_get(*, user: Any, org: Organization, period: Period) -> dict[str, str]:
    draft = ReportDraft.objects.filter(owner=user, organization=org, period=period.code).first()
    return dict(draft.texts) if draft else {}


def draft_save(*, user: Any, org: Organization, period: Period, edits: dict[str, str]) -> None:
    ReportDraft.objects.update_or_create(owner=user, organization=org, period=period.code, defaults={"texts": edits})


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
        job = BackgroundJob.objects.create(
            kind=JOB_KIND,
            owner=user,
            total=3,
            params={"org": org.pk, "period": period.code, "key": key, "title": f"Báo cáo {period.label} — {org.name}"},
        )
        record(actor=user, action="report.periodic", target=job, organization_id=org.pk, after=job.params)

        def start() -> None:
            from ct05.dashboard.tasks import periodic_report

            result = periodic_report.enqueue(job.pk)
            BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

        transaction.on_commit(start)
    return job


def report_dir(job_id: int) -> Path:
    return Path(settings.VAR_DIR) / "reports" / str(int(job_id))


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file renamed into place: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_report_job(job_id: int) -> dict[str, Any]:
    """Generate the job's files. Idempotent: a finished job is left as it is."""
    job = BackgroundJob.objects.select_related("owner").get(pk=job_id)
    if job.finished:
        return dict(job.result)
    BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.RUNNING, done=0)
    try:
        org = Organization.objects.select_related("parent").get(pk=job.params["org"])
        period = parse_period(job.params["period"], today=clock.today())
        ctx = report_context(user=job.owner, org=org, period=period)
        BackgroundJob.objects.filter(pk=job.pk).update(done=1)
        edits = draft_get(user=job.owner, org=org, period=period)
        folder = report_dir(job.pk)
        _write(folder / FILES["docx"], render_report_docx(ctx, edits))
        BackgroundJob.objects.filter(pk=job.pk).update(done=2)
        _write(folder / FILES["xlsx"], render_annex_xlsx(ctx))
    except Exception as exc:
        logger.exception("report job %s failed", job_id)
        message = str(exc) if exc.__class__.__name__ == "PeriodError" else "Lỗi hệ thống khi tạo báo cáo."
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=BackgroundJob.Status.FAILED, errors=[{"row": None, "column": "", "message": message}]
        )
        if exc.__class__.__name__ in {"PeriodError", "Http404"}:
            return {"status": "failed"}
        raise
    result = {
        "lines": [f"Đã tạo báo cáo {period.label} của {org.name}" + ("" if ctx.has_data else " (kỳ chưa có số liệu)")],
        "url": reverse("dashboard:report_job", args=[job.pk]),
        "has_data": ctx.has_data,
    }
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.DONE, done=3, file_path=str(folder), result=result, updated_at=timezone.now()
    )
    return result


def report_file(*, user: Any, job_id: int, fmt: str) -> tuple[Path, str]:
    """The file of a finished job, for its owner only, and only while the unit is still in their scope."""
    if fmt not in FILES:
        raise Http404
    job = BackgroundJob.objects.filter(pk=job_id, owner=user, kind=JOB_KIND, status=BackgroundJob.Status.DONE).first()
    if job is None:
        raise Http404
    org = org_selectors.organization_get(user=user, pk=int(job.params["org"]))  # 404 once out of scope
    path = report_dir(job.pk) / FILES[fmt]
    if not path.is_file():
        raise Http404
    stem = f"bao-cao-{org.code}-{job.params['period']}".lower()
    return path, f"{stem}.{fmt}" if fmt == "docx" else f"{stem}-phu-luc.xlsx"
