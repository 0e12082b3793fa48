"""`Authorization: Bearer <token>` for every API operation, the write scope, and the rate limit per token.

The limit counts requests per token in fixed one-minute windows in Django's cache ("default"). With
several application servers the cache must be shared (Redis, Memcached or the database cache, see
docs/api.md): a per-process cache would multiply the limit by the number of processes.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from ct05.api.models import ApiToken
from ct05.api.problems import Problem, language
from ct05.api.tokens import token_for_bearer

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WINDOW = 60  # seconds


def rate_limit() -> int:
    """Requests per token per minute (setting CT05_API_RATE_PER_MINUTE, default 600)."""
    return int(getattr(settings, "CT05_API_RATE_PER_MINUTE", 600))


def max_body() -> int:
    """Largest request body in bytes (setting CT05_API_MAX_BODY_BYTES, default 64 MB): a roster of 50,000
    members is about 12 MB of JSON, over Django's DATA_UPLOAD_MAX_MEMORY_SIZE for the pages' forms."""
    return int(getattr(settings, "CT05_API_MAX_BODY_BYTES", 64 * 1024 * 1024))


def _read_body(request: HttpRequest) -> None:
    """Read the body under the API's own limit, once the token is known (an anonymous client cannot make the
    server read 64 MB). Django's `request.body` applies DATA_UPLOAD_MAX_MEMORY_SIZE, meant for the forms."""
    if request.method in SAFE_METHODS or hasattr(request, "_body"):
        return
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_body():
        raise Problem(
            413,
            _("Dữ liệu gửi lên quá lớn (%(n)s MB, tối đa %(max)s MB): hãy chia thành nhiều lần gửi.")
            % {"n": length // 1_000_000 + 1, "max": max_body() // 1_000_000},
        )
    request._body = request.read()  # type: ignore[attr-defined]


def _now() -> float:
    return time.time()


def rate_key(token: ApiToken, now: float) -> str:
    """The cache key counting the token's requests in the window of `now`."""
    return f"ct05:api:rate:{token.pk}:{int(now // WINDOW)}"


def _count(token: ApiToken) -> tuple[int, int]:
    """(requests in the current window including this one, seconds until the window ends). `add` then `incr`:
    atomic in Redis and Memcached; in the database cache two nodes may read the same count at the same
    instant, so a token may get a request or two over its limit, never fewer than its limit."""
    now = _now()
    window = int(now // WINDOW)
    key = rate_key(token, now)
    cache.add(key, 0, timeout=WINDOW + 5)
    try:
        n = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=WINDOW + 5)
        n = 1
    return n, max(1, int((window + 1) * WINDOW - now) + 1)


class BearerToken(HttpBearer):
    """Finds the token, refuses writes with a read token and requests over the limit; the request then
    acts as the token's user, through the same resolver and selectors as the pages."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        translation.activate(language(request))  # restored by LanguageMiddleware after the request
        found = token_for_bearer(token.strip())
        if found is None:
            return None
        n, retry = _count(found)
        if n > rate_limit():
            raise Problem(
                429,
                _("Mã truy cập này đã gửi quá %(n)s yêu cầu trong một phút; hãy thử lại sau %(s)s giây.")
                % {"n": rate_limit(), "s": retry},
                headers={"Retry-After": str(retry)},
            )
        if request.method not in SAFE_METHODS and found.scope != ApiToken.Scope.WRITE:
            raise Problem(403, _("Mã truy cập này chỉ có quyền đọc (scope read): không ghi được dữ liệu."))
        _read_body(request)
        request.user = found.user
        return found


def token_of(request: HttpRequest) -> ApiToken:
    token: Any = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)
    return token
