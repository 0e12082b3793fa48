"""Helpers shared by the record services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ct05.core.text import clean, fold
from ct05.orgs.models import Member, Organization


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def ddmmyyyy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def search_text(*parts: object) -> str:
    return fold(" ".join(str(p) for p in parts if p))[:500]


def text(value: object, limit: int, errors: dict[str, str], field: str, label: str, *, required: bool = False) -> str:
    """NFC-cleaned text; a message naming the field when it is empty (and required) or too long."""
    out = clean(value) if limit <= 500 else multiline(value)
    if required and not out:
        errors[field] = _("Trường “%(f)s” không được để trống.") % {"f": label}
    elif len(out) > limit:
        errors[field] = _("Trường “%(f)s” quá dài (tối đa %(n)s ký tự).") % {
            "f": label,
            "n": f"{limit:,}".replace(",", "."),
        }
    return out


def multiline(value: object) -> str:
    """NFC, legacy look-alikes fixed, line breaks kept (for long texts), each line trimmed."""
    lines = [clean(line) for line in str(value or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def not_future(day: dt.date | None, errors: dict[str, str], field: str, label: str, today: dt.date) -> None:
    if day is not None and day > today:
        errors[field] = _("%(f)s (%(d)s) không thể ở tương lai.") % {"f": label, "d": ddmmyyyy(day)}


def member_of(member: Member | None, org: Organization, errors: dict[str, str], field: str) -> None:
    """A member named on a record of `org` must belong to a cell of its subtree."""
    if member is None:
        return
    if not member.cell.path.startswith(org.path):
        errors[field] = _("Đảng viên %(name)s không thuộc %(org)s.") % {"name": member.full_name, "org": org.name}


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
