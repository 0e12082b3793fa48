"""Keeping rollups fresh on write without touching the other apps: signal handlers on their models note
which (unit, year) a write changes, and on commit of the transaction the units are marked stale and one
refresh task is enqueued (ct05/dashboard/services.py `stale_refresh`).

Bulk writes that bypass model signals (the seeds, the cycle's analysis written with COPY) are covered by
`ct05 rollup` and by the hook on the cycle's analysis task at the end of this module.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from ct05.core import clock

logger = logging.getLogger(__name__)

_local = threading.local()
# A refresh is enqueued when the first unit becomes stale; while older markers wait, the refresh already
# enqueued will take the new ones too — unless they have waited this long (a lost task): enqueue again.
REENQUEUE_AFTER = dt.timedelta(minutes=5)


def _pending() -> set[tuple[int, int]]:
    pending: set[tuple[int, int]] | None = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = set()
    return pending


def note(org_id: int | None, *years: int | None) -> None:
    """Remember that `org_id`'s figures of `years` change when the current transaction commits."""
    pairs = {(int(org_id), int(y)) for y in years if y} if org_id else set()
    if not pairs:
        return
    conn = transaction.get_connection()
    if not conn.in_atomic_block:  # autocommit: the write is committed already
        _mark(pairs)
        return
    pending = _pending()
    if not any(item[1] is _flush for item in conn.run_on_commit):
        # no flush waiting: a new transaction (what a rolled-back one left is dropped with it)
        pending.clear()
        transaction.on_commit(_flush)
    pending.update(pairs)


def _flush() -> None:
    pairs = _pending().copy()
    _pending().clear()
    _mark(pairs)


def _mark(pairs: set[tuple[int, int]]) -> None:
    if not pairs:
        return
    from ct05.dashboard.models import StaleUnit
    from ct05.dashboard.services import stale_mark

    oldest = StaleUnit.objects.order_by("marked_at").values_list("marked_at", flat=True).first()
    stale_mark(pairs)
    if oldest is not None and timezone.now() - oldest < REENQUEUE_AFTER:
        return  # the refresh enqueued for the older markers takes these too
    try:
        from ct05.dashboard.tasks import rollup_refresh

        rollup_refresh.enqueue()
    except Exception:  # the queue being down must not fail the user's write; the nightly run catches up
        logger.warning("dashboard: could not enqueue the rollup refresh", exc_info=True)


def _year(day: Any) -> int | None:
    return day.year if isinstance(day, dt.date) else None


def _this_year() -> int:
    return clock.today().year


# --- handlers, one per kind of record -------------------------------------------------------------------


def _by_org_date(field: str, org_field: str = "organization_id") -> Any:
    def handler(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        note(getattr(instance, org_field, None), _year(getattr(instance, field, None)))

    return handler


def _member_pre(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if instance.pk:
        instance._dashboard_old_cell = sender.objects.filter(pk=instance.pk).values_list("cell_id", flat=True).first()


def _member(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    y = _this_year()
    note(instance.cell_id, y)
    note(getattr(instance, "_dashboard_old_cell", None), y)


def _org_pre(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if instance.pk:
        instance._dashboard_old_parent = (
            sender.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
        )


def _organization(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    y = _this_year()
    note(instance.pk, y)
    note(getattr(instance, "_dashboard_old_parent", None), y)


def _registration(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    note(instance.organization_id, instance.year)


def _registration_of(registration_id: int | None) -> tuple[int | None, int | None]:
    from ct05.cycle.models import Registration

    cache: dict[int, tuple[int | None, int | None]] = getattr(_local, "regs", None) or {}
    _local.regs = cache
    if registration_id is None:
        return None, None
    if registration_id not in cache:
        if len(cache) > 5_000:
            cache.clear()
        row = Registration.objects.filter(pk=registration_id).values_list("organization_id", "year").first()
        cache[registration_id] = row if row else (None, None)
    return cache[registration_id]


def _commitment(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    note(*_registration_of(instance.registration_id))


def _checkin(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    from ct05.cycle.models import Commitment

    reg = Commitment.objects.filter(pk=instance.commitment_id).values_list("registration_id", flat=True).first()
    note(*_registration_of(reg))


def _meeting(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    note(instance.cell_id, _year(instance.for_month), _year(instance.date))


def _meeting_part(field: str) -> Any:
    def handler(sender: type[Model], instance: Any, **kwargs: Any) -> None:
        from ct05.records.models import Meeting

        row = Meeting.objects.filter(pk=instance.meeting_id).values_list("cell_id", "for_month", "date").first()
        if row:
            note(row[0], _year(row[1]), _year(row[2]), _year(getattr(instance, field, None)) if field else None)

    return handler


def _standard(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    note(instance.organization_id, _this_year(), _year(instance.reviewed_on), _year(instance.issued_on))


def _generic(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    """Supervision records: the unit field found by name, this year and the year of its date."""
    from ct05.dashboard.sources_supervision import ORG_FIELDS

    years = [_this_year()]
    for f in ("date", "deadline", "starts_on", "start_date", "held_on", "completed_on"):
        y = _year(getattr(instance, f, None))
        if y:
            years.append(y)
    for name in ORG_FIELDS:
        org_id = getattr(instance, f"{name}_id", None)
        if org_id:
            note(org_id, *years)
            return


def _connect(model: type[Model], handler: Any, pre: Any = None) -> None:
    uid = f"dashboard-{model._meta.label_lower}"
    post_save.connect(handler, sender=model, dispatch_uid=uid + "-save", weak=False)
    post_delete.connect(handler, sender=model, dispatch_uid=uid + "-delete", weak=False)
    if pre is not None:
        pre_save.connect(pre, sender=model, dispatch_uid=uid + "-pre", weak=False)


def connect_all() -> None:
    from django.apps import apps

    from ct05.orgs.models import Member, Organization

    _connect(Member, _member, _member_pre)
    _connect(Organization, _organization, _org_pre)
    if apps.is_installed("ct05.records"):
        from ct05.records import models as r

        _connect(r.Meeting, _meeting)
        _connect(r.AgendaItem, _meeting_part(""))
        _connect(r.ResolutionItem, _meeting_part("deadline"))
        _connect(r.UnitStandard, _standard)
        _connect(r.GoodDeed, _by_org_date("date"))
        _connect(r.ExemplaryModel, _by_org_date("started_on"))
        _connect(r.Replication, _by_org_date("started_on"))
        _connect(r.Commendation, _by_org_date("decision_date"))
        _connect(r.Criticism, _by_org_date("date"))
        _connect(r.Activity, _by_org_date("date"))
    if apps.is_installed("ct05.cycle"):
        from ct05.cycle import models as c

        _connect(c.Registration, _registration)
        _connect(c.Commitment, _commitment)
        _connect(c.CheckIn, _checkin)
    if apps.is_installed("ct05.supervision"):
        for model in apps.get_app_config("supervision").get_models():
            _connect(model, _generic)
    _connect_task_hook()


# The cycle's analysis rewrites verdicts and similarity with raw SQL (no model signals): when its task
# finishes, its subtree and year are recomputed in the background.
ANALYSIS_TASKS = frozenset({"ct05.cycle.tasks.analyze_job"})


def _task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    try:
        if task_result.task.module_path not in ANALYSIS_TASKS:
            return
        from ct05.core.models import BackgroundJob
        from ct05.dashboard.tasks import rollup_run

        job = BackgroundJob.objects.filter(pk=task_result.args[0]).first() if task_result.args else None
        if job is None or "year" not in job.params:
            return
        rollup_run.enqueue(int(job.params["year"]), job.params.get("org"))
    except Exception:  # never break the other app's task over a dashboard refresh
        logger.warning("dashboard: could not schedule a rollup after the analysis", exc_info=True)


def _connect_task_hook() -> None:
    from django_tasks.signals import task_finished

    task_finished.connect(_task_finished, dispatch_uid="dashboard-after-analysis", weak=False)
