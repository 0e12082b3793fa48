"""Account pages that write: each write audited (issue 12, item 5)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from ct05.accounts.middleware import MUST_CHANGE_PASSWORD, NEEDS_TWO_FACTOR
from ct05.accounts.models import AccountFlags
from ct05.accounts.two_factor import (
    confirmed_device,
    enrolment_device,
    key_for_humans,
    qr_svg,
)
from ct05.core.audit import record


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page, plus an audit event (without the password) in the same transaction."""

    template_name = "core/password_change.html"

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            record(actor=form.user, action="user.password_change", target=form.user, after={"password": "changed"})
            AccountFlags.objects.filter(user=form.user, must_change_password=True).update(must_change_password=False)
        self.request.session.pop(MUST_CHANGE_PASSWORD, None)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: a new password, audited; it also counts as the first-sign-in change."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            record(actor=None, action="user.password_reset", target=form.user, after={"password": "changed"})
            AccountFlags.objects.filter(user=form.user, must_change_password=True).update(must_change_password=False)
        return response


def locked_out(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """django-axes calls this instead of signing in once an account or an address is locked."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enter the code of one's authenticator app; the first time, enrol it (issue 12, item 4)."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    confirmed = confirmed_device(user)
    enrolling = confirmed is None
    device = confirmed or enrolment_device(user)
    error = ""
    if request.method == "POST":
        code = "".join(request.POST.get("code", "").split())
        if device.verify_token(code):
            with transaction.atomic():
                if enrolling:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    record(actor=user, action="user.two_factor_enrol", target=user, after={"device": device.name})
                otp_login(request, device)
            request.session.pop(NEEDS_TWO_FACTOR, None)
            return redirect(next_url or "home")
        error = _("Mã không đúng hoặc đã hết hạn (mỗi mã chỉ dùng trong 30 giây). Hãy nhập mã đang hiện.")
    context = {"enrolling": enrolling, "error": error, "next": next_url}
    if enrolling:
        context.update(qr=qr_svg(device.config_url), key=key_for_humans(device))
    return render(request, "accounts/two_factor.html", context, status=200 if not error else 400)
