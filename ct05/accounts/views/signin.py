"""Password pages that write, each audited (issue 12, item 5), and the lockout page.

Imported by core/urls.py: nothing here imports orgs/ or access/ (core depends on neither).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from ct05.accounts.middleware import MUST_CHANGE_PASSWORD
from ct05.accounts.models import AccountFlags
from ct05.core.audit import record


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page, plus an audit event (without the password) in the same transaction."""

    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:password_change_done")

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
    success_url = reverse_lazy("accounts:password_reset_complete")

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
