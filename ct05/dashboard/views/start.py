"""The home page: the user's scope, what needs their attention, their recent background jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ct05.core.jobs import job_list
from ct05.dashboard.home import attention_items, scope_summary


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The home page: the user's scope, what needs their attention, their recent background jobs."""
    return render(
        request,
        "dashboard/start.html",
        {
            "scope": scope_summary(user=request.user),
            "attention": attention_items(user=request.user),
            "jobs": job_list(user=request.user),
        },
    )
