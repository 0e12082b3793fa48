"""Reads of warnings: open ones in the user's scope, filtered and sorted; the last evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from ct05.access.policy import Record
from ct05.access.resolver import record_scope
from ct05.core.text import fold
from ct05.orgs.models import Organization
from ct05.supervision.models import EvaluationRun, Warning

SORTS = {
    "muc-do": ["-severity", "organization__path", "code"],
    "don-vi": ["organization__path", "-severity", "code"],
    "moi-nhat": ["-first_seen", "-severity", "organization__path"],
    "lau-nhat": ["first_seen", "-severity", "organization__path"],
}


@dataclass(frozen=True)
class WarningFilters:
    org: Organization | None = None
    code: str = ""
    severity: int | None = None
    query: str = ""
    sort: str = "muc-do"


def warning_list(*, user: Any, filters: WarningFilters) -> QuerySet[Warning]:
    """Open warnings of the organizations whose warnings the policy lets the user see (a plain member: none,
    they name cell-mates); the subtree of `filters.org` when given."""
    qs = Warning.objects.filter(
        record_scope(user, Record.WARNING).q("organization__"), resolved_on__isnull=True
    ).select_related("organization", "organization__kind", "rule")
    if filters.org is not None:
        qs = qs.filter(organization__path__startswith=filters.org.path)
    if filters.code:
        qs = qs.filter(code=filters.code)
    if filters.severity:
        qs = qs.filter(severity=filters.severity)
    for word in fold(filters.query).split()[:8]:
        qs = qs.filter(organization__search_text__contains=word)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["muc-do"]), "id")


def warning_counts(*, user: Any, org: Organization | None = None) -> dict[int, int]:
    """Open warnings by severity, in scope."""
    qs = Warning.objects.filter(record_scope(user, Record.WARNING).q("organization__"), resolved_on__isnull=True)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    return {r["severity"]: r["n"] for r in qs.values("severity").annotate(n=Count("pk"))}


def last_run(*, user: Any) -> EvaluationRun | None:
    """The last evaluation that covered the whole tree, or a subtree the user may see."""
    scope = record_scope(user, Record.WARNING)
    if scope.is_empty:
        return None
    runs = EvaluationRun.objects.filter(finished_at__isnull=False).select_related("organization")
    return runs.filter(Q(organization__isnull=True) | scope.q("organization__")).first()


def open_warnings_under(*, orgs: list[Organization]) -> dict[int, list[Warning]]:
    """Internal (no user): the open warnings in each organization's subtree, for proposals and suggestions
    made by a user who already may see those organizations."""
    out: dict[int, list[Warning]] = {o.pk: [] for o in orgs}
    if not orgs:
        return out
    q = Q()
    for o in orgs:
        q |= Q(organization__path__startswith=o.path)
    for w in Warning.objects.filter(q, resolved_on__isnull=True).select_related("organization"):
        for o in orgs:
            if w.organization.path.startswith(o.path):
                out[o.pk].append(w)
    return out
