"""`sight` in every template: which kinds of record the policy lets the user see, asked lazily, so the
navigation hides what a page would refuse or show empty (`{% if sight.warning %}`; issue 13: the menu is
shaped by the same policy as the pages, not by a second list of roles)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ct05.access.policy import Record
from ct05.access.resolver import record_scope, sees

# A menu entry that leads to several kinds of record: shown when any of them is seen.
GROUPS: dict[str, tuple[Record, ...]] = {
    "supervision": (Record.WARNING, Record.INSPECTION_PLAN, Record.MISSION),
    "books": (
        Record.DOCUMENT,
        Record.ACTIVITY,
        Record.GOOD_DEED,
        Record.EXEMPLARY_MODEL,
        Record.COMMENDATION,
        Record.CRITICISM,
    ),
}
# A menu entry about the units' records as a whole: shown only when the user sees all of that kind of record
# in some unit, not merely their own (a plain member sees their registration, not the members' list).
UNITS: dict[str, Record] = {
    "members": Record.REGISTRATION,  # the resolver's member-viewing roles (MEMBER_VIEW_ROLES)
    "units": Record.INDICATOR,  # the org tree and each unit's page carry its figures
}


class Sight:
    def __init__(self, user: Any) -> None:
        self._user = user
        self._cache: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._cache:
            if name in UNITS:
                self._cache[name] = not record_scope(self._user, UNITS[name]).is_empty
            else:
                records = GROUPS.get(name) or (Record(name),)
                self._cache[name] = any(sees(self._user, r) for r in records)
        return self._cache[name]

    def __contains__(self, name: str) -> bool:
        return name in GROUPS or name in UNITS or name in Record.__members__.values()


def sight(request: HttpRequest) -> dict[str, Sight]:
    return {"sight": Sight(request.user)}
