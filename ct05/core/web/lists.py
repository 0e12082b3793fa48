"""The list page every register, plan, mission and request shares: columns declared once, a filter form, 50
rows a page with one pager, and an .xlsx export of exactly the filtered rows (DESIGN §9: "the export respects
the filter and the user's scope" — both the page and the export take the same scoped, filtered queryset)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ct05.core.web.htmx import htmx_template
from ct05.core.web.params import month_param, year_param
from ct05.core.xlsx import xlsx_response

MONTHS = [(m, f"{m:02d}") for m in range(1, 13)]
PER_PAGE = 50


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], object]
    link: bool = False  # the first column usually links to the record
    hide_sm: bool = False


@dataclass
class ListPage:
    """What a list shows: its title, columns, status choices, and where its buttons go."""

    key: str
    title: str
    columns: list[Column]
    statuses: list[tuple[str, str]] = field(default_factory=list)
    status_label: str = _("Tình trạng")
    detail_url: Callable[[Any], str] | None = None
    create_url: str = ""
    export_stem: str = "danh-sach"
    row_class: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class ListFilters:
    """What every list's filter form sends: the unit (resolved in the user's scope by the caller, with
    `ct05.orgs.params.org_param`), the period, a status, free text."""

    org: Any = None
    year: int | None = None
    month: int | None = None
    status: str = ""
    query: str = ""


def list_filters(request: HttpRequest, *, org: Any) -> ListFilters:
    """?year=2025&month=3&status=…&q=… (and the unit the caller resolved from ?org=)."""
    return ListFilters(
        org=org,
        year=year_param(request),
        month=month_param(request),
        status=request.GET.get("status", "")[:40],
        query=request.GET.get("q", "").strip()[:100],
    )


def paginate(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> tuple[Page, str]:
    """The requested page of `items` and the query string without `page=` (for the pager's links)."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def years() -> list[int]:
    """The year choices of a filter: this year and the ten before it."""
    y = timezone.localdate().year
    return list(range(y, y - 11, -1))


def display(value: object) -> object:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    return value


def render_list(
    request: HttpRequest,
    page: ListPage,
    qs: QuerySet[Any],
    filters: Any,
    extra: dict[str, Any] | None = None,
    *,
    can_create: bool | None = None,
) -> HttpResponse:
    """The list page (or, for htmx, its results). `filters` is what the filter form shows (org, year, month,
    status, query); `can_create` defaults to "the page has a create link"."""
    p, querystring = paginate(request, qs)
    rows = [
        {
            "cells": [(display(c.value(obj)), c.hide_sm) for c in page.columns],
            "url": page.detail_url(obj) if page.detail_url else "",
            "cls": page.row_class(obj) if page.row_class else "",
        }
        for obj in p
    ]
    context = {
        "page": page,
        "p": p,
        "rows": rows,
        "f": filters,
        "years": years(),
        "months": MONTHS,
        "querystring": querystring,
        "can_create": bool(page.create_url) if can_create is None else can_create and bool(page.create_url),
    } | (extra or {})
    return render(request, htmx_template(request, "core/list.html"), context)


def export_list(page: ListPage, qs: QuerySet[Any]) -> HttpResponse:
    """The same columns as the page, every row of the filtered queryset, streamed from the database."""

    def rows() -> Iterable[list[object]]:
        for obj in qs.iterator(chunk_size=2000):
            yield [c.value(obj) for c in page.columns]

    return xlsx_response(str(page.title), [str(c.label) for c in page.columns], rows(), page.export_stem)
