"""Small builders shared by the records tests."""

from __future__ import annotations

import datetime as dt

from ct05.orgs.models import Organization
from ct05.records.models import Meeting, MeetingKind, MeetingRequirement
from ct05.records.services.meetings import MeetingInput, meeting_create

TODAY = dt.date(2026, 11, 27)  # the services take "today"; views use the real one


def study_id() -> int:
    return MeetingRequirement.objects.get(code="study-item").pk


def regular(cell: Organization, day: dt.date, *, study: bool = True, makeup: bool = False) -> Meeting:
    done = frozenset({study_id()}) if study else frozenset()
    data = MeetingInput(kind=MeetingKind.REGULAR, date=day, place="Nhà văn hóa", agenda_done=done, makeup=makeup)
    return meeting_create(actor=None, cell=cell, data=data, today=TODAY)


def thematic(cell: Organization, day: dt.date, topic: str = "Học tập chuyên đề năm 2025") -> Meeting:
    data = MeetingInput(kind=MeetingKind.THEMATIC, date=day, topic=topic)
    return meeting_create(actor=None, cell=cell, data=data, today=TODAY)
