"""Document uploads and downloads. The size limit is installed before anything reads the request body
(so a 25 MB upload is refused without being read whole), the content decides what the file is, and a
download is always an attachment with a safe name and `nosniff`: the browser never renders it inline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from ct05.access.policy import Write
from ct05.access.resolver import write_scope
from ct05.orgs.params import org_param
from ct05.records.filestore import KINDS, SizeLimit, open_stored, safe_name
from ct05.records.selectors import registers as sel
from ct05.records.views._common import choose_org
from ct05.records.views.registers import REGISTERS, register_form_page


@csrf_exempt  # checked by _create_page once the size limit is in place (Django docs: "Modifying upload
@login_required  # handlers on the fly")
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    if write_scope(request.user, Write.REGISTER_EDIT).is_empty:
        raise PermissionDenied
    limit = SizeLimit(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
    return _create_page(request, limit)


@csrf_protect
def _create_page(request: HttpRequest, limit: SizeLimit) -> HttpResponse:
    org = org_param(request, "manage")
    if org is None:
        return choose_org(request, title=str(REGISTERS["document"].singular).capitalize())
    return register_form_page(request, REGISTERS["document"], org, None, too_big=_too_big(request, limit))


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    limit = SizeLimit(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
    return _edit_page(request, pk, limit)


@csrf_protect
def _edit_page(request: HttpRequest, pk: int, limit: SizeLimit) -> HttpResponse:
    doc = sel.register_get(user=request.user, kind="document", pk=pk, action="manage")
    return register_form_page(request, REGISTERS["document"], doc.organization, doc, too_big=_too_big(request, limit))


def _too_big(request: HttpRequest, limit: SizeLimit) -> bool:
    if request.method != "POST":
        return False
    request.POST  # noqa: B018 — parse the body now, through the size limit
    return limit.too_big


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    doc = sel.register_get(user=request.user, kind="document", pk=pk)
    if doc.file is None:
        raise Http404
    try:
        fh = open_stored(doc.file)
    except (OSError, ValueError):
        raise Http404 from None
    name = doc.file_name or safe_name(doc.number, doc.file.kind)
    response = FileResponse(fh, as_attachment=True, filename=name, content_type=KINDS[doc.file.kind])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
