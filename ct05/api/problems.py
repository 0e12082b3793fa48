"""Errors as problem details (RFC 9457, `application/problem+json`), titled in Vietnamese, or in English
when the request says `Accept-Language: en`.

The titles are the API's contract (one per problem type, like the status codes), so both languages are
written here side by side rather than through the interface's message catalogue; the `detail` comes from
the service that refused the request, translated as the rest of the interface is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

PROBLEM_TYPE = "/api/docs#problem-"
CONTENT_TYPE = "application/problem+json"

# status -> (slug, Vietnamese title, English title)
TITLES: dict[int, tuple[str, str, str]] = {
    400: ("bad-request", "Yêu cầu không hợp lệ", "Bad request"),
    401: ("unauthorized", "Chưa xác thực: thiếu mã truy cập hoặc mã không dùng được", "Not authenticated"),
    403: ("forbidden", "Không được phép", "Forbidden"),
    404: ("not-found", "Không tìm thấy", "Not found"),
    405: ("method-not-allowed", "Phương thức không được hỗ trợ", "Method not allowed"),
    409: ("conflict", "Xung đột với trạng thái hiện tại", "Conflict"),
    413: ("too-large", "Dữ liệu gửi lên quá lớn", "Content too large"),
    412: ("stale-version", "Dữ liệu đã được người khác thay đổi", "Precondition failed: stale version"),
    422: ("invalid", "Dữ liệu không hợp lệ", "Unprocessable content"),
    428: ("if-match-required", "Thiếu tiêu đề If-Match", "Precondition required: send If-Match"),
    429: ("rate-limited", "Quá nhiều yêu cầu", "Too many requests"),
    500: ("server-error", "Lỗi máy chủ", "Server error"),
}


def language(request: HttpRequest) -> str:
    """ "en" when the first language the client accepts is English, else "vi" (the API's default)."""
    header = request.headers.get("Accept-Language", "")
    first = header.split(",")[0].split(";")[0].strip().lower()
    return "en" if first.startswith("en") else "vi"


@dataclass
class Problem(Exception):
    """Raised anywhere under the API; rendered by the API's exception handler."""

    status: int
    detail: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.detail}"


def problem_body(
    request: HttpRequest, status: int, detail: str = "", errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    slug, vi, en = TITLES.get(status, TITLES[500 if status >= 500 else 400])
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + slug,
        "title": en if language(request) == "en" else vi,
        "status": status,
        "detail": detail or (en if language(request) == "en" else vi),
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = problem_body(request, status, detail, errors)
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    response["Content-Language"] = language(request)
    return response
