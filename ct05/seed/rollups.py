"""The last step of `ct05 seed demo` and `ct05 seed province`: compute the dashboard's figures of the seeded
years (the seeds write in bulk, so the signal handlers do not see every record)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ct05.dashboard.services import rollup_compute


def seed_demo_dashboard(*, stdout: Any, year: int | None = None) -> None:
    """Compute the rollups of last year and this year (or of `year` only, when given: the seed's steps
    are called per year)."""
    this_year = timezone.localdate().year
    for y in [year] if year else [this_year - 1, this_year]:
        summary = rollup_compute(year=y)
        stdout.write(f"  số liệu tổng hợp năm {y}: {summary['units']} đơn vị ({summary['seconds']['total']:.1f} giây)")
