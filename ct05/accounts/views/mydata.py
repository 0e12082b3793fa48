"""A member's own data (issue 12, item 5): who opened it, and a copy of it to download."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ct05.accounts.reads import WHAT_LABELS, own_data, reads_of_member
from ct05.orgs.models import Member


def _own_member(request: HttpRequest) -> Member | None:
    return Member.objects.select_related("cell").filter(user=request.user).first()


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    member = _own_member(request)
    reads = reads_of_member(member=member) if member else []
    rows = [(r, WHAT_LABELS.get(r.what, r.what)) for r in reads]
    return render(request, "accounts/my_data.html", {"member": member, "rows": rows})


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    member = _own_member(request)
    if member is None:
        return render(request, "accounts/my_data.html", {"member": None, "rows": []}, status=404)
    body = json.dumps(own_data(member=member), ensure_ascii=False, indent=1, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-cua-toi-{stamp}.json"'
    return response
