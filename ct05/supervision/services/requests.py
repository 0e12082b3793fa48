"""In-depth reports ("báo cáo sâu") the mission asks of its units, and the units' answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import record, snapshot
from ct05.core.text import clean
from ct05.orgs.models import Organization
from ct05.records.models import StoredFile
from ct05.supervision.models import Mission, ReportAnswer, ReportAttachment, ReportRequest

ANSWER_MAX = 50_000
MAX_ATTACHMENTS = 10


@transaction.atomic
def report_request_create(
    *, actor: Any, mission: Mission, organization: Organization, topic: str, deadline: dt.date, detail: str = ""
) -> ReportRequest:
    topic = clean(topic)
    errors: dict[str, str] = {}
    if not topic:
        errors["topic"] = _("Cần nhập chủ đề báo cáo.")
    if not mission.units.filter(organization=organization).exists():
        errors["organization"] = _("Đơn vị không thuộc danh sách đơn vị của đoàn.")
    if mission.status == Mission.Status.COMPLETED:
        errors["deadline"] = _("Đoàn đã kết thúc: không gửi yêu cầu mới.")
    if deadline < clock.today():
        errors["deadline"] = _("Hạn gửi báo cáo đã qua.")
    if errors:
        raise ValidationError(errors)
    req = ReportRequest.objects.create(
        mission=mission, organization=organization, topic=topic, deadline=deadline, detail=str(detail or "").strip()
    )
    record(
        actor=actor,
        action="report_request.create",
        target=req,
        organization_id=organization.pk,
        after=snapshot(req, ["mission", "organization", "topic", "deadline"]),
    )
    return req


@transaction.atomic
def report_answer_submit(
    *, actor: Any, request: ReportRequest, text: str, files: list[tuple[StoredFile, str]] | None = None
) -> ReportAnswer:
    """The unit's answer (text and attachments). Sending again replaces the text and adds the new files.
    Who may answer (the unit's own officers, never another unit) is checked by the selector that found
    `request` for the acting user."""
    text = str(text or "").strip()
    files = files or []
    if not text:
        raise ValidationError({"text": _("Cần nhập nội dung báo cáo.")})
    if len(text) > ANSWER_MAX:
        raise ValidationError({"text": _("Nội dung dài quá %(n)s ký tự; hãy gửi kèm tệp.") % {"n": ANSWER_MAX}})
    req = ReportRequest.objects.select_for_update().get(pk=request.pk)
    answer = ReportAnswer.objects.filter(request=req).first()
    before = {"text": answer.text} if answer else None
    if answer is None:
        answer = ReportAnswer(request=req)
    if answer.pk and answer.attachments.count() + len(files) > MAX_ATTACHMENTS or len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"file": _("Tối đa %(n)s tệp đính kèm cho một báo cáo.") % {"n": MAX_ATTACHMENTS}})
    answer.text = text
    answer.answered_at = timezone.now()
    answer.answered_by = actor if getattr(actor, "is_authenticated", False) else None
    answer.save()
    for stored, name in files:
        ReportAttachment.objects.create(answer=answer, file=stored, file_name=name[:200])
    record(
        actor=actor,
        action="report_answer.submit",
        target=answer,
        organization_id=req.organization_id,
        before=before,
        after={"text": text[:2000], "files": [n for _s, n in files]},
    )
    return answer
