"""Computing and refreshing the rollups (issue 7).

- `rollup_compute(year, org)`: the whole subtree (or every unit) for a year, bottom-up: each unit's own
  figures from grouped queries (ct05/dashboard/sources.py), then totals from the deepest units upwards,
  then the ancestors of the subtree's root. What `ct05 rollup` and the nightly task run.
- `stale_mark(pairs)`: a write changed the own figures of these units for these years (called on
  commit through `ct05.dashboard.stale.rollup_mark_stale`, which the write services call).
- `stale_refresh()`: recompute the units marked stale and their ancestors only: a few queries filtered
  by id and a few dozen rows read, whatever the size of the tree.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ct05.core import clock
from ct05.dashboard.figures import Figures, add_into
from ct05.dashboard.models import Rollup, StaleUnit
from ct05.dashboard.sources import Units, own_figures
from ct05.orgs.models import Organization

logger = logging.getLogger(__name__)
BATCH = 5_000
Log = Callable[[str], None]


def _ancestor_ids(path: str) -> list[int]:
    return [int(s) for s in path.strip("/").split("/")[:-1] if s]


def rollup_compute(*, year: int, org: Organization | None = None, log: Log | None = None) -> dict[str, Any]:
    """Recompute every rollup of `org`'s subtree (every unit when None) for `year`; returns timings."""
    say = log or (lambda line: None)
    t0 = time.perf_counter()
    started = timezone.now()
    today = clock.today()
    units = Units(prefix=org.path) if org is not None else Units()
    tree = list(Organization.objects.filter(units.q()).values_list("pk", "parent_id", "depth").order_by())
    t1 = time.perf_counter()
    own = own_figures(year=year, units=units, today=today)
    t2 = time.perf_counter()
    say(f"  đọc {len(tree):,} tổ chức: {t1 - t0:.1f}s; số liệu gốc: {t2 - t1:.1f}s")
    totals: dict[int, Figures] = {}
    children: dict[int, list[int]] = {}
    for pk, parent, _depth in tree:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    for pk, _parent, _depth in sorted(tree, key=lambda r: -r[2]):
        total = add_into({}, own.get(pk, {}))
        for child in children.get(pk, ()):
            add_into(total, totals[child])
        totals[pk] = total
    t3 = time.perf_counter()
    now = timezone.now()
    ids = [r[0] for r in tree]
    with transaction.atomic():
        if org is None:
            Rollup.objects.filter(year=year).delete()
        else:
            for s in range(0, len(ids), 900):
                Rollup.objects.filter(year=year, organization_id__in=ids[s : s + 900]).delete()
        for s in range(0, len(ids), BATCH):
            Rollup.objects.bulk_create(
                [
                    Rollup(organization_id=pk, year=year, own=own.get(pk, {}), total=totals[pk], computed_at=now)
                    for pk in ids[s : s + BATCH]
                ]
            )
        if org is not None:
            _refresh_ancestors(year=year, ids=_ancestor_ids(org.path), now=now, fresh=totals)
        _clear_stale(year, org, started)
    t4 = time.perf_counter()
    say(f"  cộng dồn: {t3 - t2:.1f}s; ghi {len(ids):,} dòng: {t4 - t3:.1f}s")
    return {
        "year": year,
        "organization": org.code if org else "",
        "units": len(ids),
        "seconds": {"tree": t1 - t0, "sources": t2 - t1, "sum": t3 - t2, "write": t4 - t3, "total": t4 - t0},
    }


def _clear_stale(year: int, org: Organization | None, before: dt.datetime) -> None:
    """Markers older than the start of the computation are covered by it; newer ones wait for the next."""
    qs = StaleUnit.objects.filter(year=year, marked_at__lte=before)
    if org is not None:
        qs = qs.filter(organization_id__in=Organization.objects.filter(path__startswith=org.path).values("pk"))
    qs.delete()


def _refresh_ancestors(*, year: int, ids: Iterable[int], now: dt.datetime, fresh: dict[int, Figures]) -> None:
    """Recompute the totals of `ids` (ancestors, any order) from their own figures and their children's
    totals; `fresh` holds totals just computed (not yet readable from the database when batched)."""
    rows = dict(Organization.objects.filter(pk__in=list(ids)).values_list("pk", "depth"))
    if not rows:
        return
    today = clock.today()
    stored = {r.organization_id: r for r in Rollup.objects.filter(year=year, organization_id__in=list(rows))}
    missing = [pk for pk in rows if pk not in stored]
    own_missing = own_figures(year=year, units=Units(ids=tuple(missing)), today=today) if missing else {}
    for pk in sorted(rows, key=lambda p: -rows[p]):
        kids = list(
            Rollup.objects.filter(year=year, organization__parent_id=pk).values_list("organization_id", "total")
        )
        row = stored.get(pk)
        own = row.own if row is not None else own_missing.get(pk, {})
        total = add_into({}, own)
        for kid, kid_total in kids:
            add_into(total, fresh.get(kid, kid_total))
        fresh[pk] = total
        if row is None:
            Rollup.objects.create(organization_id=pk, year=year, own=own, total=total, computed_at=now)
        else:
            Rollup.objects.filter(pk=row.pk).update(total=total, computed_at=now)


def stale_mark(pairs: Iterable[tuple[int, int]]) -> int:
    """Record that the own figures of (unit id, year) changed. Idempotent; cheap."""
    objs = [StaleUnit(organization_id=o, year=y) for o, y in set(pairs) if o]
    if not objs:
        return 0
    try:
        StaleUnit.objects.bulk_create(objs, ignore_conflicts=True)
    except IntegrityError:  # pragma: no cover - ignore_conflicts makes this rare (a unit deleted meanwhile)
        logger.warning("dashboard: could not mark %s units stale", len(objs))
    return len(objs)


def stale_refresh(*, limit: int = 2_000) -> int:
    """Recompute the own figures of the units marked stale (up to `limit` at a time) and the totals of
    them and their ancestors. Returns how many units were refreshed. Safe to run concurrently: each run
    claims its markers by deleting them inside its transaction."""
    done = 0
    today = clock.today()
    while True:
        with transaction.atomic():
            claimed = list(StaleUnit.objects.order_by("pk").values_list("pk", "organization_id", "year")[:limit])
            if not claimed:
                return done
            deleted, _ = StaleUnit.objects.filter(pk__in=[c[0] for c in claimed]).delete()
            if not deleted:
                continue  # another worker took them
            by_year: dict[int, set[int]] = {}
            for _pk, org_id, year in claimed:
                by_year.setdefault(year, set()).add(org_id)
            now = timezone.now()
            for year, org_ids in by_year.items():
                paths = dict(Organization.objects.filter(pk__in=list(org_ids)).values_list("pk", "path"))
                own = own_figures(year=year, units=Units(ids=tuple(paths)), today=today)
                existing = {
                    r.organization_id: r for r in Rollup.objects.filter(year=year, organization_id__in=list(paths))
                }
                for pk in paths:
                    figures = own.get(pk, {})
                    row = existing.get(pk)
                    if row is None:
                        Rollup.objects.create(organization_id=pk, year=year, own=figures, total={}, computed_at=now)
                    else:
                        Rollup.objects.filter(pk=row.pk).update(own=figures)
                affected: set[int] = set(paths)
                for path in paths.values():
                    affected.update(_ancestor_ids(path))
                _refresh_ancestors(year=year, ids=affected, now=now, fresh={})
            done += len(claimed)
