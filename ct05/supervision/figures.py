"""What the supervision figures count, defined once (the shape of ct05/cycle/figures.py): the dashboard's
rollups (`ct05.dashboard.sources`) read self-inspections, inspections, remediation tasks and open warnings
through these functions only, with the real model and field names, so a renamed field fails a test
instead of leaving a "—" on the dashboard.

Each function takes the units as a condition through the records' `organization` (e.g.
`Q(organization__path__startswith=…)`) and returns rows of plain values, read in one query whatever the
size of the tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q, QuerySet

from ct05.supervision.models import MissionUnit, RemediationTask, SelfInspection, Warning

CHUNK = 20_000
# The figures read from this app, as the dashboard's figure codes (ct05/dashboard/indicators.py).
CODES = ("self_inspections_m", "inspections_m", "tasks_done", "tasks_open", "tasks_overdue", "warnings")


def self_inspection_days(units: Q, year: int) -> Iterator[tuple[int, dt.date]]:
    """(unit, day) of every self-inspection held in `year`."""
    qs = SelfInspection.objects.filter(units, date__year=year)
    return qs.values_list("organization_id", "date").iterator(chunk_size=CHUNK)


def inspection_days(units: Q, year: int) -> Iterator[tuple[int, dt.date]]:
    """(unit, first day of the mission) for each unit visited by a mission (survey, inspection, supervision)
    that started in `year`: one inspection of that unit in that month."""
    qs = MissionUnit.objects.filter(units, mission__start_date__year=year)
    return qs.values_list("organization_id", "mission__start_date").iterator(chunk_size=CHUNK)


def tasks_counted(units: Q, year: int) -> QuerySet[RemediationTask]:
    """The remediation tasks of the units set by `year` (not the cancelled ones)."""
    return RemediationTask.objects.filter(units, created_at__year__lte=year).exclude(
        status=RemediationTask.Status.CANCELLED
    )


def task_states(units: Q, year: int, day: dt.date) -> Iterator[tuple[int, str]]:
    """(unit, "tasks_done" | "tasks_open") per task, plus (unit, "tasks_overdue") for each open task whose
    deadline passed before `day`."""
    rows = tasks_counted(units, year).values_list("organization_id", "status", "deadline")
    for org_id, status, deadline in rows.iterator(chunk_size=CHUNK):
        if status == RemediationTask.Status.DONE:
            yield org_id, "tasks_done"
            continue
        yield org_id, "tasks_open"
        if deadline < day:
            yield org_id, "tasks_overdue"


def open_warning_codes(units: Q) -> Iterator[tuple[int, str]]:
    """(unit, rule code) of every warning not yet resolved (warnings are not kept per past year)."""
    qs = Warning.objects.filter(units, resolved_on__isnull=True)
    return qs.values_list("organization_id", "code").iterator(chunk_size=CHUNK)
