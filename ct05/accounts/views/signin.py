"""Password pages that write, each audited (issue 12, item 5), and the lockout page.

Imported by core/urls.py: nothing here imports orgs/ or access/ (core depends on neither).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse_lazy

from ct05.accounts.middleware import MUST_CHANGE_PASSWORD
from ct05.accounts.models import AccountFlags
from ct05.core.audit import record
from ct05.core.mail import mail_queue


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


class OutboxPasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, with its mail put in the outbox (ct05/core/mail.py) like every other notification: a
    worker sends it, and a mail server that is down delays it (retried) instead of losing it — Django's own
    `send_mail` tries once in the request and only logs a failure. The link in it expires as Django's does
    (PASSWORD_RESET_TIMEOUT) and works once, however late the mail leaves."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        mail_queue(to=to_email, subject=subject, body=loader.render_to_string(email_template_name, context))


class PasswordResetView(auth_views.PasswordResetView):
    """ "Quên mật khẩu": the same answer whether the address is known or not; the mail goes through the outbox."""

    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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
