"""Rollups: computed bottom-up, kept fresh on write, and by `ct05 rollup`."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from ct05.dashboard.indicators import BY_CODE
from ct05.dashboard.models import Rollup, StaleUnit
from ct05.dashboard.services import rollup_compute, stale_refresh
from ct05.records.models import GoodDeed
from ct05.records.services.simple import good_deed_save
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records


def total(org: Any, year: int = LAST_YEAR) -> dict[str, Any]:
    return Rollup.objects.get(organization=org, year=year).total


def test_figures_add_up_from_cells_to_the_province(world: World, records: Records) -> None:
    rollup_compute(year=LAST_YEAR)
    cell1, cell2, ward, province = total(world.cell1), total(world.cell2), total(world.ward), total(world.province)
    assert cell1["study_m"] == [1] * 12 and cell2["study_m"] == [1] * 6 + [0] * 6
    assert ward["study_m"] == [2] * 6 + [1] * 6
    assert ward["cells_m"] == [2] * 12 and province["cells_m"] == [3] * 12
    assert BY_CODE["study"].value(ward) == 75.0
    assert province["deeds_m"][2] == 2  # one at a cell, one kept by the ward itself
    assert Rollup.objects.get(organization=world.ward, year=LAST_YEAR).own["deeds_m"][2] == 1
    assert province["commitments"] == 6 and province["specific"] == 3
    assert province["ratings"] == {"tot": 1, "xuat-sac": 1, "hoan-thanh": 1}
    assert province["registered"] == 3 and province["members"] == 3


def test_a_subtree_recompute_also_updates_its_ancestors(world: World, records: Records) -> None:
    rollup_compute(year=LAST_YEAR)
    GoodDeed.objects.bulk_create([GoodDeed(organization=world.cell2, date=dt.date(LAST_YEAR, 5, 1), deed="x")])
    rollup_compute(year=LAST_YEAR, org=world.ward)
    assert total(world.ward)["deeds_m"][4] == 1
    assert total(world.province)["deeds_m"][4] == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # seeded rows back after a flush
def test_a_write_marks_its_unit_stale_and_the_refresh_updates_the_tree(world: World) -> None:
    rollup_compute(year=LAST_YEAR)
    assert total(world.province).get("deeds_m") is None
    # tasks run at once in the tests: the service marks on commit, enqueues, and the refresh runs
    good_deed_save(
        actor=world.secretary,
        org=world.cell1,
        date=dt.date(LAST_YEAR, 7, 2),
        deed="Hiến đất làm đường",
        member=world.m1,
    )
    assert not StaleUnit.objects.exists()
    assert total(world.cell1)["deeds_m"][6] == 1
    assert total(world.ward)["deeds_m"][6] == 1
    assert total(world.province)["deeds_m"][6] == 1
    assert "deeds_m" not in total(world.other_ward)


def test_stale_refresh_recomputes_only_the_marked_units_and_their_ancestors(world: World, records: Records) -> None:
    rollup_compute(year=LAST_YEAR)
    GoodDeed.objects.bulk_create([GoodDeed(organization=world.other_cell, date=dt.date(LAST_YEAR, 1, 3), deed="y")])
    StaleUnit.objects.create(organization_id=world.other_cell.pk, year=LAST_YEAR)
    assert stale_refresh() == 1
    assert total(world.other_ward)["deeds_m"][0] == 1
    assert total(world.province)["deeds_m"][0] == 1 and total(world.province)["deeds_m"][2] == 2
    assert stale_refresh() == 0


def test_the_command_computes_a_year_for_a_unit_and_refuses_a_future_year(world: World, records: Records) -> None:
    out = StringIO()
    call_command("rollup", "--year", str(LAST_YEAR), "--org", "mt", stdout=out)
    assert "đơn vị" in out.getvalue()
    assert Rollup.objects.filter(organization=world.cell1, year=LAST_YEAR).exists()
    assert Rollup.objects.filter(organization=world.province, year=LAST_YEAR).exists()  # ancestors too
    assert not Rollup.objects.filter(organization=world.other_cell, year=LAST_YEAR).exists()
    with pytest.raises(CommandError, match="tương lai"):
        call_command("rollup", "--year", str(dt.date.today().year + 1))
    with pytest.raises(CommandError, match="không có tổ chức"):
        call_command("rollup", "--org", "NOPE")
