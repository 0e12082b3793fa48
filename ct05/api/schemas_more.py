"""Response shapes of the records and supervision resources (meetings, standards, warnings, missions…)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from ct05.api.schemas_base import Schema


class MeetingOut(Schema):
    id: int
    cell_id: int
    cell_code: str
    kind: str
    date: dt.date
    for_month: dt.date
    topic: str
    resolution_summary: str
    present: int
    resolution_items: int


class ResolutionItemOut(Schema):
    id: int
    meeting_id: int
    cell_code: str
    task: str
    owner_id: int | None
    owner_card: str = Field(description="số thẻ của người thực hiện")
    deadline: dt.date
    status: str
    evidence: str
    completed_on: dt.date | None


class StandardItemOut(Schema):
    order: int
    category: str | None
    text: str


class StandardOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    title: str
    issued_on: dt.date
    reviewed_on: dt.date | None
    version: int
    verdict: str
    score: int | None
    reasons: list[Any]
    items: list[StandardItemOut]


class WarningOut(Schema):
    id: int
    code: str
    organization_id: int
    organization_code: str
    severity: int
    message: str
    count: int
    first_seen: dt.date
    last_seen: dt.date


class MissionOut(Schema):
    id: int
    kind: str
    title: str
    decision_number: str
    issuing_body_id: int
    start_date: dt.date
    end_date: dt.date
    status: str
    completed_on: dt.date | None
    units: list[int]


class FindingOut(Schema):
    id: int
    mission_id: int
    organization_id: int
    kind: str
    text: str
    status: str
    suggested: bool


class TaskOut(Schema):
    id: int
    mission_id: int
    organization_id: int
    point_number: int | None
    text: str
    owner_id: int | None
    deadline: dt.date
    status: str
    evidence: str
    completed_on: dt.date | None


class IndicatorOut(Schema):
    organization_id: int
    organization_code: str
    year: int
    computed_at: dt.datetime
    members: int
    registered: int
    registrations: int
    commitments: int
    specific: int
    copied: int
    linked: int
    with_deadline: int
    checked_in: int
    self_assessed: int


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page schema {"items": [item], "next": cursor or null} named `name` in the OpenAPI components."""
    return type(name, (Schema,), {"__annotations__": {"items": list[item], "next": str | None}})  # type: ignore[valid-type]
