"""Read replica (issue 15, item 2): dashboards, reports and exports read from `DATABASE_REPLICA_URL`.

Django's database routers see a model, never a request, so the choice is made per request by
`ReplicaMiddleware` and handed to `ReplicaRouter` through a context variable:

- only GET/HEAD requests to the views in `replica_view` read from the replica; everything else, and every
  write anywhere, uses the primary ("default");
- after any POST (or PUT, PATCH, DELETE) the browser gets a short-lived `ct05_primary` cookie: for
  `DATABASE_REPLICA_PIN_SECONDS` that person reads only from the primary, so the page they open right after
  saving shows what they saved even when the replica lags;
- a page served from the replica says how fresh its figures are ("as of", `replica_as_of`).

The replica is PostgreSQL only: settings refuse `DATABASE_REPLICA_URL` on SQLite, which has no streaming
replica (ct05/env.py, `parse_replica_url`). The test settings declare a "replica" alias that mirrors the
test database (TEST MIRROR) with routing off; tests/core/test_dbrouter.py turns it on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "ct05_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})

# Heavy reads that tolerate a second of lag. Every export (a view name ending in "export") is one too.
REPLICA_VIEWS = frozenset(
    {
        "dashboard:home",
        "dashboard:org",
        "dashboard:report",
        "supervision:mission_report",
    }
)

_reads: ContextVar[str | None] = ContextVar("ct05_read_alias", default=None)


def replica_enabled() -> bool:
    return bool(getattr(settings, "REPLICA_READS", False)) and REPLICA in settings.DATABASES


def replica_view(view_name: str) -> bool:
    return view_name in REPLICA_VIEWS or view_name.endswith(("_export", ":export"))


@contextmanager
def reads_from(alias: str) -> Iterator[None]:
    """Send the reads made inside the block to `alias` (writes still go to the primary)."""
    token = _reads.set(alias)
    try:
        yield
    finally:
        _reads.reset(token)


class ReplicaRouter:
    """Reads go where the current request chose (the primary unless told otherwise); writes to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        return _reads.get()

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # Both aliases hold the same rows: an object read from the replica may point to one from the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        return False if db == REPLICA else None  # the replica replays the primary's migrations


def replica_as_of(alias: str = REPLICA) -> dt.datetime | None:
    """The moment the replica's data is current as of; None when the replica cannot say (nothing replayed yet).

    A replica that has replayed everything it received is current now; one still replaying is as of its last
    replayed transaction (pg_last_xact_replay_timestamp). A server that is not in recovery is a primary.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return timezone.now()  # only a test mirror of the same database gets here (settings refuse SQLite)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
            "THEN now() ELSE pg_last_xact_replay_timestamp() END"
        )
        (value,) = cursor.fetchone()
    return value


class ReplicaRead:
    """What a page served from the replica shows: its "as of", asked of the replica only when displayed."""

    @cached_property
    def as_of(self) -> dt.datetime | None:
        return replica_as_of(REPLICA)


def replica(request: HttpRequest) -> dict[str, object]:
    """Template context processor: `replica` is set on pages whose reads came from the replica."""
    return {"replica": getattr(request, "replica_read", None)}


class ReplicaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _reads.reset(token)
                request._replica_token = None  # type: ignore[attr-defined]
        if request.method not in SAFE_METHODS and replica_enabled():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        match = request.resolver_match
        if (
            replica_enabled()
            and request.method in SAFE_METHODS
            and PIN_COOKIE not in request.COOKIES
            and match is not None
            and replica_view(match.view_name)
        ):
            request._replica_token = _reads.set(REPLICA)  # type: ignore[attr-defined]
            request.replica_read = ReplicaRead()  # type: ignore[attr-defined]
