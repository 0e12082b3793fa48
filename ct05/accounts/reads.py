"""Reads of personal data (issue 12, item 5): logging them, showing a member who opened their data, and
giving a member their own data.

`personal_data_read` is called by the views that show or export personal data (a member's page, a
registration, its printed form, the exports of members and of registrations, a cell's registration book,
and the API's reads of members and registrations). `reads_of_member` answers "who opened my data": the pages
that named the member, and the exports that covered them — filtered on their cell or a unit above it, or unfiltered by a
reader whose scope holds them. `own_data` is everything CT05 keeps that points at the member, as JSON.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from ct05.access.resolver import member_q
from ct05.accounts.models import PersonalDataRead
from ct05.core.audit import actor_name
from ct05.orgs.models import Member

WHAT_LABELS = {
    "member.page": "Xem trang thông tin đảng viên",
    "registration.page": "Xem bản đăng ký làm theo",
    "registration.form": "Tải phiếu đăng ký làm theo (.docx)",
    "member.export": "Tải danh sách đảng viên",
    "registration.export": "Tải danh sách đăng ký làm theo",
    "registration.book": "Tải sổ đăng ký làm theo của chi bộ",
}
# Reads that cover a unit's members rather than one member: filtered on a unit (organization_id), or not
# filtered at all (the reader's whole scope).
COLLECTIVE = ("member.export", "registration.export", "registration.book")
# Internal fields that say nothing about the person.
_SKIP = {"sort_key", "search_text"}


def personal_data_read(
    *, reader: Any, what: str, member_id: int | None = None, organization_id: int | None = None, count: int = 1
) -> None:
    if not getattr(reader, "is_authenticated", False) or (what.endswith(".page") and member_id is None):
        return  # a collective plan's page names no member
    own = member_id is not None and Member.objects.filter(pk=member_id, user=reader).exists()
    if own:
        return  # one's own page is not somebody opening one's data
    PersonalDataRead.objects.create(
        reader=reader,
        reader_name=actor_name(reader),
        what=what,
        member_id=member_id,
        organization_id=organization_id,
        count=count,
    )


def reads_of_member(*, member: Member, limit: int = 200) -> list[PersonalDataRead]:
    units = [int(seg) for seg in member.cell.path.strip("/").split("/") if seg]
    rows = list(
        PersonalDataRead.objects.filter(
            Q(member_id=member.pk) | Q(what__in=COLLECTIVE, organization_id__in=units)
        ).order_by("-at", "-id")[:limit]
    )
    unfiltered = PersonalDataRead.objects.filter(what__in=COLLECTIVE, organization_id__isnull=True)
    readers = get_user_model().objects.filter(pk__in=unfiltered.values("reader_id"))
    seeing = [u.pk for u in readers if Member.objects.filter(member_q(u, "view"), pk=member.pk).exists()]
    rows += list(unfiltered.filter(reader_id__in=seeing).order_by("-at", "-id")[:limit])
    rows.sort(key=lambda r: (r.at, r.pk), reverse=True)
    return rows[:limit]


def _value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):  # derived data (text fingerprints): written out, not dropped
        return bytes(value).hex()
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    return {f.attname: _value(getattr(obj, f.attname)) for f in obj._meta.concrete_fields if f.name not in _SKIP}


def _related(obj: models.Model, depth: int) -> dict[str, list[dict[str, Any]]]:
    """Rows of every model that points at `obj` (its duties, registrations…), and one level below them."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rel in obj._meta.related_objects:
        if rel.many_to_many or not rel.field.concrete:
            continue
        rows = []
        for child in rel.related_model._default_manager.filter(**{rel.field.name: obj}).order_by("pk"):
            row = _row(child)
            if depth > 1:
                row.update({f"{k}": v for k, v in _related(child, depth - 1).items() if v})
            rows.append(row)
        if rows:
            out[rel.related_model._meta.label_lower] = rows
    return out


def own_data(*, member: Member) -> dict[str, Any]:
    """Everything about `member` as JSON-ready data: the record, then whatever points at it."""
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(),
        "member": _row(member),
        "cell": {"code": member.cell.code, "name": member.cell.name},
        "records": _related(member, depth=2),
    }
