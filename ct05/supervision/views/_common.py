"""Shared by the supervision pages: today, list filters (the records app's, so every list reads the same
query string: org, year, month, status, q), error attachment, the generic form page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ct05.access.resolver import org_scope
from ct05.core.clock import today  # the views import it from here
from ct05.orgs.models import Organization, OrganizationQuerySet
from ct05.records.views._common import read_filters
from ct05.supervision.access import supervise_q
from ct05.supervision.selectors.missions import Filters


def filters_of(request: HttpRequest) -> tuple[Any, Filters]:
    """(the records' ListFilters for the shared list template, this app's Filters for the selectors)."""
    lf = read_filters(request)
    return lf, Filters(org=lf.org, year=lf.year, status=lf.status, query=lf.query)


def attach_errors(form: Any, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.message_dict.items():
        target = name if name in form.fields else None
        for error in errors:
            form.add_error(target, error)


def form_page(
    request: HttpRequest,
    *,
    title: str,
    form: Any,
    cancel: str,
    multipart: bool = False,
    intro: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "supervision/form.html",
        {"title": title, "form": form, "cancel": cancel, "multipart": multipart, "intro": intro},
        status=status,
    )


def active(qs: OrganizationQuerySet) -> OrganizationQuerySet:
    return qs.not_closed_on(today())


def supervised_orgs(user: Any) -> QuerySet[Organization]:
    """Units where the user may issue plans and missions."""
    return active(Organization.objects.filter(supervise_q(user))).select_related("kind").order_by("path")


def self_inspection_orgs(user: Any) -> QuerySet[Organization]:
    """Units whose self-inspection the user may record: those they manage or supervise."""
    q = org_scope(user, "manage").q() | supervise_q(user)
    return active(Organization.objects.filter(q)).select_related("kind").order_by("path")


def initial_org(request: HttpRequest, qs: QuerySet[Organization]) -> Organization | None:
    pk = request.GET.get("org", "")
    return qs.filter(pk=int(pk)).first() if pk.isdigit() else None
