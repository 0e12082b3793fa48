"""Shared by the records pages: reading the filters, choosing the unit, lists with their .xlsx export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ct05.access.resolver import Action, org_scope
from ct05.core.clock import today  # the views import it from here
from ct05.core.text import fold
from ct05.orgs.models import Member, Organization
from ct05.orgs.selectors import organizations as org_selectors
from ct05.records.exports import xlsx_response
from ct05.records.filestore import FileRejected, safe_name, store_upload
from ct05.records.models import StoredFile
from ct05.records.selectors._common import ListFilters

MONTHS = [(m, f"{m:02d}") for m in range(1, 13)]


def read_filters(request: HttpRequest) -> ListFilters:
    """?org=<id>&year=2025&month=3&status=…&q=…; a unit outside the user's scope is 404."""
    g = request.GET
    org = None
    if g.get("org", "").isdigit():
        org = org_selectors.organization_get(user=request.user, pk=int(g["org"]))
    year = int(g["year"]) if g.get("year", "").isdigit() and 2000 <= int(g["year"]) <= 2100 else None
    month = int(g["month"]) if g.get("month", "").isdigit() and 1 <= int(g["month"]) <= 12 else None
    return ListFilters(
        org=org, year=year, month=month, status=g.get("status", "")[:40], query=g.get("q", "").strip()[:100]
    )


def years() -> list[int]:
    y = today().year
    return list(range(y, y - 11, -1))


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], object]
    link: bool = False  # the first column usually links to the record
    hide_sm: bool = False


@dataclass
class ListPage:
    """What a records list shows: its title, columns, status choices, and where its buttons go."""

    key: str
    title: str
    columns: list[Column]
    statuses: list[tuple[str, str]] = field(default_factory=list)
    status_label: str = _("Tình trạng")
    detail_url: Callable[[Any], str] | None = None
    create_url: str = ""
    export_stem: str = "danh-sach"
    row_class: Callable[[Any], str] | None = None


def display(value: object) -> object:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    return value


def render_list(
    request: HttpRequest, page: ListPage, qs: QuerySet[Any], filters: ListFilters, extra: dict[str, Any] | None = None
) -> HttpResponse:
    paginator = Paginator(qs, 50)
    p = paginator.get_page(request.GET.get("page"))
    rows = [
        {
            "cells": [(display(c.value(obj)), c.hide_sm, c.label) for c in page.columns],
            "url": page.detail_url(obj) if page.detail_url else "",
            "cls": page.row_class(obj) if page.row_class else "",
        }
        for obj in p
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "p": p,
        "rows": rows,
        "f": filters,
        "years": years(),
        "months": MONTHS,
        "querystring": query.urlencode(),
        "can_create": bool(page.create_url) and not org_scope(request.user, "manage").is_empty,
    } | (extra or {})
    template = "records/list.html#results" if request.headers.get("HX-Request") else "records/list.html"
    return render(request, template, context)


def export_list(page: ListPage, qs: QuerySet[Any]) -> HttpResponse:
    def rows() -> Iterable[list[object]]:
        for obj in qs.iterator(chunk_size=2000):
            yield [c.value(obj) for c in page.columns]

    return xlsx_response(str(page.title), [str(c.label) for c in page.columns], rows(), page.export_stem)


def choose_org(
    request: HttpRequest, *, title: str, cells_only: bool = False, action: Action = "manage"
) -> HttpResponse:
    """The first step of "add": pick the unit (by name, without diacritics) among those the user manages."""
    qs = Organization.objects.not_closed_on(today()).filter(org_scope(request.user, action).q())
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


def attach_errors(form: Any, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        target = name if name in form.fields else None
        for error in errors:
            form.add_error(target, error)


def stored_upload(upload: Any) -> tuple[StoredFile, str]:
    """Keep an uploaded file (documents, register attachments); a refused file is a form error on `file`."""
    try:
        stored = store_upload(upload)
    except FileRejected as exc:
        raise ValidationError({"file": exc.message}) from None
    return stored, safe_name(upload.name, stored.kind)
