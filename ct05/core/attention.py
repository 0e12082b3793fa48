"""One line of the home page's "needs your attention" list, as each app reports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attention:
    message: str
    count: int
    url: str
