"""Reads of plans, self-inspections, missions, requested reports and remediation tasks — always for the
acting user, through the resolver (and ct05.supervision.access for missions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from ct05.access.policy import Record
from ct05.access.resolver import org_scope, record_scope
from ct05.core.text import fold
from ct05.orgs.models import Organization
from ct05.supervision.access import mission_q, supervise_q
from ct05.supervision.models import (
    Finding,
    InspectionPlan,
    Mission,
    MissionUnit,
    RemediationTask,
    ReportAnswer,
    ReportRequest,
    SelfInspection,
)

OVERDUE = "overdue"


@dataclass(frozen=True)
class Filters:
    org: Organization | None = None
    year: int | None = None
    status: str = ""
    query: str = ""


def _words(qs: QuerySet[Any], query: str, field: str = "search_text") -> QuerySet[Any]:
    for word in fold(query).split()[:8]:
        qs = qs.filter(**{f"{field}__contains": word})
    return qs


def plan_list(*, user: Any, filters: Filters) -> QuerySet[InspectionPlan]:
    qs = InspectionPlan.objects.filter(record_scope(user, Record.INSPECTION_PLAN).q("organization__")).select_related(
        "organization"
    )
    if filters.org is not None:
        qs = qs.filter(organization__path__startswith=filters.org.path)
    if filters.year:
        qs = qs.filter(year=filters.year)
    return _words(qs, filters.query)


def self_inspection_list(*, user: Any, filters: Filters) -> QuerySet[SelfInspection]:
    qs = SelfInspection.objects.filter(record_scope(user, Record.INSPECTION_PLAN).q("organization__")).select_related(
        "organization"
    )
    if filters.org is not None:
        qs = qs.filter(organization__path__startswith=filters.org.path)
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    return _words(qs, filters.query)


def mission_list(*, user: Any, filters: Filters, today: dt.date) -> QuerySet[Mission]:
    ids = Mission.objects.filter(mission_q(user, today)).values("pk")
    qs = (
        Mission.objects.filter(pk__in=ids)
        .select_related("issuing_body")
        .annotate(n_units=Count("units", distinct=True))
    )
    if filters.org is not None:
        qs = qs.filter(
            Q(issuing_body__path__startswith=filters.org.path) | Q(units__organization=filters.org)
        ).distinct()
    if filters.year:
        qs = qs.filter(start_date__year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return _words(qs, filters.query).order_by("-start_date", "-id")


def mission_units(*, user: Any, mission: Mission) -> list[MissionUnit]:
    """The mission's units (the mission itself already read in the user's scope), each with how many of its
    findings are suggested (`n_suggested`) and accepted (`n_accepted`)."""
    units = list(mission.units.select_related("organization", "organization__kind", "organization__sector"))
    findings = list(mission.findings.values_list("organization_id", "status"))
    for u in units:
        mine = [s for o, s in findings if o == u.organization_id]
        u.n_suggested = mine.count(Finding.Status.SUGGESTED)  # type: ignore[attr-defined]
        u.n_accepted = mine.count(Finding.Status.ACCEPTED)  # type: ignore[attr-defined]
    return units


def request_list(*, user: Any, filters: Filters, today: dt.date) -> QuerySet[ReportRequest]:
    """Requests addressed to units the user manages (to answer), or of missions the user may see."""
    missions = Mission.objects.filter(mission_q(user, today)).values("pk")
    qs = (
        ReportRequest.objects.filter(Q(org_scope(user, "manage").q("organization__")) | Q(mission__in=missions))
        .select_related("mission", "organization")
        .annotate(answered=Exists(ReportAnswer.objects.filter(request=OuterRef("pk"))))
    )
    if filters.org is not None:
        qs = qs.filter(organization__path__startswith=filters.org.path)
    if filters.year:
        qs = qs.filter(deadline__year=filters.year)
    if filters.status == "answered":
        qs = qs.filter(answered=True)
    elif filters.status == "waiting":
        qs = qs.filter(answered=False)
    elif filters.status == OVERDUE:
        qs = qs.filter(answered=False, deadline__lt=today)
    for word in fold(filters.query).split()[:8]:
        qs = qs.filter(Q(organization__search_text__contains=word) | Q(mission__search_text__contains=word))
    return qs.order_by("deadline", "organization__path", "id")


def request_get(*, user: Any, pk: int, today: dt.date, answer: bool = False) -> ReportRequest:
    """A request the user may see; with answer=True, one addressed to a unit the user manages — a unit can
    never answer another unit's request (404, as if it did not exist)."""
    if answer:
        qs = ReportRequest.objects.filter(org_scope(user, "manage").q("organization__"))
    else:
        missions = Mission.objects.filter(mission_q(user, today)).values("pk")
        qs = ReportRequest.objects.filter(Q(org_scope(user, "manage").q("organization__")) | Q(mission__in=missions))
    try:
        return qs.select_related("mission", "organization").get(pk=pk)
    except ReportRequest.DoesNotExist:
        raise Http404 from None


def _task_q(user: Any) -> Q:
    return Q(record_scope(user, Record.REMEDIATION_TASK).q("organization__")) | supervise_q(
        user, "mission__issuing_body__"
    )


def task_list(
    *, user: Any, filters: Filters, today: dt.date, mission: Mission | None = None
) -> QuerySet[RemediationTask]:
    qs = RemediationTask.objects.filter(_task_q(user)).select_related("mission", "organization", "owner")
    if mission is not None:
        qs = qs.filter(mission=mission)
    if filters.org is not None:
        qs = qs.filter(organization__path__startswith=filters.org.path)
    if filters.year:
        qs = qs.filter(deadline__year=filters.year)
    if filters.status == OVERDUE:
        qs = qs.exclude(status__in=RemediationTask.CLOSED).filter(deadline__lt=today)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    return _words(qs, filters.query).order_by("deadline", "id")


def task_get(*, user: Any, pk: int, action: str = "view") -> RemediationTask:
    """For "manage": the unit's own officers (to report progress) and the mission's supervisors."""
    if action == "manage":
        q = Q(org_scope(user, "manage").q("organization__")) | supervise_q(user, "mission__issuing_body__")
    else:
        q = _task_q(user)
    try:
        return RemediationTask.objects.select_related("mission", "organization", "owner").get(q, pk=pk)
    except RemediationTask.DoesNotExist:
        raise Http404 from None


def may_answer(*, user: Any, request: ReportRequest) -> bool:
    return org_scope(user, "manage").contains(request.organization)


def may_update_task(*, user: Any, task: RemediationTask) -> bool:
    q = Q(org_scope(user, "manage").q("organization__")) | supervise_q(user, "mission__issuing_body__")
    return RemediationTask.objects.filter(q, pk=task.pk).exists()
