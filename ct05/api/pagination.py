"""Cursor pagination and the common filters (`org`, `year`, `updated_since`) of the list operations.

A cursor is the last id of the page, opaque to the client: pages are in id order, so a client that
follows `next` from the first page to the end sees every row that existed when it started once, however
many rows are added meanwhile (an offset would skip or repeat rows when rows are added before it).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import BigIntegerField, Model, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from ct05.api.problems import Problem
from ct05.core.models import AuditEvent
from ct05.orgs.models import Organization
from ct05.orgs.selectors.organizations import organization_list

M = TypeVar("M", bound=Model)
MAX_LIMIT = 500
DEFAULT_LIMIT = 100


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, value = text.split(":", 1)
        last = int(value)
        if kind != "id" or last < 0:
            raise ValueError
        return last
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, _("Tham số “cursor” không hợp lệ: hãy dùng đúng giá trị “next” của trang trước.")) from None


def page(
    qs: QuerySet[Any], *, cursor: str | None, limit: int, render: Callable[[Iterable[Any]], list[Any]]
) -> dict[str, Any]:
    """One page of `qs` (model instances, or dicts with "id") in id order: {"items": [...], "next": cursor or
    null}."""
    if cursor:
        qs = qs.filter(pk__gt=decode_cursor(cursor))
    rows = list(qs.order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    last = (rows[-1]["id"] if isinstance(rows[-1], dict) else rows[-1].pk) if rows else 0
    return {"items": render(rows), "next": encode_cursor(last) if more else None}


def org_filter(user: Any, code: str | None) -> Organization | None:
    """The organization with this code in the user's scope, or a 404 problem (as if it did not exist)."""
    if not code:
        return None
    org = organization_list(user=user, include_closed=True).filter(code__iexact=code.strip()).first()
    if org is None:
        raise Problem(404, _("Không có tổ chức đảng mã “%(v)s” trong phạm vi bạn được xem.") % {"v": code[:40]})
    return org


def changed_since(qs: QuerySet[M], since: dt.datetime, *extra: tuple[str, str]) -> QuerySet[M]:
    """Rows with an audit event at or after `since` (every service write records one), for models that
    have no `updated_at`. `extra` adds (audit target type, field of qs pointing at it), e.g. a member's
    duties: ("orgs.duty", "duties")."""
    label = qs.model._meta.label_lower
    ids = (
        AuditEvent.objects.filter(target_type=label, at__gte=since)
        .annotate(tid=Cast("target_id", BigIntegerField()))
        .values("tid")
    )
    flt = qs.filter(pk__in=ids)
    for target_type, via in extra:
        sub = (
            AuditEvent.objects.filter(target_type=target_type, at__gte=since)
            .annotate(tid=Cast("target_id", BigIntegerField()))
            .values("tid")
        )
        flt = flt | qs.filter(**{f"{via}__pk__in": sub})
    return flt.distinct()
