"""The compliance calendar of a unit with many cells is summed from the dashboard's rollups (issue 15: the
province's calendar read ~27,000 meetings on every request). It must say what computing it from the
meetings says, as of the rollups' time, and only to those who see the whole subtree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ct05.access.models import Role
from ct05.access.services import role_assign, user_create
from ct05.dashboard.models import StaleUnit
from ct05.dashboard.services import rollup_compute, stale_refresh
from ct05.records.models import MeetingRequirement
from ct05.records.selectors import meetings as sel
from ct05.records.selectors.meetings import RollUp, compliance_roll_up
from tests.conftest import PASSWORD, World
from tests.records.helpers import TODAY, regular, thematic


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from the rollups whatever the number of cells."""
    monkeypatch.setattr(sel, "LIVE_CELLS", 0)


def _meetings(world: World) -> None:
    for month in range(1, 11):
        regular(world.cell1, dt.date(2026, month, 5), study=month != 4)
    for month in (1, 2, 3, 6):
        regular(world.cell2, dt.date(2026, month, 12))
    regular(world.cell2, dt.date(2026, 8, 3), makeup=True)  # July's meeting, held late
    thematic(world.cell1, dt.date(2026, 2, 20))
    thematic(world.other_cell, dt.date(2026, 5, 20))
    regular(world.other_cell, dt.date(2025, 12, 5))
    thematic(world.other_cell, dt.date(2025, 11, 2))


def _shape(roll: RollUp) -> tuple[object, ...]:
    rows = [(r.code, r.label, [(s.span, s.start, s.status, +s.counts) for s in r.slots]) for r in roll.rows]
    kids = [(c.org.pk, c.cells, c.ok, c.late, c.missing) for c in roll.children]
    return roll.n_cells, rows, kids


@pytest.mark.parametrize(
    ("year", "today"),
    [(2026, TODAY), (2026, dt.date(2026, 3, 31)), (2026, dt.date(2026, 4, 1)), (2025, TODAY)],
)
def test_the_calendar_summed_from_the_rollups_is_the_one_computed_from_the_meetings(
    world: World, monkeypatch: pytest.MonkeyPatch, year: int, today: dt.date
) -> None:
    _meetings(world)
    rollup_compute(year=year)
    for org in (world.province, world.city, world.ward):
        live = compliance_roll_up(user=world.admin, org=org, year=year, today=today)
        monkeypatch.setattr(sel, "LIVE_CELLS", 0)
        from_rollups = compliance_roll_up(user=world.admin, org=org, year=year, today=today)
        monkeypatch.setattr(sel, "LIVE_CELLS", 100)
        assert live.as_of is None and from_rollups.as_of is not None
        assert _shape(from_rollups) == _shape(live)
        assert live.n_cells and any(s.total for r in live.rows for s in r.slots)


def test_a_unit_with_few_cells_is_computed_from_its_meetings(world: World) -> None:
    _meetings(world)
    rollup_compute(year=2026)
    roll = compliance_roll_up(user=world.admin, org=world.province, year=2026, today=TODAY)
    assert roll.as_of is None and roll.n_cells == 3 == len(roll.cells)


def test_the_page_says_as_of_when_and_that_a_new_meeting_is_on_its_way(world: World, stored: None) -> None:
    _meetings(world)
    rollup_compute(year=2026)
    client = world.client_for(world.admin)
    page = client.get(f"/tuan-thu/{world.province.pk}/", {"year": 2026}).content.decode()
    assert "Số liệu tổng hợp lúc" in page and "đang được cập nhật" not in page
    StaleUnit.objects.create(organization_id=world.cell2.pk, year=2026)  # what a meeting's service marks
    page = client.get(f"/tuan-thu/{world.province.pk}/", {"year": 2026}).content.decode()
    assert "đang được cập nhật" in page


def test_a_meeting_recorded_is_counted_once_the_refresh_has_run(world: World, stored: None) -> None:
    _meetings(world)
    rollup_compute(year=2026)

    def ok_in_april() -> int:
        roll = compliance_roll_up(user=world.admin, org=world.province, year=2026, today=TODAY)
        regular_row = next(r for r in roll.rows if r.code == "regular-monthly")
        return regular_row.slots[3].counts["ok"]

    before = ok_in_april()
    regular(world.cell2, dt.date(2026, 4, 9))
    StaleUnit.objects.get_or_create(organization_id=world.cell2.pk, year=2026)  # on commit, in the service
    stale_refresh()
    assert ok_in_april() == before + 1
    assert not compliance_roll_up(user=world.admin, org=world.province, year=2026, today=TODAY).stale


def test_rules_changed_since_the_rollups_are_never_summed(world: World, stored: None) -> None:
    _meetings(world)
    rollup_compute(year=2026)
    MeetingRequirement.objects.filter(code="thematic-quarterly").update(min_count=2)
    roll = compliance_roll_up(user=world.admin, org=world.province, year=2026, today=TODAY)
    assert roll.as_of is None  # computed from the meetings, against the rules in force


def test_who_sees_part_of_a_subtree_gets_only_the_cells_they_see(world: World, stored: None) -> None:
    _meetings(world)
    rollup_compute(year=2026)
    viewer = user_create(actor=None, username="xem-mot-phan", password=PASSWORD, full_name="Xem một phần")
    role_assign(actor=None, user=viewer, role=Role.COMMITTEE_OFFICER, organization=world.city, recursive=False)
    role_assign(actor=None, user=viewer, role=Role.COMMITTEE_OFFICER, organization=world.ward)
    roll = compliance_roll_up(user=viewer, org=world.city, year=2026, today=TODAY)
    assert roll.as_of is None and roll.n_cells == 2  # cell1 and cell2; the rollup of the city holds three


def test_the_calendar_from_the_rollups_runs_as_many_queries_for_three_cells_as_for_one(
    world: World, stored: None
) -> None:
    regular(world.other_cell, dt.date(2026, 11, 5))
    client = world.client_for(world.admin)
    url = f"/tuan-thu/{world.province.pk}/"
    rollup_compute(year=2026)
    with CaptureQueriesContext(connection) as few:
        assert "Số liệu tổng hợp lúc" in client.get(url, {"year": 2026}).content.decode()
    _meetings(world)
    rollup_compute(year=2026)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"year": 2026})
    assert len(many) == len(few) <= 16
    assert not any('"records_meeting"' in q["sql"] for q in many.captured_queries)
