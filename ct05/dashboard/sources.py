"""The own figures of units for a year, read from the records of the other apps with grouped queries
(one per kind of record, never one per unit), so that a whole province, or the nation, is a few dozen
queries. What the cycle's and the supervision's figures count is defined in their apps
(`ct05.cycle.figures`, `ct05.supervision.figures`) and read here by name.

Snapshot figures (members, overdue items, open tasks, standards reviewed) are as of `today` for the
current year and as of 31 December for a past year where the records allow it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from ct05.cycle import figures as cycle_figures
from ct05.cycle.models import Commitment, Registration
from ct05.dashboard.figures import Figures, bump
from ct05.orgs.models import Member, Organization
from ct05.records.figures import REGISTERS
from ct05.records.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    ResolutionItem,
    UnitStandard,
)
from ct05.records.quality import GOOD_VERDICTS
from ct05.records.selectors.meetings import STUDY_CODE, calendar_outcomes
from ct05.records.selectors.standards import review_deadline
from ct05.supervision import figures as supervision_figures


@dataclass(frozen=True)
class Units:
    """Which units to read: a subtree (path prefix), a list of ids, or (neither) every unit."""

    prefix: str | None = None
    ids: tuple[int, ...] | None = None

    def q(self, via: str = "") -> Q:
        if self.ids is not None:
            return Q(**{f"{via}id__in": self.ids}) if via else Q(pk__in=self.ids)
        if self.prefix:
            return Q(**{f"{via}path__startswith": self.prefix})
        return Q()


@dataclass(frozen=True)
class Window:
    year: int
    today: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def ref_day(self) -> dt.date:
        """The day snapshots are taken: today for the current year, 31 December for a past one."""
        return min(self.today, self.end)

    def month_started(self, month: int) -> bool:
        return dt.date(self.year, month, 1) <= self.today


def own_figures(*, year: int, units: Units, today: dt.date) -> dict[int, Figures]:
    """unit id → its own figures for the year (units without any record are absent)."""
    w = Window(year, today)
    out: dict[int, Figures] = {}

    def fig(org_id: int) -> Figures:
        f = out.get(org_id)
        if f is None:
            f = out[org_id] = {}
        return f

    _members(out, fig, units)
    _cells(fig, units, w)
    _meetings(fig, units, w)
    _calendar(fig, units, w)
    _resolution_items(fig, units, w)
    _standards(fig, units, w)
    _registers(fig, units, w)
    _cycle(fig, units, w)
    _supervision(fig, units, w)
    return out


def _members(out: dict[int, Figures], fig: Any, units: Units) -> None:
    rows = (
        Member.objects.filter(units.q("cell__"), status=Member.Status.ACTIVE)
        .values("cell_id")
        .annotate(
            n=Count("id", filter=Q(is_exempt=False)),
            key=Count("id", filter=Q(is_key_leader=True)),
        )
        .order_by()
    )
    for r in rows:
        f = fig(r["cell_id"])
        if r["n"]:
            bump(f, "members", r["n"])
        if r["key"]:
            bump(f, "key_leaders", r["key"])


def _cells(fig: Any, units: Units, w: Window) -> None:
    """Each cell active during the year counts 1 in "cells", and in each month and quarter it was active
    (and that has started): the denominators of the meeting indicators."""
    cells = Organization.objects.active_between(w.start, w.end).filter(units.q(), kind__is_cell=True)
    for pk, start, end in cells.values_list("pk", "active_from", "active_to").iterator(chunk_size=20_000):
        f = fig(pk)
        bump(f, "cells")
        quarters: set[int] = set()
        for m in range(1, 13):
            if not w.month_started(m):
                break
            m_start = dt.date(w.year, m, 1)
            m_end = dt.date(w.year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            if start <= m_end and (end is None or end >= m_start):
                bump(f, "cells_m", index=m - 1)
                quarters.add((m - 1) // 3)
        for q in quarters:
            bump(f, "cells_q", index=q)


def _meetings(fig: Any, units: Units, w: Window) -> None:

    study = AgendaItem.objects.filter(meeting=OuterRef("pk"), requirement__code=STUDY_CODE, done=True)
    regular = (
        Meeting.objects.filter(units.q("cell__"), kind=MeetingKind.REGULAR, for_month__year=w.year)
        .annotate(st=Exists(study))
        .values_list("cell_id", "for_month", "st")
    )
    seen: set[tuple[int, int]] = set()
    studied: set[tuple[int, int]] = set()
    for cell_id, month, st in regular.iterator(chunk_size=20_000):
        seen.add((cell_id, month.month))
        if st:
            studied.add((cell_id, month.month))
    for cell_id, m in seen:
        bump(fig(cell_id), "meetings_m", index=m - 1)
    for cell_id, m in studied:
        bump(fig(cell_id), "study_m", index=m - 1)
    thematic = Meeting.objects.filter(units.q("cell__"), kind=MeetingKind.THEMATIC, date__year=w.year).values_list(
        "cell_id", "date"
    )
    quarters = {(cell_id, (d.month - 1) // 3) for cell_id, d in thematic.iterator(chunk_size=20_000)}
    for cell_id, q in quarters:
        bump(fig(cell_id), "thematic_q", index=q)


def _calendar(fig: Any, units: Units, w: Window) -> None:
    """The compliance calendar's outcomes, cell by cell (ct05/records/compliance.py): "calendar" counts the
    cells per requirement, period and outcome, "calendar_rules" the cells per digest of the rules they were
    computed against. The province's calendar is then summed from one row (issue 15)."""
    for cell_id, digest, keys in calendar_outcomes(cells=units.q(), year=w.year):
        f = fig(cell_id)
        bump(f, "calendar_rules", key=digest)
        for k in keys:
            bump(f, "calendar", key=k)


def _resolution_items(fig: Any, units: Units, w: Window) -> None:

    rows = (
        ResolutionItem.objects.filter(units.q("meeting__cell__"), deadline__year=w.year)
        .values("meeting__cell_id")
        .annotate(
            n=Count("id"),
            overdue=Count(
                "id",
                filter=Q(deadline__lt=w.ref_day)
                & (~Q(status__in=ResolutionItem.CLOSED) | Q(completed_on__gt=w.ref_day)),
            ),
        )
        .order_by()
    )
    for r in rows:
        f = fig(r["meeting__cell_id"])
        bump(f, "items_total", r["n"])
        if r["overdue"]:
            bump(f, "items_overdue", r["overdue"])


def _standards(fig: Any, units: Units, w: Window) -> None:
    """Grassroots units must have standards; one counts as "ok" when reviewed (or issued) within the
    review period before the reference day and judged short and concrete by the engine."""

    grassroots = Organization.objects.active_between(w.start, w.end).filter(units.q(), kind__is_grassroots=True)
    must = set(grassroots.values_list("pk", flat=True).iterator(chunk_size=20_000))
    for pk in must:
        bump(fig(pk), "std_units")
    deadline = review_deadline(w.ref_day)
    rows = UnitStandard.objects.filter(units.q("organization__"), issued_on__lte=w.ref_day).values_list(
        "organization_id", "issued_on", "reviewed_on", "verdict"
    )
    for org_id, issued, reviewed, verdict in rows.iterator(chunk_size=20_000):
        if org_id not in must:
            continue
        f = fig(org_id)
        bump(f, "std_present")
        last = reviewed if reviewed and reviewed <= w.ref_day else issued
        fresh = last >= deadline
        concise = verdict in GOOD_VERDICTS
        if fresh:
            bump(f, "std_reviewed")
        if concise:
            bump(f, "std_concise")
        if fresh and concise:
            bump(f, "std_ok")


def _monthly(fig: Any, rows: Iterable[tuple[int, dt.date]], code: str) -> None:
    for org_id, day in rows:
        bump(fig(org_id), code, index=day.month - 1)


def _registers(fig: Any, units: Units, w: Window) -> None:
    """Each register's records of the year, by the month of the date it is counted by (ct05/records/figures.py)."""
    for model, (field, code) in REGISTERS.items():
        rows = (
            model._default_manager.filter(units.q("organization__"), **{f"{field}__year": w.year})
            .values_list("organization_id", field)
            .iterator(chunk_size=20_000)
        )
        _monthly(fig, rows, code)


def _cycle(fig: Any, units: Units, w: Window) -> None:
    """Registrations (submitted or further) of members, their commitments, key leaders' plans, ratings."""
    regs = cycle_figures.counted(Registration.objects.filter(units.q("organization__"), year=w.year))
    rows = (
        regs.values("organization_id")
        .annotate(
            **cycle_figures.registration_counts(),
            key_plans=Count(
                "member_id", filter=Q(track=Registration.Track.KEY_LEADER, member__is_key_leader=True), distinct=True
            ),
        )
        .order_by()
    )
    for r in rows:
        f = fig(r["organization_id"])
        for code in ("registered", "registrations", "checked_in", "self_assessed", "key_plans"):
            if r[code]:
                bump(f, code, r[code])
    ratings = (
        regs.filter(rating__isnull=False).values("organization_id", "rating__code").annotate(n=Count("id")).order_by()
    )
    for r in ratings:
        bump(fig(r["organization_id"]), "ratings", r["n"], key=r["rating__code"])
    commitments = (
        Commitment.objects.filter(registration__in=regs)
        .values("registration__organization_id")
        .annotate(**cycle_figures.commitment_counts())
        .order_by()
    )
    for r in commitments:
        f = fig(r["registration__organization_id"])
        for code in ("commitments", "specific", "copied", "linked", "with_deadline"):
            if r[code]:
                bump(f, code, r[code])


def _supervision(fig: Any, units: Units, w: Window) -> None:
    """Self-inspections and inspections per month, remediation tasks, open warnings by rule (these only for
    the current year: warnings are not kept per past year)."""
    where = units.q("organization__")
    for org_id, day in supervision_figures.self_inspection_days(where, w.year):
        bump(fig(org_id), "self_inspections_m", index=day.month - 1)
    for org_id, day in supervision_figures.inspection_days(where, w.year):
        bump(fig(org_id), "inspections_m", index=day.month - 1)
    for org_id, code in supervision_figures.task_states(where, w.year, w.ref_day):
        bump(fig(org_id), code)
    if w.year == w.today.year:
        for org_id, rule in supervision_figures.open_warning_codes(where):
            bump(fig(org_id), "warnings", key=str(rule))
