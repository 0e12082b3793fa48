"""Shared by the supervision pages: today, list filters (the records app's, so every list reads the same
query string: org, year, month, status, q), the generic form page, the units a user supervises."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ct05.access.resolver import org_scope
from ct05.core.clock import today  # the views import it from here
from ct05.core.web.lists import ListFilters, list_filters
from ct05.orgs.models import Organization, OrganizationQuerySet
from ct05.orgs.params import org_param
from ct05.supervision.access import supervise_q
from ct05.supervision.selectors.missions import Filters


def filters_of(request: HttpRequest) -> tuple[ListFilters, Filters]:
    """(the list page's filters for its form, this app's Filters for the selectors)."""
    lf = list_filters(request, org=org_param(request))
    return lf, Filters(org=lf.org, year=lf.year, status=lf.status, query=lf.query)


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
