"""No lost update (issue 4 for registrations, issue 15 item 7 for meetings and remediation tasks): a form
carries the `version` of the record it showed; the service, holding the row locked, refuses a save made on an
older version and tells the person who changed the record, when, and which fields — read from the audit
trail, which every write fills in the same transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.core.models import AuditEvent


class ConcurrentEdit(ValidationError):
    """The record changed since the person opened it; the message says what changed."""


def _label(model: type[models.Model], field: str) -> str:
    named = {"agenda": _("nội dung sinh hoạt"), "commitments": _("các nội dung đăng ký")}
    if field in named:
        return named[field]
    try:
        return str(getattr(model._meta.get_field(field), "verbose_name", field))
    except FieldDoesNotExist:
        return field


def what_changed(target: models.Model) -> str:
    """'Nguyễn Văn A, lúc 09:15 03/12/2026, đã sửa: tình trạng, kết quả, minh chứng' from the latest audit event."""
    event = (
        AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .order_by("-at", "-id")
        .first()
    )
    if event is None:
        return ""
    fields = [_label(type(target), name) for name in sorted((event.after or {}).keys()) if name != "version"]
    text = _("%(who)s, lúc %(time)s") % {
        "who": event.actor_label if event.actor_label != "—" else _("hệ thống"),
        "time": timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"),
    }
    if fields:
        text += _(", đã sửa: %(fields)s") % {"fields": ", ".join(fields)}
    return text


def check_version(target: Any, seen: int | None, *, what: str) -> None:
    """Refuse when `seen` (the version the form showed) is not the locked row's current one; None skips the
    check (a command or the seed writing without a form)."""
    if seen is None or int(seen) == target.version:
        return
    detail = what_changed(target)
    raise ConcurrentEdit(
        _(
            "%(what)s vừa được người khác cập nhật sau khi bạn mở trang (%(detail)s). Thay đổi của bạn chưa được "
            "lưu: hãy tải lại trang để xem bản mới nhất rồi nhập lại."
        )
        % {"what": what, "detail": detail or _("không rõ người sửa")}
    )
