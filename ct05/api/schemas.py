"""The shapes of the API's requests and responses (they are the OpenAPI schema's components)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from ct05.api.schemas_base import Schema


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict[str, Any]] | None = None


class OrgOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_name: str
    is_cell: bool
    sector: str | None
    parent_id: int | None
    depth: int
    active_from: dt.date
    active_to: dt.date | None


class OrgEventOut(Schema):
    id: int
    kind: str
    date: dt.date
    related_id: int | None
    details: dict[str, Any]


class OrgDetailOut(OrgOut):
    children: list[int]
    history: list[OrgEventOut]


class OrgPage(Schema):
    items: list[OrgOut]
    next: str | None


class DutyOut(Schema):
    id: int
    text: str
    started_on: dt.date
    ended_on: dt.date | None


class MemberOut(Schema):
    id: int
    card_number: str
    full_name: str
    date_of_birth: dt.date
    gender: str
    ethnicity: str
    joined_on: dt.date
    official_on: dt.date | None
    cell_id: int
    cell_code: str
    party_position: str
    government_position: str
    is_key_leader: bool
    is_exempt: bool
    status: str
    duties: list[DutyOut]


class MemberPage(Schema):
    items: list[MemberOut]
    next: str | None


class ReasonOut(Schema):
    code: str
    message: str


class CopyOut(Schema):
    similarity: int = Field(description="phần trăm giống nhau")
    same_cell: bool
    visible: bool = Field(description="người gọi có được xem bản kia không; nếu không, tên và đơn vị để trống")
    owner: str
    organization: str


class CheckInOut(Schema):
    quarter: int
    progress: str
    evidence: str
    percent: int | None


class ItemOut(Schema):
    id: int
    position: int
    content: str
    duty_id: int | None
    shortcoming: str
    standard: str
    measures: str
    milestones: str
    deadline: dt.date | None
    expected_result: str
    verdict: str
    score: int | None
    reasons: list[ReasonOut]
    max_similarity: float | None
    self_result: str
    self_evidence: str
    checkins: list[CheckInOut]
    copies: list[CopyOut] | None = Field(None, description="chỉ có khi xem một bản đăng ký")


class RegistrationOut(Schema):
    id: int
    year: int
    track: str
    status: str
    version: int
    member_id: int | None
    member_card: str | None
    organization_id: int
    organization_code: str
    rating: str | None
    self_summary: str
    cell_comment: str
    updated_at: dt.datetime
    items: list[ItemOut]


class RegistrationPage(Schema):
    items: list[RegistrationOut]
    next: str | None


class ItemIn(Schema):
    content: str = Field(max_length=5000)
    duty_id: int | None = Field(None, ge=1, le=2**53)
    shortcoming: str = Field("", max_length=5000)
    standard: str = Field("", max_length=16)
    measures: str = Field("", max_length=5000)
    milestones: str = Field("", max_length=1000)
    deadline: dt.date | None = None
    expected_result: str = Field("", max_length=5000)


class RegistrationCreateIn(Schema):
    year: int = Field(ge=2016, le=2100)
    member_card: str | None = Field(None, max_length=20, description="số thẻ đảng viên; bỏ trống với kế hoạch tập thể")
    organization_code: str | None = Field(None, max_length=32, description="đơn vị của kế hoạch tập thể")
    items: list[ItemIn] = Field(default_factory=list, max_length=50)


class RegistrationItemsIn(Schema):
    items: list[ItemIn] = Field(max_length=50)


class CheckInIn(Schema):
    quarter: int = Field(ge=1, le=4)
    progress: str = Field(max_length=5000)
    evidence: str = Field("", max_length=5000)
    percent: int | None = Field(None, ge=0, le=100)


class RosterMemberIn(Schema):
    card_number: str = Field(max_length=40)
    full_name: str = Field(max_length=200)
    date_of_birth: dt.date
    gender: str = Field(description="M hoặc F", max_length=8)
    cell: str = Field(max_length=40, description="mã chi bộ")
    joined_on: dt.date
    ethnicity: str = Field(max_length=80)
    official_on: dt.date | None = None
    party_position: str | None = Field(None, max_length=200)
    government_position: str | None = Field(None, max_length=300)
    is_key_leader: bool | None = None
    is_exempt: bool | None = None
    duties: list[str] | None = Field(None, max_length=50)


class RosterIn(Schema):
    members: list[RosterMemberIn] = Field(min_length=1, max_length=100_000)


class RosterOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    moved: int
    duties_added: int


ERRORS = frozenset({400, 401, 403, 404, 422, 429})
READ_RESPONSES: dict[Any, Any] = {ERRORS: ProblemOut}
