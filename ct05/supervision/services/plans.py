"""Annual inspection plans and self-inspection records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import record, snapshot
from ct05.core.text import clean, fold
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Organization
from ct05.supervision.models import InspectionPlan, SelfInspection


def _required(errors: dict[str, str], field: str, value: str, label: str) -> None:
    if not value:
        errors[field] = _("Cần nhập %(f)s.") % {"f": label}


@transaction.atomic
def inspection_plan_create(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    title: str,
    content: str,
    issued_on: dt.date,
    number: str = "",
) -> InspectionPlan:
    title, content, number = clean(title), str(content or "").strip(), clean(number)
    errors: dict[str, str] = {}
    _required(errors, "title", title, _("tên kế hoạch"))
    _required(errors, "content", content, _("nội dung kế hoạch"))
    if not 2000 <= year <= 2100:
        errors["year"] = _("Năm không hợp lệ.")
    if issued_on > clock.today():
        errors["issued_on"] = _("Ngày ban hành không được ở tương lai.")
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan.objects.create(
        organization=organization,
        year=year,
        title=title,
        content=content,
        issued_on=issued_on,
        number=number,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        search_text=fold(f"{number} {title}")[:500],
    )
    record(
        actor=actor,
        action="inspection_plan.create",
        target=plan,
        organization_id=organization.pk,
        after=snapshot(plan, ["organization", "year", "title", "number", "issued_on"]),
    )
    return plan


@transaction.atomic
def self_inspection_create(
    *,
    actor: Any,
    organization: Organization,
    date: dt.date,
    subject: str,
    result: str,
    follow_up: str = "",
    plan: InspectionPlan | None = None,
) -> SelfInspection:
    subject, result = clean(subject), str(result or "").strip()
    errors: dict[str, str] = {}
    _required(errors, "subject", subject, _("nội dung tự kiểm tra"))
    _required(errors, "result", result, _("kết quả"))
    if date > clock.today():
        errors["date"] = _("Ngày tự kiểm tra không được ở tương lai.")
    if date < organization.active_from:
        errors["date"] = _("Ngày tự kiểm tra trước khi đơn vị được thành lập.")
    if errors:
        raise ValidationError(errors)
    row = SelfInspection.objects.create(
        organization=organization,
        date=date,
        subject=subject,
        result=result,
        follow_up=str(follow_up or "").strip(),
        plan=plan,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        search_text=fold(f"{subject} {organization.name}")[:500],
    )
    record(
        actor=actor,
        action="self_inspection.create",
        target=row,
        organization_id=organization.pk,
        after=snapshot(row, ["organization", "date", "subject"]),
    )
    rollup_mark_stale(org_ids=[organization.pk], days=[date])
    return row
