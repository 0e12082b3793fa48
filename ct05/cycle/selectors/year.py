"""Reads of the year's calendar: topics, indicators, members without a registration, notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, When

from ct05.access.policy import Record
from ct05.access.resolver import org_scope, record_scope
from ct05.cycle.models import (
    CellIndicator,
    CycleYear,
    Notification,
    Registration,
    Topic,
)
from ct05.orgs.models import Member, Organization


def topics_for(*, user: Any, year: int, organization: Organization | None = None) -> QuerySet[Topic]:
    qs = Topic.objects.filter(year_from__lte=year, year_to__gte=year).select_related("organization")
    scope = org_scope(user)
    visible = Q(organization__isnull=True) | scope.q("organization__")
    if organization is not None:
        ancestors = [int(s) for s in organization.path.strip("/").split("/") if s]
        visible |= Q(organization_id__in=ancestors)
    # National theme, then the province's topic, then the unit's focus (the level codes sort otherwise).
    rank = Case(*(When(level=code, then=n) for n, code in enumerate(Topic.Level.values)), default=len(Topic.Level))
    return qs.filter(visible).order_by(rank, "title")


def calendar(*, year: int) -> CycleYear:
    return CycleYear.objects.filter(year=year).first() or CycleYear.default_for(year)


# Indicators, notifications, attention ------------------------------------------------------------------


def indicator_list(*, user: Any, year: int, org: Organization | None = None) -> QuerySet[CellIndicator]:
    qs = CellIndicator.objects.filter(
        record_scope(user, Record.INDICATOR).q("organization__"), year=year
    ).select_related("organization__parent")
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    return qs.order_by("organization__path")


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def members_without_registration(*, user: Any, year: int, org: Organization | None = None) -> QuerySet[Member]:
    done = Registration.objects.filter(member=OuterRef("pk"), year=year).exclude(status__in=Registration.EDITABLE)
    scope = record_scope(user, Record.NOT_REGISTERED)
    qs = Member.objects.filter(scope.q("cell__"), status=Member.Status.ACTIVE, is_exempt=False).exclude(Exists(done))
    if org is not None:
        qs = qs.filter(cell__path__startswith=org.path)
    return (
        qs.select_related("cell")
        .annotate(has_draft=Exists(Registration.objects.filter(member=OuterRef("pk"), year=year)))
        .order_by("cell__path", "sort_key")
    )
