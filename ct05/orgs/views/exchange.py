"""Screens for importing and exporting the org tree and the member register (.xlsx and .csv)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from ct05.access.resolver import Scope, org_scope, sees_member_fields
from ct05.accounts.reads import personal_data_read
from ct05.core import clock
from ct05.core.exports import Export, export_response, exportable
from ct05.core.uploads import SizeLimit
from ct05.orgs.exchange import (
    MEMBER_SPEC,
    ORG_SPEC,
    FileRejected,
    Format,
    Spec,
    csv_rows,
    guide_rows,
    template_rows,
    write_xlsx,
)
from ct05.orgs.models import Duty, Member, Organization, OrgKind, Sector
from ct05.orgs.selectors import organizations as org_sel
from ct05.orgs.services import jobs
from ct05.orgs.views.members import filtered_members

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _format(request: HttpRequest) -> Format:
    return "csv" if request.GET.get("format") == "csv" else "xlsx"


def _manage_scope(request: HttpRequest) -> Scope:
    scope = org_scope(request.user, "manage")
    if scope.is_empty:
        raise PermissionDenied(_("Bạn không có quyền quản lý đơn vị nào nên không thể nhập dữ liệu."))
    return scope


def _scope_tops(scope: Scope) -> list[Organization]:
    """The top units of a scope, to tell the user where their import may write."""
    if scope.everything:
        return list(Organization.objects.filter(parent__isnull=True))
    ids = set(scope.ids) | {int(p.strip("/").split("/")[-1]) for p in scope.prefixes}
    return list(Organization.objects.filter(pk__in=ids).order_by("path"))


def _codes() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (_("Mã loại tổ chức (cột “Loại (mã)”)"), [(k.code, k.name) for k in OrgKind.objects.order_by("level", "name")]),
        (_("Mã loại hình (cột “Loại hình (mã)”)"), [(s.code, s.name) for s in Sector.objects.all()]),
    ]


# Import ---------------------------------------------------------------------------------------------


@csrf_exempt  # the CSRF check runs in _import_page, after the size limit is installed (Django docs:
@login_required  # "Modifying upload handlers on the fly")
@require_http_methods(["GET", "POST"])
def org_import(request: HttpRequest) -> HttpResponse:
    return _import(request, ORG_SPEC)


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def member_import(request: HttpRequest) -> HttpResponse:
    return _import(request, MEMBER_SPEC)


def _import(request: HttpRequest, spec: Spec) -> HttpResponse:
    scope = _manage_scope(request)
    limit = SizeLimit(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
    return _import_page(request, spec, scope, limit)


@csrf_protect
def _import_page(request: HttpRequest, spec: Spec, scope: Scope, limit: SizeLimit) -> HttpResponse:
    error = ""
    max_mb = settings.IMPORT_MAX_BYTES / (1024 * 1024)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if limit.too_big or (upload is not None and upload.size and upload.size > settings.IMPORT_MAX_BYTES):
            error = _("Tệp lớn hơn %(max)s MB nên không được nhận. Hãy chia danh sách thành nhiều tệp nhỏ hơn.") % {
                "max": f"{max_mb:g}"
            }
        elif upload is None:
            error = _("Hãy chọn tệp .xlsx hoặc .csv để nhập.")
        else:
            try:
                job = jobs.import_start(actor=request.user, spec=spec, upload=upload)
            except FileRejected as exc:
                error = exc.message
            else:
                return redirect("core:job_detail", pk=job.pk)
    return render(
        request,
        "orgs/import.html",
        {
            "spec": spec,
            "error": error,
            "tops": _scope_tops(scope),
            "everything": scope.everything,
            "codes": _codes() if spec.key == "orgs" else [],
            "jobs": jobs.import_jobs(user=request.user, spec=spec),
            "max_mb": f"{max_mb:g}",
            "template_url": "orgs:org_import_template" if spec.key == "orgs" else "orgs:member_import_template",
        },
        status=400 if error else 200,
    )


# Templates ------------------------------------------------------------------------------------------


def _send(
    spec: Spec,
    fmt: Format,
    rows: Iterator[list[object]] | list[list[object]],
    stem: str,
    guide: list[list[object]] | None = None,
) -> HttpResponse:
    filename = f"{stem}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_rows(spec, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # write-only openpyxl needs a seekable file for the zip; the temporary file goes when the response closes
    fh = tempfile.TemporaryFile()
    write_xlsx(fh, spec, rows, guide=guide)
    fh.seek(0)
    return FileResponse(fh, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


@login_required
@require_GET
def org_import_template(request: HttpRequest) -> HttpResponse:
    return _send(
        ORG_SPEC, _format(request), template_rows(ORG_SPEC), "mau-nhap-to-chuc-dang", guide_rows(ORG_SPEC, _codes())
    )


@login_required
@require_GET
def member_import_template(request: HttpRequest) -> HttpResponse:
    """The template; its guide sheet lists the codes of the cells the user may import into."""
    scope = org_scope(request.user, "manage")
    cells = Organization.objects.filter(scope.q(), kind__is_cell=True, active_to__isnull=True).order_by("path")
    codes = [(_("Mã chi bộ trong phạm vi của bạn (cột “Mã chi bộ”)"), [(c.code, c.name) for c in cells[:5000]])]
    return _send(
        MEMBER_SPEC,
        _format(request),
        template_rows(MEMBER_SPEC),
        "mau-nhap-dang-vien",
        guide_rows(MEMBER_SPEC, codes if not scope.is_empty else []),
    )


# Export ---------------------------------------------------------------------------------------------


def _stamp() -> str:
    return clock.today().strftime("%Y%m%d")


@login_required
@require_GET
def org_export(request: HttpRequest) -> HttpResponse:
    """The units the user may see, filtered like the org tree's search, in the import format."""
    orgs = org_sel.organization_list(
        user=request.user,
        query=request.GET.get("q", "").strip()[:100],
        kind=request.GET.get("kind", ""),
        include_closed=request.GET.get("closed") == "1",
    ).order_by("path")

    def rows() -> Iterator[list[object]]:
        for o in orgs.iterator(chunk_size=2000):
            yield [
                o.code,
                o.name,
                o.kind.code,
                o.sector.code if o.sector else "",
                o.parent.code if o.parent else "",
                o.active_from,
                o.active_to,
            ]

    return _send(ORG_SPEC, _format(request), rows(), f"to-chuc-dang-{_stamp()}")


def _write_members(fh: IO[bytes], table: Export) -> None:
    write_xlsx(fh, MEMBER_SPEC, table.rows)


@exportable
def members_export(request: HttpRequest) -> Export:
    """The members of the list with its filters (and so the user's scope), in the import format; also run
    by the worker for a large .xlsx (core.exports)."""
    filters, qs = filtered_members(request)
    today = clock.today()
    current = Duty.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today)).order_by("started_on", "id")
    members = qs.select_related("cell").prefetch_related(  # type: ignore[attr-defined]
        Prefetch("duties", queryset=current, to_attr="current_duty_list")
    )
    user = request.user

    def rows() -> Iterator[list[object]]:
        m: Member
        for m in members.iterator(chunk_size=1000):
            gender = "Nữ" if m.gender == Member.Gender.FEMALE else "Nam"  # the file's words, whatever the UI language
            shown = sees_member_fields(user, m)  # the policy's protected fields, else blank
            yield [
                m.full_name,
                m.date_of_birth if shown else None,
                gender,
                m.ethnicity if shown else "",
                m.card_number if shown else "",
                m.joined_on,
                m.official_on,
                m.cell.code,
                m.party_position,
                m.government_position,
                m.is_key_leader,
                m.is_exempt,
                "\n".join(d.text for d in m.current_duty_list),
            ]

    return Export(
        title=str(MEMBER_SPEC.title),
        headers=MEMBER_SPEC.headers,
        rows=rows(),
        count=qs.count(),
        stem="dang-vien",
        org_id=filters.org.pk if filters.org else None,
        write=_write_members,
    )


@login_required
@require_GET
def member_export(request: HttpRequest) -> HttpResponse:
    """.csv streams; .xlsx in the request up to EXPORT_ROWS_IN_REQUEST members, else by the worker (issue 12)."""
    table = members_export(request)
    personal_data_read(  # issue 12: reads of personal data are logged
        reader=request.user, what="member.export", organization_id=table.org_id, count=table.count
    )
    if _format(request) == "csv":
        return _send(MEMBER_SPEC, "csv", iter(table.rows), f"dang-vien-{_stamp()}")
    return export_response(request, table, builder=members_export)
