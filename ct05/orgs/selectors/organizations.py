"""Reads of the org tree and the member register. Every function takes the acting user and returns only
what the access resolver lets that user see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from ct05.access.models import Role, RoleAssignment
from ct05.access.resolver import Action, member_q, org_scope
from ct05.core import clock
from ct05.core.text import fold
from ct05.orgs.models import Member, Organization, OrgEvent


def organization_list(
    *, user: Any, query: str = "", kind: str = "", include_closed: bool = False, action: Action = "view"
) -> QuerySet[Organization]:
    qs = Organization.objects.filter(org_scope(user, action).q()).select_related("kind", "sector", "parent")
    if query:
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
    if kind:
        qs = qs.filter(kind__code=kind)
    if not include_closed:
        qs = qs.not_closed_on(clock.today())
    return qs


def organization_get(*, user: Any, pk: int, action: Action = "view") -> Organization:
    """The organization, or 404 when it is outside the user's scope (as if it did not exist)."""
    try:
        return Organization.objects.select_related("kind", "sector", "parent").get(org_scope(user, action).q(), pk=pk)
    except Organization.DoesNotExist:
        raise Http404 from None


def organization_roots(*, user: Any) -> list[Organization]:
    """The top organizations of the user's scope: those whose parent the user cannot see."""
    scope = org_scope(user)
    if scope.everything:
        return list(Organization.objects.filter(parent__isnull=True).select_related("kind"))
    ids = set(scope.ids)
    ids |= {int(p.strip("/").split("/")[-1]) for p in scope.prefixes}
    orgs = Organization.objects.filter(pk__in=ids).select_related("kind").order_by("path")
    return [o for o in orgs if not any(o.path != x.path and o.path.startswith(x.path) for x in orgs)]


def organization_children(*, user: Any, org: Organization) -> QuerySet[Organization]:
    return (
        Organization.objects.filter(org_scope(user).q(), parent=org)
        .select_related("kind", "sector")
        .annotate(n_children=Count("children", distinct=True))
        .order_by("active_to", "kind__level", "name")
    )


@dataclass(frozen=True)
class OrgFigures:
    sub_units: int
    cells: int
    members: int
    women: int
    key_leaders: int
    exempt: int


def organization_figures(*, user: Any, org: Organization) -> OrgFigures:
    subtree = Organization.objects.filter(org_scope(user).q(), path__startswith=org.path)
    members = Member.objects.filter(member_q(user), cell__path__startswith=org.path, status=Member.Status.ACTIVE)
    agg = members.aggregate(
        n=Count("id"),
        women=Count("id", filter=Q(gender=Member.Gender.FEMALE)),
        key=Count("id", filter=Q(is_key_leader=True)),
        exempt=Count("id", filter=Q(is_exempt=True)),
    )
    active = subtree.not_closed_on(clock.today())
    return OrgFigures(
        sub_units=active.exclude(pk=org.pk).count(),
        cells=active.filter(kind__is_cell=True).count(),
        members=agg["n"],
        women=agg["women"],
        key_leaders=agg["key"],
        exempt=agg["exempt"],
    )


def organization_history(*, user: Any, org: Organization) -> QuerySet[OrgEvent]:
    organization_get(user=user, pk=org.pk)
    return org.events.select_related("related").order_by("-date", "-id")


def temporary_access_list(*, user: Any, org: Organization) -> QuerySet[RoleAssignment]:
    """Who has temporary access to `org` through a mission, now or later (the unit sees who may look at
    its records, issue 12): mission-member assignments on the unit or, recursive, on one above it."""
    organization_get(user=user, pk=org.pk)
    above = [int(s) for s in org.path.strip("/").split("/") if s]
    return (
        RoleAssignment.objects.filter(role=Role.MISSION_MEMBER, valid_until__gte=clock.today())
        .filter(Q(organization=org) | Q(organization_id__in=above, recursive=True))
        .select_related("user", "organization")
        .order_by("valid_until", "id")
    )
