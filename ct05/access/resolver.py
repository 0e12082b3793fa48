"""The one access resolver: which organizations, and which members, a user may see or act on.

Every selector, export, report and count goes through `org_scope` / `member_q`. A role assignment covers
its organization and, when recursive, the whole subtree under it (a prefix of `Organization.path`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Q

from ct05.access.models import Role, RoleAssignment
from ct05.access.policy import SUPERVISING_ROLES, Record, Seen, Write, roles_seeing, roles_writing, seen
from ct05.core import clock
from ct05.orgs.models import Organization

Action = Literal["view", "manage", "supervise"]

# Roles that may change the org tree and member records within their scope (the policy's member writes).
MANAGE_ROLES = roles_writing(Write.MEMBER_EDIT)
# Roles that run missions, inspection plans and warning rules for the organizations in their scope.
SUPERVISE_ROLES = SUPERVISING_ROLES
ACTION_ROLES: dict[str, frozenset[Any] | None] = {"view": None, "manage": MANAGE_ROLES, "supervise": SUPERVISE_ROLES}
# Roles that see the members of the organizations in their scope and their records (a member: only
# themselves; their cell's roster, by name and position, comes from the policy's MEMBER_ROSTER row).
MEMBER_VIEW_ROLES = roles_seeing(Record.REGISTRATION)


@dataclass(frozen=True)
class Scope:
    """A set of organizations: whole subtrees (path prefixes) plus single units (ids)."""

    everything: bool = False
    prefixes: tuple[str, ...] = ()
    ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.prefixes and not self.ids

    def q(self, via: str = "") -> Q:
        """A filter on Organization, or on a model reaching it through `via` (e.g. "cell__")."""
        if self.everything:
            return Q()
        if self.is_empty:
            return Q(pk__in=[]) if not via else Q(**{f"{via}pk__in": []})
        q = Q(**{f"{via}pk__in": sorted(self.ids)}) if self.ids else Q()
        for prefix in self.prefixes:
            q |= Q(**{f"{via}path__startswith": prefix})
        return q

    def contains(self, org: Organization) -> bool:
        if self.everything:
            return True
        return org.pk in self.ids or any(org.path.startswith(p) for p in self.prefixes)


def _assignments(user: object, day: dt.date) -> list[RoleAssignment]:
    cache: dict[dt.date, list[RoleAssignment]] = getattr(user, "_ct05_roles", None) or {}
    if day not in cache:
        cache[day] = [
            a for a in RoleAssignment.objects.filter(user=user).select_related("organization") if a.is_valid_on(day)
        ]
        user._ct05_roles = cache  # type: ignore[attr-defined]
    return cache[day]


def _build(assignments: list[RoleAssignment]) -> Scope:
    prefixes: set[str] = set()
    ids: set[int] = set()
    for a in assignments:
        if a.recursive and a.role != Role.MEMBER:
            prefixes.add(a.organization.path)
        else:
            ids.add(a.organization.pk)
    # Drop prefixes inside other prefixes and ids inside prefixes: smaller SQL, same set.
    kept = tuple(sorted(p for p in prefixes if not any(p != o and p.startswith(o) for o in prefixes)))
    paths = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "path")) if ids else {}
    single = frozenset(i for i in ids if not any(paths.get(i, "").startswith(p) for p in kept))
    return Scope(prefixes=kept, ids=single)


def _cached_scope(user: object, roles: frozenset[Any] | None, day: dt.date) -> Scope:
    """The scope of the user's assignments with these roles (None: all), built once per request: a page
    asks for it from the navigation, the selectors and every count, and building it reads the paths."""
    cache: dict[tuple[frozenset[Any] | None, dt.date], Scope] = getattr(user, "_ct05_scopes", None) or {}
    key = (roles, day)
    if key not in cache:
        assignments = [a for a in roles_of(user, day) if roles is None or a.role in roles]
        cache[key] = _build(assignments)
        user._ct05_scopes = cache  # type: ignore[attr-defined]
    return cache[key]


def roles_of(user: object, day: dt.date | None = None) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    return _assignments(user, day or clock.today())


def org_scope(user: object, action: Action = "view", *, day: dt.date | None = None) -> Scope:
    """The organizations `user` may see (action="view"), change (action="manage") or supervise
    (action="supervise": missions, plans, warning rules) on `day`."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope()
    if getattr(user, "is_superuser", False):
        return Scope(everything=True)
    return _cached_scope(user, ACTION_ROLES[action], day or clock.today())


def member_q(user: object, action: Action = "view", *, day: dt.date | None = None) -> Q:
    """A filter on Member: those of organizations in scope for roles that see members, plus oneself."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Q(pk__in=[])
    if getattr(user, "is_superuser", False):
        return Q()
    allowed = MANAGE_ROLES if action == "manage" else MEMBER_VIEW_ROLES
    q = _cached_scope(user, allowed, day or clock.today()).q("cell__")
    if action == "view":
        q |= Q(user=user)
    return q


def _active(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def record_scope(user: object, record: Record, *, day: dt.date | None = None) -> Scope:
    """The organizations whose `record`s the user sees in full: the scope of the roles the policy
    (ct05.access.policy) lets see ALL of that kind of record."""
    if not _active(user):
        return Scope()
    if getattr(user, "is_superuser", False):
        return Scope(everything=True)
    return _cached_scope(user, roles_seeing(record), day or clock.today())


def sees_own(user: object, record: Record, *, day: dt.date | None = None) -> bool:
    """Does one of the user's roles let them see their own `record`s (or all of them)?"""
    if getattr(user, "is_superuser", False) and _active(user):
        return True
    return any(seen(a.role, record) != Seen.NONE for a in roles_of(user, day))


def record_q(user: object, record: Record, *, org_via: str, member_via: str | None = None) -> Q:
    """A filter on a model holding `record`s: those of the organizations in `record_scope` (reached through
    `org_via`, e.g. "organization__"), plus, through `member_via` (e.g. "member__"), those about the user
    when the policy lets them see their own."""
    q = record_scope(user, record).q(org_via)
    if member_via is not None and _active(user) and sees_own(user, record):
        q |= Q(**{f"{member_via}user": user})
    return q


def sees(user: object, record: Record, org: Organization | None = None) -> bool:
    """May the user see `record`s at all (org None: anywhere; else of `org`), own ones included?"""
    scope = record_scope(user, record)
    if org is not None:
        return scope.contains(org)
    return not scope.is_empty or sees_own(user, record)


def may_write(user: object, write: Write, org: Organization, *, day: dt.date | None = None) -> bool:
    """May the user make `write` on `org`: does a role the policy allows for it cover `org`?"""
    if not _active(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return _cached_scope(user, roles_writing(write), day or clock.today()).contains(org)


def write_scope(user: object, write: Write, *, day: dt.date | None = None) -> Scope:
    if not _active(user):
        return Scope()
    if getattr(user, "is_superuser", False):
        return Scope(everything=True)
    return _cached_scope(user, roles_writing(write), day or clock.today())


def sees_member_fields(user: object, member: Any) -> bool:
    """May the user see the member's protected fields (date of birth, card number, ethnicity, contact)?
    Their own always; others' only through a role the policy lets see MEMBER_PERSONAL of the member's cell."""
    if not _active(user):
        return False
    if member.user_id is not None and member.user_id == getattr(user, "pk", None):
        return True
    return record_scope(user, Record.MEMBER_PERSONAL).contains(member.cell)
