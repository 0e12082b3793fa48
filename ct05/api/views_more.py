"""Reads of records and supervision under /api/v1/: each list is the page's own selector for the token's
user (the same scope and visibility), paged by cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query

from ct05.api import render_more as rm
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
from ct05.cycle.models import CellIndicator
from ct05.cycle.selectors.registrations import current_year
from ct05.cycle.selectors.year import indicator_list
from ct05.records.models import StandardItem, UnitStandard
from ct05.records.selectors.meetings import ListFilters, meeting_list, resolution_item_list  # the lists' filters
from ct05.records.selectors.standards import standard_units
from ct05.supervision.access import mission_q
from ct05.supervision.models import Finding, Mission
from ct05.supervision.selectors.missions import Filters, mission_list, task_list
from ct05.supervision.selectors.warnings import WarningFilters, warning_list

Status = Annotated[str, Query("", max_length=16)]
INDICATOR_KEYS: tuple[str, ...] = ("members", "registered", "registrations", "commitments", "specific", "copied")
INDICATOR_KEYS += ("linked", "with_deadline", "checked_in", "self_assessed")


def rows(one: Callable[[Any], dict[str, Any]]) -> Callable[[Any], list[dict[str, Any]]]:
    """A page's renderer from the renderer of one row."""
    return lambda page_rows: [one(r) for r in page_rows]


def _indicator(i: CellIndicator) -> dict[str, Any]:
    return {
        "organization_id": i.organization_id,
        "organization_code": i.organization.code,
        "year": i.year,
        "computed_at": i.computed_at,
        **{k: getattr(i, k) for k in INDICATOR_KEYS},
    }


def _supervision_filters(request: HttpRequest, org: str | None, year: int | None, status: str) -> Filters:
    return Filters(org=org_filter(request.user, org), year=year, status=status)


@router.get("meetings", response={200: page_of(MeetingOut, "MeetingPage"), **READ_RESPONSES}, tags=["Sinh hoạt chi bộ"])
def meeting_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Các buổi sinh hoạt chi bộ (`status`: loại sinh hoạt, hoặc `missing_study` — thiếu nội dung học tập và
    làm theo)."""
    filters = ListFilters(org=org_filter(request.user, org), year=year, status=status)
    qs = meeting_list(user=request.user, filters=filters)
    return page(qs, cursor=cursor, limit=limit, render=rows(rm.meeting))


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
    return page(qs, cursor=cursor, limit=limit, render=rows(rm.resolution_item))


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
    return page(qs, cursor=cursor, limit=limit, render=rows(_standard))


@router.get("warnings", response={200: page_of(WarningOut, "WarningPage"), **READ_RESPONSES}, tags=["Giám sát"])
def warning_list_api(request: HttpRequest, org: OrgCode, cursor: Cursor, limit: Limit) -> dict[str, Any]:
    """Các cảnh báo đang mở trong phạm vi."""
    qs = warning_list(user=request.user, filters=WarningFilters(org=org_filter(request.user, org)))
    return page(qs, cursor=cursor, limit=limit, render=rows(rm.warning))


@router.get("missions", response={200: page_of(MissionOut, "MissionPage"), **READ_RESPONSES}, tags=["Giám sát"])
def mission_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Các đoàn khảo sát, kiểm tra mà người dùng mã được xem (đơn vị được chọn: `units`)."""
    filters = _supervision_filters(request, org, year, status)
    qs = mission_list(user=request.user, filters=filters, today=timezone.localdate()).prefetch_related("units")
    return page(qs, cursor=cursor, limit=limit, render=rows(rm.mission))


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
    return page(qs, cursor=cursor, limit=limit, render=rows(rm.finding))


@router.get("remediation-tasks", response={200: page_of(TaskOut, "TaskPage"), **READ_RESPONSES}, tags=["Giám sát"])
def task_list_api(
    request: HttpRequest, org: OrgCode, year: Year, cursor: Cursor, limit: Limit, status: Status = ""
) -> dict[str, Any]:
    """Nhiệm vụ khắc phục sau kết luận của đoàn (`status`: tình trạng, hoặc `overdue` — quá hạn)."""
    filters = _supervision_filters(request, org, year, status)
    qs = task_list(user=request.user, filters=filters, today=timezone.localdate())
    return page(qs, cursor=cursor, limit=limit, render=rows(rm.task))


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
    return page(qs, cursor=cursor, limit=limit, render=rows(_indicator))
