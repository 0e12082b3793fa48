"""Rollups marked stale by the write services themselves (ct05/dashboard/stale.py): on commit only, and
after the cycle's analysis for its subtree."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest
from django.db import transaction

from ct05.core import clock
from ct05.core.models import BackgroundJob
from ct05.cycle.services.registrations import registration_create
from ct05.cycle.tasks import ANALYZE_KIND, run_analysis
from ct05.dashboard import stale
from ct05.dashboard.models import Rollup, StaleUnit
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.services.structure import member_update, organization_move
from ct05.records.services.simple import good_deed_save
from ct05.supervision.services.plans import self_inspection_create
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records


def test_a_write_rolled_back_marks_nothing(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            good_deed_save(
                actor=world.secretary, org=world.cell1, date=dt.date(LAST_YEAR, 7, 2), deed="Hiến đất", member=world.m1
            )
            raise RuntimeError("rolled back")
    assert callbacks == []


def test_marks_wait_for_the_commit_then_the_refresh_computes_the_unit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rollup_mark_stale(org_ids=[world.cell1.pk, None], days=[dt.date(LAST_YEAR, 7, 2), None, LAST_YEAR])
        assert not StaleUnit.objects.exists() and not Rollup.objects.exists()
    assert len(callbacks) == 1
    assert Rollup.objects.filter(organization=world.cell1, year=LAST_YEAR).exists()
    assert not StaleUnit.objects.exists()


def test_the_analysis_job_recomputes_its_subtree_when_it_ends(
    world: World, records: Records, django_capture_on_commit_callbacks: Any
) -> None:
    job = BackgroundJob.objects.create(
        kind=ANALYZE_KIND, owner=world.officer, params={"year": LAST_YEAR, "org": world.ward.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_analysis(job.pk)
    computed = set(Rollup.objects.filter(year=LAST_YEAR).values_list("organization_id", flat=True))
    assert {world.ward.pk, world.cell1.pk, world.cell2.pk} <= computed
    assert world.other_cell.pk not in computed
    assert Rollup.objects.get(organization=world.ward, year=LAST_YEAR).total["registered"] == 2


def _marked(callbacks: list[Any]) -> set[tuple[int, int]]:
    """The (unit, year) pairs the captured on-commit callbacks would mark stale."""
    out: set[tuple[int, int]] = set()
    for cb in callbacks:
        if isinstance(cb, partial) and cb.func is stale._mark:
            out |= cb.args[0]
    return out


def test_the_write_services_of_every_app_mark_the_units_they_change(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    year = clock.this_year()
    with django_capture_on_commit_callbacks() as callbacks:
        self_inspection_create(
            actor=world.officer, organization=world.cell2, date=clock.today(), subject="Sổ nghị quyết", result="Đạt"
        )
        member_update(actor=world.secretary, member=world.m1, ethnicity="Thái")
        organization_move(actor=world.admin, org=world.cell2, new_parent=world.other_ward)
        registration_create(actor=world.member1, year=year, member=world.m1)
    marked = _marked(callbacks)
    assert (world.cell2.pk, year) in marked  # the self-inspection, and the cell moved
    assert (world.cell1.pk, year) in marked  # the member's cell, and the registration's
    assert {(world.ward.pk, year), (world.other_ward.pk, year)} <= marked  # the cell's old and new parents
