"""Reads of cell meetings, resolution items and the compliance calendar. Every function takes the acting
user and returns only what the access resolver lets that user see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
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
    cells: list[CellCalendar]  # computed live: every cell's calendar; read from the rollups: none
    n_cells: int = 0
    as_of: dt.datetime | None = None  # read from the dashboard's rollups computed then; None: computed now
    stale: bool = False  # writes in the subtree are not in the rollups yet (their refresh is on its way)


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


# Above this many cells, a unit's calendar is summed from the dashboard's rollups (refreshed on every meeting
# write, shown with their "as of"); at or below, computed from the meetings on each request (fresh, and cheap).
LIVE_CELLS = 100


def compliance_roll_up(*, user: Any, org: Organization, year: int, today: dt.date | None = None) -> RollUp:
    """Months × requirements summed over the cells under `org`, and a line per sub-unit to drill down."""
    today = today or clock.today()
    if not org.kind.is_cell:
        stored = _stored_roll_up(user=user, org=org, year=year, today=today)
        if stored is not None:
            return stored
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
    rows = compliance.roll_up(c.rows for c in calendars)
    return RollUp(org, year, rows, summaries, calendars, n_cells=len(calendars))


def calendar_outcomes(*, cells: Q, year: int) -> Iterator[tuple[int, str, list[str]]]:
    """(cell id, rules digest, the cell's outcome keys) for the cells active in `year` among the units `cells`
    selects (a filter on Organization): what the
    dashboard's rollups store (ct05/dashboard/sources.py) for `_stored_roll_up` to sum. Cells are read in
    chunks, so a nation's rollup stays within memory."""
    start, end = year_bounds(year)
    rules = _rules(year)
    digest = compliance.rules_digest(rules)
    rows_plan = compliance.plan(rules, year)
    active = Organization.objects.active_between(start, end).filter(cells, kind__is_cell=True)
    rows = list(active.order_by("pk").values_list("pk", "active_from", "active_to"))
    for s in range(0, len(rows), 1000):
        chunk = rows[s : s + 1000]
        facts = _facts([pk for pk, _f, _t in chunk], year)
        for pk, active_from, active_to in chunk:
            cal = compliance.cell_calendar(
                rules,
                facts.get(pk, []),
                year=year,
                active_from=active_from,
                active_to=active_to,
                today=dt.date.max,  # outcomes as if the year were over: the day is applied when read
                rows_plan=rows_plan,
            )
            yield pk, digest, [compliance.outcome_key(*o) for o in compliance.outcomes(cal)]


def _stored_roll_up(*, user: Any, org: Organization, year: int, today: dt.date) -> RollUp | None:
    """The roll-up summed from the rollups of `org` and its children, or None (compute it live) when the
    user does not see the whole subtree (a rollup holds every cell of it), when the unit is small, or when
    the rollups were computed against other rules than those in force (or not at all)."""
    from ct05.dashboard.models import Rollup, StaleUnit

    scope = org_scope(user)
    if not (scope.everything or any(org.path.startswith(p) for p in scope.prefixes)):
        return None
    row = Rollup.objects.filter(year=year, organization=org).values_list("total", "computed_at").first()
    if row is None:
        return None
    total, computed_at = row
    n_cells = int(total.get("cells", 0))
    rules = _rules(year)
    if n_cells <= LIVE_CELLS or total.get("calendar_rules") != {compliance.rules_digest(rules): n_cells}:
        return None
    rows_plan = compliance.plan(rules, year)
    children = list(Organization.objects.filter(parent=org).order_by("kind__level", "name"))
    kid_totals = dict(
        Rollup.objects.filter(year=year, organization_id__in=[c.pk for c in children]).values_list(
            "organization_id", "total"
        )
    )
    summaries: list[ChildSummary] = []
    for child in children:
        kid = kid_totals.get(child.pk) or {}
        kid_cells = int(kid.get("cells", 0))
        if not kid_cells:
            continue
        counts: dict[str, int] = defaultdict(int)
        for agg in compliance.roll_up_counts(rows_plan, kid.get("calendar", {}), cells=kid_cells, today=today):
            for slot in agg.slots:
                for status, n in slot.counts.items():
                    counts[status] += n
        summaries.append(
            ChildSummary(child, kid_cells, counts[compliance.OK], counts[compliance.LATE], counts[compliance.MISSING])
        )
    in_subtree = Organization.objects.filter(path__startswith=org.path).values("pk")
    return RollUp(
        org,
        year,
        compliance.roll_up_counts(rows_plan, total.get("calendar", {}), cells=n_cells, today=today),
        summaries,
        [],
        n_cells=n_cells,
        as_of=computed_at,
        stale=StaleUnit.objects.filter(year=year, organization_id__in=in_subtree).exists(),
    )
