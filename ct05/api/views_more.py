"""Reads of records and supervision under /api/v1/: each list is the page's own selector for the token's
user (the same scope and visibility), paged by cursor."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query

from ct05.api.pagination import org_filter, page
from ct05.api.schemas import READ_RESPONSES
from ct05.api.schemas_more import (
    FindingOut,
    IndicatorOut,
    MeetingOut,
    MissionOut,
    ResolutionItemOut,
    StandardOut,
    TaskOut,
    WarningOut,
    page_of,
)
from ct05.api.views_read import Cursor, Limit, OrgCode, Since, Year, router
from ct05.cycle.selectors.registrations import current_year
from ct05.cycle.selectors.year import indicator_list
from ct05.records.models import ResolutionItem, StandardItem, UnitStandard
from ct05.records.selectors.meetings import ListFilters, meeting_list, resolution_item_list  # the lists' filters
from ct05.records.selectors.standards import standard_units
from ct05.supervision.access import mission_q
from ct05.supervision.models import Finding, Mission
from ct05.supervision.selectors.missions import Filters, mission_list, task_list
from ct05.supervision.selectors.warnings import WarningFilters, warning_list

Status = Annotated[str, Query("", max_length=16)]


def _meeting(m: Any) -> dict[str, Any]:
    return {
        "id": m.pk,
        "cell_id": m.cell_id,
        "cell_code": m.cell.code,
        "kind": m.kind,
        "date": m.date,
        "for_month": m.for_month,
        "topic": m.topic,
        "resolution_summary": m.resolution_summary,
        "present": m.n_present,
        "resolution_items": m.n_items,
    }


@router.get("meetings", response={200: page_of(MeetingOut, "MeetingPage"), **READ_RESPONSES}, tags=["Sinh hoạt chi bộ"])
def meeting_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Các buổi sinh hoạt chi bộ (`status`: loại sinh hoạt, hoặc `missing_study` — thiếu nội dung học tập và
    làm theo)."""
    filters = ListFilters(org=org_filter(request.user, org), year=year, status=status)
    qs = meeting_list(user=request.user, filters=filters)
    return page(qs, cursor=cursor, limit=limit, render=lambda rows: [_meeting(m) for m in rows])


def _resolution_item(i: ResolutionItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "meeting_id": i.meeting_id,
        "cell_code": i.meeting.cell.code,
        "task": i.task,
        "owner_id": i.owner_id,
        "deadline": i.deadline,
        "status": i.status,
        "evidence": i.evidence,
        "completed_on": i.completed_on,
    }


@router.get(
    "resolution-items",
    response={200: page_of(ResolutionItemOut, "ResolutionItemPage"), **READ_RESPONSES},
    tags=["Sinh hoạt chi bộ"],
)
def resolution_item_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Các việc trong nghị quyết của chi bộ: người phụ trách, thời hạn, tình trạng (`overdue`: quá hạn)."""
    filters = ListFilters(org=org_filter(request.user, org), year=year, status=status)
    qs = resolution_item_list(user=request.user, filters=filters)
    return page(qs, cursor=cursor, limit=limit, render=lambda rows: [_resolution_item(i) for i in rows])


def _standard(s: UnitStandard) -> dict[str, Any]:
    return {
        "id": s.pk,
        "organization_id": s.organization_id,
        "organization_code": s.organization.code,
        "title": s.title,
        "issued_on": s.issued_on,
        "reviewed_on": s.reviewed_on,
        "version": s.version,
        "verdict": s.verdict,
        "score": s.score,
        "reasons": list(s.reasons or []),
        "items": [
            {"order": i.order, "category": i.category.code if i.category_id else None, "text": i.text}
            for i in s.items.all()
        ],
    }


@router.get("standards", response={200: page_of(StandardOut, "StandardPage"), **READ_RESPONSES}, tags=["Chuẩn mực"])
def standard_list_api(request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit) -> dict[str, Any]:
    """Bộ chuẩn mực đạo đức của các đơn vị trong phạm vi, với đánh giá chất lượng và lý do."""
    units = standard_units(user=request.user, filters=ListFilters(org=org_filter(request.user, org), year=year))
    qs = (
        UnitStandard.objects.filter(organization__in=units.values("pk"))
        .select_related("organization")
        .prefetch_related(Prefetch("items", queryset=StandardItem.objects.select_related("category")))
    )
    return page(qs, cursor=cursor, limit=limit, render=lambda rows: [_standard(s) for s in rows])


@router.get("warnings", response={200: page_of(WarningOut, "WarningPage"), **READ_RESPONSES}, tags=["Giám sát"])
def warning_list_api(request: HttpRequest, org: OrgCode, cursor: Cursor, limit: Limit) -> dict[str, Any]:
    """Các cảnh báo đang mở trong phạm vi."""
    qs = warning_list(user=request.user, filters=WarningFilters(org=org_filter(request.user, org)))

    def render(rows: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": w.pk,
                "code": w.code,
                "organization_id": w.organization_id,
                "organization_code": w.organization.code,
                "severity": w.severity,
                "message": w.message,
                "count": w.count,
                "first_seen": w.first_seen,
                "last_seen": w.last_seen,
            }
            for w in rows
        ]

    return page(qs, cursor=cursor, limit=limit, render=render)


@router.get("missions", response={200: page_of(MissionOut, "MissionPage"), **READ_RESPONSES}, tags=["Giám sát"])
def mission_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Các đoàn khảo sát, kiểm tra mà người dùng mã được xem (đơn vị được chọn: `units`)."""
    filters = Filters(org=org_filter(request.user, org), year=year, status=status)
    qs = mission_list(user=request.user, filters=filters, today=timezone.localdate()).prefetch_related("units")

    def render(rows: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": m.pk,
                "kind": m.kind,
                "title": m.title,
                "decision_number": m.decision_number,
                "issuing_body_id": m.issuing_body_id,
                "start_date": m.start_date,
                "end_date": m.end_date,
                "status": m.status,
                "completed_on": m.completed_on,
                "units": [u.organization_id for u in m.units.all()],
            }
            for m in rows
        ]

    return page(qs, cursor=cursor, limit=limit, render=render)


@router.get("findings", response={200: page_of(FindingOut, "FindingPage"), **READ_RESPONSES}, tags=["Giám sát"])
def finding_list_api(request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit) -> dict[str, Any]:
    """Kết quả, tồn tại hạn chế và kiến nghị của các đoàn mà người dùng mã được xem."""
    missions = Mission.objects.filter(mission_q(request.user, timezone.localdate())).values("pk")
    qs = Finding.objects.filter(mission__in=missions)
    root = org_filter(request.user, org)
    if root is not None:
        qs = qs.filter(organization__path__startswith=root.path)
    if year is not None:
        qs = qs.filter(mission__start_date__year=year)

    def render(rows: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": f.pk,
                "mission_id": f.mission_id,
                "organization_id": f.organization_id,
                "kind": f.kind,
                "text": f.text,
                "status": f.status,
                "suggested": f.suggested,
            }
            for f in rows
        ]

    return page(qs, cursor=cursor, limit=limit, render=render)


@router.get("remediation-tasks", response={200: page_of(TaskOut, "TaskPage"), **READ_RESPONSES}, tags=["Giám sát"])
def task_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Nhiệm vụ khắc phục sau kết luận của đoàn (`status`: tình trạng, hoặc `overdue` — quá hạn)."""
    filters = Filters(org=org_filter(request.user, org), year=year, status=status)
    qs = task_list(user=request.user, filters=filters, today=timezone.localdate())

    def render(rows: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": t.pk,
                "mission_id": t.mission_id,
                "organization_id": t.organization_id,
                "point_number": t.point_number,
                "text": t.text,
                "owner_id": t.owner_id,
                "deadline": t.deadline,
                "status": t.status,
                "evidence": t.evidence,
                "completed_on": t.completed_on,
            }
            for t in rows
        ]

    return page(qs, cursor=cursor, limit=limit, render=render)


@router.get("indicators", response={200: page_of(IndicatorOut, "IndicatorPage"), **READ_RESPONSES}, tags=["Chỉ số"])
def indicator_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, updated_since: Since
) -> dict[str, Any]:
    """Chỉ số theo chi bộ và năm (mặc định năm nay), do phân tích nền tính: số đảng viên, số đã đăng ký, nội
    dung cụ thể, sao chép, gắn nhiệm vụ, có thời hạn, đã cập nhật tiến độ, đã tự đánh giá."""
    the_year = year or current_year()
    qs = indicator_list(user=request.user, year=the_year, org=org_filter(request.user, org))
    if updated_since is not None:
        qs = qs.filter(computed_at__gte=updated_since)

    def render(rows: Any) -> list[dict[str, Any]]:
        keys = ("members", "registered", "registrations", "commitments", "specific", "copied", "linked")
        more = ("with_deadline", "checked_in", "self_assessed")
        return [
            {
                "organization_id": i.organization_id,
                "organization_code": i.organization.code,
                "year": i.year,
                "computed_at": i.computed_at,
                **{k: getattr(i, k) for k in keys + more},
            }
            for i in rows
        ]

    return page(qs, cursor=cursor, limit=limit, render=render)
