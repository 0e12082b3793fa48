"""The home page: the user's scope, what needs their attention, their recent background jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ct05.access.resolver import org_scope
from ct05.core import clock
from ct05.core.jobs import job_list
from ct05.dashboard.home import member_home, queues, scope_summary, sees_units, warnings_home


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The home page, by role: a member's own things; the queues of the units the user works for; a
    supervisor's warnings; their scope and recent background jobs."""
    user = request.user
    units = sees_units(user=user)
    return render(
        request,
        "dashboard/start.html",
        {
            "mine": member_home(user=user),
            "queues": queues(user=user) if units else None,
            "units": units,
            "warnings": warnings_home(user=user),
            "supervises": not org_scope(user, "supervise").is_empty,
            "scope": scope_summary(user=user),
            "jobs": job_list(user=user),
            "today": clock.today(),
        },
    )
