"""Filters shared by every records list: unit (with its subtree), period, status, free text without
diacritics. The scope always comes from the access resolver."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from ct05.access.resolver import Action, org_scope
from ct05.core.text import fold
from ct05.core.web.lists import ListFilters

M = TypeVar("M", bound=models.Model)


def scoped(qs: QuerySet[M], user: Any, via: str, action: Action = "view") -> QuerySet[M]:
    return qs.filter(org_scope(user, action).q(via))


def apply_filters(qs: QuerySet[M], f: ListFilters, *, via: str, date_field: str) -> QuerySet[M]:
    if f.org is not None:
        qs = qs.filter(**{f"{via}path__startswith": f.org.path})
    if f.year:
        qs = qs.filter(**{f"{date_field}__year": f.year})
        if f.month:
            qs = qs.filter(**{f"{date_field}__month": f.month})
    for word in fold(f.query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def get_in_scope(qs: QuerySet[Any], *, user: Any, pk: int, via: str, action: Action = "view") -> Any:
    """The record, or 404 when its unit is outside the user's scope for `action` (as if it did not exist)."""
    try:
        return scoped(qs, user, via, action).get(pk=pk)
    except qs.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
