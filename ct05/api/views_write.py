"""Writes under /api/v1/: registrations with their items, progress, the roster. Each goes through the same
service as the page (its checks, its transaction, its audit event) and adds one audit event naming the
token (action "api.<operation>"). Updates need `If-Match` (412 on a stale version); POST takes
`Idempotency-Key`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from ct05.api import render
from ct05.api.auth import token_of
from ct05.api.idempotency import idempotent
from ct05.api.problems import Problem
from ct05.api.roster import RosterRejected, roster_sync
from ct05.api.schemas import (
    CheckInIn,
    CheckInOut,
    ProblemOut,
    RegistrationCreateIn,
    RegistrationItemsIn,
    RegistrationOut,
    RosterIn,
    RosterOut,
)
from ct05.api.views_read import router  # one router: a path's GET and PUT must share one URL pattern
from ct05.api.writes import WRITE_ERRORS, Id, IdemKey, IfMatch, audit_write, require_match
from ct05.cycle.access import registration_q
from ct05.cycle.models import Commitment, Registration
from ct05.cycle.selectors.registrations import registration_for_action
from ct05.cycle.services.followup import checkin_record
from ct05.cycle.services.registrations import (
    CommitmentInput,
    registration_create,
    registration_save,
    registration_submit,
)
from ct05.orgs.selectors.members import member_list
from ct05.orgs.selectors.organizations import organization_list


def _version(if_match: str | None, registration: Registration) -> int:
    """The version the client read (from If-Match); 428 without one, 412 when it is not the current one."""
    require_match(if_match, render.etag(registration), what=_("bản đăng ký"))
    return registration.version


def _items(items: list[Any]) -> list[CommitmentInput]:
    return [CommitmentInput(**i.model_dump()) for i in items]


def _reg_body(reg: Registration, user: Any) -> tuple[dict[str, Any], dict[str, str]]:
    fresh = render.registration_qs(Registration.objects.filter(pk=reg.pk)).get()
    return render.registration(fresh, user=user, with_copies=True), {"ETag": render.etag(fresh)}


@router.post("registrations", response={201: RegistrationOut, WRITE_ERRORS: ProblemOut}, tags=["Đăng ký làm theo"])
def registration_create_api(
    request: HttpRequest, payload: RegistrationCreateIn, idempotency_key: IdemKey
) -> HttpResponse:
    """Tạo bản đăng ký của một đảng viên (theo số thẻ) hoặc kế hoạch tập thể của một đơn vị (theo mã), kèm
    các nội dung; bộ kiểm tra chấm từng nội dung như trên trang."""

    def produce() -> tuple[int, dict[str, Any], dict[str, str]]:
        member = organization = None
        if payload.member_card:
            member = member_list(user=request.user, status="").filter(card_number=payload.member_card.strip()).first()
            if member is None:
                raise ValidationError({"member_card": _("Không có đảng viên số thẻ này trong phạm vi bạn được xem.")})
        elif payload.organization_code:
            organization = (
                organization_list(user=request.user, action="manage")
                .filter(code__iexact=payload.organization_code.strip())
                .first()
            )
            if organization is None:
                raise ValidationError(
                    {"organization_code": _("Không có đơn vị mã này trong phạm vi bạn được quản lý.")}
                )
        else:
            raise ValidationError({"member_card": _("Ghi số thẻ đảng viên, hoặc mã đơn vị với kế hoạch tập thể.")})
        reg = registration_create(actor=request.user, year=payload.year, member=member, organization=organization)
        if payload.items:
            reg = registration_save(
                actor=request.user, registration=reg, version=reg.version, commitments=_items(payload.items)
            )
        audit_write(request, "registration.create", reg, reg.organization_id, items=len(payload.items))
        body, headers = _reg_body(reg, request.user)
        return 201, body, {**headers, "Location": f"/api/v1/registrations/{reg.pk}"}

    return idempotent(request, produce)


@router.put("registrations/{id}", response={200: RegistrationOut, WRITE_ERRORS: ProblemOut}, tags=["Đăng ký làm theo"])
def registration_update_api(
    request: HttpRequest, id: Id, payload: RegistrationItemsIn, if_match: IfMatch, response: HttpResponse
) -> dict[str, Any]:
    """Thay toàn bộ nội dung của bản nháp hoặc bản bị trả lại (cần If-Match)."""
    reg = registration_for_action(user=request.user, pk=id)
    version = _version(if_match, reg)
    with transaction.atomic():
        reg = registration_save(
            actor=request.user, registration=reg, version=version, commitments=_items(payload.items)
        )
        audit_write(request, "registration.save", reg, reg.organization_id, items=len(payload.items))
    body, headers = _reg_body(reg, request.user)
    response["ETag"] = headers["ETag"]
    return body


@router.post(
    "registrations/{id}/submit", response={200: RegistrationOut, WRITE_ERRORS: ProblemOut}, tags=["Đăng ký làm theo"]
)
def registration_submit_api(request: HttpRequest, id: Id, if_match: IfMatch, response: HttpResponse) -> dict[str, Any]:
    """Nộp bản đăng ký cho chi bộ xem xét (cần If-Match)."""
    reg = registration_for_action(user=request.user, pk=id)
    version = _version(if_match, reg)
    with transaction.atomic():
        reg = registration_submit(actor=request.user, registration=reg, version=version)
        audit_write(request, "registration.submit", reg, reg.organization_id)
    body, headers = _reg_body(reg, request.user)
    response["ETag"] = headers["ETag"]
    return body


@router.post("items/{id}/checkins", response={201: CheckInOut, WRITE_ERRORS: ProblemOut}, tags=["Đăng ký làm theo"])
def checkin_record_api(request: HttpRequest, id: Id, payload: CheckInIn, idempotency_key: IdemKey) -> HttpResponse:
    """Ghi (hoặc sửa) tiến độ một nội dung đăng ký trong một quý đã bắt đầu."""

    def produce() -> tuple[int, dict[str, Any], dict[str, str]]:
        visible = Registration.objects.filter(registration_q(request.user)).values("pk")
        commitment = Commitment.objects.filter(registration__in=visible, pk=id).first()
        if commitment is None:
            raise Problem(404, _("Không có nội dung đăng ký này, hoặc bạn không được xem nó."))
        checkin = checkin_record(
            actor=request.user,
            commitment=commitment,
            quarter=payload.quarter,
            progress=payload.progress,
            evidence=payload.evidence,
            percent=payload.percent,
        )
        org_id = Registration.objects.filter(pk=commitment.registration_id).values_list("organization_id", flat=True)
        audit_write(request, "checkin.record", checkin, org_id.first(), quarter=payload.quarter)
        body = {
            "quarter": checkin.quarter,
            "progress": checkin.progress,
            "evidence": checkin.evidence,
            "percent": checkin.percent,
        }
        return 201, body, {}

    return idempotent(request, produce)


@router.post("roster-sync", response={200: RosterOut, WRITE_ERRORS: ProblemOut}, tags=["Đảng viên"])
def roster_sync_api(request: HttpRequest, payload: RosterIn, idempotency_key: IdemKey) -> HttpResponse:
    """Đồng bộ danh sách đảng viên theo số thẻ: thêm mới số thẻ chưa có, cập nhật số thẻ đã có (chuyển chi bộ
    nếu mã chi bộ khác), tất cả hoặc không gì cả. Lỗi theo từng dòng (`row`, từ 0) và trường (`field`). Trường
    không có ở dòng nào thì không bị thay đổi."""

    def produce() -> tuple[int, dict[str, Any], dict[str, str]]:
        members = [m.model_dump(exclude_unset=True) for m in payload.members]
        try:
            summary = roster_sync(actor=request.user, members=members, source=f"API {token_of(request).prefix}")
        except RosterRejected as exc:
            detail = _("Không đồng bộ dòng nào: có %(n)s lỗi.") % {"n": exc.count}
            raise Problem(422, detail, errors=exc.errors) from None
        audit_write(request, "roster.sync", token_of(request), None, **summary.as_dict())
        return 200, summary.as_dict(), {}

    return idempotent(request, produce)
