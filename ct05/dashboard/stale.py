"""Keeping rollups fresh on write, called by the write services themselves: a service that changes the
records a unit's figures count calls `rollup_mark_stale(org_ids=…, days=…)`; when its transaction
commits, those (unit, year) pairs are marked stale and one refresh task is enqueued
(ct05/dashboard/services.py `stale_refresh`). A rolled-back write marks nothing.

Bulk writes that bypass the services (the seeds, an import script) are covered by `ct05 rollup` and the
nightly run; the cycle's analysis (written with COPY) recomputes its subtree when it ends
(the analysis job, ct05/cycle/tasks.py `run_analysis`, calls `rollup_after_analysis`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from ct05.dashboard.models import StaleUnit
from ct05.dashboard.services import stale_mark
from ct05.dashboard.tasks import rollup_refresh, rollup_run

logger = logging.getLogger(__name__)

# A refresh is enqueued when the first unit becomes stale; while older markers wait, the refresh already
# enqueued will take the new ones too — unless they have waited this long (a lost task): enqueue again.
REENQUEUE_AFTER = dt.timedelta(minutes=5)

Day = dt.date | int | None


def rollup_mark_stale(*, org_ids: Iterable[int | None], days: Iterable[Day]) -> None:
    """The own figures of `org_ids` for the years of `days` (dates or years) change with the current write:
    marked stale when the transaction commits (at once outside a transaction)."""
    years = {d.year if isinstance(d, dt.date) else int(d) for d in days if d}
    pairs = frozenset((int(o), y) for o in org_ids if o for y in years)
    if pairs:
        transaction.on_commit(partial(_mark, pairs))


def _mark(pairs: frozenset[tuple[int, int]]) -> None:
    oldest = StaleUnit.objects.order_by("marked_at").values_list("marked_at", flat=True).first()
    stale_mark(pairs)
    if oldest is not None and timezone.now() - oldest < REENQUEUE_AFTER:
        return  # the refresh enqueued for the older markers takes these too
    try:
        rollup_refresh.enqueue()
    except Exception:  # the queue being down must not fail the user's write; the nightly run catches up
        logger.warning("dashboard: could not enqueue the rollup refresh", exc_info=True)


def rollup_after_analysis(*, year: int, org_id: int | None) -> None:
    """The cycle's analysis rewrote verdicts and similarity with raw SQL: recompute its subtree and year in
    the background once its transaction commits."""

    def enqueue() -> None:
        try:
            rollup_run.enqueue(year, org_id)
        except Exception:  # never fail the analysis over a dashboard refresh; the nightly run catches up
            logger.warning("dashboard: could not schedule a rollup after the analysis", exc_info=True)

    transaction.on_commit(enqueue)
