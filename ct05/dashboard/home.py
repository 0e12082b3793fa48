"""What the home page shows, shaped by what the user's roles see (issue 13): a member's own registration, tasks
from resolutions, next meeting and notifications; the queues of secretaries and offices; a supervisor's
warnings beside the dashboard; the user's scope and what needs their attention in every app.

The home page sits with the dashboard, above the domain apps, because it reads all of them; each app says
what needs attention in its own records (listed here, explicitly, so the page's cost stays visible in one
place and a renamed function fails at import, not silently)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from ct05.access.policy import Record
from ct05.access.resolver import org_scope, record_scope, roles_of
from ct05.core import clock
from ct05.core.attention import Attention
from ct05.core.web.lists import ListFilters
from ct05.cycle.models import Notification, Registration
from ct05.cycle.selectors.attention import cycle_attention
from ct05.cycle.selectors.registrations import RegistrationFilters, own_member, registration_list
from ct05.cycle.selectors.year import notification_list
from ct05.orgs.models import Member, Organization
from ct05.orgs.selectors.attention import orgs_attention
from ct05.records.compliance import PENDING
from ct05.records.models import Meeting, ResolutionItem
from ct05.records.selectors.attention import records_attention
from ct05.records.selectors.meetings import compliance_calendars, meeting_list, resolution_item_list
from ct05.supervision.models import Warning
from ct05.supervision.selectors.attention import supervision_attention
from ct05.supervision.selectors.warnings import WarningFilters, warning_counts, warning_list

# How many of each list the home page shows (each with a link to the whole list).
SHOWN = 5


@dataclass(frozen=True)
class ScopeLine:
    role: str
    organization: Any
    recursive: bool
    valid_until: dt.date | None


def scope_summary(*, user: Any) -> list[ScopeLine]:
    return [
        ScopeLine(a.get_role_display(), a.organization, a.recursive, a.valid_until)
        for a in sorted(roles_of(user), key=lambda a: (a.organization.depth, a.role))
    ]


def attention_items(*, user: Any) -> list[Attention]:
    """Things in the user's scope that need doing, app by app."""
    items = orgs_attention(user=user)
    for provider in (records_attention, cycle_attention, supervision_attention):
        for item in provider(user=user):
            items.append(Attention(str(item.message), int(item.count), str(item.url)))
    return items


# The queues of a wide scope (a province: eight counts over 50,000 members and registrations, ~0.3 s) are
# kept for a while and shown with their time; those of a narrower scope (a secretary, a ward's office) are
# counted for every request.
WIDE_SCOPE_CELLS = 200
KEEP_QUEUES = 120  # seconds


@dataclass(frozen=True)
class Queues:
    items: list[Attention]
    as_of: dt.datetime | None  # when they were counted, if not for this request


def _queues_key(user: Any) -> str:
    """Per user, their roles (a new role counts afresh), their account (a reused id is another key) and the
    language the messages are in: a cached queue never shows what another user's scope holds."""
    roles = sorted((a.role, a.organization_id, a.recursive) for a in roles_of(user))
    ident = f"{user.pk}|{user.date_joined.isoformat()}|{roles}|{get_language()}"
    return "ct05:home-queues:" + hashlib.sha1(ident.encode()).hexdigest()


def queues(*, user: Any) -> Queues:
    """`attention_items`, or, for a scope of more than WIDE_SCOPE_CELLS cells, the same counted less than
    KEEP_QUEUES seconds ago (issue 15)."""
    cells = Organization.objects.filter(org_scope(user).q(), kind__is_cell=True)
    if not cells[WIDE_SCOPE_CELLS : WIDE_SCOPE_CELLS + 1].exists():
        return Queues(attention_items(user=user), None)
    key = _queues_key(user)
    kept = cache.get(key)
    if kept is not None:
        return Queues([Attention(*row) for row in kept["items"]], kept["at"])
    items = attention_items(user=user)
    cache.set(key, {"items": [(a.message, a.count, a.url) for a in items], "at": timezone.now()}, KEEP_QUEUES)
    return Queues(items, None)


@dataclass(frozen=True)
class Due:
    """A meeting the cell still owes in a period not yet over (the compliance calendar's "pending")."""

    label: str
    by: dt.date


@dataclass(frozen=True)
class MemberHome:
    """A member's own corner: this year's registration, their open tasks from the cell's resolutions, the
    cell's next meetings (what its compliance calendar still expects; a meeting is recorded only once held,
    never ahead) and its last one, and their unread notifications."""

    member: Member
    year: int
    registration: Registration | None
    tasks: list[ResolutionItem]
    next_meetings: list[Due]
    last_meeting: Meeting | None
    notifications: list[Notification]


def member_home(*, user: Any, today: dt.date | None = None) -> MemberHome | None:
    me = own_member(user=user)
    if me is None:
        return None
    today = today or clock.today()
    registration = registration_list(user=user, filters=RegistrationFilters(year=today.year)).filter(member=me).first()
    tasks = (
        resolution_item_list(user=user, filters=ListFilters(), today=today)
        .filter(owner=me)
        .exclude(status__in=ResolutionItem.CLOSED)
    )
    calendars = compliance_calendars(user=user, org=me.cell, year=today.year, today=today)
    due = [Due(r.label, s.end) for cal in calendars for r in cal.rows for s in r.slots if s.status == PENDING]
    due.sort(key=lambda d: d.by)
    return MemberHome(
        member=me,
        year=today.year,
        registration=registration,
        tasks=list(tasks[:SHOWN]),
        next_meetings=due[:SHOWN],
        last_meeting=meeting_list(user=user, filters=ListFilters()).filter(cell=me.cell_id).first(),
        notifications=list(notification_list(user=user, unread_only=True)[:SHOWN]),
    )


@dataclass(frozen=True)
class WarningsHome:
    """For those who see the units' warnings: counts by severity and the most severe few."""

    by_severity: list[tuple[int, str, int]]  # level, label, open warnings
    top: list[Warning]


def warnings_home(*, user: Any) -> WarningsHome | None:
    if record_scope(user, Record.WARNING).is_empty:
        return None
    counts = warning_counts(user=user)
    levels = sorted(Warning._meta.get_field("severity").choices or [], key=lambda c: -c[0])
    return WarningsHome(
        by_severity=[(level, str(label), counts.get(level, 0)) for level, label in levels],
        top=list(warning_list(user=user, filters=WarningFilters())[:SHOWN]),
    )


def sees_units(*, user: Any) -> bool:
    """Does the user see some unit's records as a whole (a secretary, an office, a supervisor), not only their
    own (a plain member)? The former get the queues of their units on the home page."""
    return getattr(user, "is_superuser", False) or not record_scope(user, Record.REGISTRATION).is_empty
