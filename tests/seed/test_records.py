"""The records of the demo (ct05.seed.demo.records) and of the province (ct05.seed.bulk.records)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from ct05.orgs.models import Organization
from ct05.records.models import AgendaItem, Meeting, ResolutionItem
from ct05.records.selectors.meetings import compliance_roll_up
from ct05.seed.bulk.records import seed_province_records
from ct05.seed.demo.records import seed_demo_records
from tests.conftest import World


@pytest.fixture
def world(world: World) -> World:
    """The shared `world`, with its units founded in 2016 so that a year of meetings can be recorded."""
    Organization.objects.all().update(active_from=dt.date(2016, 1, 1))
    for org in (world.province, world.city, world.ward, world.cell1, world.cell2, world.other_ward, world.other_cell):
        org.refresh_from_db()
    return world


def test_the_demo_records_say_so_when_the_demo_units_are_missing(db: None) -> None:
    out = io.StringIO()
    seed_demo_records(year=2025, stdout=out)
    assert "ct05 seed demo" in out.getvalue() and not Meeting.objects.exists()


def test_province_records_fill_every_cell_with_a_year_of_meetings_in_bulk(world: World) -> None:
    out = io.StringIO()
    seed_province_records(year=2025, stdout=out, code="DB")
    n = Meeting.objects.filter(kind="regular").count()
    assert 30 <= n <= 36  # three cells, twelve months, about 5% missed
    assert AgendaItem.objects.filter(requirement__code="study-item").count() == n
    assert ResolutionItem.objects.count() == n
    roll = compliance_roll_up(user=world.admin, org=world.province, year=2025, today=dt.date(2026, 1, 15))
    assert len(roll.cells) == 3 and roll.rows[0].slots[0].total == 3
    seed_province_records(year=2025, stdout=out, code="DB")  # cells that already have meetings are left alone
    assert Meeting.objects.filter(kind="regular").count() == n
