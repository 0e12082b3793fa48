"""The small world the browser journeys walk in: the shared personas, this year's topic, units founded in 2016."""

from __future__ import annotations

import datetime as dt

import pytest

from ct05.orgs.models import Organization
from tests.conftest import World
from tests.cycle.helpers import topic

# live_server serves from another thread: the tests' data must be committed, and the rows the migrations seed
# (kinds of organization, rules…) put back after each test for the tests that follow.
journey = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def town(world: World) -> World:
    Organization.objects.all().update(active_from=dt.date(2016, 1, 1))
    for org in (world.province, world.city, world.ward, world.cell1, world.cell2, world.other_ward, world.other_cell):
        org.refresh_from_db()
    topic()
    return world
