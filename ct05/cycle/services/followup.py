"""After acceptance: quarterly check-ins, year-end self-assessment, the cell's assessment and rating, lock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import record
from ct05.core.text import clean
from ct05.cycle.access import is_owner, may_manage
from ct05.cycle.models import TEXT_MAX, CheckIn, Commitment, RatingLevel, Registration
from ct05.cycle.services.registrations import _require_review, _user, bump
from ct05.dashboard.stale import rollup_mark_stale


def _may_act(actor: Any, registration: Registration) -> bool:
    return is_owner(actor, registration) or may_manage(actor, registration)


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


@transaction.atomic
def checkin_record(
    *,
    actor: Any,
    commitment: Commitment,
    quarter: int,
    progress: str,
    evidence: str = "",
    percent: int | None = None,
) -> CheckIn:
    """Record (or correct) the progress of one commitment in a quarter that has begun."""
    registration = Registration.objects.select_for_update().get(pk=commitment.registration_id)
    if not _may_act(actor, registration):
        raise PermissionDenied(_("Bạn không được cập nhật bản đăng ký này."))
    if registration.status != Registration.Status.ACCEPTED:
        if registration.is_locked:
            raise ValidationError(_("Bản đăng ký đã khóa sổ: không thể sửa."))
        raise ValidationError(_("Chỉ cập nhật tiến độ khi bản đăng ký đã được chi bộ thông qua và chưa tự đánh giá."))
    errors: dict[str, str] = {}
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = _("Quý phải từ 1 đến 4.")
    elif quarter_start(registration.year, quarter) > clock.today():
        errors["quarter"] = _("Quý %(q)s năm %(y)s chưa bắt đầu.") % {"q": quarter, "y": registration.year}
    progress, evidence = clean(progress), clean(evidence)
    if not progress:
        errors["progress"] = _("Ghi tiến độ, kết quả đã làm được.")
    elif len(progress) > TEXT_MAX:
        errors["progress"] = _("Tiến độ quá dài (tối đa 2.000 ký tự).")
    if len(evidence) > TEXT_MAX:
        errors["evidence"] = _("Minh chứng quá dài (tối đa 2.000 ký tự).")
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = _("Mức hoàn thành phải từ 0 đến 100%.")
    if errors:
        raise ValidationError(errors)
    on_behalf = not is_owner(actor, registration)
    checkin, created = CheckIn.objects.update_or_create(
        commitment=commitment,
        quarter=quarter,
        defaults={
            "progress": progress,
            "evidence": evidence,
            "percent": percent,
            "created_by": _user(actor),
            "on_behalf": on_behalf,
        },
    )
    record(
        actor=actor,
        action="checkin.create" if created else "checkin.update",
        target=checkin,
        organization_id=registration.organization_id,
        after={"quarter": quarter, "progress": progress, "evidence": evidence, "percent": percent},
        note=_("nhập thay đảng viên") if on_behalf else "",
    )
    rollup_mark_stale(org_ids=[registration.organization_id], days=[registration.year])
    return checkin


@dataclass
class SelfResultInput:
    commitment_id: int
    result: str
    evidence: str = ""


@transaction.atomic
def registration_self_assess(
    *, actor: Any, registration: Registration, version: int, results: list[SelfResultInput], summary: str = ""
) -> Registration:
    """The member's year-end assessment of each commitment (done / partly / not, with evidence)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not _may_act(actor, registration):
        raise PermissionDenied(_("Bạn không được cập nhật bản đăng ký này."))
    if registration.status != Registration.Status.ACCEPTED:
        raise ValidationError(_("Chỉ tự đánh giá được bản đăng ký đã được thông qua và chưa tự đánh giá."))
    commitments = {c.pk: c for c in registration.commitments.all()}
    given = {r.commitment_id: r for r in results}
    errors: list[str] = []
    for pos, c in enumerate(commitments.values(), start=1):
        r = given.get(c.pk)
        if r is None or r.result not in Commitment.SelfResult.values:
            errors.append(_("Nội dung %(n)s: chọn mức tự đánh giá.") % {"n": pos})
        elif len(clean(r.evidence)) > TEXT_MAX:
            errors.append(_("Nội dung %(n)s: minh chứng quá dài (tối đa 2.000 ký tự).") % {"n": pos})
    summary = clean(summary)
    if len(summary) > TEXT_MAX:
        errors.append(_("Tự đánh giá chung quá dài (tối đa 2.000 ký tự)."))
    if errors:
        raise ValidationError({"results": errors})
    bump(
        registration,
        version,
        actor,
        status=Registration.Status.SELF_ASSESSED,
        self_summary=summary,
        self_assessed_at=timezone.now(),
    )
    for c in commitments.values():
        r = given[c.pk]
        c.self_result, c.self_evidence = r.result, clean(r.evidence)
    Commitment.objects.bulk_update(list(commitments.values()), ["self_result", "self_evidence"])
    record(
        actor=actor,
        action="registration.self_assess",
        target=registration,
        organization_id=registration.organization_id,
        after={"results": {str(k): v.result for k, v in given.items()}, "summary": summary},
        note="" if is_owner(actor, registration) else _("nhập thay đảng viên"),
    )
    return registration


@transaction.atomic
def registration_assess(
    *, actor: Any, registration: Registration, version: int, rating: RatingLevel, comment: str
) -> Registration:
    """The cell's assessment and rating, after the member's self-assessment."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    _require_review(actor, registration)
    if registration.status != Registration.Status.SELF_ASSESSED:
        raise ValidationError(_("Chi bộ nhận xét, xếp loại sau khi đảng viên đã tự đánh giá."))
    day = dt.date(registration.year, 12, 31)
    if not RatingLevel.objects.in_effect(day).filter(pk=rating.pk).exists():
        raise ValidationError({"rating": _("Mức xếp loại này không áp dụng cho năm %(y)s.") % {"y": registration.year}})
    comment = clean(comment)
    if not comment:
        raise ValidationError({"comment": _("Ghi nhận xét của chi bộ.")})
    if len(comment) > TEXT_MAX:
        raise ValidationError({"comment": _("Nhận xét quá dài (tối đa 2.000 ký tự).")})
    bump(
        registration,
        version,
        actor,
        status=Registration.Status.ASSESSED,
        rating=rating,
        cell_comment=comment,
        assessed_at=timezone.now(),
        assessed_by=_user(actor),
    )
    record(
        actor=actor,
        action="registration.assess",
        target=registration,
        organization_id=registration.organization_id,
        after={"rating": rating.code, "cell_comment": comment},
    )
    return registration


@transaction.atomic
def registration_lock(*, actor: Any, registration: Registration, version: int) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    _require_review(actor, registration)
    if registration.status != Registration.Status.ASSESSED:
        raise ValidationError(_("Chỉ khóa sổ bản đăng ký đã được chi bộ nhận xét, xếp loại."))
    bump(registration, version, actor, status=Registration.Status.LOCKED, locked_at=timezone.now())
    record(
        actor=actor,
        action="registration.lock",
        target=registration,
        organization_id=registration.organization_id,
        after={"status": registration.status},
    )
    return registration
