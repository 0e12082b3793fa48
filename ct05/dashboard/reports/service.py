"""Periodic reports: loading their figures (through the access resolver), generating the files in the
background, and handing them only to the user who asked (and only while the unit is in their scope).

Concurrency: each job writes its own folder, through a temporary file renamed into place, so two
generations of the same report never write the same file; asking again for a report identical to one
being generated (same user, unit, period, texts) reuses that job instead of starting another.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.access.resolver import org_scope
from ct05.core import clock
from ct05.core.jobs import JobFailed, JobRun, job_run
from ct05.core.models import BackgroundJob
from ct05.core.storage import StorageFull
from ct05.cycle.figures import rating_names
from ct05.dashboard.models import ReportDraft, Rollup
from ct05.dashboard.reports.context import HEADER_KEYS, TEXT_KEYS, ReportContext, ReportInput, UnitInput, build_context
from ct05.dashboard.reports.period import Period, PeriodError, parse_period
from ct05.dashboard.reports.render import render_annex_xlsx, render_report_docx
from ct05.dashboard.selectors import covers_subtree
from ct05.orgs.models import Organization
from ct05.orgs.selectors import organizations as org_selectors

logger = logging.getLogger(__name__)
JOB_KIND = "dashboard.periodic_report"
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


def report_name(job_id: int, fmt: str) -> str:
    """The job's file in STORAGES["reports"] (by default CT05_VAR_DIR/reports/<job>/…, see ct05/core/storage.py)."""
    return f"{int(job_id)}/{FILES[fmt]}"


def _write(name: str, data: bytes) -> None:
    """Save under exactly `name` (a rerun replaces its own file); the storage never shows half a file."""
    store = storages["reports"]
    store.delete(name)
    store.save(name, ContentFile(data))


def run_report_job(job_id: int) -> dict[str, Any]:
    """Generate the job's files. Idempotent: a finished job is left as it is."""
    return job_run(job_id, _generate, failure=_("Lỗi hệ thống khi tạo báo cáo."))


def _generate(run: JobRun) -> dict[str, Any]:
    job = run.job
    run.progress(0)
    try:
        org = Organization.objects.select_related("parent").get(pk=job.params["org"])
        period = parse_period(job.params["period"], today=clock.today())
        ctx = report_context(user=job.owner, org=org, period=period)
    except PeriodError as exc:  # the period became invalid (e.g. the calendar changed) since the start
        raise JobFailed.message(str(exc)) from exc
    except Http404 as exc:  # the unit left the user's scope since the start
        raise JobFailed.message(_("Lỗi hệ thống khi tạo báo cáo.")) from exc
    run.progress(1)
    edits = draft_get(user=job.owner, org=org, period=period)
    try:
        _write(report_name(job.pk, "docx"), render_report_docx(ctx, edits, year=clock.today().year))
        run.progress(2)
        _write(report_name(job.pk, "xlsx"), render_annex_xlsx(ctx))
    except StorageFull as exc:  # a full disk: neither file is left, and the job page says why (issue 15)
        for fmt in FILES:
            storages["reports"].delete(report_name(job.pk, fmt))
        raise JobFailed.message(exc.message) from exc
    run.save(done=3, file_path=str(int(job.pk)))
    return {
        "lines": [f"Đã tạo báo cáo {period.label} của {org.name}" + ("" if ctx.has_data else " (kỳ chưa có số liệu)")],
        "url": reverse("dashboard:report_job", args=[job.pk]),
        "has_data": ctx.has_data,
    }


def report_file(*, user: Any, job_id: int, fmt: str) -> tuple[IO[bytes], str]:
    """The file of a finished job, for its owner only, and only while the unit is still in their scope."""
    if fmt not in FILES:
        raise Http404
    job = BackgroundJob.objects.filter(pk=job_id, owner=user, kind=JOB_KIND, status=BackgroundJob.Status.DONE).first()
    if job is None:
        raise Http404
    org = org_selectors.organization_get(user=user, pk=int(job.params["org"]))  # 404 once out of scope
    try:
        fh = storages["reports"].open(report_name(job.pk, fmt), "rb")
    except FileNotFoundError:
        raise Http404 from None
    stem = f"bao-cao-{org.code}-{job.params['period']}".lower()
    return fh, f"{stem}.{fmt}" if fmt == "docx" else f"{stem}-phu-luc.xlsx"
