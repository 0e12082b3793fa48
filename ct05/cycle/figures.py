"""What the cycle's figures count, defined once: the per-cell indicators of the analysis
(`indicators_store`, below, run by the analysis) and the dashboard's rollups (`ct05.dashboard.sources`) both
aggregate with these, so "registered", "copied" or "with a deadline" cannot mean two things."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ct05.cycle.models import CellIndicator, CheckIn, Commitment, RatingLevel, Registration
from ct05.orgs.models import Member, Organization

SELF_ASSESSED = ["self_assessed", "assessed", "locked"]


def counted(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """The registrations that count: a member's, past the draft stage, with `ci` (has a check-in) annotated."""
    has_checkin = CheckIn.objects.filter(commitment__registration=OuterRef("pk"))
    return (
        registrations.filter(member__isnull=False)
        .exclude(status__in=Registration.EDITABLE)
        .annotate(ci=Exists(has_checkin))
    )


def registration_counts() -> dict[str, Any]:
    """Aggregates over `counted(...)` registrations."""
    return {
        "registered": Count("member_id", distinct=True),
        "registrations": Count("id"),
        "checked_in": Count("id", filter=Q(ci=True)),
        "self_assessed": Count("id", filter=Q(status__in=SELF_ASSESSED)),
    }


def commitment_counts() -> dict[str, Any]:
    """Aggregates over the commitments of counted registrations."""
    return {
        "commitments": Count("id"),
        "specific": Count("id", filter=Q(verdict=Commitment.Verdict.SPECIFIC)),
        "copied": Count("id", filter=Q(max_similarity__isnull=False, uniform="")),  # a unit's rule is no copy
        "linked": Count("id", filter=Q(duty__isnull=False)),
        "with_deadline": Count("id", filter=Q(deadline__isnull=False) | ~Q(milestones="")),
    }


def rating_names(*, today: dt.date | None = None, used: Collection[str] = ()) -> list[tuple[str, str]]:
    """(code, name) of the rating levels, best first, one name per code (its latest version). With `today`,
    only the levels in force that day and the codes in `used` (figures of a year whose levels were renamed
    since keep their names)."""
    names: dict[str, str] = {}
    rows = RatingLevel.objects.order_by("rank", "-effective_from").values_list(
        "code", "name", "effective_from", "effective_to"
    )
    for code, name, start, end in rows:
        if code in names:
            continue
        if today is None or code in used or (start <= today and (end is None or end >= today)):
            names[code] = name
    return list(names.items())


def indicators_store(*, year: int, org: Organization | None = None) -> int:
    """Recompute the per-cell indicators of the subtree (or the whole province) for the year."""
    cells = Organization.objects.not_closed_on(dt.date(year, 1, 1)).filter(kind__is_cell=True)
    if org is not None:
        cells = cells.filter(path__startswith=org.path)
    cell_ids = list(cells.values_list("pk", flat=True))
    figures: dict[int, dict[str, int]] = {c: {} for c in cell_ids}

    def put(rows: Any, key: str, *fields: str) -> None:
        for row in rows:
            cid = row[key]
            if cid in figures:
                for f in fields:
                    figures[cid][f] = row[f]

    members = Member.objects.filter(status=Member.Status.ACTIVE, is_exempt=False, cell_id__in=cell_ids)
    put(members.values("cell_id").annotate(members=Count("id")), "cell_id", "members")
    regs = counted(Registration.objects.filter(year=year, organization_id__in=cell_ids))
    counts = registration_counts()
    put(regs.values("organization_id").annotate(**counts), "organization_id", *counts)
    counts = commitment_counts()
    commitments = Commitment.objects.filter(registration__in=regs).values("registration__organization_id")
    put(commitments.annotate(**counts), "registration__organization_id", *counts)
    CellIndicator.objects.filter(year=year, organization_id__in=cell_ids).delete()
    CellIndicator.objects.bulk_create(
        [CellIndicator(year=year, organization_id=c, **f) for c, f in figures.items()], batch_size=2000
    )
    return len(cell_ids)
