"""Remediation tasks of missions under /api/v1/: read one (with its ETag), set one, report its status, schedule
its follow-up. Who may do what is the task page's rule (ct05/supervision/views/work.py): the supervisors of
the mission's issuing body set tasks and follow them up; the unit's own officers (and those supervisors)
report the status. Writes go through ct05/supervision/services/findings.py and add the API's audit event.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ct05.api import render_more as rm
from ct05.api.idempotency import idempotent
from ct05.api.schemas import READ_RESPONSES, ProblemOut
from ct05.api.schemas_writes import FollowUpIn, ProgressIn, TaskCreateIn, TaskDetailOut
from ct05.api.views_read import router
from ct05.api.writes import WRITE_ERRORS, Id, IdemKey, IfMatch, audit_write
from ct05.orgs.models import Member
from ct05.orgs.selectors.organizations import organization_list
from ct05.supervision.access import may_manage_mission, mission_q, supervises
from ct05.supervision.models import Mission, RemediationTask
from ct05.supervision.selectors import missions as msel
from ct05.supervision.services import findings as fsvc

TAGS = ["Giám sát"]
TASK = rm.Detail(RemediationTask, "t", gettext_lazy("nhiệm vụ khắc phục"), ("organization", "owner"), rm.task_detail)


@router.get("remediation-tasks/{id}", response={200: TaskDetailOut, **READ_RESPONSES}, tags=TAGS)
def task_get_api(request: HttpRequest, id: Id, response: HttpResponse) -> dict[str, Any]:
    """Một nhiệm vụ khắc phục, với lịch và kết quả kiểm tra lại; `ETag` dùng cho `If-Match` khi cập nhật."""
    msel.task_get(user=request.user, pk=id)  # 404 outside the scope
    return TASK.answer(id, response)


@router.post("remediation-tasks", response={201: TaskDetailOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def task_create_api(request: HttpRequest, payload: TaskCreateIn, idempotency_key: IdemKey) -> HttpResponse:
    """Giao một nhiệm vụ khắc phục sau kết luận của đoàn: rõ người (số thẻ), rõ việc, rõ thời gian; đơn vị là
    một đơn vị đoàn đã làm việc. Chỉ cán bộ giám sát của cơ quan ra quyết định thành lập đoàn."""

    def produce() -> tuple[int, dict[str, Any], dict[str, str]]:
        visible = Mission.objects.filter(mission_q(request.user, timezone.localdate()))
        mission = visible.select_related("issuing_body").filter(pk=payload.mission_id).first()
        if mission is None:
            raise ValidationError(
                {"mission_id": _("Không có đoàn mã %(v)s mà bạn được xem.") % {"v": payload.mission_id}}
            )
        if not may_manage_mission(request.user, mission):
            raise PermissionDenied(_("Chỉ cán bộ giám sát của cơ quan thành lập đoàn mới giao nhiệm vụ khắc phục."))
        code = payload.organization_code.strip()
        org = organization_list(user=request.user).filter(code__iexact=code).first()
        if org is None:
            raise ValidationError(
                {"organization_code": _("Không có đơn vị mã “%(v)s” trong phạm vi bạn được xem.") % {"v": code}}
            )
        card = payload.owner_card.strip()
        owner = Member.objects.filter(
            card_number=card, cell__path__startswith=org.path, status=Member.Status.ACTIVE
        ).first()
        if owner is None:
            raise ValidationError(
                {"owner_card": _("Không có đảng viên số thẻ “%(v)s” thuộc %(u)s.") % {"v": card, "u": org.name}}
            )
        task = fsvc.task_create(
            actor=request.user,
            mission=mission,
            organization=org,
            owner=owner,
            deadline=payload.deadline,
            text=payload.text,
            point_number=payload.point_number,
        )
        audit_write(request, "task.create", task, org.pk)
        return TASK.created(task.pk, "/api/v1/remediation-tasks")

    return idempotent(request, produce)


@router.put("remediation-tasks/{id}", response={200: TaskDetailOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def task_update_api(
    request: HttpRequest, id: Id, payload: ProgressIn, if_match: IfMatch, response: HttpResponse
) -> dict[str, Any]:
    """Đơn vị báo tình trạng nhiệm vụ: tình trạng, kết quả và minh chứng, ngày hoàn thành (cần If-Match)."""
    task = msel.task_get(user=request.user, pk=id)  # 404 outside the scope
    if not msel.may_update_task(user=request.user, task=task):
        raise PermissionDenied(_("Bạn được xem nhưng không được báo tình trạng nhiệm vụ này."))
    with transaction.atomic():
        TASK.lock_matching(id, if_match)
        fsvc.task_update(actor=request.user, task=task, **payload.model_dump())
        audit_write(request, "task.update", task, task.organization_id, status=payload.status)
    return TASK.answer(id, response)


@router.put("remediation-tasks/{id}/follow-up", response={200: TaskDetailOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def task_follow_up_api(
    request: HttpRequest, id: Id, payload: FollowUpIn, if_match: IfMatch, response: HttpResponse
) -> dict[str, Any]:
    """Cơ quan ra quyết định thành lập đoàn ghi lịch và kết quả kiểm tra lại (cần If-Match)."""
    task = msel.task_get(user=request.user, pk=id)  # 404 outside the scope
    if not supervises(request.user, task.mission.issuing_body):
        raise PermissionDenied(_("Chỉ cơ quan thành lập đoàn mới ghi việc kiểm tra lại nhiệm vụ."))
    with transaction.atomic():
        TASK.lock_matching(id, if_match)
        fsvc.task_follow_up(
            actor=request.user, task=task, follow_up_on=payload.follow_up_on, result=payload.follow_up_result
        )
        audit_write(request, "task.follow_up", task, task.organization_id)
    return TASK.answer(id, response)
