"""The shared `world` (units founded in 2016) with a year of records in two cells of the ward and one cell
of the other ward, written straight to the models (the figures do not care which service wrote them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from ct05.core import clock
from ct05.cycle.models import Commitment, RatingLevel, Registration
from ct05.orgs.models import Organization
from ct05.records.models import AgendaItem, GoodDeed, Meeting, MeetingRequirement
from tests.conftest import World

LAST_YEAR = clock.this_year() - 1


@pytest.fixture
def world(world: World) -> World:
    Organization.objects.all().update(active_from=dt.date(2016, 1, 1))
    for org in (world.province, world.city, world.ward, world.cell1, world.cell2, world.other_ward, world.other_cell):
        org.refresh_from_db()
    return world


def meeting(cell: Organization, month: int, *, year: int = LAST_YEAR, study: bool = True) -> Meeting:
    m = Meeting.objects.create(
        cell=cell, kind="regular", date=dt.date(year, month, 10), for_month=dt.date(year, month, 1)
    )
    if study:
        req = MeetingRequirement.objects.filter(code="study-item").first()
        AgendaItem.objects.create(meeting=m, requirement=req, text="Học tập và làm theo", done=True)
    return m


def registration(
    member: object,
    cell: Organization,
    *,
    year: int = LAST_YEAR,
    specific: int = 1,
    generic: int = 0,
    rating: str = "tot",
    status: str = "assessed",
) -> Registration:
    reg = Registration.objects.create(
        year=year,
        member=member,
        organization=cell,
        status=status,
        rating=RatingLevel.objects.filter(code=rating).first() if rating else None,
    )
    for i in range(specific):
        Commitment.objects.create(
            registration=reg,
            position=i + 1,
            content=f"Việc cụ thể {i}",
            verdict="specific",
            deadline=dt.date(year, 6, 30),
        )
    for i in range(generic):
        Commitment.objects.create(registration=reg, position=10 + i, content="Chấp hành tốt", verdict="generic")
    return reg


@dataclass
class Records:
    year: int


@pytest.fixture
def records(world: World) -> Records:
    """Cell 1: study item every month, cell 2: six months of twelve, other cell: none; two registrations
    in the ward (one with a generic commitment), one in the other ward; good deeds in two places."""
    for m in range(1, 13):
        meeting(world.cell1, m)
        meeting(world.cell2, m, study=m <= 6)
    registration(world.m1, world.cell1, specific=2)
    registration(world.m2, world.cell2, specific=1, generic=1, rating="xuat-sac")
    registration(world.m_other, world.other_cell, specific=0, generic=2, rating="hoan-thanh")
    GoodDeed.objects.create(organization=world.cell1, date=dt.date(LAST_YEAR, 3, 5), deed="Giúp hộ nghèo sửa nhà")
    GoodDeed.objects.create(organization=world.ward, date=dt.date(LAST_YEAR, 3, 9), deed="Dọn vệ sinh đường làng")
    return Records(LAST_YEAR)
