"""Cell meetings and their resolutions' tasks under /api/v1/: read one (with its ETag), record a meeting,
change it, save its resolution, report a task's progress.

Each write is the page's: the same selector decides who may (`action="manage"` on the cell, through the
access resolver), the same service checks and writes (ct05/records/services/meetings.py), and the API adds
its audit event naming the token. A record the caller may see but not change answers 403; one they may not
see, 404 (as if it did not exist).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ct05.access.resolver import org_scope
from ct05.api import render_more as rm
from ct05.api.idempotency import idempotent
from ct05.api.schemas import READ_RESPONSES, ProblemOut
from ct05.api.schemas_more import ResolutionItemOut
from ct05.api.schemas_writes import MeetingCreateIn, MeetingDetailOut, MeetingIn, ProgressIn, ResolutionIn
from ct05.api.views_read import router
from ct05.api.writes import WRITE_ERRORS, Id, IdemKey, IfMatch, audit_write
from ct05.orgs.models import Member, Organization
from ct05.orgs.selectors.organizations import organization_list
from ct05.records.models import Meeting, ResolutionItem
from ct05.records.selectors import meetings as sel
from ct05.records.services import meetings as svc

TAGS = ["Sinh hoạt chi bộ"]
MEETING = rm.Detail(Meeting, "m", gettext_lazy("buổi sinh hoạt"), ("cell", "chair", "recorder"), rm.meeting_detail)
ITEM = rm.Detail(
    ResolutionItem,
    "i",
    gettext_lazy("việc trong nghị quyết"),
    ("meeting", "meeting__cell", "owner"),
    rm.resolution_item,
)


def _may_manage(request: HttpRequest, cell: Organization) -> None:
    if not org_scope(request.user, "manage").contains(cell):
        raise PermissionDenied(_("Bạn được xem nhưng không được ghi, sửa sinh hoạt của %(c)s.") % {"c": cell.name})


def _locked_meeting(request: HttpRequest, pk: int, if_match: str | None) -> Meeting:
    """The meeting, locked for the write, once the caller may change it and has read its current state."""
    meeting = sel.meeting_get(user=request.user, pk=pk)  # 404 outside the scope
    _may_manage(request, meeting.cell)
    MEETING.lock_matching(pk, if_match)
    return meeting


def _member(cell: Organization, card: str | None, field: str) -> Member | None:
    if not card:
        return None
    found = Member.objects.filter(cell=cell, card_number=card.strip()).first()
    if found is None:
        raise ValidationError(
            {field: _("Không có đảng viên số thẻ “%(v)s” trong %(c)s.") % {"v": card[:40], "c": cell.name}}
        )
    return found


def _meeting_input(cell: Organization, data: MeetingIn) -> svc.MeetingInput:
    """The page's input from the API's body: members by card number, agenda items by requirement code."""
    chair = _member(cell, data.chair_card, "chair_card")
    recorder = _member(cell, data.recorder_card, "recorder_card")
    codes = {c.strip() for c in data.agenda_done}
    offered = {r.code: r.pk for r in svc.agenda_requirements(data.kind, data.date)}
    unknown = sorted(codes - offered.keys())
    if unknown:
        known = ", ".join(sorted(offered)) or "—"
        raise ValidationError(
            {
                "agenda_done": _("Không có nội dung theo quy định mã %(v)s cho loại sinh hoạt này (có: %(k)s).")
                % {"v": ", ".join(unknown), "k": known}
            }
        )
    return svc.MeetingInput(
        kind=data.kind,
        date=data.date,
        place=data.place,
        chair=chair,
        recorder=recorder,
        topic=data.topic,
        content=data.content,
        discussion=data.discussion,
        makeup=data.makeup,
        agenda_done=frozenset(offered[c] for c in codes),
        extra_agenda=tuple(data.extra_agenda),
    )


@router.get("meetings/{id}", response={200: MeetingDetailOut, **READ_RESPONSES}, tags=TAGS)
def meeting_get_api(request: HttpRequest, id: Id, response: HttpResponse) -> dict[str, Any]:
    """Một buổi sinh hoạt với nội dung, các mục theo quy định và các việc trong nghị quyết. Tiêu đề `ETag`
    dùng cho `If-Match` khi sửa buổi sinh hoạt hoặc nghị quyết."""
    sel.meeting_get(user=request.user, pk=id)  # 404 outside the scope
    return MEETING.answer(id, response)


@router.post("meetings", response={201: MeetingDetailOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def meeting_create_api(request: HttpRequest, payload: MeetingCreateIn, idempotency_key: IdemKey) -> HttpResponse:
    """Ghi một buổi sinh hoạt của chi bộ (theo mã chi bộ), với các kiểm tra như trên trang: mỗi tháng một buổi
    định kỳ, chủ trì và thư ký là đảng viên của chi bộ, không ghi ngày trong tương lai."""

    def produce() -> tuple[int, dict[str, Any], dict[str, str]]:
        code = payload.cell_code.strip()
        cell = organization_list(user=request.user).filter(code__iexact=code).first()
        if cell is None:
            raise ValidationError(
                {"cell_code": _("Không có chi bộ mã “%(v)s” trong phạm vi bạn được xem.") % {"v": code}}
            )
        _may_manage(request, cell)
        meeting = svc.meeting_create(actor=request.user, cell=cell, data=_meeting_input(cell, payload))
        audit_write(request, "meeting.create", meeting, cell.pk)
        return MEETING.created(meeting.pk, "/api/v1/meetings")

    return idempotent(request, produce)


@router.put("meetings/{id}", response={200: MeetingDetailOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def meeting_update_api(
    request: HttpRequest, id: Id, payload: MeetingIn, if_match: IfMatch, response: HttpResponse
) -> dict[str, Any]:
    """Sửa buổi sinh hoạt (thay toàn bộ các trường; cần If-Match). Nghị quyết sửa riêng:
    `PUT /meetings/{id}/resolution`."""
    with transaction.atomic():
        meeting = _locked_meeting(request, id, if_match)
        svc.meeting_update(actor=request.user, meeting=meeting, data=_meeting_input(meeting.cell, payload))
        audit_write(request, "meeting.update", meeting, meeting.cell_id)
    return MEETING.answer(id, response)


def _rows(meeting: Meeting, payload: ResolutionIn) -> list[svc.ItemInput]:
    members = {m.card_number: m for m in sel.cell_members(meeting=meeting)}
    out: list[svc.ItemInput] = []
    bad: dict[str, str] = {}
    for n, row in enumerate(payload.items):
        owner = members.get(row.owner_card.strip()) if row.owner_card else None
        if row.owner_card and owner is None:
            bad[f"items.{n}.owner_card"] = _("Việc số %(n)s: không có đảng viên số thẻ “%(v)s” trong %(c)s.") % {
                "n": n + 1,
                "v": row.owner_card[:40],
                "c": meeting.cell.name,
            }
        out.append(svc.ItemInput(pk=row.id, owner=owner, task=row.task, deadline=row.deadline, delete=row.delete))
    if bad:
        raise ValidationError(bad)
    return out


@router.put("meetings/{id}/resolution", response={200: MeetingDetailOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def resolution_save_api(
    request: HttpRequest, id: Id, payload: ResolutionIn, if_match: IfMatch, response: HttpResponse
) -> dict[str, Any]:
    """Lưu nghị quyết của buổi sinh hoạt: tóm tắt và các việc (rõ người — số thẻ, rõ việc, rõ thời gian). Việc
    có `id` được sửa (hoặc xóa với `delete`), việc không có `id` được thêm; việc không gửi thì giữ nguyên.
    Cần If-Match (ETag của buổi sinh hoạt)."""
    with transaction.atomic():
        meeting = _locked_meeting(request, id, if_match)
        kept = svc.resolution_save(
            actor=request.user, meeting=meeting, summary=payload.summary, rows=_rows(meeting, payload)
        )
        audit_write(request, "resolution.save", meeting, meeting.cell_id, items=len(kept))
    return MEETING.answer(id, response)


@router.get("resolution-items/{id}", response={200: ResolutionItemOut, **READ_RESPONSES}, tags=TAGS)
def resolution_item_get_api(request: HttpRequest, id: Id, response: HttpResponse) -> dict[str, Any]:
    """Một việc trong nghị quyết; `ETag` dùng cho `If-Match` khi cập nhật tiến độ."""
    sel.resolution_item_get(user=request.user, pk=id)  # 404 outside the scope
    return ITEM.answer(id, response)


@router.put("resolution-items/{id}", response={200: ResolutionItemOut, WRITE_ERRORS: ProblemOut}, tags=TAGS)
def resolution_item_progress_api(
    request: HttpRequest, id: Id, payload: ProgressIn, if_match: IfMatch, response: HttpResponse
) -> dict[str, Any]:
    """Cập nhật tiến độ một việc: tình trạng, kết quả và minh chứng, ngày hoàn thành (cần If-Match). Việc đã
    hoàn thành cần kết quả, minh chứng."""
    item = sel.resolution_item_get(user=request.user, pk=id)  # 404 outside the scope
    _may_manage(request, item.meeting.cell)
    with transaction.atomic():
        ITEM.lock_matching(id, if_match)
        svc.resolution_item_progress(actor=request.user, item=item, **payload.model_dump())
        audit_write(request, "resolution_item.progress", item, item.meeting.cell_id, status=payload.status)
    return ITEM.answer(id, response)
