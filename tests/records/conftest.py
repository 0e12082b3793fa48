"""The shared `world`, with its units founded in 2016 so that a year of meetings can be recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from ct05.orgs.models import Organization
from tests.conftest import World


@pytest.fixture
def world(world: World) -> World:
    Organization.objects.all().update(active_from=dt.date(2016, 1, 1))
    for org in (world.province, world.city, world.ward, world.cell1, world.cell2, world.other_ward, world.other_cell):
        org.refresh_from_db()
    return world
