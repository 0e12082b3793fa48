"""Reads under /api/v1/: the same selectors, resolver and visibility as the pages (no second rulebook)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from ct05.accounts.reads import personal_data_read
from ct05.api import render
from ct05.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, changed_since, org_filter, page
from ct05.api.schemas import (
    READ_RESPONSES,
    MemberOut,
    MemberPage,
    OrgDetailOut,
    OrgPage,
    RegistrationOut,
    RegistrationPage,
)
from ct05.cycle.access import registration_q
from ct05.cycle.models import Registration
from ct05.cycle.selectors.registrations import registration_get
from ct05.orgs.selectors.members import member_get, member_list
from ct05.orgs.selectors.organizations import organization_get, organization_history, organization_list

router = Router()

Id = Annotated[int, Path(ge=1, le=2**62)]
Cursor = Annotated[str | None, Query(None, max_length=200, description="giá trị `next` của trang trước")]
Limit = Annotated[int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)]
OrgCode = Annotated[str | None, Query(None, max_length=32, description="mã đơn vị: chỉ cây đơn vị này")]
Since = Annotated[dt.datetime | None, Query(None, description="chỉ những bản ghi thay đổi từ thời điểm này")]
Year = Annotated[int | None, Query(None, ge=2016, le=2100)]


@router.get("organizations", response={200: OrgPage, **READ_RESPONSES}, tags=["Tổ chức đảng"])
def organization_list_api(
    request: HttpRequest, org: OrgCode, updated_since: Since, cursor: Cursor, limit: Limit
) -> dict[str, Any]:
    """Các tổ chức đảng trong phạm vi của người dùng mã (cả đơn vị đã kết thúc hoạt động), theo cây:
    `parent_id` nối mỗi đơn vị với cấp trên."""
    qs = organization_list(user=request.user, include_closed=True)
    root = org_filter(request.user, org)
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    if updated_since is not None:
        qs = changed_since(qs, updated_since)
    return page(qs, cursor=cursor, limit=limit, render=render.orgs)


@router.get("organizations/{id}", response={200: OrgDetailOut, **READ_RESPONSES}, tags=["Tổ chức đảng"])
def organization_get_api(request: HttpRequest, id: Id) -> dict[str, Any]:
    """Một tổ chức đảng, các đơn vị trực thuộc (số) và lịch sử (thành lập, đổi tên, sáp nhập, chia tách…)."""
    o = organization_get(user=request.user, pk=id)
    children = organization_list(user=request.user, include_closed=True).filter(parent=o).values_list("pk", flat=True)
    history = [
        {"id": e.pk, "kind": e.kind, "date": e.date, "related_id": e.related_id, "details": e.details}
        for e in organization_history(user=request.user, org=o)
    ]
    return {**render.org(o), "children": list(children), "history": history}


@router.get("members", response={200: MemberPage, **READ_RESPONSES}, tags=["Đảng viên"])
def member_list_api(
    request: HttpRequest,
    org: OrgCode,
    updated_since: Since,
    cursor: Cursor,
    limit: Limit,
    status: Annotated[str, Query("", pattern="^(|active|transferred)$")] = "",
) -> dict[str, Any]:
    """Đảng viên trong phạm vi (đảng viên thường chỉ thấy chính mình), kèm nhiệm vụ đang được phân công."""
    root = org_filter(request.user, org)
    qs = member_list(user=request.user, org=root, status=status)
    if updated_since is not None:
        qs = changed_since(qs, updated_since, ("orgs.duty", "duties"))
    result = page(render.member_rows(qs), cursor=cursor, limit=limit, render=render.members)
    if result["items"]:  # issue 12: reads of personal data are logged, a page of the list as an export
        personal_data_read(
            reader=request.user,
            what="member.export",
            organization_id=root.pk if root else None,
            count=len(result["items"]),
        )
    return result


@router.get("members/{id}", response={200: MemberOut, **READ_RESPONSES}, tags=["Đảng viên"])
def member_get_api(request: HttpRequest, id: Id) -> dict[str, Any]:
    member = member_get(user=request.user, pk=id)
    personal_data_read(reader=request.user, what="member.page", member_id=member.pk)  # issue 12
    return render.member(member)


@router.get("registrations", response={200: RegistrationPage, **READ_RESPONSES}, tags=["Đăng ký làm theo"])
def registration_list_api(
    request: HttpRequest,
    org: OrgCode,
    year: Year,
    updated_since: Since,
    cursor: Cursor,
    limit: Limit,
    status: Annotated[str | None, Query(None, max_length=16)] = None,
) -> dict[str, Any]:
    """Bản đăng ký làm theo (cá nhân và kế hoạch tập thể) với các nội dung, kết luận của bộ kiểm tra và lý do,
    mức giống nhau lớn nhất và tiến độ theo quý."""
    qs = Registration.objects.filter(registration_q(request.user))
    root = org_filter(request.user, org)
    if root is not None:
        qs = qs.filter(organization__path__startswith=root.path)
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=updated_since)
    return page(render.registration_qs(qs), cursor=cursor, limit=limit, render=render.registrations)


@router.get("registrations/{id}", response={200: RegistrationOut, **READ_RESPONSES}, tags=["Đăng ký làm theo"])
def registration_get_api(request: HttpRequest, id: Id, response: HttpResponse) -> dict[str, Any]:
    """Một bản đăng ký, với các bản giống nhau đã được xác minh của từng nội dung (tên người và đơn vị chỉ hiện
    khi người gọi được xem bản kia). Tiêu đề `ETag` dùng cho `If-Match` khi sửa."""
    visible = registration_get(user=request.user, pk=id)  # 404 outside the scope, as on the pages
    personal_data_read(reader=request.user, what="registration.page", member_id=visible.member_id)  # issue 12
    reg = render.registration_qs(Registration.objects.filter(pk=id)).get()
    response["ETag"] = render.etag(reg)
    return render.registration(reg, user=request.user, with_copies=True)
