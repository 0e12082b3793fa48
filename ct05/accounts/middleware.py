"""Session timeouts, two-factor and the first-sign-in password change (issue 12, item 4); the client address
for django-axes.

Idle: a session unused for SESSION_IDLE_MINUTES ends. Absolute: SESSION_ABSOLUTE_HOURS after sign-in it ends
however busy it is (the cookie's age alone would restart with each save). The last-seen time is written at
most once a minute, so that reading pages does not write the session on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SIGNED_IN_AT = "ct05_signed_in_at"
LAST_SEEN = "ct05_last_seen"
MUST_CHANGE_PASSWORD = "ct05_must_change_password"  # read from AccountFlags at sign-in, not on each request
NEEDS_TWO_FACTOR = "ct05_needs_two_factor"  # decided at sign-in (ct05/accounts/two_factor.py)
TOUCH_EVERY = 60  # seconds


def client_ip(request: HttpRequest) -> str | None:
    """The address to count failed sign-ins against: behind the proxy (BEHIND_PROXY), the address the proxy
    appended last to X-Forwarded-For (earlier ones are whatever the client sent); otherwise REMOTE_ADDR."""
    if settings.SECURE_PROXY_SSL_HEADER is not None:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")


class AccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                logout(request)
                messages.info(request, expired)
                return redirect(f"{reverse('core:login')}?next={request.path}")
            if (
                settings.TWO_FACTOR_REQUIRED
                and request.session.get(NEEDS_TWO_FACTOR)
                and not user.is_verified()
                and request.path not in {reverse("accounts:two_factor"), reverse("core:logout")}
            ):
                return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
            if request.session.get(MUST_CHANGE_PASSWORD) and request.path not in _allowed_paths():
                messages.warning(request, _("Đây là lần đăng nhập đầu: hãy đặt mật khẩu của riêng bạn để tiếp tục."))
                return redirect("core:password_change")
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> str | None:
        now = int(time.time())
        session = request.session
        signed_in = session.setdefault(SIGNED_IN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        if now - signed_in > settings.SESSION_ABSOLUTE_HOURS * 3600:
            return _("Phiên làm việc đã quá %(h)s giờ: hãy đăng nhập lại.") % {"h": settings.SESSION_ABSOLUTE_HOURS}
        if now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
            return _("Phiên làm việc đã kết thúc sau %(m)s phút không dùng: hãy đăng nhập lại.") % {
                "m": settings.SESSION_IDLE_MINUTES
            }
        if now - last_seen >= TOUCH_EVERY or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return None


def _allowed_paths() -> set[str]:
    return {reverse("core:password_change"), reverse("core:password_change_done"), reverse("core:logout")}
