"""Who may do what with missions, on top of the one resolver (ct05.access.resolver).

- Units and their records: `org_scope` as everywhere. A mission member sees the mission's units because the
  mission gave them a MISSION_MEMBER role assignment valid for the mission's period (services/missions.py).
- Missions: those issued by an organization the user supervises (province admin, supervisor or committee
  officer over it), plus — while the mission runs — the missions the user is a member of.
- Writing a mission's findings: its supervisors and, while it runs, its members.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import Http404

from ct05.access.resolver import org_scope
from ct05.orgs.models import Organization
from ct05.supervision.models import Mission


def supervises(user: Any, org: Organization) -> bool:
    """May the user run missions, plans and rules for `org` (and see its warnings)?"""
    return org_scope(user, "supervise").contains(org)


def supervise_q(user: Any, via: str = "") -> Q:
    """A filter on Organization (or on a model reaching it through `via`) for the units the user supervises."""
    return org_scope(user, "supervise").q(via)


def running_membership_q(user: Any, today: dt.date) -> Q:
    """Missions the user belongs to and that run today (the same window as the access they grant)."""
    return Q(members__user=user, start_date__lte=today, end_date__gte=today) & (
        Q(completed_on__isnull=True) | Q(completed_on__gte=today)
    )


def mission_q(user: Any, today: dt.date) -> Q:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Q(pk__in=[])
    return supervise_q(user, "issuing_body__") | running_membership_q(user, today)


def mission_get(*, user: Any, pk: int, today: dt.date) -> Mission:
    """The mission, or 404 when the user may not see it (as if it did not exist)."""
    ids = Mission.objects.filter(mission_q(user, today)).values("pk")
    try:
        return Mission.objects.select_related("issuing_body").get(pk=pk, pk__in=ids)
    except Mission.DoesNotExist:
        raise Http404 from None


def may_manage_mission(user: Any, mission: Mission) -> bool:
    """Settings, members, units, conclusion, report: the supervisors of the issuing body."""
    return supervises(user, mission.issuing_body)


def may_work_on(user: Any, mission: Mission, today: dt.date) -> bool:
    """Findings and requests: the supervisors, and the mission's members while it runs."""
    if may_manage_mission(user, mission):
        return True
    return Mission.objects.filter(running_membership_q(user, today), pk=mission.pk).exists()
