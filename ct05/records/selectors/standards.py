"""Reads of units' ethical standards, and of units whose standards are missing or not reviewed in time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from ct05.access.resolver import Action, org_scope
from ct05.core import clock
from ct05.core.text import fold
from ct05.orgs.models import Organization
from ct05.records.models import UnitStandard, setting_int
from ct05.records.quality import GOOD_VERDICTS
from ct05.records.selectors._common import ListFilters, get_in_scope

NOT_REVIEWED = "not_reviewed"
WEAK = "weak"
MISSING = "missing"


def review_deadline(today: dt.date) -> dt.date:
    """Standards last reviewed before this day are overdue for review (the period is a setting)."""
    months = setting_int("standards_review_months", today)
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)
    return dt.date(y, m + 1, day)


def standard_units(*, user: Any, filters: ListFilters, today: dt.date | None = None) -> QuerySet[Organization]:
    """The grassroots units (and the units above them) in scope, each with its standard if it has one.
    Status filters: "missing" (none), "not_reviewed" (never reviewed within the period), "weak" (the engine
    found them not short and concrete)."""
    today = today or clock.today()
    qs = (
        Organization.objects.not_closed_on(today)
        .filter(org_scope(user).q())
        .filter(Q(kind__is_grassroots=True) | Q(ethics_standard__isnull=False))
        .select_related("kind", "ethics_standard", "parent")
    )
    if filters.org is not None:
        qs = qs.filter(path__startswith=filters.org.path)
    if filters.query:
        for word in fold(filters.query).split()[:8]:
            qs = qs.filter(Q(search_text__contains=word) | Q(ethics_standard__search_text__contains=word))
    if filters.year:
        qs = qs.filter(
            Q(ethics_standard__issued_on__year=filters.year) | Q(ethics_standard__reviewed_on__year=filters.year)
        )
    deadline = review_deadline(today)
    if filters.status == MISSING:
        qs = qs.filter(ethics_standard__isnull=True)
    elif filters.status == NOT_REVIEWED:
        qs = qs.filter(_not_reviewed_q(deadline))
    elif filters.status == WEAK:
        qs = (
            qs.filter(ethics_standard__isnull=False)
            .exclude(ethics_standard__verdict__in=GOOD_VERDICTS)
            .exclude(ethics_standard__verdict="")
        )
    return qs.order_by("path")


def _not_reviewed_q(deadline: dt.date) -> Q:
    return (
        Q(ethics_standard__isnull=True)
        | Q(ethics_standard__reviewed_on__lt=deadline)
        | Q(ethics_standard__reviewed_on__isnull=True, ethics_standard__issued_on__lt=deadline)
    )


def standards_not_reviewed(*, user: Any, today: dt.date | None = None) -> QuerySet[Organization]:
    """Grassroots units in scope whose standards were never issued or not reviewed within the period."""
    today = today or clock.today()
    return standard_units(user=user, filters=ListFilters(status=NOT_REVIEWED), today=today).filter(
        kind__is_grassroots=True
    )


def standard_for(*, org: Organization) -> UnitStandard | None:
    return UnitStandard.objects.filter(organization=org).prefetch_related("items__category").first()


def standard_get(*, user: Any, pk: int, action: Action = "view") -> UnitStandard:
    return get_in_scope(
        UnitStandard.objects.select_related("organization"), user=user, pk=pk, via="organization__", action=action
    )


@dataclass(frozen=True)
class ReviewState:
    label: str
    overdue: bool


def review_state(standard: UnitStandard | None, today: dt.date | None = None) -> ReviewState:
    today = today or clock.today()
    if standard is None:
        return ReviewState("chưa ban hành", True)
    last = standard.reviewed_on or standard.issued_on
    return ReviewState(last.strftime("%d/%m/%Y"), last < review_deadline(today))
