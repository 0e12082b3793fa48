"""The API object: /api/v1/… operations, /api/openapi.json, /api/docs, and errors as problem details."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from ct05.api.auth import BearerToken
from ct05.api.problems import CONTENT_TYPE, Problem, problem_response
from ct05.cycle.services.registrations import ConcurrentEdit

log = logging.getLogger(__name__)

DESCRIPTION = """API của CT05 cho các hệ thống kết nối (Sổ tay đảng viên, CSDL đảng viên, tập lệnh của tỉnh).

Gửi mã truy cập trong tiêu đề `Authorization: Bearer <mã>` (tạo bằng `ct05 token create`). Mỗi mã chỉ thấy
những gì người dùng của nó thấy trên các trang. Lỗi theo RFC 9457 (`application/problem+json`), tiêu đề tiếng
Việt, hoặc tiếng Anh với `Accept-Language: en`. Hướng dẫn đầy đủ: docs/api.md.
"""


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        """Error responses are documented with the content type they really have."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema.get("paths", {}).values():
            for op in item.values():
                for code, response in op.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        response["content"] = {CONTENT_TYPE: content["application/json"]}
        return schema


api = Api(
    title="CT05 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=BearerToken(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return problem_response(request, exc.status, exc.detail, exc.errors, exc.headers)


def _field(loc: Any) -> str:
    """A field as the client wrote it: "items.0.content", not ninja's ("body", "payload", "items", 0, …)."""
    parts = list(loc)
    if parts[:1] == ["body"]:
        parts = parts[2:]  # "body" and the name of the view's body parameter
    return ".".join(str(p) for p in parts if p not in ("query", "path", "header"))


@api.exception_handler(SchemaError)
def _schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    errors = [{"field": _field(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors]
    return problem_response(request, 422, _("Dữ liệu gửi lên không đúng định dạng của API."), errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = _("Gửi mã truy cập còn hiệu lực trong tiêu đề Authorization: Bearer <mã>.")
    return problem_response(request, 401, detail, headers={"WWW-Authenticate": 'Bearer realm="ct05"'})


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, 404, _("Không có bản ghi này, hoặc bạn không được xem nó."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, 403, str(exc) or _("Bạn không được làm việc này."))


@api.exception_handler(ConcurrentEdit)
def _stale(request: HttpRequest, exc: ConcurrentEdit) -> HttpResponse:
    return problem_response(request, 412, " ".join(str(m) for m in exc.messages))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": str(m)} for f, ms in exc.message_dict.items() for m in ms]
        detail = " ".join(e["message"] for e in errors)
    else:
        errors, detail = [], " ".join(str(m) for m in exc.messages)
    return problem_response(request, 422, detail, errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API error on %s %s", request.method, request.path)
    return problem_response(request, 500, _("Lỗi không mong muốn; lỗi đã được ghi lại để xử lý."))


def _routers() -> None:
    # their operations join the reads' router
    from ct05.api import views_dashboard, views_meetings, views_more, views_tasks, views_write  # noqa: F401
    from ct05.api.views_read import router

    api.add_router("/v1/", router)


_routers()
