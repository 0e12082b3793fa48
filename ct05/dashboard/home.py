"""What the home page shows: the user's scope and what needs their attention in every app.

The home page sits with the dashboard, above the domain apps, because it reads all of them; each app says
what needs attention in its own records (listed here, explicitly, so the page's cost stays visible in one
place and a renamed function fails at import, not silently)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ct05.access.resolver import roles_of
from ct05.core.attention import Attention
from ct05.cycle.selectors.attention import cycle_attention
from ct05.orgs.selectors.attention import orgs_attention
from ct05.records.selectors.attention import records_attention
from ct05.supervision.selectors.attention import supervision_attention


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
