"""Reads of cell meetings, resolution items and the compliance calendar. Every function takes the acting
user and returns only what the access resolver lets that user see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ct05.access.resolver import Action, org_scope
from ct05.core import clock
from ct05.orgs.models import Member, Organization
from ct05.records import compliance
from ct05.records.models import AgendaItem, Attendance, Meeting, MeetingKind, MeetingRequirement, ResolutionItem
from ct05.records.selectors._common import ListFilters, apply_filters, get_in_scope, scoped, year_bounds

STUDY_CODE = "study-item"
MISSING_STUDY = "missing_study"
OVERDUE = "overdue"


def meeting_list(*, user: Any, filters: ListFilters) -> QuerySet[Meeting]:
    qs = scoped(Meeting.objects.all(), user, "cell__").select_related("cell")
    qs = apply_filters(qs, filters, via="cell__", date_field="date")
    if filters.status in MeetingKind.values:
        qs = qs.filter(kind=filters.status)
    elif filters.status == MISSING_STUDY:
        study = AgendaItem.objects.filter(meeting=OuterRef("pk"), requirement__code=STUDY_CODE, done=True)
        qs = qs.filter(kind=MeetingKind.REGULAR).exclude(Exists(study))
    return qs.annotate(
        n_present=_count(Attendance.objects.filter(status=Attendance.Status.PRESENT)),
        n_items=_count(ResolutionItem.objects.all()),
    ).order_by("-date", "-id")


def _count(rows: QuerySet[Any]) -> Coalesce:
    """How many of `rows` belong to the meeting: a subquery per row, computed for the page's rows only and left
    out of the pager's COUNT(*) (two JOINs + GROUP BY over the province's meetings cost 0.2 s; issue 15)."""
    per_meeting = rows.filter(meeting=OuterRef("pk")).order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_meeting, output_field=IntegerField()), 0)


def meeting_get(*, user: Any, pk: int, action: Action = "view") -> Meeting:
    qs = Meeting.objects.select_related("cell", "cell__kind", "cell__parent", "chair", "recorder")
    return get_in_scope(qs, user=user, pk=pk, via="cell__", action=action)


def cell_members(*, meeting: Meeting) -> QuerySet[Member]:
    """The members who can be listed at the meeting: the cell's active members, and anyone already recorded."""
    recorded = meeting.attendance.values("member_id")
    return (
        Member.objects.filter(cell=meeting.cell_id)
        .filter(Q(status=Member.Status.ACTIVE) | Q(pk__in=recorded))
        .order_by("sort_key", "id")
    )


def resolution_item_list(*, user: Any, filters: ListFilters, today: dt.date | None = None) -> QuerySet[ResolutionItem]:
    today = today or clock.today()
    qs = scoped(ResolutionItem.objects.all(), user, "meeting__cell__").select_related(
        "meeting", "meeting__cell", "owner"
    )
    qs = apply_filters(qs, filters, via="meeting__cell__", date_field="deadline")
    if filters.status == OVERDUE:
        qs = qs.exclude(status__in=ResolutionItem.CLOSED).filter(deadline__lt=today)
    elif filters.status in ResolutionItem.Status.values:
        qs = qs.filter(status=filters.status)
    return qs.order_by("deadline", "id")


def resolution_item_get(*, user: Any, pk: int, action: Action = "view") -> ResolutionItem:
    qs = ResolutionItem.objects.select_related("meeting", "meeting__cell", "owner")
    return get_in_scope(qs, user=user, pk=pk, via="meeting__cell__", action=action)


def overdue_resolution_items(*, user: Any, today: dt.date | None = None) -> QuerySet[ResolutionItem]:
    """Action items past their deadline and not done, in the user's scope (for the home page)."""
    today = today or clock.today()
    return (
        scoped(ResolutionItem.objects.all(), user, "meeting__cell__")
        .exclude(status__in=ResolutionItem.CLOSED)
        .filter(deadline__lt=today)
        .select_related("meeting", "meeting__cell", "owner")
        .order_by("deadline", "id")
    )


# Compliance calendar ---------------------------------------------------------------------------------


def _rules(year: int) -> list[compliance.Rule]:
    start, end = year_bounds(year)
    rows = MeetingRequirement.objects.overlapping(start, end).filter(is_required=True)
    return [
        compliance.Rule(
            code=r.code,
            label=r.label,
            shape=r.shape,
            meeting_kind=r.meeting_kind,
            period=r.period,
            min_count=r.min_count,
            effective_from=r.effective_from,
            effective_to=r.effective_to,
            order=r.order,
        )
        for r in rows
    ]


def _facts(cell_ids: list[int], year: int) -> dict[int, list[compliance.MeetingFact]]:
    """The meetings that count for `year` (a January make-up meeting counts for the December before)."""
    start, end = year_bounds(year)
    meetings = Meeting.objects.filter(cell_id__in=cell_ids, for_month__gte=start, for_month__lte=end).order_by()
    required = dict(MeetingRequirement.objects.filter(is_required=True).values_list("pk", "code"))
    done: dict[int, set[str]] = defaultdict(set)
    agenda = AgendaItem.objects.filter(meeting__in=meetings, done=True, requirement_id__in=list(required)).order_by()
    for meeting_id, requirement_id in agenda.values_list("meeting_id", "requirement_id").iterator(chunk_size=5000):
        done[meeting_id].add(required[requirement_id])
    out: dict[int, list[compliance.MeetingFact]] = defaultdict(list)
    for pk, cell_id, date, kind, for_month in meetings.values_list(
        "pk", "cell_id", "date", "kind", "for_month"
    ).iterator(chunk_size=5000):
        out[cell_id].append(compliance.MeetingFact(date, kind, for_month, frozenset(done.get(pk, ()))))
    return out


@dataclass
class CellCalendar:
    cell: Organization
    rows: list[compliance.Row]

    @property
    def tally(self) -> dict[str, int]:
        return dict(compliance.tally(self.rows))


@dataclass
class ChildSummary:
    org: Organization
    cells: int
    ok: int
    late: int
    missing: int


@dataclass
class RollUp:
    org: Organization
    year: int
    rows: list[compliance.AggRow]
    children: list[ChildSummary]
    cells: list[CellCalendar]


def _cells_in(user: Any, org: Organization, year: int) -> QuerySet[Organization]:
    start, end = year_bounds(year)
    return (
        Organization.objects.active_between(start, end)
        .filter(org_scope(user).q(), path__startswith=org.path, kind__is_cell=True)
        .select_related("parent")
        .order_by("path")
    )


def compliance_calendars(
    *, user: Any, org: Organization, year: int, today: dt.date | None = None
) -> list[CellCalendar]:
    """The calendar of every cell in `org`'s subtree that the user may see (one when `org` is a cell)."""
    today = today or clock.today()
    rules = _rules(year)
    rows_plan = compliance.plan(rules, year)  # once, not once per cell
    cells = list(_cells_in(user, org, year))
    facts = _facts([c.pk for c in cells], year)
    return [
        CellCalendar(
            c,
            compliance.cell_calendar(
                rules,
                facts.get(c.pk, []),
                year=year,
                active_from=c.active_from,
                active_to=c.active_to,
                today=today,
                rows_plan=rows_plan,
            ),
        )
        for c in cells
    ]


def compliance_roll_up(*, user: Any, org: Organization, year: int, today: dt.date | None = None) -> RollUp:
    """Months × requirements summed over the cells under `org`, and a line per sub-unit to drill down."""
    calendars = compliance_calendars(user=user, org=org, year=year, today=today)
    children = list(Organization.objects.filter(org_scope(user).q(), parent=org).order_by("kind__level", "name"))
    tallies = [(c.cell.path, c.tally) for c in calendars]  # once per cell, not once per cell and child
    summaries: list[ChildSummary] = []
    for child in children:
        mine = [t for path, t in tallies if path.startswith(child.path)]
        if not mine:
            continue
        total: dict[str, int] = defaultdict(int)
        for t in mine:
            for k, v in t.items():
                total[k] += v
        summaries.append(
            ChildSummary(child, len(mine), total[compliance.OK], total[compliance.LATE], total[compliance.MISSING])
        )
    return RollUp(org, year, compliance.roll_up(c.rows for c in calendars), summaries, calendars)
