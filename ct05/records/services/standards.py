"""Writes for a unit's ethical standards: issue, revise, review. Each keeps a revision and an audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import record
from ct05.core.text import clean
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Organization
from ct05.records.models import StandardCategory, StandardItem, StandardRevision, UnitStandard
from ct05.records.quality import assess_items
from ct05.records.services._common import ddmmyyyy, not_future, raise_if, search_text, text, user_or_none

MAX_ITEMS = 30  # a hard limit; the recommended maximum is a setting, and the engine says when there are too many


@dataclass
class StandardItemInput:
    category: StandardCategory | None
    text: str


def _items(rows: list[StandardItemInput]) -> list[tuple[StandardCategory, str]]:
    errors: list[str] = []
    out: list[tuple[StandardCategory, str]] = []
    for n, row in enumerate(rows, start=1):
        body = clean(row.text)
        if not body and row.category is None:
            continue
        if not body:
            errors.append(_("Điều %(n)s: chưa có nội dung.") % {"n": n})
        elif len(body) > 500:
            errors.append(_("Điều %(n)s: quá dài (tối đa 500 ký tự); chuẩn mực cần ngắn gọn, dễ nhớ.") % {"n": n})
        if row.category is None:
            errors.append(_("Điều %(n)s: chưa chọn chuẩn mực theo Quy định 144-QĐ/TW.") % {"n": n})
        if body and row.category is not None:
            out.append((row.category, body))
    if not out and not errors:
        errors.append(_("Bộ chuẩn mực cần ít nhất một điều."))
    if len(out) > MAX_ITEMS:
        errors.append(_("Bộ chuẩn mực có quá nhiều điều (tối đa %(n)s).") % {"n": MAX_ITEMS})
    if errors:
        raise ValidationError({"items": errors})
    return out


def _snapshot(items: list[tuple[StandardCategory, str]]) -> list[dict[str, Any]]:
    return [{"category": c.number, "category_id": c.pk, "text": t} for c, t in items]


def _store_verdict(standard: UnitStandard, texts: list[str]) -> None:
    v = assess_items(texts)
    standard.verdict = v.verdict
    standard.score = v.score
    standard.reasons = v.reasons


@transaction.atomic
def standard_save(
    *,
    actor: Any,
    org: Organization,
    title: str,
    issued_on: dt.date,
    items: list[StandardItemInput],
    note: str = "",
    today: dt.date | None = None,
) -> UnitStandard:
    """Issue the unit's standards, or revise them (a new version; the old one stays in the history)."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    title = text(title, 300, errors, "title", _("Tên bộ chuẩn mực"), required=True)
    note = text(note, 500, errors, "note", _("Ghi chú"))
    not_future(issued_on, errors, "issued_on", _("Ngày ban hành"), today)
    try:
        pairs = _items(items)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
        pairs = []
    standard = UnitStandard.objects.select_for_update().filter(organization=org).first()
    if standard is not None and issued_on < standard.issued_on:
        errors["issued_on"] = _("Ngày ban hành mới (%(d)s) trước lần ban hành trước (%(p)s).") % {
            "d": ddmmyyyy(issued_on),
            "p": ddmmyyyy(standard.issued_on),
        }
    raise_if(errors)
    before = None
    if standard is None:
        standard = UnitStandard(organization=org, version=1)
        kind = StandardRevision.Kind.ISSUED
    else:
        old = [(i.category, i.text) for i in standard.items.select_related("category")]
        before = {"title": standard.title, "issued_on": standard.issued_on.isoformat(), "items": _snapshot(old)}
        standard.version += 1
        kind = StandardRevision.Kind.REVISED
    standard.title, standard.issued_on, standard.reviewed_on = title, issued_on, issued_on
    _store_verdict(standard, [t for _c, t in pairs])
    standard.search_text = search_text(org.name, title, *(t for _c, t in pairs))
    standard.save()
    standard.items.all().delete()
    StandardItem.objects.bulk_create(
        [StandardItem(standard=standard, order=i, category=c, text=t) for i, (c, t) in enumerate(pairs, start=1)]
    )
    StandardRevision.objects.create(
        standard=standard,
        version=standard.version,
        kind=kind,
        date=issued_on,
        title=title,
        items=_snapshot(pairs),
        note=note,
        recorded_by=user_or_none(actor),
    )
    after = {"title": title, "issued_on": issued_on.isoformat(), "items": _snapshot(pairs), "verdict": standard.verdict}
    record(
        actor=actor,
        action=f"standard.{kind}",
        target=standard,
        organization_id=org.pk,
        before=before,
        after=after,
        note=note,
    )
    _stale(standard)
    return standard


def _stale(standard: UnitStandard) -> None:
    """The unit's standards figures of this year and of the years it was issued and reviewed change."""
    days = [clock.today(), standard.issued_on, standard.reviewed_on]
    rollup_mark_stale(org_ids=[standard.organization_id], days=days)


@transaction.atomic
def standard_review(
    *, actor: Any, standard: UnitStandard, date: dt.date, note: str = "", today: dt.date | None = None
) -> UnitStandard:
    """The unit reviewed its standards and kept them as they are."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    note = text(note, 500, errors, "note", _("Ghi chú"))
    not_future(date, errors, "date", _("Ngày rà soát"), today)
    if date < standard.issued_on:
        errors["date"] = _("Ngày rà soát trước ngày ban hành (%(d)s).") % {"d": ddmmyyyy(standard.issued_on)}
    raise_if(errors)
    standard = UnitStandard.objects.select_for_update().get(pk=standard.pk)
    before = {"reviewed_on": standard.reviewed_on.isoformat() if standard.reviewed_on else None}
    standard.reviewed_on = date
    items = list(standard.items.select_related("category"))
    _store_verdict(standard, [i.text for i in items])
    standard.save(update_fields=["reviewed_on", "verdict", "score", "reasons"])
    StandardRevision.objects.create(
        standard=standard,
        version=standard.version,
        kind=StandardRevision.Kind.REVIEWED,
        date=date,
        title=standard.title,
        items=_snapshot([(i.category, i.text) for i in items]),
        note=note,
        recorded_by=user_or_none(actor),
    )
    record(
        actor=actor,
        action="standard.reviewed",
        target=standard,
        organization_id=standard.organization_id,
        before=before,
        after={"reviewed_on": date.isoformat()},
        note=note,
    )
    _stale(standard)
    return standard
