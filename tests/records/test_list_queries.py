"""The meeting list and the compliance calendar run as many queries for a year of meetings as for one (issue 15:
the meeting list's pager counted attendance and resolution items over every meeting in scope)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ct05.orgs.models import Organization
from tests.conftest import World
from tests.records.helpers import regular, thematic

MAX_QUERIES = 16


def _queries(client: Client, url: str, params: dict[str, object] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _a_year_of_meetings(*cells: Organization) -> None:
    for cell in cells:
        for month in range(1, 11):
            regular(cell, dt.date(2025, month, 5), study=month % 3 != 0)
        thematic(cell, dt.date(2025, 6, 20))


def test_the_meeting_list_runs_as_many_queries_for_thirty_meetings_as_for_one(world: World) -> None:
    regular(world.cell1, dt.date(2025, 11, 5))
    client = world.client_for(world.admin)
    few = _queries(client, "/sinh-hoat/", {"year": 2025})
    _a_year_of_meetings(world.cell2, world.other_cell)
    many = _queries(client, "/sinh-hoat/", {"year": 2025})
    assert len(many) == len(few) <= MAX_QUERIES


def test_the_meeting_lists_pager_counts_meetings_without_their_attendance(world: World) -> None:
    _a_year_of_meetings(world.cell1)
    queries = _queries(world.client_for(world.admin), "/sinh-hoat/", {"year": 2025})
    pager = [q for q in queries if "COUNT(*)" in q.upper() and '"records_meeting"' in q]
    assert pager and all("records_attendance" not in q and "records_resolutionitem" not in q for q in pager)


def test_the_compliance_calendar_runs_as_many_queries_for_three_cells_as_for_one(world: World) -> None:
    regular(world.cell1, dt.date(2025, 12, 5))
    client = world.client_for(world.admin)
    url = f"/tuan-thu/{world.province.pk}/"
    few = _queries(client, url, {"year": 2025})
    _a_year_of_meetings(world.cell1, world.cell2, world.other_cell)
    assert len(_queries(client, url, {"year": 2025})) == len(few) <= MAX_QUERIES
