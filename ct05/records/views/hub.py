"""The "Sổ sách" page: the registers of the records app, with a count of each in the user's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ct05.records.selectors._common import ListFilters
from ct05.records.selectors.attention import records_attention
from ct05.records.views.registers import REGISTERS


@login_required
def records_home(request: HttpRequest) -> HttpResponse:
    everything = ListFilters()
    registers = [
        {
            "title": reg.title,
            "url": reverse(f"records:{reg.key}_list"),
            "count": reg.list_fn(user=request.user, filters=everything).count(),
        }
        for reg in REGISTERS.values()
    ]
    return render(
        request,
        "records/hub.html",
        {"registers": registers, "attention": records_attention(user=request.user)},
    )
