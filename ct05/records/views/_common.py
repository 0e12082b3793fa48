"""Shared by the records pages: reading the filters, choosing the unit, the list page with "add" for managers
(core.web.lists), a stored upload."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ct05.access.resolver import Action, org_scope
from ct05.core.clock import today  # the views import it from here
from ct05.core.text import fold
from ct05.core.web import lists
from ct05.core.web.lists import ListFilters, ListPage, list_filters
from ct05.orgs.models import Member, Organization
from ct05.orgs.params import org_param
from ct05.records.filestore import FileRejected, safe_name, store_upload
from ct05.records.models import StoredFile


def read_filters(request: HttpRequest) -> ListFilters:
    """?org=<id>&year=2025&month=3&status=…&q=…; a unit outside the user's scope is 404."""
    return list_filters(request, org=org_param(request))


def render_list(
    request: HttpRequest, page: ListPage, qs: QuerySet[Any], filters: ListFilters, extra: dict[str, Any] | None = None
) -> HttpResponse:
    """core's list page; "add" shows only to someone who manages some unit."""
    can_create = not org_scope(request.user, "manage").is_empty
    return lists.render_list(request, page, qs, filters, extra, can_create=can_create)


def choose_org(
    request: HttpRequest, *, title: str, cells_only: bool = False, action: Action = "manage"
) -> HttpResponse:
    """The first step of "add": pick the unit (by name, without diacritics) among those the user manages;
    403 for a user who manages none (the policy gives their roles no such write)."""
    scope = org_scope(request.user, action)
    if scope.is_empty:
        raise PermissionDenied
    qs = Organization.objects.not_closed_on(today()).filter(scope.q())
    if cells_only:
        qs = qs.filter(kind__is_cell=True)
    query = request.GET.get("q", "").strip()[:100]
    for word in fold(query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return render(
        request,
        "records/choose_org.html",
        {"title": title, "orgs": qs.select_related("kind", "parent").order_by("path")[:40], "q": query},
    )


def unit_members(org: Organization) -> QuerySet[Member]:
    return Member.objects.filter(cell__path__startswith=org.path, status=Member.Status.ACTIVE).order_by("sort_key")


def stored_upload(upload: Any) -> tuple[StoredFile, str]:
    """Keep an uploaded file (documents, register attachments); a refused file is a form error on `file`."""
    try:
        stored = store_upload(upload)
    except FileRejected as exc:
        raise ValidationError({"file": exc.message}) from None
    return stored, safe_name(upload.name, stored.kind)
