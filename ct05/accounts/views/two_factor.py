"""The two-factor page: enter the code of one's authenticator app, or enrol it the first time (issue 12)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from ct05.accounts.middleware import NEEDS_TWO_FACTOR
from ct05.accounts.two_factor import confirmed_device, enrolment_device, key_for_humans, qr_svg
from ct05.core.audit import record


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
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        error = _("Mã không đúng hoặc đã hết hạn (mỗi mã chỉ dùng trong 30 giây). Hãy nhập mã đang hiện.")
    context = {"enrolling": enrolling, "error": error, "next": next_url}
    if enrolling:
        context.update(qr=qr_svg(device.config_url), key=key_for_humans(device))
    return render(request, "accounts/two_factor.html", context, status=200 if not error else 400)
