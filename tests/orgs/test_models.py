"""`Organization.objects.active_on(day)` and its two neighbours: the one filter for "working on a day"."""

from __future__ import annotations

import datetime as dt

from ct05.orgs.models import Organization
from tests.conftest import World

D = dt.date


def _codes(qs: object) -> set[str]:
    return set(qs.filter(code__in=["MT1", "MT2", "TT5"]).values_list("code", flat=True))  # type: ignore[attr-defined]


def test_a_unit_is_active_from_its_founding_day_to_its_closing_day(world: World) -> None:
    Organization.objects.filter(pk=world.cell1.pk).update(active_from=D(2020, 1, 1), active_to=D(2025, 6, 30))
    Organization.objects.filter(pk=world.cell2.pk).update(active_from=D(2025, 7, 1), active_to=None)
    Organization.objects.filter(pk=world.other_cell.pk).update(active_from=D(2016, 1, 1), active_to=None)
    assert _codes(Organization.objects.active_on(D(2025, 6, 30))) == {"MT1", "TT5"}
    assert _codes(Organization.objects.active_on(D(2025, 7, 1))) == {"MT2", "TT5"}
    assert _codes(Organization.objects.active_between(D(2025, 6, 1), D(2025, 7, 31))) == {"MT1", "MT2", "TT5"}
    assert _codes(Organization.objects.not_closed_on(D(2019, 1, 1))) == {"MT1", "MT2", "TT5"}
    assert _codes(Organization.objects.not_closed_on(D(2025, 7, 1))) == {"MT2", "TT5"}
