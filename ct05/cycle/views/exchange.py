"""Files of the cycle: printable form and registration book (.docx, .xlsx), list export, import."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from ct05.access.policy import Record
from ct05.access.resolver import org_scope, record_scope, sees_member_fields
from ct05.accounts.reads import personal_data_read
from ct05.core.exports import Export, export_response, exportable
from ct05.core.uploads import SizeLimit
from ct05.cycle import documents, exchange
from ct05.cycle.forms import ImportForm
from ct05.cycle.models import Registration
from ct05.cycle.selectors import registrations as rsel
from ct05.cycle.selectors import year as ysel
from ct05.cycle.services import jobs
from ct05.cycle.views._common import registration_filters, year_of
from ct05.orgs.selectors.organizations import organization_get

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _topic_lines(request: HttpRequest, year: int, org: object) -> list[str]:
    return [t.title for t in ysel.topics_for(user=request.user, year=year, organization=org)]  # type: ignore[arg-type]


@login_required
def registration_docx(request: HttpRequest, pk: int) -> HttpResponse:
    reg = rsel.registration_get(user=request.user, pk=pk)
    personal_data_read(reader=request.user, what="registration.form", member_id=reg.member_id)  # issue 12
    data = documents.registration_form_data(
        registration=reg, year=reg.year, topics=_topic_lines(request, reg.year, reg.organization)
    )
    return _file(documents.render_registration_form(data), DOCX, f"dang-ky-lam-theo-{reg.year}-{reg.pk}.docx")


@login_required
def blank_form_docx(request: HttpRequest, member_pk: int) -> HttpResponse:
    """A form to fill by hand, for a member without a phone; the secretary enters it afterwards."""
    member = rsel.member_for_registration(user=request.user, pk=member_pk)
    year = year_of(request)
    data = documents.registration_form_data(
        registration=None, member=member, year=year, topics=_topic_lines(request, year, member.cell)
    )
    return _file(documents.render_registration_form(data), DOCX, f"phieu-dang-ky-{year}-{member.pk}.docx")


@login_required
def book(request: HttpRequest, org_pk: int, fmt: str) -> HttpResponse:
    org = organization_get(user=request.user, pk=org_pk)
    if not record_scope(request.user, Record.REGISTRATION).contains(org):
        raise PermissionDenied  # the book lists every member's registration and rating (issue 12)
    year = year_of(request)
    filters = rsel.RegistrationFilters(year=year, org=org)
    regs = list(
        rsel.registration_list(user=request.user, filters=filters)
        .filter(organization=org)
        .exclude(status=Registration.Status.DRAFT)
    )
    personal_data_read(reader=request.user, what="registration.book", organization_id=org.pk, count=len(regs))
    data = documents.book_data(org=org, year=year, registrations=regs)
    if fmt == "xlsx":
        return _file(documents.render_book_xlsx(data), XLSX, f"so-dang-ky-{org.code}-{year}.xlsx")
    return _file(documents.render_book_docx(data), DOCX, f"so-dang-ky-{org.code}-{year}.docx")


@exportable
def registrations_export(request: HttpRequest) -> Export:
    """The list with its filters and scope, one row per commitment (also run by the worker, core.exports)."""
    f = registration_filters(request)
    qs = rsel.registration_list(user=request.user, filters=f)
    return Export(
        title=_("Đăng ký làm theo"),
        headers=exchange.EXPORT_HEADERS,
        rows=exchange.registration_rows(qs, personal=lambda m: sees_member_fields(request.user, m)),
        count=exchange.registration_row_count(qs),
        stem=f"dang-ky-lam-theo-{f.year}",
        org_id=f.org.pk if f.org else None,
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """.csv streams; .xlsx in the request up to EXPORT_ROWS_IN_REQUEST rows, else by the worker (issue 12)."""
    table = registrations_export(request)
    personal_data_read(  # issue 12: exports of personal data are logged
        reader=request.user, what="registration.export", organization_id=table.org_id, count=table.count
    )
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return export_response(request, table, builder=registrations_export, fmt=fmt)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    return _file(exchange.import_template(), XLSX, "mau-nhap-dang-ky-lam-theo.xlsx")


@csrf_exempt  # the CSRF check runs in _import_page, after the size limit is installed (Django docs:
@login_required  # "Modifying upload handlers on the fly")
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """The upload is checked here (size, what it is, the spreadsheet guard) and read by the worker (issue 12);
    the person lands on the job's page, which shows the progress, then the result or every row's error."""
    if org_scope(request.user, "manage").is_empty:
        raise Http404
    limit = SizeLimit(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
    return _import_page(request, limit)


@csrf_protect
def _import_page(request: HttpRequest, limit: SizeLimit) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, initial={"year": rsel.current_year()})
    errors: list[exchange.ImportError_] = []
    if request.method == "POST" and limit.too_big:
        max_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        errors = [exchange.ImportError_(None, "", _("Tệp quá lớn (tối đa %(n)s MB).") % {"n": max_mb})]
    elif request.method == "POST" and form.is_valid():
        try:
            job = jobs.registration_import_start(
                actor=request.user, upload=form.cleaned_data["file"], year=form.cleaned_data["year"]
            )
        except exchange.ImportRejected as exc:
            errors = exc.errors
        else:
            return redirect("core:job_detail", pk=job.pk)
    return render(
        request,
        "cycle/import.html",
        {
            "form": form,
            "errors": errors[:500],
            "error_count": len(errors),
            "jobs": jobs.registration_import_jobs(user=request.user),
        },
        status=400 if errors else 200,
    )
