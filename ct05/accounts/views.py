"""Account pages that write: each write audited (issue 12, item 5)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponse

from ct05.core.audit import record


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page, plus an audit event (without the password) in the same transaction."""

    template_name = "core/password_change.html"

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            record(actor=form.user, action="user.password_change", target=form.user, after={"password": "changed"})
        return response
