"""Audit events: every service records one per write, with the values before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from ct05.core.models import AuditEvent


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `obj`, JSON-ready (foreign keys as ids, dates as ISO strings)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        value = getattr(obj, f.attname)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[f.name] = value
    return out


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    organization_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    person = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=person,
        actor_name=actor_name(person) if person is not None else "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        organization_id=organization_id,
        before=before,
        after=after,
        note=note[:500],
    )


def actor_name(user: Any) -> str:
    """ "Full name (username)", or the username alone: kept on the event after the account is gone."""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.username})" if full and full != user.username else str(user.username)


ACTION_LABELS = {
    "member.create": "Thêm đảng viên",
    "member.update": "Sửa thông tin",
    "member.transfer": "Chuyển sinh hoạt",
    "duty.add": "Thêm nhiệm vụ",
    "duty.end": "Kết thúc nhiệm vụ",
    "organization.create": "Thành lập đơn vị",
    "organization.update": "Sửa thông tin đơn vị",
    "organization.move": "Chuyển trực thuộc",
    "organization.close": "Kết thúc hoạt động",
}


def describe(event: AuditEvent, model: type[models.Model]) -> list[tuple[str, str, str]]:
    """(field label, value before, value after) of an audit event, for people to read."""
    rows: list[tuple[str, str, str]] = []
    before, after = event.before or {}, event.after or {}
    for key in list(dict.fromkeys([*before, *after])):
        if key == "id":
            continue
        try:
            label = str(model._meta.get_field(key).verbose_name)
        except Exception:  # a field removed since the event was written keeps its raw name
            label = key
        rows.append((label, _show(before.get(key)), _show(after.get(key))))
    return rows


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "Có"
    if value is False:
        return "Không"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return str(value)
