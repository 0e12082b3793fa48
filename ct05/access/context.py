"""`sight` in every template: which kinds of record the policy lets the user see, asked lazily, so the
navigation hides what a page would refuse (`{% if sight.warning %}`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ct05.access.policy import Record
from ct05.access.resolver import sees

# A menu entry that leads to several kinds of record: shown when any of them is seen.
GROUPS: dict[str, tuple[Record, ...]] = {
    "supervision": (Record.WARNING, Record.INSPECTION_PLAN, Record.MISSION),
}


class Sight:
    def __init__(self, user: Any) -> None:
        self._user = user
        self._cache: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._cache:
            records = GROUPS.get(name) or (Record(name),)
            self._cache[name] = any(sees(self._user, r) for r in records)
        return self._cache[name]

    def __contains__(self, name: str) -> bool:
        return name in GROUPS or name in Record.__members__.values()


def sight(request: HttpRequest) -> dict[str, Sight]:
    return {"sight": Sight(request.user)}
