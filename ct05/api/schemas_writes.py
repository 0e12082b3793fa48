"""Shapes of the meetings' and the tasks' writes, and of the single records they answer (with an ETag)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ct05.api.schemas_base import Schema
from ct05.api.schemas_more import MeetingOut, ResolutionItemOut, TaskOut

CARD = Field(None, max_length=40, description="số thẻ đảng viên (của chi bộ)")


class MeetingIn(Schema):
    kind: str = Field(max_length=16, description="regular (định kỳ), thematic (chuyên đề), extraordinary (bất thường)")
    date: dt.date
    makeup: bool = Field(False, description="buổi định kỳ họp muộn cho tháng trước")
    place: str = Field("", max_length=200)
    chair_card: str | None = CARD
    recorder_card: str | None = CARD
    topic: str = Field("", max_length=300, description="tên chuyên đề (bắt buộc với sinh hoạt chuyên đề)")
    content: str = Field("", max_length=20000)
    discussion: str = Field("", max_length=20000)
    agenda_done: list[str] = Field(
        default_factory=list, max_length=50, description="mã các nội dung theo quy định đã thực hiện (`agenda[].code`)"
    )
    extra_agenda: list[str] = Field(default_factory=list, max_length=50, description="nội dung khác, mỗi mục một dòng")


class MeetingCreateIn(MeetingIn):
    cell_code: str = Field(max_length=32, description="mã chi bộ")


class AgendaOut(Schema):
    code: str | None
    text: str
    done: bool
    required: bool


class MeetingDetailOut(MeetingOut):
    place: str
    chair_card: str | None
    recorder_card: str | None
    content: str
    discussion: str
    agenda: list[AgendaOut]
    items: list[ResolutionItemOut]


class ResolutionRowIn(Schema):
    id: int | None = Field(None, ge=1, le=2**53, description="việc đã có (bỏ trống: việc mới)")
    owner_card: str | None = CARD
    task: str = Field("", max_length=5000)
    deadline: dt.date | None = None
    delete: bool = Field(False, description="xóa việc này (chỉ việc chưa thực hiện)")


class ResolutionIn(Schema):
    summary: str = Field("", max_length=20000)
    items: list[ResolutionRowIn] = Field(
        default_factory=list, max_length=100, description="việc không có trong danh sách thì giữ nguyên"
    )


class ProgressIn(Schema):
    status: str = Field(max_length=16, description="open, in_progress, done, cancelled")
    evidence: str = Field("", max_length=5000)
    completed_on: dt.date | None = None


class TaskCreateIn(Schema):
    mission_id: int = Field(ge=1, le=2**53)
    organization_code: str = Field(max_length=32, description="đơn vị thực hiện (một đơn vị đoàn đã làm việc)")
    owner_card: str = Field(max_length=40, description="số thẻ người chịu trách nhiệm, đảng viên của đơn vị")
    deadline: dt.date
    text: str = Field(max_length=5000)
    point_number: int | None = Field(None, ge=1, le=1000, description="theo nhiệm vụ số … của kết luận")


class FollowUpIn(Schema):
    follow_up_on: dt.date
    follow_up_result: str = Field("", max_length=5000)


class TaskDetailOut(TaskOut):
    organization_code: str
    owner_card: str
    follow_up_on: dt.date | None
    follow_up_result: str
